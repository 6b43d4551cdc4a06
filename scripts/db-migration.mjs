#!/usr/bin/env node
// Writes a new migration for BOTH providers from the change in prisma/models.prisma since
// the last migration. Prisma computes the SQL offline (`migrate diff`, JS schema engine);
// src/db/migrate.ts applies it. Each provider keeps a snapshot of the schema it has
// migrated to (migrations/schema.snapshot.prisma), so no database or shadow database is
// needed to produce a migration.
//   node scripts/db-migration.mjs <name>   write prisma/<provider>/migrations/<stamp>_<name>/
//   node scripts/db-migration.mjs --check  exit 1 when models.prisma has unmigrated changes
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync, copyFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const prismaBin = join(root, "node_modules", "prisma", "build", "index.js");
const check = process.argv.includes("--check");
const name = process.argv.slice(2).find((a) => !a.startsWith("--"));
if (!check && !/^[a-z0-9_]+$/.test(name ?? "")) {
  console.error("usage: node scripts/db-migration.mjs <name_in_snake_case> | --check");
  process.exit(2);
}

function diff(provider) {
  const dir = join(root, "prisma", provider);
  const snapshot = join(dir, "migrations", "schema.snapshot.prisma");
  const from = existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
  const sql = execFileSync(
    process.execPath,
    [prismaBin, "migrate", "diff", "--config", join(root, "prisma", `${provider}.config.ts`),
      ...from, "--to-schema-datamodel", join(dir, "schema.prisma"), "--script"],
    {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      // The CLI builds the configured adapter even for a datamodel-to-datamodel diff;
      // point SQLite at memory so no data directory is needed.
      env: { ...process.env, ...(provider === "sqlite" ? { DATABASE_URL: ":memory:" } : {}) },
    },
  );
  return { dir, snapshot, sql };
}

let pending = false;
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
for (const provider of ["sqlite", "postgres"]) {
  const { dir, snapshot, sql } = diff(provider);
  const empty = !/\b(CREATE|ALTER|DROP|INSERT|UPDATE|PRAGMA)\b/i.test(sql);
  if (empty) continue;
  if (check) {
    console.error(`prisma/${provider}: models.prisma has changes without a migration; run npm run db:migration -- <name>`);
    pending = true;
    continue;
  }
  const target = join(dir, "migrations", `${stamp}_${name}`);
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, "migration.sql"), sql);
  copyFileSync(join(dir, "schema.prisma"), snapshot);
  console.log(`wrote ${target}/migration.sql`);
}
if (!check && !pending) console.log("done");
process.exit(pending ? 1 : 0);
