import { spawnSync } from "node:child_process";
import { mkdtempSync, existsSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");

function adal(args: string[], env: Record<string, string> = {}, cwd = mkdtempSync(join(tmpdir(), "adal-cli-"))) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(BOT_|DATABASE_URL|WEBHOOK_|ENCRYPTION_KEY|COMPLIANCE_|DATA_DIR|HTTP_|TELEGRAM_)/.test(k)));
  const r = spawnSync(process.execPath, ["--import", pathToFileURL(join(root, "node_modules", "tsx", "dist", "loader.mjs")).href, join(root, "test", "support", "cli-entry.ts"), ...args], { cwd, env: { ...clean, ...env }, encoding: "utf8", timeout: 60_000 });
  return { ...r, cwd };
}

describe("adal CLI", () => {
  it("start without a token says exactly what to set and exits non-zero", () => {
    const r = adal(["start"]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("BOT_TOKEN: required: the bot token from @BotFather");
    expect(r.stderr).toContain(".env");
  });

  it("start with several bad values lists each of them", () => {
    const r = adal(["start"], { BOT_TOKEN: "x", BOT_MODE: "webhook", HTTP_PORT: "http" });
    expect(r.status).not.toBe(0);
    for (const name of ["BOT_TOKEN", "HTTP_PORT", "WEBHOOK_URL", "WEBHOOK_SECRET"]) expect(r.stderr).toContain(`${name}:`);
  });

  it("migrate creates and migrates the embedded database, then reports it up to date", () => {
    const first = adal(["migrate"]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migration/);
    expect(existsSync(join(first.cwd, "data", "adal.db"))).toBe(true);
    const second = adal(["migrate"], {}, first.cwd);
    expect(second.stdout).toMatch(/is up to date/);
  });

  it("config prints the effective configuration without secrets", () => {
    const r = adal(["config"], { BOT_TOKEN: "123456:SECRETSECRETSECRETSECRETSECRET", DATABASE_URL: "postgresql://adal:pa55word@db:5432/adal", ENCRYPTION_KEY: "ab".repeat(32) });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/SECRETSECRET|pa55word|abababab/);
    expect(JSON.parse(r.stdout)).toMatchObject({ databaseUrl: "postgresql://adal:***@db:5432/adal", encryptionKey: "configured" });
  });

  it("unknown subcommands are refused with help", () => {
    const r = adal(["frobnicate"]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/unknown command/);
  });

  it("the built entry point exists after install", () => {
    expect(statSync(join(root, "bin", "adal.js")).mode & 0o111).toBeTruthy();
  });
});
