import { afterEach, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Bot, InputFile, InlineKeyboard, webhookCallback } from "grammy";
import { autoRetry } from "@grammyjs/auto-retry";
import {
  BotApiEmulator,
  type ApiResponse,
  type BotApiEmulatorOptions,
  type TgMessage,
  type TgUpdate,
  type TgUser,
} from "./bot-api-emulator.js";

const TOKEN = "123:abc";
const alice: TgUser = { id: 1001, first_name: "Alice", username: "alice_user", language_code: "ru" };
const bek: TgUser = { id: 1002, first_name: "Бекзат", last_name: "Нурланов", language_code: "kk" };

// Everything a test starts is stopped in reverse order (bots before the emulator).
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (let fn = cleanups.pop(); fn; fn = cleanups.pop()) await fn();
});

async function startEmulator(options?: BotApiEmulatorOptions): Promise<BotApiEmulator> {
  const emulator = await BotApiEmulator.start(options);
  cleanups.push(() => emulator.stop());
  return emulator;
}

interface Reply<T = unknown> {
  status: number;
  body: ApiResponse & { result?: T };
}

async function api<T = unknown>(
  emulator: BotApiEmulator,
  method: string,
  payload: Record<string, unknown> = {},
  token = TOKEN,
): Promise<Reply<T>> {
  const res = await fetch(`${emulator.apiRoot}/bot${token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(payload),
  });
  return { status: res.status, body: (await res.json()) as Reply<T>["body"] };
}

/** Calls the API and returns `result`, failing the test on an error answer. */
async function ok<T>(emulator: BotApiEmulator, method: string, payload: Record<string, unknown> = {}): Promise<T> {
  const { body } = await api<T>(emulator, method, payload);
  if (!body.ok) throw new Error(`${method} failed: ${body.description}`);
  return body.result as T;
}

function newBot(emulator: BotApiEmulator): { bot: Bot; errors: unknown[] } {
  const bot = new Bot(TOKEN, { botInfo: emulator.botInfo, client: { apiRoot: emulator.apiRoot } });
  const errors: unknown[] = [];
  bot.catch((err) => {
    errors.push(err.error);
  });
  return { bot, errors };
}

/** Starts long polling and registers bot.stop() for cleanup. */
async function startPolling(bot: Bot): Promise<void> {
  let started!: () => void;
  const ready = new Promise<void>((resolve) => (started = resolve));
  let failure: unknown;
  const running = bot.start({ onStart: () => started() }).catch((err: unknown) => {
    failure = err;
    started();
  });
  cleanups.push(async () => {
    if (bot.isRunning()) await bot.stop();
    await running;
  });
  await ready;
  if (failure) throw failure;
}

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

function readRequest(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

/** 24-byte PNG header (signature + IHDR) is enough for the emulator to read the size. */
function pngHeader(width: number, height: number): Buffer {
  const buf = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(buf, 0);
  buf.writeUInt32BE(13, 8);
  buf.write("IHDR", 12, "ascii");
  buf.writeUInt32BE(width, 16);
  buf.writeUInt32BE(height, 20);
  return buf;
}

const inlineKeyboard = (...rows: [string, string][][]) => ({
  inline_keyboard: rows.map((row) => row.map(([text, data]) => ({ text, callback_data: data }))),
});

describe("BotApiEmulator — HTTP surface", () => {
  it("answers getMe for any token (POST, GET, any method case) and records the token", async () => {
    const emu = await startEmulator();
    expect(emu.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const post = await api(emu, "getMe");
    expect(post).toEqual({ status: 200, body: { ok: true, result: emu.botInfo } });
    expect(emu.botInfo).toMatchObject({
      id: 7000000001,
      is_bot: true,
      username: "adal_test_bot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    });
    const get = await fetch(`${emu.apiRoot}/bot999:other/getme`);
    expect(await get.json()).toMatchObject({ ok: true, result: { id: 7000000001 } });
    expect([...emu.tokens]).toEqual([TOKEN, "999:other"]);
    expect(emu.calls.map((c) => [c.method, c.token])).toEqual([
      ["getMe", TOKEN],
      ["getMe", "999:other"],
    ]);
  });

  it("accepts botInfo overrides", async () => {
    const emu = await startEmulator({ botInfo: { username: "other_bot", first_name: "Other" } });
    expect(emu.botInfo).toMatchObject({ id: 7000000001, username: "other_bot", first_name: "Other", is_bot: true });
  });

  it("answers unknown methods and paths with 404", async () => {
    const emu = await startEmulator();
    expect(await api(emu, "sendTelepathy", { chat_id: 1 })).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: "Not Found: method not found" },
    });
    const res = await fetch(`${emu.apiRoot}/nonsense`);
    expect(res.status).toBe(404);
    expect(emu.calls.at(-1)?.method).toBe("sendTelepathy");
  });

  it("parses urlencoded bodies and query strings, coercing JSON/integer fields", async () => {
    const emu = await startEmulator();
    await emu.sendText(alice, "hi");
    const form = new URLSearchParams({
      chat_id: String(alice.id),
      text: "[not json] 42",
      reply_markup: JSON.stringify(inlineKeyboard([["A", "a"]])),
    });
    const res = await fetch(`${emu.apiRoot}/bot${TOKEN}/sendMessage`, { method: "POST", body: form });
    expect(res.status).toBe(200);
    const call = emu.calls.at(-1);
    expect(call?.payload).toEqual({
      chat_id: alice.id,
      text: "[not json] 42",
      reply_markup: inlineKeyboard([["A", "a"]]),
    });
    const viaQuery = await fetch(`${emu.apiRoot}/bot${TOKEN}/sendMessage?chat_id=${alice.id}&text=q`);
    expect(await viaQuery.json()).toMatchObject({ ok: true, result: { text: "q" } });
  });
});

describe("BotApiEmulator — simulated users and getUpdates", () => {
  it("builds realistic message updates with bot_command entities", async () => {
    const emu = await startEmulator();
    const before = Math.floor(Date.now() / 1000);
    const u1 = await emu.sendCommand(alice, "start");
    const u2 = await emu.sendText(alice, "/start@adal_test_bot deep-link");
    const u3 = await emu.sendText(alice, "просто текст");
    const u4 = await emu.sendText(bek, "/help");

    expect(u2.update_id).toBe(u1.update_id + 1);
    expect(u3.update_id).toBe(u2.update_id + 1);
    expect(u1.message).toEqual({
      message_id: 1,
      from: { id: alice.id, is_bot: false, first_name: "Alice", username: "alice_user", language_code: "ru" },
      chat: { id: alice.id, type: "private", first_name: "Alice", username: "alice_user" },
      date: expect.any(Number) as number,
      text: "/start",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    });
    expect(u1.message?.date).toBeGreaterThanOrEqual(before);
    expect(u1.message?.date).toBeLessThan(before + 5);
    expect(u2.message?.message_id).toBe(2);
    expect(u2.message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 20 }]);
    expect(u3.message?.entities).toBeUndefined();
    // message ids are per chat
    expect(u4.message).toMatchObject({
      message_id: 1,
      chat: { id: bek.id, type: "private", first_name: "Бекзат", last_name: "Нурланов" },
      entities: [{ type: "bot_command", offset: 0, length: 5 }],
    });
    // bot messages share the chat's counter
    const sent = await ok<TgMessage>(emu, "sendMessage", { chat_id: alice.id, text: "hello" });
    expect(sent.message_id).toBe(4);
    expect((await emu.sendText(alice, "again")).message?.message_id).toBe(5);
  });

  it("supports other chats via opts.chatId (groups for negative ids)", async () => {
    const emu = await startEmulator();
    const u = await emu.sendText(alice, "/report", { chatId: -100500 });
    expect(u.message?.chat).toEqual({ id: -100500, type: "group", title: "Group -100500" });
    expect(u.message?.from?.id).toBe(alice.id);
  });

  it("getUpdates honours offset (confirmation) and limit", async () => {
    const emu = await startEmulator();
    const ids: number[] = [];
    for (const text of ["a", "b", "c"]) ids.push((await emu.sendText(alice, text)).update_id);
    const all = await ok<TgUpdate[]>(emu, "getUpdates", {});
    expect(all.map((u) => u.message?.text)).toEqual(["a", "b", "c"]);
    // not confirmed yet: returned again
    expect((await ok<TgUpdate[]>(emu, "getUpdates", { limit: 2 })).map((u) => u.update_id)).toEqual(ids.slice(0, 2));
    // offset confirms everything below it
    const rest = await ok<TgUpdate[]>(emu, "getUpdates", { offset: (ids[1] ?? 0) + 1 });
    expect(rest.map((u) => u.message?.text)).toEqual(["c"]);
    expect(emu.pendingUpdateCount).toBe(1);
    expect(await ok<TgUpdate[]>(emu, "getUpdates", { offset: (ids[2] ?? 0) + 1 })).toEqual([]);
    expect(emu.pendingUpdateCount).toBe(0);
  });

  it("long polls until an update arrives, or until the timeout", async () => {
    const emu = await startEmulator();
    const t0 = Date.now();
    const poll = api<TgUpdate[]>(emu, "getUpdates", { timeout: 10 });
    await new Promise((r) => setTimeout(r, 150));
    await emu.sendText(alice, "wake up");
    const { body } = await poll;
    expect(body.ok && (body.result as TgUpdate[]).map((u) => u.message?.text)).toEqual(["wake up"]);
    expect(Date.now() - t0).toBeLessThan(2000);

    const t1 = Date.now();
    const idle = await api<TgUpdate[]>(emu, "getUpdates", { offset: (emu.updates[0]?.update_id ?? 0) + 1, timeout: 1 });
    expect(idle.body).toEqual({ ok: true, result: [] });
    expect(Date.now() - t1).toBeGreaterThanOrEqual(900);
  });

  it("terminates an older long poll with 409 when another getUpdates arrives", async () => {
    const emu = await startEmulator();
    const first = api(emu, "getUpdates", { timeout: 10 });
    await new Promise((r) => setTimeout(r, 100));
    const second = api(emu, "getUpdates", { timeout: 0 });
    expect((await first).body).toEqual({
      ok: false,
      error_code: 409,
      description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    });
    expect((await second).body).toEqual({ ok: true, result: [] });
  });

  it("stop() answers hanging long polls with an empty array", async () => {
    const emu = await BotApiEmulator.start();
    const poll = api(emu, "getUpdates", { timeout: 30 });
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await emu.stop();
    expect((await poll).body).toEqual({ ok: true, result: [] });
    expect(Date.now() - t0).toBeLessThan(1500);
    await expect(fetch(`${emu.apiRoot}/bot${TOKEN}/getMe`)).rejects.toThrow();
  });
});

describe("BotApiEmulator — bot methods", () => {
  it("sendMessage returns a realistic Message and records it", async () => {
    const emu = await startEmulator();
    await emu.sendCommand(alice, "start");
    const markup = inlineKeyboard([["Да", "yes"], ["Нет", "no"]], [["Отмена", "cancel"]]);
    const msg = await ok<TgMessage>(emu, "sendMessage", {
      chat_id: alice.id,
      text: "<b>Вопрос 1</b>: согласны? See /help &amp; https://example.kz.",
      parse_mode: "HTML",
      reply_markup: markup,
    });
    expect(msg).toEqual({
      message_id: 2,
      from: { id: 7000000001, is_bot: true, first_name: "Adal Test Bot", username: "adal_test_bot" },
      chat: { id: alice.id, type: "private", first_name: "Alice", username: "alice_user" },
      date: expect.any(Number) as number,
      text: "Вопрос 1: согласны? See /help & https://example.kz.",
      entities: [
        { type: "bold", offset: 0, length: 8 },
        { type: "bot_command", offset: 24, length: 5 },
        { type: "url", offset: 32, length: 18 },
      ],
      reply_markup: markup,
    });
    const stored = emu.lastMessage(alice.id);
    expect(stored).toMatchObject({ ...msg, deleted: false, editCount: 0, sentVia: "sendMessage" });
    expect(emu.sentMessages()).toHaveLength(1);
    expect(emu.sentMessages(bek.id)).toEqual([]);
    expect(emu.inlineButtons(msg)).toEqual([
      { text: "Да", callback_data: "yes" },
      { text: "Нет", callback_data: "no" },
      { text: "Отмена", callback_data: "cancel" },
    ]);
    expect(emu.buttonByText(msg, /^Н/)).toEqual({ text: "Нет", callback_data: "no" });
    expect(emu.buttonByText(msg, "Maybe")).toBeUndefined();
  });

  it("reproduces Telegram's sendMessage errors", async () => {
    const emu = await startEmulator();
    const send = (payload: Record<string, unknown>) => api(emu, "sendMessage", { chat_id: alice.id, ...payload });
    const error = (status: number, description: string) => ({
      status,
      body: { ok: false, error_code: status, description },
    });

    expect(await send({ text: "" })).toEqual(error(400, "Bad Request: message text is empty"));
    expect(await send({ text: " \n " })).toEqual(error(400, "Bad Request: message text is empty"));
    expect(await send({})).toEqual(error(400, "Bad Request: message text is empty"));
    expect(await send({ text: "x".repeat(4097) })).toEqual(error(400, "Bad Request: message is too long"));
    expect((await send({ text: "x".repeat(4096) })).status).toBe(200);
    // 64 *bytes*: 32 Cyrillic letters fit, 33 don't
    expect((await send({ text: "ok", reply_markup: inlineKeyboard([["b", "я".repeat(32)]]) })).status).toBe(200);
    expect(await send({ text: "x", reply_markup: inlineKeyboard([["b", "я".repeat(33)]]) })).toEqual(
      error(400, "Bad Request: BUTTON_DATA_INVALID"),
    );
    expect(await send({ text: "x", reply_markup: { inline_keyboard: [[{ text: "plain" }]] } })).toEqual(
      error(400, "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"),
    );
    expect(await send({ text: "a <tag> b", parse_mode: "HTML" })).toEqual(
      error(400, 'Bad Request: can\'t parse entities: Unsupported start tag "tag" at byte offset 2'),
    );
    expect(await send({ text: "<b>open", parse_mode: "HTML" })).toEqual(
      error(400, 'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"'),
    );
    expect(await send({ text: "Итого: 5.", parse_mode: "MarkdownV2" })).toEqual(
      error(400, "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'"),
    );
    expect(await send({ text: "x", parse_mode: "Klingon" })).toEqual(error(400, "Bad Request: unsupported parse_mode"));

    await emu.blockChat(alice.id);
    expect(await send({ text: "hello?" })).toEqual(error(403, "Forbidden: bot was blocked by the user"));
    expect((await api(emu, "sendChatAction", { chat_id: alice.id, action: "typing" })).status).toBe(403);
    await emu.unblockChat(alice.id);
    expect((await send({ text: "hello again" })).status).toBe(200);

    const strict = await startEmulator({ unknownChats: "error" });
    expect(await api(strict, "sendMessage", { chat_id: 42, text: "x" })).toEqual(error(400, "Bad Request: chat not found"));
  });

  it("parses MarkdownV2 entities", async () => {
    const emu = await startEmulator();
    const msg = await ok<TgMessage>(emu, "sendMessage", {
      chat_id: alice.id,
      text: "*Жирный* _курсив_ `code` [ссылка](https://adal.kz/a\\)b) 5\\.0",
      parse_mode: "MarkdownV2",
    });
    expect(msg.text).toBe("Жирный курсив code ссылка 5.0");
    expect(msg.entities).toEqual([
      { type: "bold", offset: 0, length: 6 },
      { type: "italic", offset: 7, length: 6 },
      { type: "code", offset: 14, length: 4 },
      { type: "text_link", offset: 19, length: 6, url: "https://adal.kz/a)b" },
    ]);
  });

  it("edits messages in place and reports Telegram's edit errors", async () => {
    const emu = await startEmulator();
    const userMsg = (await emu.sendText(alice, "hi")).message as TgMessage;
    const markup = inlineKeyboard([["A", "a"]]);
    const msg = await ok<TgMessage>(emu, "sendMessage", { chat_id: alice.id, text: "v1", reply_markup: markup });
    const stored = emu.lastMessage(alice.id);

    const same = await api(emu, "editMessageText", {
      chat_id: alice.id,
      message_id: msg.message_id,
      text: "v1",
      reply_markup: markup,
    });
    expect(same.status).toBe(400);
    expect(same.body.ok === false && same.body.description).toMatch(/^Bad Request: message is not modified/);

    const edited = await ok<TgMessage>(emu, "editMessageText", {
      chat_id: alice.id,
      message_id: msg.message_id,
      text: "v2",
      reply_markup: markup,
    });
    expect(edited).toMatchObject({ message_id: msg.message_id, text: "v2", reply_markup: markup });
    expect(edited.edit_date).toEqual(expect.any(Number));
    expect(stored).toMatchObject({ text: "v2", editCount: 1 }); // same live object

    const newMarkup = inlineKeyboard([["B", "b"]]);
    await ok(emu, "editMessageReplyMarkup", { chat_id: alice.id, message_id: msg.message_id, reply_markup: newMarkup });
    expect(stored?.reply_markup).toEqual(newMarkup);
    expect(
      (await api(emu, "editMessageReplyMarkup", { chat_id: alice.id, message_id: msg.message_id, reply_markup: newMarkup }))
        .status,
    ).toBe(400);
    // editing text without reply_markup removes the keyboard, like Telegram
    await ok(emu, "editMessageText", { chat_id: alice.id, message_id: msg.message_id, text: "v3" });
    expect(stored?.reply_markup).toBeUndefined();

    expect((await api(emu, "editMessageText", { chat_id: alice.id, message_id: 999, text: "x" })).body).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: message to edit not found",
    });
    expect(
      (await api(emu, "editMessageText", { chat_id: alice.id, message_id: userMsg.message_id, text: "x" })).body,
    ).toMatchObject({ description: "Bad Request: message can't be edited" });

    expect(await ok(emu, "deleteMessage", { chat_id: alice.id, message_id: msg.message_id })).toBe(true);
    expect(stored?.deleted).toBe(true);
    expect(emu.sentMessages(alice.id)).toHaveLength(1); // kept, flagged
    expect((await api(emu, "deleteMessage", { chat_id: alice.id, message_id: msg.message_id })).body).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: message to delete not found",
    });
    expect((await api(emu, "editMessageText", { chat_id: alice.id, message_id: msg.message_id, text: "y" })).body)
      .toMatchObject({ description: "Bad Request: message to edit not found" });

    const a = await ok<TgMessage>(emu, "sendMessage", { chat_id: alice.id, text: "a" });
    const b = await ok<TgMessage>(emu, "sendMessage", { chat_id: alice.id, text: "b" });
    expect(await ok(emu, "deleteMessages", { chat_id: alice.id, message_ids: [a.message_id, b.message_id, 12345] })).toBe(
      true,
    );
    expect(emu.sentMessages(alice.id).map((m) => m.deleted)).toEqual([true, true, true]);
    // the bot may delete the user's messages too
    expect(await ok(emu, "deleteMessage", { chat_id: alice.id, message_id: userMsg.message_id })).toBe(true);
  });

  it("sends callback queries carrying the stored message, and answers them once", async () => {
    const emu = await startEmulator();
    await emu.sendCommand(alice, "start");
    const msg = await ok<TgMessage>(emu, "sendMessage", {
      chat_id: alice.id,
      text: "Choose",
      reply_markup: { inline_keyboard: [[{ text: "Yes", callback_data: "q1:yes" }, { text: "Site", url: "https://adal.kz" }]] },
    });
    const stored = emu.lastMessage(alice.id);
    if (!stored) throw new Error("no message");

    const update = await emu.clickButton(alice, stored, "Yes");
    const query = update.callback_query;
    expect(query).toEqual({
      id: expect.stringMatching(/^\d+$/) as string,
      from: { id: alice.id, is_bot: false, first_name: "Alice", username: "alice_user", language_code: "ru" },
      message: msg,
      chat_instance: expect.any(String) as string,
      data: "q1:yes",
    });
    expect(query?.message).not.toHaveProperty("deleted"); // wire copy, no emulator fields
    await expect(emu.clickButton(alice, stored, "Site")).rejects.toThrow(/has no callback_data/);
    await expect(emu.clickButton(alice, stored, "No")).rejects.toThrow(/buttons: \["Yes","Site"\]/);

    const unknown = await emu.sendCallback(alice, "stale", 77);
    expect(unknown.callback_query?.message).toEqual({
      message_id: 77,
      date: 0,
      chat: { id: alice.id, type: "private", first_name: "Alice", username: "alice_user" },
    });

    const id = query?.id ?? "";
    expect(await ok(emu, "answerCallbackQuery", { callback_query_id: id, text: "Saved", show_alert: true })).toBe(true);
    expect(emu.callbackAnswer(id)).toEqual({ text: "Saved", show_alert: true });
    expect((await api(emu, "answerCallbackQuery", { callback_query_id: id })).body).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: query is too old and response timeout expired or query ID is invalid",
    });
  });

  it("stores user files and serves them through getFile + download", async () => {
    const emu = await startEmulator();
    const csv = Buffer.from("ФИО;Отдел\nАсель;Бухгалтерия\n", "utf8");
    const docUpdate = await emu.sendDocument(alice, {
      fileName: "staff.csv",
      mimeType: "text/csv",
      content: csv,
      caption: "list #staff",
    });
    const doc = docUpdate.message?.document;
    expect(doc).toEqual({
      file_id: expect.stringMatching(/^BQAC/) as string,
      file_unique_id: expect.any(String) as string,
      file_name: "staff.csv",
      mime_type: "text/csv",
      file_size: csv.length,
    });
    expect(docUpdate.message?.caption).toBe("list #staff");
    expect(docUpdate.message?.caption_entities).toEqual([{ type: "hashtag", offset: 5, length: 6 }]);

    const file = await ok<{ file_id: string; file_size: number; file_path: string }>(emu, "getFile", {
      file_id: doc?.file_id,
    });
    expect(file).toMatchObject({ file_id: doc?.file_id, file_size: csv.length, file_path: expect.stringMatching(/\.csv$/) as string });
    const res = await fetch(`${emu.apiRoot}/file/bot${TOKEN}/${file.file_path}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(csv)).toBe(true);
    expect(emu.downloadedFiles).toEqual([
      { fileId: doc?.file_id, filePath: file.file_path, fileName: "staff.csv", bytes: csv, token: TOKEN },
    ]);
    expect((await fetch(`${emu.apiRoot}/file/bot${TOKEN}/documents/nope.csv`)).status).toBe(404);
    expect((await api(emu, "getFile", { file_id: "bogus" })).body).toMatchObject({
      error_code: 400,
      description: "Bad Request: invalid file_id",
    });

    const photo = (await emu.sendPhoto(alice, { content: pngHeader(1600, 1200), caption: "scan" })).message?.photo;
    expect(photo?.map((p) => [p.width, p.height])).toEqual([
      [320, 240],
      [1600, 1200],
    ]);
    const voice = (await emu.sendVoice(alice, { content: Buffer.from("OggS...."), duration: 7 })).message?.voice;
    expect(voice).toMatchObject({ duration: 7, mime_type: "audio/ogg", file_size: 8 });
    expect(emu.file(voice?.file_id ?? "")?.bytes.toString()).toBe("OggS....");
  });

  it("accepts standard multipart uploads, file_id re-sends, and rejects bad file ids", async () => {
    const emu = await startEmulator();
    const form = new FormData();
    form.set("chat_id", String(alice.id));
    form.set("caption", "<i>Отчёт</i>");
    form.set("parse_mode", "HTML");
    form.set("reply_markup", JSON.stringify(inlineKeyboard([["OK", "ok"]])));
    form.set("document", new Blob([Buffer.from("%PDF-1.4")]), "report.pdf");
    const res = await fetch(`${emu.apiRoot}/bot${TOKEN}/sendDocument`, { method: "POST", body: form });
    const body = (await res.json()) as { ok: boolean; result: TgMessage };
    expect(body.ok).toBe(true);
    expect(body.result).toMatchObject({
      caption: "Отчёт",
      caption_entities: [{ type: "italic", offset: 0, length: 5 }],
      document: { file_name: "report.pdf", mime_type: "application/pdf", file_size: 8 },
      reply_markup: inlineKeyboard([["OK", "ok"]]),
    });
    expect(emu.uploadedFiles).toEqual([
      {
        fileId: body.result.document?.file_id,
        fileName: "report.pdf",
        mimeType: "application/pdf",
        bytes: Buffer.from("%PDF-1.4"),
        method: "sendDocument",
        chatId: alice.id,
        messageId: body.result.message_id,
      },
    ]);

    const again = await ok<TgMessage>(emu, "sendDocument", { chat_id: bek.id, document: body.result.document?.file_id });
    expect(again.document).toEqual(body.result.document);
    expect(emu.uploadedFiles).toHaveLength(1); // no new upload

    const photo = (await emu.sendPhoto(alice, { content: pngHeader(10, 10) })).message?.photo?.at(-1);
    expect((await api(emu, "sendDocument", { chat_id: alice.id, document: photo?.file_id })).body).toMatchObject({
      description: "Bad Request: can't use file of type Photo as Document",
    });
    expect((await api(emu, "sendDocument", { chat_id: alice.id, document: "nope" })).body).toMatchObject({
      description: "Bad Request: wrong file identifier/HTTP URL specified",
    });
    expect((await ok<TgMessage>(emu, "sendPhoto", { chat_id: bek.id, photo: photo?.file_id })).photo?.at(-1)).toEqual(photo);
  });

  it("sends albums as Telegram does: 2–10 items, captions up to 1,024, no mixing documents with photos, all or nothing", async () => {
    const emu = await startEmulator();
    const album = async (items: { type: string; caption?: string; name?: string }[], extra: Record<string, string> = {}) => {
      const form = new FormData();
      form.set("chat_id", String(alice.id));
      for (const [k, v] of Object.entries(extra)) form.set(k, v);
      form.set("media", JSON.stringify(items.map((m, i) => ({ type: m.type, media: `attach://${m.name ?? `f${i}`}`, ...(m.caption !== undefined ? { caption: m.caption } : {}) }))));
      items.forEach((m, i) => form.set(m.name ?? `f${i}`, new Blob([pngHeader(100, 80)]), `chart${i}.png`));
      const res = await fetch(`${emu.apiRoot}/bot${TOKEN}/sendMediaGroup`, { method: "POST", body: form });
      return (await res.json()) as { ok: boolean; result?: TgMessage[]; description?: string };
    };
    const photos = (n: number, caption = (i: number) => `${i + 1}. Вопрос`) => Array.from({ length: n }, (_, i) => ({ type: "photo", caption: caption(i) }));

    const sent = await album(photos(3));
    expect(sent.ok).toBe(true);
    expect(sent.result!.map((m) => m.caption)).toEqual(["1. Вопрос", "2. Вопрос", "3. Вопрос"]);
    expect(new Set(sent.result!.map((m) => m.media_group_id)).size).toBe(1);
    expect(sent.result!.every((m) => m.photo && m.media_group_id)).toBe(true);
    expect(emu.uploadedFiles.map((f) => f.method)).toEqual(["sendMediaGroup", "sendMediaGroup", "sendMediaGroup"]);
    expect((await album(photos(2))).result![0]!.media_group_id).not.toBe(sent.result![0]!.media_group_id);

    const before = emu.sentMessages().length;
    expect(await album(photos(11))).toMatchObject({ ok: false, description: "Bad Request: too much messages to send as an album" });
    expect(await album(photos(1))).toMatchObject({ ok: false, description: "Bad Request: wrong number of messages to send as an album" });
    expect(await album(photos(3, (i) => (i === 2 ? "я".repeat(1025) : "ок")))).toMatchObject({ ok: false, description: "Bad Request: message caption is too long" });
    expect(await album([{ type: "photo" }, { type: "document" }])).toMatchObject({ ok: false, description: "Bad Request: document can't be mixed with other media types" });
    expect(await album([{ type: "photo" }, { type: "sticker" }])).toMatchObject({ ok: false });
    expect(await album(photos(2), { reply_markup: JSON.stringify(inlineKeyboard([["OK", "ok"]])) })).toMatchObject({ ok: false });
    const missing = await (await fetch(`${emu.apiRoot}/bot${TOKEN}/sendMediaGroup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ chat_id: alice.id, media: [{ type: "photo", media: "attach://nope" }, { type: "photo", media: "attach://nope2" }] }) })).json();
    expect(missing).toMatchObject({ ok: false, description: "Bad Request: can't parse InputMedia: media not found" });
    expect(emu.sentMessages().length).toBe(before); // nothing of a refused album was sent
    expect((await album([{ type: "document" }, { type: "document" }])).ok).toBe(true);
  });

  it("copies and forwards messages, records chat actions and contacts", async () => {
    const emu = await startEmulator();
    const report = (await emu.sendText(alice, "Анонимное сообщение: https://x.kz")).message as TgMessage;
    const admin = 5005;
    const copied = await ok<{ message_id: number }>(emu, "copyMessage", {
      chat_id: admin,
      from_chat_id: alice.id,
      message_id: report.message_id,
    });
    expect(copied).toEqual({ message_id: 1 });
    const copy = emu.lastMessage(admin);
    expect(copy).toMatchObject({
      message_id: 1,
      chat: { id: admin, type: "private" },
      from: { id: emu.botInfo.id, is_bot: true },
      text: report.text,
      entities: report.entities,
      sentVia: "copyMessage",
    });
    expect(copy).not.toHaveProperty("forward_origin"); // copies hide the author
    expect((await api(emu, "copyMessage", { chat_id: admin, from_chat_id: alice.id, message_id: 99 })).body).toMatchObject({
      description: "Bad Request: message to copy not found",
    });
    const fwd = await ok<TgMessage>(emu, "forwardMessage", { chat_id: admin, from_chat_id: alice.id, message_id: report.message_id });
    expect(fwd.forward_origin).toMatchObject({ type: "user", sender_user: { id: alice.id } });

    expect(await ok(emu, "sendChatAction", { chat_id: alice.id, action: "typing" })).toBe(true);
    expect((await api(emu, "sendChatAction", { chat_id: alice.id, action: "dancing" })).status).toBe(400);

    const contact = (await emu.sendContact(alice, "+77011234567")).message?.contact;
    expect(contact).toEqual({ phone_number: "+77011234567", first_name: "Alice", user_id: alice.id });
    const other = (await emu.sendContact(alice, "+77020000000", { userId: 42, firstName: "Даурен" })).message?.contact;
    expect(other).toEqual({ phone_number: "+77020000000", first_name: "Даурен", user_id: 42 });
  });

  it("tracks reply keyboards and presses their buttons", async () => {
    const emu = await startEmulator();
    await emu.sendCommand(alice, "start");
    const keyboard = {
      keyboard: [[{ text: "📱 Share phone", request_contact: true }], ["Қазақша", "Русский"]],
      one_time_keyboard: true,
      resize_keyboard: true,
    };
    const msg = await ok<TgMessage>(emu, "sendMessage", { chat_id: alice.id, text: "Язык?", reply_markup: keyboard });
    expect(msg.reply_markup).toBeUndefined(); // Telegram doesn't echo reply keyboards...
    expect(emu.lastMessage(alice.id)?.sentReplyMarkup).toEqual(keyboard); // ...but the emulator keeps them
    expect(emu.replyKeyboard(alice.id)).toEqual(keyboard);

    const lang = await emu.pressKeyboardButton(alice, "Русский");
    expect(lang.message?.text).toBe("Русский");
    expect(emu.replyKeyboard(alice.id)).toBeUndefined(); // one_time_keyboard
    await expect(emu.pressKeyboardButton(alice, "Русский")).rejects.toThrow(/no reply keyboard button/);

    await ok(emu, "sendMessage", { chat_id: alice.id, text: "Телефон?", reply_markup: keyboard });
    const shared = await emu.pressKeyboardButton(alice, /Share/, { phoneNumber: "77011112233" });
    expect(shared.message?.contact).toMatchObject({ phone_number: "77011112233", user_id: alice.id });
    await ok(emu, "sendMessage", { chat_id: alice.id, text: "x", reply_markup: { ...keyboard, one_time_keyboard: false } });
    await ok(emu, "sendMessage", { chat_id: alice.id, text: "y", reply_markup: { remove_keyboard: true } });
    expect(emu.replyKeyboard(alice.id)).toBeUndefined();
  });

  it("stores commands per scope+language, menu button and descriptions", async () => {
    const emu = await startEmulator();
    const ru = [{ command: "start", description: "Начать" }];
    const kk = [{ command: "start", description: "Бастау" }];
    const admin = [{ command: "report", description: "Отчёт" }];
    await ok(emu, "setMyCommands", { commands: ru, language_code: "ru" });
    await ok(emu, "setMyCommands", { commands: kk, language_code: "kk" });
    await ok(emu, "setMyCommands", { commands: admin, scope: { type: "chat", chat_id: 5005 } });
    expect(await ok(emu, "getMyCommands", { language_code: "ru" })).toEqual(ru);
    expect(await ok(emu, "getMyCommands", { language_code: "kk" })).toEqual(kk);
    expect(await ok(emu, "getMyCommands", {})).toEqual([]);
    expect(await ok(emu, "getMyCommands", { scope: { chat_id: 5005, type: "chat" } })).toEqual(admin);
    expect(emu.myCommands({ languageCode: "kk" })).toEqual(kk);
    await ok(emu, "deleteMyCommands", { language_code: "kk" });
    expect(emu.myCommands({ languageCode: "kk" })).toEqual([]);
    expect((await api(emu, "setMyCommands", { commands: [{ command: "Start", description: "x" }] })).body).toMatchObject({
      description: "Bad Request: BOT_COMMAND_INVALID",
    });

    expect(emu.menuButton()).toEqual({ type: "commands" });
    await ok(emu, "setChatMenuButton", { menu_button: { type: "commands" } });
    await ok(emu, "setChatMenuButton", { chat_id: 5005, menu_button: { type: "web_app", text: "Panel", web_app: { url: "https://adal.kz" } } });
    expect(emu.menuButton(5005)).toMatchObject({ type: "web_app", text: "Panel" });
    expect(await ok(emu, "getChatMenuButton", { chat_id: 1 })).toEqual({ type: "commands" });

    await ok(emu, "setMyDescription", { description: "Анонимные сообщения", language_code: "ru" });
    await ok(emu, "setMyShortDescription", { short_description: "Adal" });
    expect(emu.myDescription("ru")).toBe("Анонимные сообщения");
    expect(emu.myShortDescription()).toBe("Adal");
    expect(await ok(emu, "getMyDescription", { language_code: "ru" })).toEqual({ description: "Анонимные сообщения" });
    expect((await api(emu, "setMyShortDescription", { short_description: "x".repeat(121) })).status).toBe(400);
  });

  it("rate limits per chat and globally over a sliding second", async () => {
    const emu = await startEmulator({ rateLimit: { globalPerSecond: 3, perChatPerSecond: 2, retryAfter: 2 } });
    const send = (chatId: number) => api(emu, "sendMessage", { chat_id: chatId, text: "x" });
    expect((await send(1)).status).toBe(200);
    expect((await send(1)).status).toBe(200);
    expect(await send(1)).toEqual({
      status: 429,
      body: { ok: false, error_code: 429, description: "Too Many Requests: retry after 2", parameters: { retry_after: 2 } },
    });
    expect((await send(2)).status).toBe(200); // other chat, global 3/3
    expect((await send(3)).status).toBe(429); // global limit
    expect((await api(emu, "sendChatAction", { chat_id: 3, action: "typing" })).status).toBe(200); // not limited
    expect(emu.rateLimited).toBe(2);
    await new Promise((r) => setTimeout(r, 1050));
    expect((await send(1)).status).toBe(200);
  });

  it("waitFor / waitForCall resolve on existing or new messages and explain timeouts", async () => {
    const emu = await startEmulator();
    await ok(emu, "sendMessage", { chat_id: alice.id, text: "Вопрос 1" });
    // already there
    expect((await emu.waitFor((m) => m.text === "Вопрос 1")).message_id).toBe(1);
    // appears later
    const pending = emu.waitFor((m) => m.text?.startsWith("Вопрос") ?? false, { chatId: alice.id, after: 1 });
    setTimeout(() => void api(emu, "sendMessage", { chat_id: alice.id, text: "Вопрос 2" }), 50);
    expect((await pending).text).toBe("Вопрос 2");
    // edits re-trigger the check
    const edited = emu.waitFor((m) => m.text === "Вопрос 2 (edited)");
    await ok(emu, "editMessageText", { chat_id: alice.id, message_id: 2, text: "Вопрос 2 (edited)" });
    expect((await edited).editCount).toBe(1);

    const call = emu.waitForCall("sendChatAction", (c) => c.payload.action === "typing");
    await ok(emu, "sendChatAction", { chat_id: alice.id, action: "typing" });
    expect((await call).response).toEqual({ ok: true, result: true });

    await api(emu, "sendMessage", { chat_id: alice.id, text: "" }); // a failed call shows up in the report
    const timeout = emu.waitFor((m) => m.text === "never", { timeoutMs: 100, chatId: alice.id });
    await expect(timeout).rejects.toThrow(/no matching bot message \(chat 1001\) within 100 ms/);
    await expect(timeout).rejects.toThrow(/#2 chat=1001 sendMessage: "Вопрос 2 \(edited\)"/);
    await expect(timeout).rejects.toThrow(/sendMessage -> 400 Bad Request: message text is empty/);
    await expect(emu.waitForCall("deleteMessage", undefined, 50)).rejects.toThrow(/no matching deleteMessage call/);
  });

  it("reset() clears recorded state but keeps the server", async () => {
    const emu = await startEmulator();
    await emu.sendText(alice, "hi");
    await ok(emu, "sendMessage", { chat_id: alice.id, text: "x" });
    emu.reset();
    expect(emu.calls).toEqual([]);
    expect(emu.sentMessages()).toEqual([]);
    expect(emu.pendingUpdateCount).toBe(0);
    const msg = await ok<TgMessage>(emu, "sendMessage", { chat_id: alice.id, text: "after reset" });
    expect(msg.message_id).toBe(3); // ids never repeat
    expect(emu.calls).toHaveLength(1);
  });
});

describe("BotApiEmulator — webhooks (plain HTTP)", () => {
  it("delivers updates with the secret header, retries non-2xx, and blocks getUpdates with 409", async () => {
    const emu = await startEmulator({ webhook: { retryDelayMs: 20 } });
    const received: { secret: string | undefined; update: TgUpdate }[] = [];
    let failNext = 2;
    const url = await listen((req, res) => {
      void readRequest(req).then((body) => {
        if (failNext-- > 0) {
          res.writeHead(500).end();
          return;
        }
        received.push({
          secret: req.headers["x-telegram-bot-api-secret-token"] as string | undefined,
          update: JSON.parse(body) as TgUpdate,
        });
        res.writeHead(200).end();
      });
    });
    expect((await api(emu, "setWebhook", { url, secret_token: "s3cret_Token-1" })).body).toEqual({
      ok: true,
      result: true,
      description: "Webhook was set",
    });
    const update = await emu.sendText(alice, "/start"); // resolves after delivery
    expect(received).toEqual([{ secret: "s3cret_Token-1", update }]);
    expect(emu.webhookDeliveries.map((d) => [d.updateId, d.status, d.attempt])).toEqual([
      [update.update_id, 500, 1],
      [update.update_id, 500, 2],
      [update.update_id, 200, 3],
    ]);

    expect((await api(emu, "getUpdates")).body).toEqual({
      ok: false,
      error_code: 409,
      description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    });
    expect(await ok(emu, "getWebhookInfo")).toMatchObject({
      url,
      has_custom_certificate: false,
      pending_update_count: 0,
      last_error_message: "Wrong response from the webhook: 500 Internal Server Error",
    });
    expect((await api(emu, "setWebhook", { url, secret_token: "bad token!" })).status).toBe(400);

    await ok(emu, "deleteWebhook");
    expect(await ok(emu, "getWebhookInfo")).toMatchObject({ url: "" });
    await emu.sendText(alice, "polling again");
    expect((await ok<TgUpdate[]>(emu, "getUpdates")).map((u) => u.message?.text)).toEqual(["polling again"]);
  });

  it("drops an update after the last failed attempt and executes webhook replies", async () => {
    const emu = await startEmulator({ webhook: { maxAttempts: 2, retryDelayMs: 10 } });
    let mode: "refuse" | "reply" = "refuse";
    const url = await listen((req, res) => {
      void readRequest(req).then((body) => {
        const update = JSON.parse(body) as TgUpdate;
        if (mode === "refuse") {
          res.writeHead(401).end();
          return;
        }
        // Telegram runs a method returned in the webhook response.
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ method: "sendMessage", chat_id: update.message?.chat.id, text: "via webhook reply" }));
      });
    });
    await ok(emu, "setWebhook", { url });
    const lost = await emu.sendText(alice, "lost");
    expect(emu.webhookDeliveries.map((d) => [d.updateId, d.status])).toEqual([
      [lost.update_id, 401],
      [lost.update_id, 401],
    ]);
    expect(emu.pendingUpdateCount).toBe(0);
    mode = "reply";
    await emu.sendText(alice, "hello");
    expect(emu.lastMessage(alice.id)?.text).toBe("via webhook reply");
  });
});

describe("BotApiEmulator — with a real grammY bot", () => {
  it("long polling: /start gets a reply", async () => {
    const emu = await startEmulator();
    const { bot, errors } = newBot(emu);
    bot.command("start", (ctx) =>
      ctx.reply(`Сәлем, ${ctx.from?.first_name ?? "?"}! payload=${ctx.match || "-"}`, {
        reply_markup: new InlineKeyboard().text("Бастау", "begin"),
      }),
    );
    bot.callbackQuery("begin", async (ctx) => {
      await ctx.answerCallbackQuery({ text: "OK" });
      await ctx.editMessageText("Басталды");
    });
    await startPolling(bot);

    const update = await emu.sendCommand(bek, "start ref_42");
    const reply = await emu.waitFor((m) => m.text?.startsWith("Сәлем") ?? false, {
      chatId: bek.id,
      after: update.message?.message_id,
    });
    expect(reply.text).toBe("Сәлем, Бекзат! payload=ref_42");
    expect(reply.chat.id).toBe(bek.id);

    const click = await emu.clickButton(bek, reply, "Бастау");
    await emu.waitFor((m) => m.text === "Басталды" && m.message_id === reply.message_id, { chatId: bek.id });
    expect(emu.callbackAnswer(click.callback_query?.id ?? "")).toEqual({ text: "OK" });
    expect(reply.reply_markup).toBeUndefined(); // grammY's editMessageText without markup drops the keyboard
    expect(errors).toEqual([]);
  });

  it("uploads InputFile documents as multipart and downloads user files via getFile", async () => {
    const emu = await startEmulator();
    const { bot, errors } = newBot(emu);
    bot.command("export", (ctx) =>
      ctx.replyWithDocument(new InputFile(Buffer.from("id;answer\n1;да\n"), "x.csv"), {
        caption: "Экспорт <b>готов</b>",
        parse_mode: "HTML",
        reply_markup: new InlineKeyboard().text("Ещё", "more"),
      }),
    );
    // grammY writes filenames unquoted and raw UTF-8; captions that look like JSON must stay strings
    bot.command("xlsx", (ctx) =>
      ctx.replyWithDocument(new InputFile(new Uint8Array([0x50, 0x4b, 3, 4]), "Отчёт за 2024; v2.xlsx"), {
        caption: "[черновик]",
      }),
    );
    bot.on("message:document", async (ctx) => {
      const file = await ctx.getFile();
      const res = await fetch(`${emu.apiRoot}/file/bot${TOKEN}/${file.file_path ?? ""}`);
      const text = await res.text();
      await ctx.reply(`got ${file.file_size ?? 0} bytes: ${text.split("\n")[0] ?? ""}`);
    });
    await startPolling(bot);

    await emu.sendCommand(alice, "export");
    const sent = await emu.waitFor((m) => m.document !== undefined, { chatId: alice.id });
    expect(sent).toMatchObject({
      caption: "Экспорт готов",
      caption_entities: [{ type: "bold", offset: 8, length: 5 }],
      document: { file_name: "x.csv", mime_type: "text/csv", file_size: Buffer.byteLength("id;answer\n1;да\n") },
      reply_markup: { inline_keyboard: [[{ text: "Ещё", callback_data: "more" }]] },
    });
    expect(emu.uploadedFiles[0]?.bytes.toString("utf8")).toBe("id;answer\n1;да\n");
    expect(emu.uploadedFiles[0]).toMatchObject({ fileName: "x.csv", method: "sendDocument", chatId: alice.id });
    const call = await emu.waitForCall("sendDocument");
    expect(call.files).toHaveLength(1);
    expect(call.payload.document).toMatch(/^attach:\/\//);

    await emu.sendCommand(alice, "xlsx");
    const xlsx = await emu.waitFor((m) => m.caption === "[черновик]");
    expect(xlsx.document).toMatchObject({
      file_name: "Отчёт за 2024; v2.xlsx",
      mime_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      file_size: 4,
    });

    const content = Buffer.from("ФИО;Должность\nАйгерим;аудитор\n");
    await emu.sendDocument(alice, { fileName: "staff.csv", mimeType: "text/csv", content });
    const reply = await emu.waitFor((m) => m.text?.startsWith("got") ?? false);
    expect(reply.text).toBe(`got ${content.length} bytes: ФИО;Должность`);
    expect(emu.downloadedFiles[0]?.bytes.equals(content)).toBe(true);
    expect(errors).toEqual([]);
  });

  it("webhook mode: webhookCallback with a secret receives updates; a wrong secret gets 401", async () => {
    const emu = await startEmulator({ webhook: { maxAttempts: 2, retryDelayMs: 10 } });
    const { bot, errors } = newBot(emu);
    bot.command("start", (ctx) => ctx.reply("webhook hello"));
    const handle = webhookCallback(bot, "http", { secretToken: "right_secret" });
    const url = await listen((req, res) => void handle(req, res));

    await bot.api.setWebhook(url, { secret_token: "right_secret" });
    expect(emu.webhookConfig()).toEqual({ url, secretToken: "right_secret" });
    const update = await emu.sendCommand(alice, "start");
    // webhookCallback answers only after the handler finished, so the reply is already there
    expect(emu.lastMessage(alice.id)?.text).toBe("webhook hello");
    expect(emu.webhookDeliveries).toEqual([expect.objectContaining({ updateId: update.update_id, status: 200, attempt: 1 })]);

    const forged = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "guess" },
      body: JSON.stringify(update),
    });
    expect(forged.status).toBe(401);

    await bot.api.setWebhook(url, { secret_token: "wrong_secret" });
    const rejected = await emu.sendCommand(alice, "start");
    expect(emu.webhookDeliveries.filter((d) => d.updateId === rejected.update_id).map((d) => d.status)).toEqual([401, 401]);
    expect((await bot.api.getWebhookInfo()).last_error_message).toBe("Wrong response from the webhook: 401 Unauthorized");
    expect(emu.sentMessages(alice.id)).toHaveLength(1);

    await bot.api.deleteWebhook();
    expect(errors).toEqual([]);
  });

  it("rate limiting: 429 with retry_after, then @grammyjs/auto-retry succeeds", async () => {
    const emu = await startEmulator({ rateLimit: { globalPerSecond: 30, perChatPerSecond: 2 } });
    await emu.sendText(alice, "hi");
    const plain = newBot(emu).bot;
    await plain.api.sendMessage(alice.id, "1");
    await plain.api.sendMessage(alice.id, "2");
    const error = await plain.api.sendMessage(alice.id, "3").catch((err: unknown) => err);
    expect(error).toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });

    const { bot } = newBot(emu);
    bot.api.config.use(autoRetry());
    const t0 = Date.now();
    const results = await Promise.all(["a", "b", "c"].map((text) => bot.api.sendMessage(alice.id, text)));
    expect(results.map((m) => m.text)).toEqual(["a", "b", "c"]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(emu.rateLimited).toBeGreaterThanOrEqual(2);
    expect(emu.calls.some((c) => c.response?.ok === false && c.response.error_code === 429)).toBe(true);
    expect(emu.sentMessages(alice.id).map((m) => m.text).slice(-3).sort()).toEqual(["a", "b", "c"]);
  }, 15_000);
});
