// `npm start`: plain node on the built server in production (`npm run build` first), the
// TypeScript sources through tsx (a dev dependency) otherwise. `npm run worker` and
// `npm run admin` go through here too, with the entry's name as the first argument.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = process.argv[2] ?? "main";
const built = fileURLToPath(new URL(`../dist/server/${entry}.js`, import.meta.url));
if (process.env.NODE_ENV === "production") {
  if (!existsSync(built)) {
    process.stderr.write(`NODE_ENV=production runs the built server, and ${built} is missing: run \`npm run build\` first.\n`);
    process.exit(1);
  }
  process.argv.splice(2, 1);
  await import(built);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  process.argv.splice(2, 1);
  const sources = { main: "main.ts", worker: "worker.ts", admin: "cli/admin.ts", migrate: "db/migrate.cli.ts" };
  await import(fileURLToPath(new URL(`./${sources[entry] ?? `${entry}.ts`}`, import.meta.url)));
}
