// Two instances polling one bot: Telegram answers each poll's predecessor 409 Conflict. The
// newcomer retries for a while, then stops with a clear message; the instance that was polling
// keeps answering (src/bot/polling.ts, src/main.ts).
import { afterAll, expect, it } from "vitest";
import { BotApiEmulator, type TgUser } from "../support/bot-api-emulator.js";
import { startTestApp, type RunningApp } from "../support/app.js";
import { TEST_BOT_INFO } from "../support/harness.js";

const user: TgUser = { id: 700101, first_name: "Ерлан", language_code: "ru" };
const apps: RunningApp[] = [];
let emulator: BotApiEmulator;
afterAll(async () => {
  for (const a of apps) await a.close();
  await emulator.stop();
});

it("a second poller yields after its retries with the conflict message; the first keeps answering", async () => {
  emulator = await BotApiEmulator.start({ botInfo: TEST_BOT_INFO });
  const fast = { giveUpAfterMs: 1_500, firstDelayMs: 100, maxDelayMs: 300 };
  const first = await startTestApp({ emulator, pollingConflict: fast });
  apps.push(first);
  await emulator.sendCommand(user, "/start");
  await emulator.waitFor((m) => /Тілді таңдаңыз/.test(m.text ?? ""), { chatId: user.id });

  const second = await startTestApp({ emulator, pollingConflict: fast, env: { DATABASE_URL: first.db.url } });
  apps.push(second);
  const ended = await Promise.race([second.app.pollingEnded!, new Promise<string>((r) => setTimeout(() => r("still polling"), 8_000))]);
  expect(ended).toBeInstanceOf(Error);
  expect((ended as Error).message).toMatch(/only one instance may use long polling/);
  expect(second.logs.text).toMatch(/"event":"polling_conflict"/);

  const after = emulator.currentMessageId(user.id);
  await emulator.sendCommand(user, "/help");
  await emulator.waitFor((m) => m.message_id > after, { chatId: user.id, timeoutMs: 8_000 });
  expect(await Promise.race([first.app.pollingEnded!, new Promise<string>((r) => setTimeout(() => r("still polling"), 200))])).toBe("still polling");
}, 30_000);

it("polling refuses to start over a webhook someone set, unless told to take over", async () => {
  const own = await BotApiEmulator.start({ botInfo: TEST_BOT_INFO });
  try {
    const token = "123456:TEST-token-for-the-emulator-only";
    const set = await fetch(`${own.apiRoot}/bot${token}/setWebhook`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ url: "https://other.example.kz/hook" }) });
    expect(((await set.json()) as { ok: boolean }).ok).toBe(true);
    await expect(startTestApp({ emulator: own })).rejects.toThrow(/a webhook is set for this bot \(other\.example\.kz\).*POLLING_REPLACES_WEBHOOK=true/);
    expect(own.webhookConfig()?.url).toBe("https://other.example.kz/hook");

    const taking = await startTestApp({ emulator: own, env: { POLLING_REPLACES_WEBHOOK: "true" } });
    apps.push(taking);
    expect(own.webhookConfig()).toBeFalsy();
    await own.sendCommand(user, "/start");
    await own.waitFor((m) => /Тілді таңдаңыз/.test(m.text ?? ""), { chatId: user.id });
  } finally {
    for (const a of apps.splice(0)) await a.close();
    await own.stop();
  }
});
