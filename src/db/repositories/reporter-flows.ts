import type { Db } from "../client.js";
import type { Keyring } from "../../domain/crypto.js";
import { decryptState, type KeyValueStore } from "./bot-state.js";

/**
 * Reporters' flows in progress (ReporterFlow): encrypted values under a keyed hash of the
 * chat id. The table has no timestamp column, so a row cannot be matched by time to a
 * session, an audit entry or a backup; the expiry lives inside the encrypted value.
 */
export interface ReporterFlowStore<T> extends KeyValueStore<T> {
  keys(): Promise<string[]>;
}

/** The key of a chat's flow: not the session's key, so the two rows do not pair up. */
export function reporterFlowKey(keyring: Keyring, chatId: number): string {
  return keyring.hash("chat-key", `reporter-flow:${chatId}`);
}

export function reporterFlowStore<T>(db: Db, keyring: Keyring): ReporterFlowStore<T> {
  return {
    async read(key) {
      const row = await db.reporterFlow.findUnique({ where: { key } });
      return row ? decryptState<T>(keyring, row.value) : undefined;
    },
    async write(key, value) {
      const enc = keyring.encrypt(JSON.stringify(value));
      await db.reporterFlow.upsert({ where: { key }, create: { key, value: enc }, update: { value: enc } });
    },
    async delete(key) {
      await db.reporterFlow.deleteMany({ where: { key } });
    },
    async keys() {
      return (await db.reporterFlow.findMany({ select: { key: true } })).map((r) => r.key);
    },
  };
}
