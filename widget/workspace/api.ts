/** The REST API with the signed-in agent's token; 401 signs out. */
export interface ApiResult<T = any> {
  ok: boolean;
  status: number;
  body: T;
}

let token: string | null = null;
let onSignedOut: () => void = () => undefined;

export function useToken(value: string | null, signedOut: () => void) {
  token = value;
  onSignedOut = signedOut;
}

export async function api<T = any>(path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<T>> {
  const res = await fetch(`/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (res.status === 401) onSignedOut();
  const type = res.headers.get("content-type") ?? "";
  const body = type.includes("json") ? await res.json() : type.includes("pdf") ? await res.blob() : await res.text();
  return { ok: res.ok, status: res.status, body };
}

/** Every page of a list endpoint. */
export async function all<T>(path: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const res: ApiResult<{ data: T[]; nextCursor: string | null }> = await api(`${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    if (!res.ok) break;
    out.push(...res.body.data);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

/** Saves text or a file from the API (a PDF arrives as a Blob) as a file the browser downloads. */
export function download(name: string, content: string | Blob, type: string) {
  const url = URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
