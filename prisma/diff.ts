import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, readdirSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * `npm run db:diff -- NAME [--from OLD.prisma]`: writes prisma/migrations/<stamp>_NAME/migration.sql
 * as the schema diff from OLD (default: prisma/schema.prisma at git HEAD, or empty for the
 * first migration) to the working prisma/schema.prisma. `prisma migrate dev` needs a shadow
 * database, which PGlite cannot provide; a pure schema diff works offline.
 */
const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith("--"));
const fromIndex = args.indexOf("--from");
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write("usage: npm run db:diff -- migration_name [--from OLD.prisma]\n");
  process.exit(2);
}
const migrationsDir = path.resolve("prisma/migrations");
const hasMigrations = existsSync(migrationsDir) && readdirSync(migrationsDir).length > 0;
let from: string[];
if (fromIndex >= 0 && args[fromIndex + 1]) {
  from = ["--from-schema-datamodel", args[fromIndex + 1]!];
} else if (!hasMigrations) {
  from = ["--from-empty"];
} else {
  const old = path.join(mkdtempSync(path.join(tmpdir(), "diff-")), "schema.prisma");
  writeFileSync(old, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"]));
  from = ["--from-schema-datamodel", old];
}
const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (!/\S/.test(sql.replace(/^--.*$/gm, ""))) {
  process.stdout.write("No schema changes.\n");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
process.stdout.write(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql\n`);
