// The unit harness itself (unit-harness.ts): what the in-process Telegram answers, how a test
// changes an answer, the update builders' defaults, and the real bot driven through it.
import { Api, Bot, GrammyError, InlineKeyboard } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_BOT_INFO } from "./harness.js";
import { ApiFailure, Clock, createUnitHarness, InProcessTelegram, telegramErrors, type TgUser, type UnitHarness } from "./unit-harness.js";

const alice: TgUser = { id: 601, first_name: "Alice", language_code: "ru" };

/** A bot that echoes texts with a button, edits on a press, and records what the API answered. */
function echoBot(clock?: Clock) {
  const bot = new Bot("123:unit-harness-test", { botInfo: TEST_BOT_INFO });
  const telegram = new InProcessTelegram(clock).connect(bot);
  const results: unknown[] = [];
  const errors: unknown[] = [];
  bot.on("message:text", async (ctx) => {
    try {
      results.push(await ctx.reply(`echo: ${ctx.message.text}`, { reply_markup: new InlineKeyboard().text("again", "again:1") }));
    } catch (error) {
      errors.push(error);
    }
  });
  bot.on("callback_query:data", async (ctx) => {
    try {
      await ctx.answerCallbackQuery({ text: "pressed", show_alert: true });
      results.push(await ctx.editMessageText(`pressed ${ctx.callbackQuery.data} on ${ctx.callbackQuery.message?.message_id}`));
    } catch (error) {
      errors.push(error);
    }
  });
  bot.on("message:document", (ctx) => void results.push(ctx.message.document));
  return { bot, telegram, results, errors };
}

