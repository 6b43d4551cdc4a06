// A button press whose answer Telegram refuses ("query is too old": after a restart, a slow
// database, a lost reply) still does what it asked for: the answer's failure is logged, never
// fatal (src/bot/api-transformers.ts, tolerantCallbackAnswers).
import { afterAll, beforeAll, expect, it } from "vitest";
import { BotApiEmulator, type TgUser } from "../support/bot-api-emulator.js";
import { startTestApp, type RunningApp } from "../support/app.js";
import { TEST_BOT_INFO } from "../support/harness.js";

const asel: TgUser = { id: 700001, first_name: "Асель", language_code: "ru" };
let running: RunningApp;
beforeAll(async () => {
  // Every answer comes too late for Telegram here.
  const emulator = await BotApiEmulator.start({ botInfo: TEST_BOT_INFO, callbackAnswerWindowMs: 0 });
  running = await startTestApp({ emulator });
});
afterAll(async () => {
  await running.close();
  await running.emulator.stop();
});

it("the language chosen with a button is taken though its answer is refused, and the refusal is logged", async () => {
  const { emulator } = running;
  await emulator.sendCommand(asel, "/start");
  const choose = await emulator.waitFor((m) => /Тілді таңдаңыз/.test(m.text ?? ""), { chatId: asel.id });
  await emulator.clickButton(asel, choose, /Қазақша/);
  const next = await emulator.waitFor((m) => m.message_id > choose.message_id, { chatId: asel.id });
  expect(next.text).not.toMatch(/Бірдеңе дұрыс болмады|Что-то пошло не так/);
  expect(emulator.calls.filter((c) => c.method === "answerCallbackQuery").length).toBeGreaterThan(0);
  expect(running.logs.text).toMatch(/"event":"callback_answer_failed".*query is too old/);
  expect(running.logs.text).not.toMatch(/"event":"update_failed"/);
});

it("inline keyboards go out without empty rows (the builder leaves one after an empty list)", async () => {
  const { compactKeyboards } = await import("../../src/bot/api-transformers.js");
  const seen: unknown[] = [];
  const prev = (async (_method: string, payload: unknown) => {
    seen.push(payload);
    return { ok: true, result: true };
  }) as unknown as Parameters<ReturnType<typeof compactKeyboards>>[0];
  const button = { text: "➕", callback_data: "sc.n" };
  await compactKeyboards()(prev, "sendMessage", { chat_id: 1, text: "x", reply_markup: { inline_keyboard: [[], [button], []] } } as never);
  await compactKeyboards()(prev, "sendMessage", { chat_id: 1, text: "y" } as never);
  expect(seen).toEqual([{ chat_id: 1, text: "x", reply_markup: { inline_keyboard: [[button]] } }, { chat_id: 1, text: "y" }]);
});

it("an album weighs on Telegram's limits as many messages as it has pictures", async () => {
  const { interactiveLoad } = await import("../../src/bot/api-transformers.js");
  const { InteractiveLoad } = await import("../../src/bot/notifications/pacer.js");
  const load = new InteractiveLoad(() => 1_000);
  const transformer = interactiveLoad(load);
  const album = Array.from({ length: 7 }, (_, i) => ({ message_id: i + 1 }));
  await transformer(async () => ({ ok: true, result: album as never }), "sendMediaGroup", { chat_id: 1, media: [] } as never);
  await transformer(async () => ({ ok: true, result: { message_id: 9 } as never }), "sendPhoto", { chat_id: 1, photo: "x" } as never);
  expect(load.takeCharge()).toBe(8);
});
