// Encryption at rest and keyed hashing. One 32-byte master key (configuration, or a file
// generated into the data directory) is never used directly: HKDF derives one subkey per
// purpose, so a leaked hash key cannot decrypt anything and vice versa.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type KeyPurpose = "data-encryption" | "chat-key" | "receipt-hash" | "rate-limit" | "invite-token" | "key-check";

export interface Keyring {
  /** Id of the key new ciphertexts are written with; old ids stay readable. */
  currentKeyId: string;
  encrypt(plaintext: string | Buffer): string;
  decrypt(ciphertext: string): Buffer;
  decryptText(ciphertext: string): string;
  /** Deterministic keyed hash (HMAC-SHA-256, hex) for look-ups without storing the value. */
  hash(purpose: Exclude<KeyPurpose, "data-encryption">, value: string): string;
}

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
export function createKeyring(keys: Buffer[]): Keyring {
  if (keys.length === 0) throw new Error("at least one encryption key is required");
  for (const k of keys) if (k.length !== 32) throw new Error("encryption keys must be 32 bytes");
  const byId = new Map(keys.map((k) => [keyId(k), derive(k, "data-encryption")]));
  const current = keys[0]!;
  const currentKeyId = keyId(current);
  const hashKeys = new Map<string, Buffer>();
  return {
    currentKeyId,
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
      return Buffer.concat([decipher.update(payload.subarray(0, payload.length - 16)), decipher.final()]);
    },
    decryptText(ciphertext) {
      return this.decrypt(ciphertext).toString("utf8");
    },
    hash(purpose, value) {
      let key = hashKeys.get(purpose);
      if (!key) hashKeys.set(purpose, (key = derive(current, purpose)));
      return createHmac("sha256", key).update(value).digest("hex");
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
 * The embedded default keeps its key next to the database, readable only by the owner.
 * Returns the key and whether it was just created.
 */
export function loadOrCreateKeyFile(dataDir: string): { key: Buffer; created: boolean; path: string } {
  const path = join(dataDir, KEY_FILE);
  if (existsSync(path)) {
    const key = Buffer.from(readFileSync(path, "utf8").trim(), "hex");
    if (key.length !== 32) throw new Error(`${path} does not hold a 32-byte hex key`);
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return { key, created: false, path };
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, key.toString("hex") + "\n", { mode: 0o600, flag: "wx" });
  return { key, created: true, path };
}
