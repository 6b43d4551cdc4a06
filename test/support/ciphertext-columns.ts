// Key rotation re-encrypts the columns listed in ENCRYPTED_COLUMNS; a column written with
// Keyring.encrypt but missing there would stay under the old key. This finds every column
// that holds a ciphertext in a database a test has filled, so that the list cannot fall behind.
import type { Database } from "../../src/db/client.js";

const CIPHERTEXT = /^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/;

export async function columnsHoldingCiphertext(db: Database): Promise<string[]> {
  const p = db.prisma;
  const tables = (
    db.provider === "sqlite"
      ? await p.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'`)
      : await p.$queryRawUnsafe<{ name: string }[]>(`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\\_%'`)
  ).map((t) => t.name);
  const found = new Set<string>();
  for (const table of tables) {
    const rows = await p.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
    for (const row of rows) for (const [column, value] of Object.entries(row)) if (typeof value === "string" && CIPHERTEXT.test(value)) found.add(`${table}.${column}`);
  }
  return [...found].sort();
}
