export interface ShortcutActions {
  claim: () => void;
  resolve: () => void;
  /** Opens the next waiting conversation. */
  next: () => void;
  /** Moves the selection up (-1) or down (+1) the list. */
  move: (by: number) => void;
  /** Puts the caret in the reply box. */
  reply: () => void;
}

/**
 * Triage from the keyboard. Alt+letter works while typing too (it types nothing in a text
 * box on Windows and Linux, and `code` ignores the macOS Option characters); "/" goes to the
 * reply box only when the focus is not already in a field.
 */
export function shortcuts(actions: ShortcutActions) {
  document.addEventListener("keydown", (e) => {
    const inField = e.target instanceof HTMLElement && (e.target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(e.target.tagName));
    if (e.key === "/" && !inField && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      return actions.reply();
    }
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    const run = { KeyC: actions.claim, KeyR: actions.resolve, KeyN: actions.next, KeyJ: () => actions.move(1), KeyK: () => actions.move(-1) }[e.code];
    if (!run) return;
    e.preventDefault();
    run();
  });
}
