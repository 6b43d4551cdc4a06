// The first start as an operator meets it (src/bot/startup.ts through startApp): a refused
// token is said in plain words, an unreachable Telegram neither hangs nor hides the setup
// code, the setup code stands out, and the bot's descriptions are set once.
import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { startApp, type App, type StartOptions } from "../../src/main.js";
import { setupBanner } from "../../src/bot/startup.js";
import { BotApiEmulator } from "../support/bot-api-emulator.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { freePort, startTestApp } from "../support/app.js";
import { LogCapture, TEST_BOT_INFO, TEST_KEY } from "../support/harness.js";
import { createI18n } from "../../src/i18n.js";

const TOKEN = "123456:TEST-token-for-the-emulator-only";
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Started {
  app: Promise<App>;
  said: string[];
  logs: LogCapture;
}

async function start(apiRoot: string, options: Partial<StartOptions> = {}, token = TOKEN): Promise<Started> {
  const db: TestDatabase = await createTestDatabase();
  cleanups.push(() => db.destroy());
  const result = loadConfig({ BOT_TOKEN: token, DATABASE_URL: db.url, ENCRYPTION_KEY: TEST_KEY.toString("hex"), TELEGRAM_API_ROOT: apiRoot, HTTP_HOST: "127.0.0.1", HTTP_PORT: String(await freePort()) });
  if (!result.ok) throw new Error(result.errors.join("; "));
  const said: string[] = [];
  const logs = new LogCapture();
  const app = startApp(result.config, { logger: createLogger("info", logs), scheduler: false, announce: (t) => said.push(t), ...options });
  app.then((a) => cleanups.push(() => a.stop()), () => undefined);
  return { app, said, logs };
}

describe("a wrong token", () => {
  it("is named as refused by Telegram, with how to get the right one from @BotFather", async () => {
    const emulator = await BotApiEmulator.start({ token: TOKEN });
    cleanups.push(() => emulator.stop());
    const s = await start(emulator.apiRoot, {}, "123456:WRONG-token-for-the-emulator-xx");
    const error = await s.app.then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(/^Telegram refused the bot token \(401 Unauthorized\): BOT_TOKEN is wrong/);
    expect(error?.message).toContain("@BotFather");
    expect(error?.message).toContain("/mybots");
    expect(error?.message).not.toMatch(/getMe/);
    // Not retried: a wrong token does not get better.
    expect(emulator.calls.filter((c) => c.method === "getMe")).toHaveLength(1);
    // The setup code was shown all the same.
    expect(s.said.join("")).toMatch(/\/setup [A-Z2-9]{10}/);
  });
});

describe("Telegram out of reach", () => {
  it("a closed port: the setup code first, then a clear error per attempt, and the start gives up without hanging", async () => {
    const port = await freePort();
    const root = `http://127.0.0.1:${port}`;
    const s = await start(root, { telegram: { timeoutMs: 500, attempts: 3, firstDelayMs: 20 } });
    // (Without hanging: the attempts and their delays are the ones configured, said below.)
    const error = await s.app.then(() => null, (e: Error) => e);
    expect(s.said[0]).toMatch(/\/setup [A-Z2-9]{10}/);
    const retries = s.said.slice(1);
    expect(retries).toHaveLength(2);
    expect(retries[0]).toBe(`Cannot reach Telegram at ${root} (TELEGRAM_API_ROOT): connection refused (nothing listens there). Retrying in 20 ms (attempt 2 of 3); stop with Ctrl+C.\n`);
    expect(error?.message).toMatch(new RegExp(`^Cannot reach Telegram at ${root.replace(/\./g, "\\.")} \\(TELEGRAM_API_ROOT\\): connection refused .*Gave up after 3 attempt`));
    expect(s.logs.text).toContain('"event":"telegram_unreachable"');
    expect(s.logs.text).toContain('"event":"setup_code_shown"');
  });

  it("a host that never answers: timed out after the configured timeout, not grammY's 500 s", async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => (sockets.forEach((x) => x.destroy()), silent.close(resolve))));
    const root = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    const s = await start(root, { telegram: { timeoutMs: 300, attempts: 2, firstDelayMs: 10 } });
    const error = await s.app.then(() => null, (e: Error) => e);
    expect(s.said[0]).toMatch(/\/setup /);
    expect(s.said[1]).toMatch(/: no answer within 300 ms \(timed out\)\. Retrying/);
    expect(error?.message).toMatch(/timed out.*Gave up after 2 attempt/);
  }, 15_000);
});

describe("the calls after getMe", () => {
  it("time out while starting too (the webhook check against a host that never answers)", async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => (sockets.forEach((x) => x.destroy()), silent.close(resolve))));
    const root = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    const s = await start(root, { botInfo: TEST_BOT_INFO, telegram: { timeoutMs: 300 } });
    const error = await s.app.then(() => null, (e: Error) => e);
    // Cut by the client's own timeout (the host never answers; grammY's 500 s would outlast the test).
    expect(error).toMatchObject({ error: { name: "AbortError" } });
  }, 15_000);
});

describe("the setup banner", () => {
  it("is a block of its own lines with the command on a line alone", () => {
    const text = setupBanner("ABCDEFGH23", "adal_test_bot");
    const lines = text.split("\n");
    expect(lines.filter((l) => /^=+$/.test(l))).toHaveLength(2);
    expect(lines).toContain("      /setup ABCDEFGH23");
    expect(text).toContain("open @adal_test_bot and send:");
  });
});

describe("the bot's profile", () => {
  it("descriptions and short descriptions in kk, ru and a default, set once across restarts; commands too", async () => {
    const running = await startTestApp();
    cleanups.push(() => running.close());
    const { emulator } = running;
    const i18n = await createI18n();
    for (const lang of ["kk", "ru"] as const) {
      expect(emulator.myDescription(lang)).toBe(i18n.t(lang)("help.botDescription"));
      expect(emulator.myShortDescription(lang)).toBe(i18n.t(lang)("help.botShortDescription"));
    }
    // The default is the default language's (kk unless configured).
    expect(emulator.myDescription("")).toBe(i18n.t("kk")("help.botDescription"));
    const count = (method: string) => emulator.calls.filter((c) => c.method === method && c.response?.ok).length;
    expect(count("setMyDescription")).toBe(3);
    expect(count("setMyShortDescription")).toBe(3);
    const commands = count("setMyCommands");
    await running.stopApp();
    await running.restart();
    expect(count("setMyDescription")).toBe(3);
    expect(count("setMyShortDescription")).toBe(3);
    expect(count("setMyCommands")).toBe(commands);
    expect(emulator.calls.some((c) => c.method === "getMyDescription")).toBe(true);
  });

  it("fits Telegram's limits", async () => {
    const i18n = await createI18n();
    for (const lang of ["kk", "ru"] as const) {
      expect(i18n.t(lang)("help.botDescription").length).toBeLessThanOrEqual(512);
      expect(i18n.t(lang)("help.botShortDescription").length).toBeLessThanOrEqual(120);
    }
  });
});

