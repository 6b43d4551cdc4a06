// Key rotation (`adal keys rotate`, `adal keys retire`): every encrypted column re-encrypted
// under the current key in batches, each batch one transaction, resumable after a crash (rows
// already under the current key are skipped: the key id is in every ciphertext); mailbox
// token hashes moved to the current key (the token is inside the encrypted case); the key
// check value recorded for the current key last; the whole pass audited.
//
// Keyed hashes of values the bot never stores (receipts, invite tokens, chat ids) cannot be
// recomputed here: they keep working through look-ups under every key (Keyring.hashes) and move
// to the current key on first use. That is why an old key stays in the list after rotating.
import type { Db } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { ciphertextsNotUnder, countCiphertexts, encryptedColumns, replaceCiphertexts, reportContentsAfter, type EncryptedColumn } from "../db/repositories/ciphertexts.js";
import { countMailboxes, rekeyMailbox } from "../db/repositories/report-mailboxes.js";
import { getSetting } from "../db/repositories/settings.js";
import type { Keyring } from "../domain/crypto.js";
import { KEY_CHECK_SETTING, KEY_CHECK_TEXT, recordKeyCheck } from "./keys.js";
import { decryptContent, mailboxHashes } from "./reports.js";

export const ROTATION_BATCH = 200;

export interface KeyCensus {
  /** Per column: ciphertexts under each key of the keyring, and under no key of it. */
  columns: { column: EncryptedColumn; byKey: Record<string, number>; unknown: number }[];
  /** Ciphertexts not under the current key (what a rotation still has to re-encrypt). */
  pending: number;
  /** Which key of the keyring the key check value is under (null: none recorded, or another key). */
  keyCheck: string | null;
}

/** Counts the ciphertexts per key of the keyring in every encrypted column. */
export async function keyCensus(db: Db, keyring: Keyring): Promise<KeyCensus> {
  const columns: KeyCensus["columns"] = [];
  let pending = 0;
  for (const column of encryptedColumns) {
    const byKey: Record<string, number> = {};
    for (const id of keyring.keyIds) byKey[id] = await countCiphertexts(db, column, { under: id });
    const total = await countCiphertexts(db, column, "all");
    const unknown = total - Object.values(byKey).reduce((a, b) => a + b, 0);
    pending += total - byKey[keyring.currentKeyId]!;
    columns.push({ column, byKey, unknown });
  }
  return { columns, pending, keyCheck: await keyCheckKeyId(db, keyring) };
}

async function keyCheckKeyId(db: Db, keyring: Keyring): Promise<string | null> {
  const stored = await getSetting(db, KEY_CHECK_SETTING);
  const index = stored === null ? -1 : keyring.hashes("key-check", KEY_CHECK_TEXT).indexOf(stored);
  return index < 0 ? null : keyring.keyIds[index]!;
}

/** Re-encrypts one column under the current key, a batch per transaction; how many rows. */
export async function reencryptColumn(db: Db, keyring: Keyring, column: EncryptedColumn, batch = ROTATION_BATCH): Promise<number> {
  let done = 0;
  let stalled = 0;
  for (;;) {
    const rows = await ciphertextsNotUnder(db, column, keyring.currentKeyId, batch);
    if (rows.length === 0) return done;
    // A ciphertext under a key that is not in the list stops the rotation here, with the key named.
    const next = rows.map((r) => ({ ...r, next: keyring.encrypt(keyring.decrypt(r.value)) }));
    const replaced = await replaceCiphertexts(db, column, next);
    done += replaced;
    // Rows rewritten by someone else meanwhile are read again; a batch that never lands means
    // something keeps writing under another key (the bot running with the old key file).
    stalled = replaced === 0 ? stalled + 1 : 0;
    if (stalled >= 3) throw new Error(`${column}: rows keep changing under another key: stop the bot before rotating keys`);
  }
}

/** Moves every opted-in mailbox to its token's hash under the current key; how many moved. */
export async function rekeyMailboxes(db: Db, keyring: Keyring, batch = ROTATION_BATCH): Promise<number> {
  if ((await countMailboxes(db)) === 0) return 0;
  let moved = 0;
  for (let after = 0; ; ) {
    const rows = await reportContentsAfter(db, after, batch);
    if (rows.length === 0) return moved;
    for (const r of rows) {
      const token = decryptContent(keyring, r.content).mailboxToken;
      if (!token) continue;
      const [current, ...older] = mailboxHashes(keyring, token);
      if (await rekeyMailbox(db, older, current!)) moved++;
    }
    after = rows[rows.length - 1]!.id;
  }
}

export interface RotationResult {
  keyId: string;
  /** Rows re-encrypted, per column (columns with none are listed with 0). */
  columns: { column: EncryptedColumn; rows: number }[];
  mailboxesRekeyed: number;
}

/**
 * Brings the whole database under the keyring's current key (older keys of the keyring read
 * what is there). Safe to run again after an interruption: it continues where it stopped.
 * The bot must be stopped meanwhile.
 */
export async function reencryptDatabase(db: Db, keyring: Keyring, options: { batch?: number; onColumn?: (column: EncryptedColumn, rows: number) => void } = {}): Promise<RotationResult> {
  const columns: RotationResult["columns"] = [];
  for (const column of encryptedColumns) {
    const rows = await reencryptColumn(db, keyring, column, options.batch);
    options.onColumn?.(column, rows);
    columns.push({ column, rows });
  }
  const mailboxesRekeyed = await rekeyMailboxes(db, keyring, options.batch);
  // Last: from now on the old key alone is refused (it could not read the new ciphertexts).
  await recordKeyCheck(db, keyring);
  await audit(db, { actorUserId: null, action: "keys.rotated", subject: `key:${keyring.currentKeyId}`, details: { rows: Object.fromEntries(columns.map((c) => [c.column, c.rows])), mailboxesRekeyed } });
  return { keyId: keyring.currentKeyId, columns, mailboxesRekeyed };
}

export type RetireCheck = { ok: true } | { ok: false; reason: "current" | "unknown" | "in-use"; remaining?: { column: string; rows: number }[] };

/** Whether key `id` may leave the keyring: not the current key, and no ciphertext or key check under it. */
export async function checkRetire(db: Db, keyring: Keyring, id: string): Promise<RetireCheck> {
  if (!keyring.keyIds.includes(id)) return { ok: false, reason: "unknown" };
  if (id === keyring.currentKeyId) return { ok: false, reason: "current" };
  const remaining: { column: string; rows: number }[] = [];
  for (const column of encryptedColumns) {
    const rows = await countCiphertexts(db, column, { under: id });
    if (rows > 0) remaining.push({ column, rows });
  }
  if ((await keyCheckKeyId(db, keyring)) === id) remaining.push({ column: `Setting.${KEY_CHECK_SETTING}`, rows: 1 });
  return remaining.length ? { ok: false, reason: "in-use", remaining } : { ok: true };
}

/** Records that key `id` was dropped from the keyring. */
export async function auditRetired(db: Db, id: string, forced: boolean): Promise<void> {
  await audit(db, { actorUserId: null, action: "keys.retired", subject: `key:${id}`, details: { forced } });
}
