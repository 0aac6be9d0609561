import { invalid } from "../../errors.ts";

/** Opaque list cursors: the id of the last row seen, encoded so clients do not build them. */
export function encodeCursor(id: string): string {
  return Buffer.from(id, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^[0-9a-f-]{36}$/.test(id)) throw invalid("request:bad_cursor", "The cursor is not one this API issued.");
  return id;
}

/** Prisma arguments for keyset paging by id, fetching one extra row to know if more exist. */
export function pageArgs(limit: number, cursor: string | undefined) {
  const after = decodeCursor(cursor);
  return { take: limit + 1, ...(after ? { cursor: { id: after }, skip: 1 } : {}) };
}

export function toPage<T extends { id: string }, R>(rows: T[], limit: number, map: (row: T) => R) {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return { data: page.map(map), nextCursor: more && last ? encodeCursor(last.id) : null };
}
