import { describe, expect, it } from "vitest";
import { formatConfigErrors, loadConfig } from "../src/config.js";

const token = "123456789:AAF0sExampleTokenForTests_abcdefgh";

describe("configuration", () => {
  it("uses the embedded defaults when only the token is set", () => {
    const r = loadConfig({ BOT_TOKEN: token }, { cwd: "/srv/adal" });
    expect(r).toMatchObject({
      ok: true,
      config: { dataDir: "/srv/adal/data", databaseUrl: "file:/srv/adal/data/adal.db", mode: "polling", timeZone: "Asia/Almaty", http: { port: 8080 }, complianceTelegramIds: [], logLevel: "info" },
    });
  });

  it("says exactly what to set when the token is missing", () => {
    const r = loadConfig({});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([expect.stringMatching(/^BOT_TOKEN: required: the bot token from @BotFather/)]);
    expect(formatConfigErrors(r.errors)).toContain(".env.example");
  });

  it("reports every invalid value at once, by name", () => {
    const r = loadConfig({
      BOT_TOKEN: "nope",
      BOT_MODE: "webhook",
      HTTP_PORT: "99999",
      ORG_TIMEZONE: "Mars/Olympus",
      ENCRYPTION_KEY: "short",
      COMPLIANCE_TELEGRAM_IDS: "12, abc",
      DATABASE_URL: "mysql://x",
      LOG_LEVEL: "loud",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const names = r.errors.map((e) => e.split(":")[0]);
    expect(new Set(names)).toEqual(
      new Set(["BOT_TOKEN", "HTTP_PORT", "ORG_TIMEZONE", "ENCRYPTION_KEY", "COMPLIANCE_TELEGRAM_IDS", "DATABASE_URL", "LOG_LEVEL", "WEBHOOK_URL", "WEBHOOK_SECRET"]),
    );
  });

  it("requires a shared encryption key with PostgreSQL", () => {
    const r = loadConfig({ BOT_TOKEN: token, DATABASE_URL: "postgresql://u:p@db:5432/adal" });
    expect(r.ok === false && r.errors[0]).toMatch(/^ENCRYPTION_KEY: required with PostgreSQL/);
  });

  it("accepts webhook mode, hex and base64 keys, and id lists", () => {
    const r = loadConfig({
      BOT_TOKEN: token,
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.example.kz/tg/hook",
      WEBHOOK_SECRET: "s3cret_s3cret_s3cret",
      ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
      COMPLIANCE_TELEGRAM_IDS: " 111, 222 ",
      DEFAULT_LANGUAGE: "ru",
    });
    expect(r).toMatchObject({ ok: true, config: { mode: "webhook", webhook: { url: "https://bot.example.kz/tg/hook", secret: "s3cret_s3cret_s3cret" }, complianceTelegramIds: [111, 222], defaultLanguage: "ru" } });
    expect(r.ok && r.config.encryptionKeys?.[0]?.equals(Buffer.alloc(32, 9))).toBe(true);
  });

  it("refuses a webhook URL Telegram would refuse (http://, or a port other than 443, 80, 88, 8443), unless a local Bot API server is used", () => {
    const webhook = (url: string, extra: Record<string, string> = {}) => loadConfig({ BOT_TOKEN: token, BOT_MODE: "webhook", WEBHOOK_URL: url, WEBHOOK_SECRET: "s3cret_s3cret_s3cret", ...extra });
    for (const ok of ["https://bot.example.kz/hook", "https://bot.example.kz:8443/hook", "https://bot.example.kz:88/hook", "https://bot.example.kz:443/hook"]) expect(webhook(ok).ok).toBe(true);
    const http = webhook("http://bot.example.kz/hook");
    expect(http.ok === false && http.errors).toEqual(["WEBHOOK_URL: Telegram posts updates only to https:// URLs"]);
    const port = webhook("https://bot.example.kz:3000/hook");
    expect(port.ok === false && port.errors[0]).toMatch(/^WEBHOOK_URL: Telegram posts updates only to ports 443, 80, 88, 8443 \(not 3000\)/);
    // A local Bot API server (or the test emulator) posts wherever it is told.
    expect(webhook("http://127.0.0.1:3000/hook", { TELEGRAM_API_ROOT: "http://127.0.0.1:8081" }).ok).toBe(true);
  });

  it("takes several keys in ENCRYPTION_KEY, current first (after a rotation), and names a bad one", () => {
    const list = [Buffer.alloc(32, 7).toString("hex"), Buffer.alloc(32, 9).toString("base64")].join(",");
    const r = loadConfig({ BOT_TOKEN: token, ENCRYPTION_KEY: list });
    expect(r.ok && r.config.encryptionKeys?.map((k) => k[0])).toEqual([7, 9]);
    const bad = loadConfig({ BOT_TOKEN: token, ENCRYPTION_KEY: `${Buffer.alloc(32, 7).toString("hex")},nope` });
    expect(bad.ok === false && bad.errors[0]).toMatch(/^ENCRYPTION_KEY: invalid/);
  });

  it("lets commands that never talk to Telegram run without a token", () => {
    expect(loadConfig({}, { requireToken: false }).ok).toBe(true);
  });
});
