/**
 * Icons as inline SVG (stroke paths drawn with currentColor), so that nothing depends on an
 * emoji font being installed and every icon takes the text colour and the contrast with it.
 * Icons are decoration: the control around them carries the accessible name.
 */
const PATHS = {
  check: "M4 12l5 5L20 6",
  thumbsUp: "M7 10v10H4V10h3zm0 0l4-7c1.5 0 2.5 1 2.5 2.5V9h5a2 2 0 012 2.3l-1.2 7A2 2 0 0117.3 20H7",
  thumbsDown: "M7 14V4H4v10h3zm0 0l4 7c1.5 0 2.5-1 2.5-2.5V15h5a2 2 0 002-2.3l-1.2-7A2 2 0 0017.3 4H7",
  star: "M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1L3.2 9.5l6.1-.9z",
  chat: "M4 5h16v11H9l-5 4z",
  close: "M6 6l12 12M18 6L6 18",
  send: "M4 12l16-8-6 16-2-7z",
} as const;

export type IconName = keyof typeof PATHS;

const SVG = "http://www.w3.org/2000/svg";

export function icon(name: IconName, options: { size?: number; filled?: boolean } = {}): SVGSVGElement {
  const size = String(options.size ?? 16);
  const svg = document.createElementNS(SVG, "svg");
  for (const [k, v] of Object.entries({ viewBox: "0 0 24 24", width: size, height: size, "aria-hidden": "true", focusable: "false", class: `icon icon-${name}` })) svg.setAttribute(k, v);
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", PATHS[name]);
  path.setAttribute("fill", options.filled ? "currentColor" : "none");
  path.setAttribute("stroke", "currentColor");
  path.setAttribute("stroke-width", "2");
  path.setAttribute("stroke-linecap", "round");
  path.setAttribute("stroke-linejoin", "round");
  svg.append(path);
  return svg;
}
