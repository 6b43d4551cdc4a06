// `adal keys status | rotate | retire | generate`: the encryption keys of the database. The
// bot must be stopped while keys rotate (an instance still running with the old key list
// would write under the old key; the rotation notices it and stops).
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { decodeKey, type Config } from "../config.js";
import { openDatabase, type Database } from "../db/client.js";
import { pendingPostgres } from "../db/migrate.js";
import { protectSqliteFiles } from "../db/sqlite-files.js";
import { parseDatabaseUrl } from "../db/url.js";
import { createKeyring, KEY_FILE, keyId, readKeyFile, writeKeyFile, type Keyring } from "../domain/crypto.js";
import { auditRetired, checkRetire, keyCensus, reencryptDatabase, type KeyCensus } from "../services/key-rotation.js";
import { verifyKey } from "../services/keys.js";

/** Where the keys come from: ENCRYPTION_KEY (file null) or the embedded default's key file. */
interface KeySource {
  keys: Buffer[];
  file: string | null;
}

const out = (text: string) => process.stdout.write(text + "\n");

function fail(message: string, code = 2): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(code);
}

function keySource(config: Config): KeySource {
  if (config.encryptionKeys) return { keys: config.encryptionKeys, file: null };
  const file = join(config.dataDir, KEY_FILE);
  // Never create a key here: a new key could not read the bot's data.
  if (!existsSync(file)) fail(`no encryption key: set ENCRYPTION_KEY or DATA_DIR to the bot's (${file} does not exist)`);
  try {
    return { keys: readKeyFile(file), file };
  } catch (error) {
    return fail((error as Error).message);
  }
}

/** Opens the bot's database (the embedded default is migrated, as the bot does at start) and checks the key. */
async function openChecked(config: Config, keyring: Keyring): Promise<Database> {
  const target = parseDatabaseUrl(config.databaseUrl);
  if (target.provider === "sqlite") {
    if (!existsSync(target.file)) fail(`no database at ${target.file}: set DATABASE_URL or DATA_DIR to the bot's`);
    process.umask(0o077);
  } else {
    const pending = await pendingPostgres(target.connection);
    if (pending.length) fail(`the PostgreSQL database needs migrating first (adal migrate): pending ${pending.join(", ")}`);
  }
  const db = await openDatabase(config.databaseUrl, { migrate: target.provider === "sqlite" });
  try {
    await verifyKey(db.prisma, keyring, { record: false });
  } catch (error) {
    await db.close();
    fail((error as Error).message, 1);
  }
  return db;
}

async function withDatabase<T>(config: Config, keyring: Keyring, run: (db: Database) => Promise<T>): Promise<T> {
  const db = await openChecked(config, keyring);
  try {
    return await run(db);
  } finally {
    await db.close();
    if (db.target.provider === "sqlite") protectSqliteFiles(db.target.file, config.dataDir);
  }
}

function printCensus(census: KeyCensus, keyring: Keyring): void {
  out(`keys (current first): ${keyring.keyIds.join(", ")}`);
  out(`key check value: ${census.keyCheck ? `under ${census.keyCheck}` : "not recorded"}`);
  for (const c of census.columns) {
    const parts = keyring.keyIds.map((id) => `${id}: ${c.byKey[id]}`);
    if (c.unknown) parts.push(`other keys: ${c.unknown}`);
    out(`  ${c.column.padEnd(24)} ${parts.join("  ")}`);
  }
  out(census.pending ? `${census.pending} ciphertext(s) not under the current key ${keyring.currentKeyId}: run adal keys rotate` : `every ciphertext is under the current key ${keyring.currentKeyId}`);
}

/** The keyring a rotation brings the database under: the current one when a rotation is unfinished, else one with a new key first. */
function rotationKeys(source: KeySource, census: KeyCensus, current: Keyring, requested: Buffer | undefined): { keys: Buffer[]; resumed: boolean } {
  const unfinished = census.pending > 0 || (census.keyCheck !== null && census.keyCheck !== current.currentKeyId);
  if (unfinished) {
    if (requested && keyId(requested) !== current.currentKeyId) fail(`a rotation to key ${current.currentKeyId} is unfinished: run adal keys rotate without --key to finish it first`, 1);
    return { keys: source.keys, resumed: true };
  }
  if (!source.file) {
    if (requested) fail("with ENCRYPTION_KEY the keys live in the environment: put the new key first in ENCRYPTION_KEY (new,old), then run adal keys rotate", 2);
    out(`nothing to re-encrypt: everything is under the first key of ENCRYPTION_KEY (${current.currentKeyId}).`);
    out("To rotate: adal keys generate, set ENCRYPTION_KEY=<new>,<old keys…> on every instance, then run adal keys rotate again.");
    process.exit(0);
  }
  const next = requested ?? randomBytes(32);
  if (current.keyIds.includes(keyId(next))) fail(`key ${keyId(next)} is in the key list already`, 1);
  return { keys: [next, ...source.keys], resumed: false };
}

