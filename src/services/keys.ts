// The master key: from the configuration, or the key file generated into the data directory
// at the first start of the embedded default. Both fail safe: a database with data but no key
// file beside it, or a key that is not the one the database was written with, stop the start.
//
// The key check value: a keyed hash of a fixed text under the master key, stored with the data
// the first time the bot starts on it. A key that does not reproduce it did not write this
// data: starting with it would leave every encrypted row unreadable and every keyed hash
// unmatched (receipts "not found", drafts silently replaced), so the start is refused.
// A database from before the check existed gets its check value from the first key it is
// started with. After `adal keys rotate` the check value is under the new key; while a
// rotation is half done it is still under an older key of the list, which is accepted.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import { addSettingIfAbsent, getSetting, setSetting } from "../db/repositories/settings.js";
import { parseDatabaseUrl } from "../db/url.js";
import { campaignsWithDrafts, rekeyRow, type KeyedTable } from "../db/repositories/keyed-rows.js";
import { createKeyring, KEY_FILE, loadOrCreateKeyFile, type Keyring } from "../domain/crypto.js";
import type { Logger } from "../logger.js";

export const KEY_CHECK_SETTING = "key_check";

export class KeyMismatchError extends Error {
  constructor() {
    super(
      "the encryption key does not match the key this database was written with (ENCRYPTION_KEY, or the key file in DATA_DIR): restore the key that was backed up with the database; with another key its encrypted data cannot be read",
    );
    this.name = "KeyMismatchError";
  }
}

/**
 * Records the check value on a database that has none (the bot's start; `record: false` for
 * tools that only read, so a wrong key is never recorded) and throws KeyMismatchError when the
 * key is another.
 */
export async function verifyKey(db: Db, keyring: Keyring, options: { record?: boolean } = {}): Promise<"recorded" | "matched" | "previous" | "unknown"> {
  const expected = keyring.hashes("key-check", KEY_CHECK_TEXT);
  const before = await getSetting(db, KEY_CHECK_SETTING);
  if (before === null && options.record === false) return "unknown";
  if (before === null) await addSettingIfAbsent(db, KEY_CHECK_SETTING, expected[0]!);
  const stored = before ?? (await getSetting(db, KEY_CHECK_SETTING));
  const index = stored === null ? -1 : expected.indexOf(stored);
  if (index < 0) throw new KeyMismatchError();
  // "previous": written under an older key of the list (a rotation that is not finished).
  return before === null ? "recorded" : index === 0 ? "matched" : "previous";
}

export const KEY_CHECK_TEXT = "adal key check v1";

/** The check value for the current key (the last step of a rotation). */
export async function recordKeyCheck(db: Db, keyring: Keyring): Promise<void> {
  await setSetting(db, KEY_CHECK_SETTING, keyring.hash("key-check", KEY_CHECK_TEXT));
}

/** The key file is missing beside a database that holds data: a new key would read none of it. */
export class MissingKeyFileError extends Error {
  constructor(database: string, keyFile: string) {
    super(`the database ${database} exists but its key file ${keyFile} is missing: restore the key file backed up with the database (or set ENCRYPTION_KEY); a new key could read none of its encrypted data`);
    this.name = "MissingKeyFileError";
  }
}

export function resolveKeyring(config: Pick<Config, "encryptionKeys" | "dataDir" | "databaseUrl">, logger: Logger): Keyring {
  if (config.encryptionKeys) return createKeyring(config.encryptionKeys);
  const target = parseDatabaseUrl(config.databaseUrl);
  const keyFile = join(config.dataDir, KEY_FILE);
  if (target.provider === "sqlite" && !existsSync(keyFile) && existsSync(target.file) && statSync(target.file).size > 0) throw new MissingKeyFileError(target.file, keyFile);
  const { keys, created, path } = loadOrCreateKeyFile(config.dataDir);
  if (created) logger.warn({ event: "encryption_key_created", path }, "generated a new encryption key: back it up together with the database; without it encrypted data cannot be read");
  return createKeyring(keys);
}

/**
 * After a key rotation, what a chat left under keyed hashes of an older key — its session,
 * its language, its report flow, its survey drafts — moves to the hashes under the current
 * key the first time the chat is seen again (once per chat and process; nothing to do while
 * the keyring has one key). The returned function takes the chat id and the sender's id.
 */
export function chatKeyAdopter(db: Db, keyring: Keyring): (chatId: number, telegramId: number | undefined) => Promise<void> {
  const seen = new Set<string>();
  return async (chatId, telegramId) => {
    if (keyring.keyIds.length < 2) return;
    const [current, ...older] = keyring.hashes("chat-key", String(chatId));
    if (seen.has(current!)) return;
    const moves: [KeyedTable, string[]][] = [
      ["session", [`session:${current}`, ...older.map((h) => `session:${h}`)]],
      ["chatLanguage", [current!, ...older]],
      ["reporterFlow", keyring.hashes("chat-key", `reporter-flow:${chatId}`)],
    ];
    if (telegramId !== undefined) for (const c of await campaignsWithDrafts(db)) moves.push(["surveyDraft", keyring.hashes("chat-key", `survey-draft:${c}:${telegramId}`)]);
    for (const [table, [to, ...from]] of moves) await rekeyRow(db, table, from, to!);
    // Bounded: only hashes are remembered, and forgetting one costs a few queries.
    if (seen.size >= 50_000) seen.clear();
    seen.add(current!);
  };
}
