import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, type RunningApp } from "../support/app.js";

let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp();
});
afterAll(() => running.close());

describe("HTTP endpoints", () => {
  it("/healthz reports the database and mode", async () => {
    const res = await fetch(`${running.app.http.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: running.db.provider, mode: "polling" });
  });

  it("/metrics exposes Prometheus metrics, counting handled updates", async () => {
    await running.emulator.sendCommand({ id: 987654321, first_name: "A", language_code: "ru" }, "/help");
    await running.emulator.waitFor((m) => /\/start/.test(m.text ?? ""), { chatId: 987654321 });
    // The emulator has the message before the bot has read the response: poll briefly.
    const body = await vi.waitFor(async () => {
      const res = await fetch(`${running.app.http.url}/metrics`);
      expect(res.headers.get("content-type")).toMatch(/text\/plain/);
      const text = await res.text();
      expect(text).toMatch(/adal_bot_api_calls_total\{method="sendMessage",outcome="ok"\} [1-9]/);
      return text;
    });
    expect(body).toMatch(/adal_updates_total\{type="message"\} [1-9]/);
    expect(body).toMatch(/adal_bot_api_calls_total\{method="sendMessage",outcome="ok"\} [1-9]/);
    expect(body).toMatch(/adal_process_resident_memory_bytes/);
    // Labels never carry identifiers.
    expect(body).not.toContain("987654321");
  });

  it("unknown paths are 404 and there is no webhook route in polling mode", async () => {
    expect((await fetch(`${running.app.http.url}/nope`)).status).toBe(404);
    expect((await fetch(`${running.app.http.url}/tg/hook`, { method: "POST" })).status).toBe(404);
  });

  it("/healthz is 503 when the database is gone", async () => {
    running.app.db.prisma.$queryRawUnsafe = (() => Promise.reject(new Error("connection refused"))) as never;
    const res = await fetch(`${running.app.http.url}/healthz`);
    expect(res.status).toBe(503);
  });
});
