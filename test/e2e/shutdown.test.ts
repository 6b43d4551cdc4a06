// `adal start` as a real process: starts on the embedded default against the emulator,
// serves /healthz, and stops cleanly on SIGTERM and SIGINT (runner, scheduler, HTTP, database).
import { spawn } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
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

async function runUntilSignal(signal: NodeJS.Signals) {
  const cwd = mkdtempSync(join(tmpdir(), "adal-run-"));
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", pathToFileURL(join(root, "node_modules", "tsx", "dist", "loader.mjs")).href, join(root, "test", "support", "cli-entry.ts"), "start"], {
    cwd,
    env: { PATH: process.env.PATH ?? "", BOT_TOKEN: "123456:TEST-token-for-the-emulator-only", TELEGRAM_API_ROOT: emulator.apiRoot, HTTP_HOST: "127.0.0.1", HTTP_PORT: String(port), LOG_LEVEL: "info" },
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!/"event":"http_listening"/.test(out)) {
    if (Date.now() > deadline) throw new Error(`did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(health.status).toBe(200);
  child.kill(signal);
  const code = await exited;
  return { code, out, cwd };
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
      expect(out).toMatch(/\/setup [A-Z2-9]{10}/);
    });
  }
});
