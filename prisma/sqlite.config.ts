// Prisma CLI configuration for the SQLite schema (generate, migrate diff).
// engine "js" + a driver adapter keeps the CLI offline: no engine binaries are downloaded.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("sqlite", "schema.prisma"),
  migrations: { path: path.join("sqlite", "migrations") },
  adapter: async () =>
    new PrismaBetterSQLite3({ url: (process.env.DATABASE_URL ?? "file:./data/adal.db").replace(/^file:/, "") }),
});
