import { defineConfig } from "prisma/config";

// The CLI is only used offline for `generate` and schema-to-schema `migrate diff`;
// migrations are applied by the project's own runner (api/db/migrate.ts).
// The schema's datasource reads DATABASE_URL; the CLI needs a value to parse it and,
// without one, falls back to downloading a query engine (unreachable offline).
process.env.DATABASE_URL ??= "postgresql://localhost/unused";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: async () => {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    // Typed against an older driver-adapter-utils than Prisma 6.19; same runtime interface.
    return new PrismaPGlite(new PGlite()) as never;
  },
});
