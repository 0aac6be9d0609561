/** Appends the children that are there (optional parts of a section are null when a role may not use them). */
export function append(parent: Element, ...children: (Node | string | null | undefined | false)[]) {
  for (const child of children) if (child !== null && child !== undefined && child !== false) parent.append(child);
}