async function rotate(config: Config, options: { key?: string; batch: string }): Promise<void> {
  const requested = options.key !== undefined ? (decodeKey(options.key) ?? fail("--key: expected 32 random bytes as 64 hex characters or base64 (openssl rand -hex 32)")) : undefined;
  const batch = /^\d{1,5}$/.test(options.batch) && Number(options.batch) > 0 ? Number(options.batch) : fail("--batch: expected a number of rows, 1–99999");
  const source = keySource(config);
  const before = createKeyring(source.keys);
  await withDatabase(config, before, async (db) => {
    const census = await keyCensus(db.prisma, before);
    const { keys, resumed } = rotationKeys(source, census, before, requested);
    const keyring = createKeyring(keys);
    if (source.file && !resumed) {
      // The file first: a crash after this leaves the new key in the list, and the next run resumes.
      writeKeyFile(source.file, keys);
      out(`key file ${source.file}: new key ${keyring.currentKeyId} first, kept ${before.keyIds.join(", ")} (0600, folder 0700)`);
    }
    out(`${resumed ? "resuming the rotation to" : "rotating to"} key ${keyring.currentKeyId}; the bot must be stopped meanwhile`);
    const result = await reencryptDatabase(db.prisma, keyring, { batch, onColumn: (column, rows) => out(`  ${column.padEnd(24)} ${rows} re-encrypted`) });
    out(`  mailboxes re-keyed: ${result.mailboxesRekeyed}`);
    out(`key check value recorded for ${keyring.currentKeyId}; total ${result.columns.reduce((n, c) => n + c.rows, 0)} row(s) re-encrypted`);
    out(`old keys kept for keyed-hash look-ups (receipts, invite links): ${keyring.keyIds.slice(1).join(", ") || "none"}`);
    out(source.file ? `back up ${source.file} now, with the database` : "back up the new ENCRYPTION_KEY with the database");
  });
}

async function retire(config: Config, id: string, options: { force?: boolean }): Promise<void> {
  const source = keySource(config);
  const keyring = createKeyring(source.keys);
  await withDatabase(config, keyring, async (db) => {
    const check = await checkRetire(db.prisma, keyring, id);
    if (!check.ok && check.reason === "unknown") fail(`key ${id} is not in the key list (${keyring.keyIds.join(", ")})`, 1);
    if (!check.ok && check.reason === "current") fail(`key ${id} is the current key: rotate first (adal keys rotate)`, 1);
    if (!check.ok) {
      fail(`key ${id} still encrypts data: ${check.remaining!.map((r) => `${r.column} ${r.rows}`).join(", ")}; run adal keys rotate first`, 1);
    }
    const warning = `keyed hashes under ${id} stop matching once it is retired: receipts of cases not opened since the rotation, invite links issued before it and not used since, and the drafts and sessions of chats not seen since will not be found`;
    if (!options.force) fail(`${warning}. No ciphertext is under ${id}; run again with --force to retire it anyway`, 1);
    const kept = source.keys.filter((k) => keyId(k) !== id);
    if (source.file) {
      writeKeyFile(source.file, kept);
      out(`key ${id} removed from ${source.file}; keys now: ${kept.map(keyId).join(", ")}`);
    } else {
      out(`no ciphertext is under ${id}: remove it from ENCRYPTION_KEY on every instance (keys then: ${kept.map(keyId).join(", ")})`);
    }
    await auditRetired(db.prisma, id, true);
    out(`warning: ${warning}`);
  });
}

export function registerKeysCommands(program: Command, loadConfig: () => Config): void {
  const keys = program.command("keys").description("encryption keys: status, rotation, retiring old keys (stop the bot first)");

  keys
    .command("status")
    .description("the key ids (current first) and how many ciphertexts each column holds under each key")
    .action(async () => {
      const config = loadConfig();
      const keyring = createKeyring(keySource(config).keys);
      await withDatabase(config, keyring, async (db) => printCensus(await keyCensus(db.prisma, keyring), keyring));
    });

  keys
    .command("rotate")
    .description("new key first in the key file (old ones kept), then re-encrypt every encrypted column under it; run with the bot stopped; re-run to finish an interrupted rotation")
    .option("--key <key>", "use this key (64 hex characters or base64) instead of a generated one")
    .option("--batch <rows>", "rows per transaction", "200")
    .action(async (options: { key?: string; batch: string }) => rotate(loadConfig(), options));

  keys
    .command("retire")
    .argument("<id>", "key id, as adal keys status prints it")
    .option("--force", "retire it although keyed hashes under it (old receipts, invite links) stop matching")
    .description("drop an old key from the key file; refused while any ciphertext is under it")
    .action(async (id: string, options: { force?: boolean }) => retire(loadConfig(), id, options));

  keys
    .command("generate")
    .description("print a new random key (64 hex characters), e.g. for ENCRYPTION_KEY")
    .action(() => void out(randomBytes(32).toString("hex")));
}