describe("in-process Telegram", () => {
  it("answers an album with a message per picture and refuses one Telegram would (1 or 11 items, a caption over 1,024)", async () => {
    const bot = new Bot("123:unit-harness-test", { botInfo: TEST_BOT_INFO });
    new InProcessTelegram().connect(bot);
    const photo = (caption: string) => ({ type: "photo" as const, media: "file-id", caption });
    const sent = await bot.api.sendMediaGroup(alice.id, [photo("1. Вопрос"), photo("2. Вопрос")]);
    expect(sent.map((m) => m.caption)).toEqual(["1. Вопрос", "2. Вопрос"]);
    await expect(bot.api.sendMediaGroup(alice.id, [photo("1")])).rejects.toThrow(/wrong number of messages/);
    await expect(bot.api.sendMediaGroup(alice.id, Array.from({ length: 11 }, (_, i) => photo(String(i))))).rejects.toThrow(/wrong number of messages/);
    await expect(bot.api.sendMediaGroup(alice.id, [photo("я".repeat(1025)), photo("2")])).rejects.toThrow(/caption is too long/);
  });

  it("answers sends with a new message and edits with the same one, recording every call", async () => {
    const { telegram, results } = echoBot();
    const hello = await telegram.text(alice, "hello");
    await telegram.callback(alice, "again:1");
    const [sent, edited] = results as Array<{ message_id: number; text: string; chat: { id: number }; reply_markup?: unknown }>;
    expect(sent!.message_id).toBeGreaterThan(hello.message!.message_id);
    expect(sent).toMatchObject({ text: "echo: hello", chat: { id: alice.id }, reply_markup: { inline_keyboard: [[{ text: "again", callback_data: "again:1" }]] } });
    // The press was on the bot's last message, which the edit keeps.
    expect(edited).toMatchObject({ message_id: sent!.message_id, text: `pressed again:1 on ${sent!.message_id}` });
    expect(telegram.calls().map((c) => c.method)).toEqual(["sendMessage", "answerCallbackQuery", "editMessageText"]);
    expect(telegram.replies(alice.id)).toEqual(["echo: hello", `pressed again:1 on ${sent!.message_id}`]);
    expect(telegram.lastReply(alice.id)).toBe(`pressed again:1 on ${sent!.message_id}`);
    expect(telegram.alerts()).toEqual(["pressed"]);
    expect(telegram.lastKeyboard(alice.id)).toEqual([{ text: "again", data: "again:1" }]);
    expect(telegram.replies(999)).toEqual([]);
    expect(() => telegram.lastReply(999)).toThrow("no replies in chat 999");
  });

  it("answers a method as told, for a number of calls or for good", async () => {
    const { telegram, results, errors } = echoBot();
    telegram.respond("sendMessage", telegramErrors.tooManyRequests(7), { times: 2 });
    await telegram.text(alice, "1");
    await telegram.text(alice, "2");
    await telegram.text(alice, "3");
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBeInstanceOf(GrammyError);
    expect(errors[0]).toMatchObject({ error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } });
    expect(results).toHaveLength(1);
    // Failed calls are recorded too: the bot did try.
    expect(telegram.calls("sendMessage")).toHaveLength(3);

    telegram.respond("answerCallbackQuery", telegramErrors.queryTooOld);
    await telegram.callback(alice, "again:1");
    await telegram.callback(alice, "again:1");
    expect(errors.slice(2).map((e) => (e as GrammyError).description)).toEqual([telegramErrors.queryTooOld.description, telegramErrors.queryTooOld.description]);

    telegram.respond("sendMessage", (payload) => ({ message_id: 1, date: 0, chat: { id: payload.chat_id, type: "private" }, text: "computed" }), { times: 1 });
    await telegram.text(alice, "4");
    expect(results.at(-1)).toMatchObject({ message_id: 1, text: "computed" });
    telegram.respond("sendMessage", new ApiFailure(400, "Bad Request: chat not found"), { times: 1 });
    await telegram.text(alice, "5");
    expect((errors.at(-1) as GrammyError).error_code).toBe(400);
  });

  it("builds updates with growing ids, the clock's date and sane defaults", async () => {
    const clock = new Clock(new Date("2026-03-20T04:00:00Z"));
    const { telegram, results } = echoBot(clock);
    const first = telegram.build.command(alice, "start", "abc");
    clock.advance(60_000);
    const second = telegram.build.text(alice, "plain");
    expect(second.update_id).toBe(first.update_id + 1);
    expect(second.message!.message_id).toBe(first.message!.message_id + 1);
    expect(first.message).toMatchObject({ text: "/start abc", entities: [{ type: "bot_command", offset: 0, length: 6 }], chat: { id: alice.id, type: "private" }, from: { id: alice.id, is_bot: false } });
    expect(first.message!.date).toBe(Date.parse("2026-03-20T04:00:00Z") / 1000);
    expect(second.message!.date).toBe(first.message!.date + 60);
    expect(second.message!.entities).toBeUndefined();
    expect(telegram.build.contact(alice, "+77010000001").message!.contact).toEqual({ phone_number: "+77010000001", first_name: "Alice", user_id: alice.id });
    expect(telegram.build.photo(alice, { size: 5_000 }).message!.photo!.at(-1)!.file_size).toBe(5_000);
    expect(telegram.build.sticker(alice).message!.sticker).toMatchObject({ type: "regular" });
    await telegram.document(alice, { fileName: "plan.xlsx", size: 2048 });
    expect(results.at(-1)).toMatchObject({ file_name: "plan.xlsx", file_size: 2048 });
    expect(telegram.build.callback(alice, "x:1", { messageId: 77 }).callback_query!.message!.message_id).toBe(77);
  });

  it("answers an Api on its own, without a bot", async () => {
    const telegram = new InProcessTelegram();
    const api = new Api("123:unit-harness-test");
    telegram.install(api);
    expect(await api.getFile("doc5")).toMatchObject({ file_id: "doc5", file_path: "documents/doc5" });
    expect(await api.deleteMessage(601, 5)).toBe(true);
    await expect(telegram.send(telegram.build.text(alice, "x"))).rejects.toThrow("connect(bot) first");
  });
});

describe("the real bot through the unit harness", () => {
  let h: UnitHarness;
  beforeAll(async () => {
    h = await createUnitHarness();
  });
  afterAll(() => h.destroy());

  it("answers /start and a button press in-process, with the session in the test database", async () => {
    await h.command(alice, "start");
    const buttons = h.lastKeyboard(alice.id);
    expect(buttons.length).toBeGreaterThan(0);
    await h.callback(alice, buttons[0]!.data!);
    expect(h.calls("answerCallbackQuery").length).toBeGreaterThan(0);
    expect(h.logs.text).not.toContain("update_failed");
  });
});
