// Encryption at rest and keyed hashing. One 32-byte master key (configuration, or a file
// generated into the data directory) is never used directly: HKDF derives one subkey per
// purpose, so a leaked hash key cannot decrypt anything and vice versa.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export type KeyPurpose = "data-encryption" | "chat-key" | "receipt-hash" | "rate-limit" | "invite-token" | "key-check";

export interface Keyring {
  /** Id of the key new ciphertexts are written with; old ids stay readable. */
  currentKeyId: string;
  /** Ids of every key, current first (the retired-but-kept ones after it). */
  keyIds: string[];
  encrypt(plaintext: string | Buffer): string;
  decrypt(ciphertext: string): Buffer;
  decryptText(ciphertext: string): string;
  /** Deterministic keyed hash (HMAC-SHA-256, hex) under the current key: what is written. */
  hash(purpose: HashPurpose, value: string): string;
  /**
   * The keyed hashes under every key, current first: what a look-up matches, so rows
   * written before a rotation are still found (and may be re-keyed to `hashes[0]`).
   */
  hashes(purpose: HashPurpose, value: string): string[];
}

export type HashPurpose = Exclude<KeyPurpose, "data-encryption">;

const VERSION = "v1";

function derive(master: Buffer, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `adal:${purpose}`, 32));
}

/** Short public id of a master key, stored with each ciphertext so keys can rotate. */
export function keyId(master: Buffer): string {
  return createHmac("sha256", master).update("adal:key-id").digest("hex").slice(0, 8);
}

/**
 * `keys[0]` encrypts; every key in the list decrypts (rotation: put the new key first and
 * keep the old one until re-encryption is done).
 */
/** Bytes decrypted at a time (decrypt works in place). */
const DECRYPT_PIECE = 1 << 20;

export function createKeyring(keys: Buffer[]): Keyring {
  if (keys.length === 0) throw new Error("at least one encryption key is required");
  for (const k of keys) if (k.length !== 32) throw new Error("encryption keys must be 32 bytes");
  const byId = new Map(keys.map((k) => [keyId(k), derive(k, "data-encryption")]));
  const currentKeyId = keyId(keys[0]!);
  const hashKeys = new Map<string, Buffer>();
  const hashUnder = (index: number, purpose: HashPurpose, value: string) => {
    const id = `${index}:${purpose}`;
    let key = hashKeys.get(id);
    if (!key) hashKeys.set(id, (key = derive(keys[index]!, purpose)));
    return createHmac("sha256", key).update(value).digest("hex");
  };
  return {
    currentKeyId,
    keyIds: [...new Set(keys.map(keyId))],
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", byId.get(currentKeyId)!, iv);
      // The key id is bound as associated data so a ciphertext cannot be relabelled.
      cipher.setAAD(Buffer.from(currentKeyId));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, currentKeyId, iv.toString("base64url"), Buffer.concat([body, tag]).toString("base64url")].join(".");
    },
    decrypt(ciphertext) {
      const [version, id, ivText, payloadText] = ciphertext.split(".");
      if (version !== VERSION || !id || ivText === undefined || payloadText === undefined) throw new Error("not an Adal ciphertext");
      const key = byId.get(id);
      if (!key) throw new Error(`ciphertext was written with key ${id}, which is not configured`);
      const payload = Buffer.from(payloadText, "base64url");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(ivText, "base64url"));
      decipher.setAAD(Buffer.from(id));
      decipher.setAuthTag(payload.subarray(payload.length - 16));
      // Decrypted in place, a piece at a time: the survey totals of 100k responses are tens of
      // MiB, and a second buffer of their size (or a concatenated third) raised the peak of an
      // export by as much. The output never runs ahead of the input read (GCM is a stream mode),
      // so it only overwrites ciphertext already read.
      const body = payload.subarray(0, payload.length - 16);
      let written = 0;
      for (let at = 0; at < body.length; at += DECRYPT_PIECE) written += decipher.update(body.subarray(at, at + DECRYPT_PIECE)).copy(body, written);
      written += decipher.final().copy(body, written);
      return body.subarray(0, written);
    },
    decryptText(ciphertext) {
      return this.decrypt(ciphertext).toString("utf8");
    },
    hash(purpose, value) {
      return hashUnder(0, purpose, value);
    },
    hashes(purpose, value) {
      return [...new Set(keys.map((_, i) => hashUnder(i, purpose, value)))];
    },
  };
}

export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const KEY_FILE = "encryption.key";

/**
 * The key file: one key per line as 64 hex characters, the current key first and the
 * retired-but-kept ones after it (a one-line file is the format from before rotation).
 */
export function readKeyFile(path: string): Buffer[] {
  const lines = readFileSync(path, "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const keys = lines.map((l) => Buffer.from(l, "hex"));
  if (keys.length === 0 || lines.some((l, i) => !/^[0-9a-f]{64}$/i.test(l) || keys[i]!.length !== 32)) throw new Error(`${path} does not hold 32-byte hex keys, one per line`);
  return keys;
}

/**
 * Replaces the key file atomically: a temporary file (0600) beside it, flushed, renamed over
 * it; the folder is made 0700. A crash leaves the old file or the new one, never half of one.
 */
export function writeKeyFile(path: string, keys: Buffer[]): void {
  if (keys.length === 0 || keys.some((k) => k.length !== 32)) throw new Error("encryption keys must be 32 bytes");
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const temp = `${path}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  const fd = openSync(temp, "wx", 0o600);
  try {
    writeFileSync(fd, keys.map((k) => k.toString("hex")).join("\n") + "\n");
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(temp, 0o600);
  renameSync(temp, path);
  try {
    const dirFd = openSync(dir, "r");
    fsyncSync(dirFd);
    closeSync(dirFd);
  } catch {
    // Some file systems cannot fsync a directory; the rename itself is still atomic.
  }
}

/**
 * The embedded default keeps its keys next to the database, readable only by the owner.
 * Returns the keys (current first) and whether the file was just created.
 */
export function loadOrCreateKeyFile(dataDir: string): { key: Buffer; keys: Buffer[]; created: boolean; path: string } {
  const path = join(dataDir, KEY_FILE);
  if (existsSync(path)) {
    const keys = readKeyFile(path);
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return { key: keys[0]!, keys, created: false, path };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(path, key.toString("hex") + "\n", { mode: 0o600, flag: "wx" });
  return { key, keys: [key], created: true, path };
}
