import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";

/** Another live process (or this one) has the embedded database folder open. */
export class DataDirLockedError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(
      `The data folder ${dir} is in use by process ${pid}. PGlite is one process at a time: two processes on one folder ` +
        "lose acknowledged writes and can leave it unstartable. Stop the other process (npm start, npm run admin, npm run db:migrate) " +
        "or point DATA_DIR elsewhere; use DATABASE_URL (PostgreSQL) to run several processes.",
    );
    this.name = "DataDirLockedError";
  }
}

/**
 * Takes the exclusive lock of a PGlite folder: a `<dir>.lock` file created with O_EXCL that
 * holds our pid. A lock whose pid is no longer alive (a crash, kill -9) is stale and taken
 * over. Returns the release function (also run when the process exits).
 */
export function lockDataDir(dir: string): () => void {
  const file = `${dir}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        try {
          if (readFileSync(file, "utf8").trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number(readText(file));
    if (Number.isInteger(holder) && holder > 0 && alive(holder)) throw new DataDirLockedError(dir, holder);
    // Stale (its process is gone) or half-written: remove it and try again.
    try {
      unlinkSync(file);
    } catch {
      // Another process removed it first; the next attempt decides.
    }
  }
  throw new DataDirLockedError(dir, Number(readText(file)) || 0);
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return "";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; still alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
