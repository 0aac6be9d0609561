import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirLockedError } from "../../api/db/data-dir-lock.ts";
import { openDatabase } from "../../api/db/database.ts";

/**
 * Red team: two processes opened the same DATA_DIR (20 acknowledged writes lost), after which
 * the folder would not start (`RuntimeError: Aborted()`). The second opener must be refused.
 */
describe("the embedded data folder is one process at a time", () => {
  it("refuses a second opener while the first holds the folder, and frees it on close", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "datadir-")), "pglite");
    const first = openDatabase({ dataDir: dir });
    await first.ping();
    expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    expect(() => openDatabase({ dataDir: dir })).toThrow(DataDirLockedError);
    expect(() => openDatabase({ dataDir: dir })).toThrow(/in use by process \d+/);
    await first.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    const again = openDatabase({ dataDir: dir });
    await again.ping();
    await again.close();
  });

  it("refuses while another live process holds the lock, and takes over a stale lock of a dead one", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "datadir-")), "pglite");
    const other = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      writeFileSync(`${dir}.lock`, String(other.pid));
      expect(() => openDatabase({ dataDir: dir })).toThrow(new RegExp(`process ${other.pid}`));
    } finally {
      other.kill();
    }
    const dead = spawnSync("true").pid;
    writeFileSync(`${dir}.lock`, String(dead));
    const db = openDatabase({ dataDir: dir });
    await db.ping();
    expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    await db.close();
  });
});
