#!/usr/bin/env node
// Derives one Prisma schema per database provider from the canonical prisma/models.prisma.
// A Prisma schema has exactly one provider, so SQLite and PostgreSQL each get their own
// schema file, generated client and migrations folder; the models are identical.
//   node scripts/db-schemas.mjs          write the derived schemas
//   node scripts/db-schemas.mjs --check  exit 1 when a derived schema is out of date
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const PROVIDERS = { sqlite: "sqlite", postgres: "postgresql" };

export function derivedSchema(provider) {
  const models = readFileSync(join(root, "prisma", "models.prisma"), "utf8");
  return `// GENERATED from prisma/models.prisma by scripts/db-schemas.mjs: do not edit.

generator client {
  provider        = "prisma-client"
  output          = "../../src/generated/${provider}"
  engineType      = "client"
  previewFeatures = ["queryCompiler", "driverAdapters"]
  moduleFormat    = "esm"
  importFileExtension = "js"
}

datasource db {
  provider = "${PROVIDERS[provider]}"
  // Unused at run time (the app connects through a driver adapter), but Prisma 6
  // requires a url in the datasource block.
  url      = "${provider === "sqlite" ? "file:./unused.db" : "postgresql://unused"}"
}

${models}`;
}

const check = process.argv.includes("--check");
let stale = false;
for (const provider of Object.keys(PROVIDERS)) {
  const file = join(root, "prisma", provider, "schema.prisma");
  const want = derivedSchema(provider);
  const have = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (have === want) continue;
  if (check) {
    console.error(`${file} is out of date: run npm run db:schemas`);
    stale = true;
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, want);
    console.log(`wrote ${file}`);
  }
}
process.exit(stale ? 1 : 0);
