// `adal start` as a real process: starts on the embedded default against the emulator,
// serves /healthz, and stops cleanly on SIGTERM and SIGINT (runner, scheduler, HTTP, database).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotApiEmulator } from "../support/bot-api-emulator.js";
import { freePort } from "../support/app.js";
import { TEST_BOT_INFO } from "../support/harness.js";

const root = join(__dirname, "..", "..");
let emulator: BotApiEmulator;
beforeAll(async () => {
  emulator = await BotApiEmulator.start({ botInfo: TEST_BOT_INFO });
});
afterAll(() => emulator.stop());

/** `adal start` in `cwd` (the embedded default in ./data), with its output collected. */
async function spawnAdal(cwd: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", pathToFileURL(join(root, "node_modules", "tsx", "dist", "loader.mjs")).href, join(root, "test", "support", "cli-entry.ts"), "start"], {
    cwd,
    env: { PATH: process.env.PATH ?? "", BOT_TOKEN: "123456:TEST-token-for-the-emulator-only", TELEGRAM_API_ROOT: emulator.apiRoot, HTTP_HOST: "127.0.0.1", HTTP_PORT: String(port), LOG_LEVEL: "info", ...env },
  });
  const run = { child, port, out: "" };
  child.stdout.on("data", (d) => (run.out += d));
  child.stderr.on("data", (d) => (run.out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { ...run, exited, output: () => run.out };
}

async function runUntilSignal(signal: NodeJS.Signals, cwd = mkdtempSync(join(tmpdir(), "adal-run-"))) {
  const { child, port, exited, output } = await spawnAdal(cwd);
  let out = output();
  const deadline = Date.now() + 30_000;
  while (!/"event":"http_listening"/.test(out)) {
    if (Date.now() > deadline) throw new Error(`did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
    out = output();
  }
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(health.status).toBe(200);
  child.kill(signal);
  const code = await exited;
  return { code, out: output(), cwd };
}

describe("graceful shutdown", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`on ${signal}: stops everything and exits 0`, async () => {
      const { code, out, cwd } = await runUntilSignal(signal);
      expect(code, out).toBe(0);
      expect(out).toMatch(new RegExp(`"event":"signal","signal":"${signal}"`));
      expect(out).toMatch(/"event":"stopped"/);
      // The embedded default: database and a private key file in ./data.
      expect(statSync(join(cwd, "data", "adal.db")).isFile()).toBe(true);
      expect(statSync(join(cwd, "data", "encryption.key")).mode & 0o777).toBe(0o600);
      // Readable by the bot's user only: the folder, the database and its WAL files.
      expect(statSync(join(cwd, "data")).mode & 0o777).toBe(0o700);
      for (const file of readdirSync(join(cwd, "data")).filter((f) => f.startsWith("adal.db"))) expect(statSync(join(cwd, "data", file)).mode & 0o777, file).toBe(0o600);
      expect(out).toMatch(/\/setup [A-Z2-9]{10}/);
    });
  }
});

describe("keys fail safe", () => {
  it("a start without the key file beside the database, or with another key, is refused with a clear message", async () => {
    const first = await runUntilSignal("SIGTERM");
    expect(first.code, first.out).toBe(0);
    const keyFile = join(first.cwd, "data", "encryption.key");
    rmSync(keyFile);

    const missing = await spawnAdal(first.cwd);
    expect(await missing.exited, missing.output()).toBe(1);
    expect(missing.output()).toMatch(/Adal failed to start: the database .*adal\.db exists but its key file .*encryption\.key is missing/);
    expect(existsSync(keyFile)).toBe(false);

    const wrong = await spawnAdal(first.cwd, { ENCRYPTION_KEY: "11".repeat(32) });
    expect(await wrong.exited, wrong.output()).toBe(1);
    expect(wrong.output()).toMatch(/Adal failed to start: the encryption key does not match the key this database was written with/);
  });
});

describe("a signal during the start", () => {
  it("while Telegram cannot be reached (the start retrying): the process stops, after showing the setup code", async () => {
    const closed = await freePort();
    const run = await spawnAdal(mkdtempSync(join(tmpdir(), "adal-run-")), { TELEGRAM_API_ROOT: `http://127.0.0.1:${closed}` });
    const deadline = Date.now() + 30_000;
    while (!/\/setup [A-Z2-9]{10}/.test(run.output()) || !/127\.0\.0\.1/.test(run.output())) {
      if (Date.now() > deadline) throw new Error(`no setup code or no reason given:\n${run.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    run.child.kill("SIGTERM");
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toMatch(/stopped during start-up \(SIGTERM\)/);
  }, 40_000);
});
