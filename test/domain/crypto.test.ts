import { mkdtempSync, statSync, readFileSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createKeyring, keyId, loadOrCreateKeyFile, readKeyFile, writeKeyFile } from "../../src/domain/crypto.js";

const k1 = Buffer.alloc(32, 1);
const k2 = Buffer.alloc(32, 2);

describe("keyring", () => {
  it("encrypts with AES-256-GCM and a fresh IV each time", () => {
    const ring = createKeyring([k1]);
    const a = ring.encrypt("Взятка в отделе закупок");
    const b = ring.encrypt("Взятка в отделе закупок");
    expect(a).not.toBe(b);
    expect(a).not.toContain("Взятка");
    expect(ring.decryptText(a)).toBe("Взятка в отделе закупок");
    expect(a.split(".")[1]).toBe(keyId(k1));
  });

  it("rejects tampered ciphertexts and relabelled key ids", () => {
    const ring = createKeyring([k1]);
    const c = ring.encrypt("secret");
    const parts = c.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 1;
    expect(() => ring.decrypt([parts[0], parts[1], parts[2], body.toString("base64url")].join("."))).toThrow();
    expect(() => ring.decrypt("garbage")).toThrow(/not an Adal ciphertext/);
  });

  it("decrypts payloads of several MiB (decrypted in place, piece by piece), and rejects them tampered at the end", () => {
    const ring = createKeyring([k1]);
    const plain = Buffer.from(Array.from({ length: 3_500_000 }, (_, i) => (i * 7919) % 251));
    const c = ring.encrypt(plain);
    expect(ring.decrypt(c).equals(plain)).toBe(true);
    const parts = c.split(".");
    const body = Buffer.from(parts[3]!, "base64url");
    body[body.length - 20] = body[body.length - 20]! ^ 1;
    expect(() => ring.decrypt([parts[0], parts[1], parts[2], body.toString("base64url")].join("."))).toThrow();
  });

  it("rotates: new key encrypts, old key still decrypts, unknown key is named", () => {
    const old = createKeyring([k1]).encrypt("old data");
    const rotated = createKeyring([k2, k1]);
    expect(rotated.decryptText(old)).toBe("old data");
    expect(rotated.encrypt("x").split(".")[1]).toBe(keyId(k2));
    expect(() => createKeyring([k2]).decrypt(old)).toThrow(new RegExp(keyId(k1)));
  });

  it("keyed hashes are stable per purpose and differ across purposes and keys", () => {
    const ring = createKeyring([k1]);
    expect(ring.hash("chat-key", "42")).toBe(ring.hash("chat-key", "42"));
    expect(ring.hash("chat-key", "42")).not.toBe(ring.hash("receipt-hash", "42"));
    expect(ring.hash("chat-key", "42")).not.toBe(createKeyring([k2]).hash("chat-key", "42"));
    expect(ring.hash("chat-key", "42")).not.toContain("42");
  });

  it("writes keyed hashes under the current key and looks up under every key, current first", () => {
    const rotated = createKeyring([k2, k1]);
    expect(rotated.keyIds).toEqual([keyId(k2), keyId(k1)]);
    expect(rotated.hash("receipt-hash", "R")).toBe(createKeyring([k2]).hash("receipt-hash", "R"));
    expect(rotated.hashes("receipt-hash", "R")).toEqual([createKeyring([k2]).hash("receipt-hash", "R"), createKeyring([k1]).hash("receipt-hash", "R")]);
    expect(createKeyring([k1]).hashes("chat-key", "42")).toEqual([createKeyring([k1]).hash("chat-key", "42")]);
  });

  it("refuses keys that are not 32 bytes", () => {
    expect(() => createKeyring([Buffer.alloc(16)])).toThrow();
    expect(() => createKeyring([])).toThrow();
  });
});

describe("key file for the embedded default", () => {
  it("is created once with 0600 permissions and read back afterwards", () => {
    const dir = mkdtempSync(join(tmpdir(), "adal-key-"));
    const first = loadOrCreateKeyFile(join(dir, "data"));
    expect(first.created).toBe(true);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(readFileSync(first.path, "utf8").trim()).toMatch(/^[0-9a-f]{64}$/);
    const second = loadOrCreateKeyFile(join(dir, "data"));
    expect(second.created).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
  });
});

describe("key file with several keys", () => {
  it("reads the one-line format and the list format, current first", () => {
    const dir = mkdtempSync(join(tmpdir(), "adal-key-"));
    const path = join(dir, "encryption.key");
    writeFileSync(path, k1.toString("hex") + "\n", { mode: 0o600 });
    expect(readKeyFile(path)).toEqual([k1]);
    writeFileSync(path, `${k2.toString("hex")}\n${k1.toString("hex")}\n`, { mode: 0o600 });
    expect(readKeyFile(path)).toEqual([k2, k1]);
    expect(loadOrCreateKeyFile(dir).key.equals(k2)).toBe(true);
    writeFileSync(path, `${k2.toString("hex")}\nnot-a-key\n`);
    expect(() => readKeyFile(path)).toThrow(/32-byte hex keys, one per line/);
  });

  it("is replaced atomically: 0600 file, 0700 folder, no temporary file left", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "adal-key-")), "data");
    const path = join(dir, "encryption.key");
    writeKeyFile(path, [k1]);
    writeKeyFile(path, [k2, k1]);
    expect(readKeyFile(path)).toEqual([k2, k1]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readdirSync(dir)).toEqual(["encryption.key"]);
  });
});
