/** Small SVG charts drawn from numbers only (labels go in as text nodes). */
const NS = "http://www.w3.org/2000/svg";

function svg(tag: string, attrs: Record<string, string | number>, text?: string) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Vertical bars over time, with the label of every few bars underneath. */
export function barChart(points: { label: string; value: number }[], options: { title: string; color: string; format?: (v: number) => string }) {
  const width = 560;
  const height = 180;
  const pad = 28;
  const max = Math.max(1, ...points.map((p) => p.value));
  const root = svg("svg", { viewBox: `0 0 ${width} ${height + pad}`, role: "img", "aria-label": options.title, class: "chart" });
  const step = points.length ? (width - pad) / points.length : 0;
  points.forEach((p, i) => {
    const h = (p.value / max) * (height - 20);
    const bar = svg("rect", { x: pad + i * step + 2, y: height - h, width: Math.max(2, step - 4), height: h, fill: options.color, rx: 2 });
    bar.append(svg("title", {}, `${p.label}: ${options.format ? options.format(p.value) : p.value}`));
    root.append(bar);
    if (points.length <= 8 || i % Math.ceil(points.length / 8) === 0) root.append(svg("text", { x: pad + i * step + step / 2, y: height + 16, "text-anchor": "middle", "font-size": 11, fill: "#475569" }, p.label.slice(5)));
  });
  root.append(svg("text", { x: 0, y: 12, "font-size": 11, fill: "#475569" }, options.format ? options.format(max) : String(max)));
  root.append(svg("line", { x1: pad, x2: width, y1: height, y2: height, stroke: "#cbd5e1" }));
  return root;
}

/** Horizontal bars for rankings (intents, products). */
export function rankChart(rows: { label: string; value: number }[], options: { title: string; color: string; format?: (v: number) => string }) {
  const width = 560;
  const row = 24;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const root = svg("svg", { viewBox: `0 0 ${width} ${Math.max(row, rows.length * row)}`, role: "img", "aria-label": options.title, class: "chart" });
  rows.forEach((r, i) => {
    const w = (r.value / max) * (width - 220);
    root.append(svg("text", { x: 0, y: i * row + 16, "font-size": 12, fill: "#0f172a" }, r.label.slice(0, 28)));
    root.append(svg("rect", { x: 180, y: i * row + 5, width: Math.max(2, w), height: 14, fill: options.color, rx: 3 }));
    root.append(svg("text", { x: 186 + w, y: i * row + 16, "font-size": 12, fill: "#475569" }, options.format ? options.format(r.value) : String(r.value)));
  });
  return root;
}
