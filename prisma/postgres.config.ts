// Prisma CLI configuration for the PostgreSQL schema (generate, migrate diff).
// engine "js" + a driver adapter keeps the CLI offline: no engine binaries are downloaded.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("postgres", "schema.prisma"),
  migrations: { path: path.join("postgres", "migrations") },
  adapter: async () => {
    // Discrete fields, not a connectionString (see STACK.md).
    const url = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test");
    return new PrismaPg({
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username || "postgres"),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1) || "postgres",
    });
  },
});
