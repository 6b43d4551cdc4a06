import type { Db } from "../client.js";
import { directSql } from "../direct-sql.js";
import type { Keyring } from "../../domain/crypto.js";

/**
 * Key-value store for grammY sessions. Keys arrive already hashed (never a raw chat id)
 * and values are encrypted, because a flow in progress holds what the user typed.
 */
export interface KeyValueStore<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

/** An encrypted JSON state, or undefined when unreadable (e.g. its key was rotated away): the flow starts afresh rather than failing every update. */
export function decryptState<T>(keyring: Keyring, value: string): T | undefined {
  try {
    return JSON.parse(keyring.decryptText(value)) as T;
  } catch {
    return undefined;
  }
}

/** The row key of a state of this namespace (what the store reads and writes). */
export function botStateRowKey(namespace: string, key: string): string {
  return `${namespace}:${key}`;
}

// The statements Prisma's upsert and deleteMany send (updatedAt as @updatedAt sets it), on the
// direct path (db/direct-sql.ts): a survey's first and last press write the session.
const UPSERT_STATE = `
  INSERT INTO "BotState" ("key", "value", "updatedAt") VALUES (?, ?, ?)
  ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "updatedAt" = excluded."updatedAt"`;
const DELETE_STATE = `DELETE FROM "BotState" WHERE "key" = ?`;

export function botStateStore<T>(db: Db, keyring: Keyring, namespace: string): KeyValueStore<T> {
  const k = (key: string) => botStateRowKey(namespace, key);
  const direct = directSql(db);
  return {
    async read(key) {
      const row = await db.botState.findUnique({ where: { key: k(key) } });
      return row ? decryptState<T>(keyring, row.value) : undefined;
    },
    async write(key, value) {
      const enc = keyring.encrypt(JSON.stringify(value));
      if (direct) await direct.execute(UPSERT_STATE, [k(key), enc, new Date()], ["string", "string", "datetime"]);
      else await db.botState.upsert({ where: { key: k(key) }, create: { key: k(key), value: enc }, update: { value: enc } });
    },
    async delete(key) {
      if (direct) await direct.execute(DELETE_STATE, [k(key)], ["string"]);
      else await db.botState.deleteMany({ where: { key: k(key) } });
    },
  };
}

/** Deletes every state not written since `cutoff` (abandoned sessions); how many went. */
export async function deleteBotStateOlderThan(db: Db, cutoff: Date): Promise<number> {
  const { count } = await db.botState.deleteMany({ where: { updatedAt: { lt: cutoff } } });
  return count;
}
