// A cheap harness for unit tests of the bot: Telegram is answered in-process by a grammY API
// transformer (no HTTP server, no fetch, no background jobs), and updates are built in a few
// words. Use it where a test needs a bot but not the wire format; the end-to-end tests keep
// the emulator (bot-api-emulator.ts) and the integration tests keep harness.ts.
//
//   const h = await createUnitHarness();               // the real bot (createBot) on a test database
//   await h.command(alice, "cancel");
//   expect(h.lastReply(alice.id)).toBe("…");
//   h.respond("answerCallbackQuery", telegramErrors.queryTooOld, { times: 1 });
//
// Any other grammY bot can be driven the same way: `new InProcessTelegram().connect(bot)`; an Api
// alone (e.g. for the notifications module): `new InProcessTelegram().install(api)`.
import { InputFile, type Api, type Transformer } from "grammy";
import type { Message, ResponseParameters, Update, UserFromGetMe } from "grammy/types";
import type { Config } from "../../src/config.js";
import { createBot, type AdalBot } from "../../src/bot/create-bot.js";
import type { BotDeps, BotHooks } from "../../src/bot/context.js";
import type { TgUser } from "./bot-api-emulator.js";
import { createTestDatabase, type TestDatabase } from "./db.js";
import { LogCapture, TEST_BOT_INFO, testBotDeps, testConfig } from "./harness.js";

export type { TgUser };
export type Payload = Record<string, unknown>;

export interface RecordedCall {
  method: string;
  /** As the bot passed it, before serialisation: uploads are InputFile objects, keyboards may be InlineKeyboard objects. */
  payload: Payload;
}

/** The time the updates carry and the bot's deps.now() reads; tests move it. */
export class Clock {
  constructor(public now: Date = new Date("2026-03-02T05:00:00Z")) {}
  set(at: Date | string): void {
    this.now = new Date(at);
  }
  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }
  /** Unix seconds, as Telegram dates are. */
  unix(): number {
    return Math.floor(this.now.getTime() / 1000);
  }
}

/** An error answer of the Bot API; grammY turns it into a GrammyError for the caller. */
export class ApiFailure {
  constructor(
    readonly error_code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {}
}

/** The errors the bot has to live with, worded as Telegram words them. */
export const telegramErrors = {
  queryTooOld: new ApiFailure(400, "Bad Request: query is too old and response timeout expired or query ID is invalid"),
  notModified: new ApiFailure(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"),
  chatNotFound: new ApiFailure(400, "Bad Request: chat not found"),
  blocked: new ApiFailure(403, "Forbidden: bot was blocked by the user"),
  tooManyRequests: (retryAfter = 3) => new ApiFailure(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter }),
};

/** What a method answers instead of its default: a fixed result or failure, or one computed from the payload. */
export type Answer = ApiFailure | ((payload: Payload) => unknown);

interface Override {
  method: string;
  answer: Answer;
  /** Calls left; undefined: every call. */
  left?: number;
}

/** The building blocks of updates as Telegram sends them from a private chat. */
export class UpdateBuilder {
  constructor(private readonly telegram: InProcessTelegram) {}

  /** Any message; `fields` are merged into it (a video, a location, a reply_to_message…). */
  message(from: TgUser, fields: Record<string, unknown>): Update {
    const t = this.telegram;
    return {
      update_id: t.nextUpdateId(),
      message: { message_id: t.nextMessageId(), date: t.clock.unix(), chat: privateChat(from), from: { is_bot: false, ...from }, ...fields },
    } as Update;
  }

  /** A text; one that starts with /word carries the bot_command entity, as Telegram adds it. */
  text(from: TgUser, text: string): Update {
    const command = /^\/\S+/.exec(text)?.[0];
    return this.message(from, { text, ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}) });
  }

  /** `/name args`. */
  command(from: TgUser, name: string, args?: string): Update {
    return this.text(from, args ? `/${name} ${args}` : `/${name}`);
  }

  /** A button press; by default on the last message the bot sent to this chat. */
  callback(from: TgUser, data: string, options: { messageId?: number; text?: string } = {}): Update {
    const t = this.telegram;
    const messageId = options.messageId ?? t.lastMessageId(from.id) ?? t.nextMessageId();
    const updateId = t.nextUpdateId();
    return {
      update_id: updateId,
      callback_query: {
        id: `cq${updateId}`,
        from: { is_bot: false, ...from },
        chat_instance: `ci${from.id}`,
        data,
        message: { message_id: messageId, date: t.clock.unix(), chat: privateChat(from), from: t.botInfo, text: options.text ?? "…" },
      },
    } as Update;
  }

  document(from: TgUser, options: { fileName?: string; mimeType?: string; size?: number; caption?: string } = {}): Update {
    const id = this.telegram.peekMessageId();
    const { fileName = "file.xlsx", mimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", size = 1000, caption } = options;
    return this.message(from, { document: { file_id: `doc${id}`, file_unique_id: `udoc${id}`, file_name: fileName, mime_type: mimeType, file_size: size }, ...(caption ? { caption } : {}) });
  }

  /** A photo in the sizes Telegram makes (small to large); `size` is the largest one's. */
  photo(from: TgUser, options: { size?: number; caption?: string } = {}): Update {
    const id = this.telegram.peekMessageId();
    const { size = 250_000, caption } = options;
    return this.message(from, {
      photo: [
        { file_id: `ph${id}s`, file_unique_id: `uph${id}s`, width: 90, height: 68, file_size: 1_500 },
        { file_id: `ph${id}m`, file_unique_id: `uph${id}m`, width: 320, height: 240, file_size: 20_000 },
        { file_id: `ph${id}`, file_unique_id: `uph${id}`, width: 1280, height: 960, file_size: size },
      ],
      ...(caption ? { caption } : {}),
    });
  }

  /** A shared contact; by default the sender's own (what the "share my number" button sends). */
  contact(from: TgUser, phone: string, options: { userId?: number } = {}): Update {
    return this.message(from, { contact: { phone_number: phone, first_name: from.first_name, user_id: options.userId ?? from.id } });
  }

  sticker(from: TgUser): Update {
    const id = this.telegram.peekMessageId();
    return this.message(from, { sticker: { file_id: `stk${id}`, file_unique_id: `ustk${id}`, type: "regular", width: 512, height: 512, is_animated: false, is_video: false, emoji: "👍" } });
  }
}

/** The bot as the Bot API would see it (for connect): grammY's Bot fits. */
export interface Connectable {
  api: Api;
  handleUpdate(update: Update): Promise<void>;
}

/**
 * Telegram, in-process: every Bot API call is recorded and answered with a plausible result
 * (a Message with a new message_id for what is sent, the same message for an edit, a File for
 * getFile, true for the rest) unless a test told the method to answer otherwise (respond).
 *
 * The transformer is installed after the bot's own (metrics, auto-retry), which makes it the
 * outermost: it answers before they see the call, so an injected 429 comes back to the caller
 * at once instead of being retried, and the API-call metrics stay at zero.
 */
export class InProcessTelegram {
  readonly build = new UpdateBuilder(this);
  private readonly recorded: RecordedCall[] = [];
  private readonly overrides: Override[] = [];
  private readonly lastSent = new Map<number, number>();
  private messageId = 1000;
  private updateId = 1;
  private bot?: Connectable;

  constructor(
    readonly clock: Clock = new Clock(),
    readonly botInfo: UserFromGetMe = TEST_BOT_INFO,
  ) {}

  readonly transformer: Transformer = (async (_prev: unknown, method: string, payload: Payload | undefined) => {
    const p = { ...(payload ?? {}) };
    this.recorded.push({ method, payload: p });
    const answer = this.takeOverride(method);
    const result = answer === undefined ? this.defaultAnswer(method, p) : answer instanceof ApiFailure ? answer : await answer(p);
    if (result instanceof ApiFailure) return { ok: false, error_code: result.error_code, description: result.description, ...(result.parameters ? { parameters: result.parameters } : {}) };
    return { ok: true, result };
  }) as unknown as Transformer;

  /** Answers this Api's calls (and those of contexts made from it, which copy its transformers). */
  install(api: Api): this {
    api.config.use(this.transformer);
    return this;
  }

  /** Answers the bot's calls and lets the update builders below hand updates to it. */
  connect(bot: Connectable): this {
    this.bot = bot;
    return this.install(bot.api);
  }

  /** From now on `method` answers `answer` (the latest respond wins), for the next `times` (≥ 1) calls or for good. */
  respond(method: string, answer: Answer, options: { times?: number } = {}): void {
    this.overrides.unshift({ method, answer, ...(options.times !== undefined ? { left: options.times } : {}) });
  }

  // ---- updates: built (see UpdateBuilder), handed to the connected bot, returned -------------

  async send(update: Update): Promise<Update> {
    if (!this.bot) throw new Error("InProcessTelegram: connect(bot) first");
    await this.bot.handleUpdate(update);
    return update;
  }
  text = (...args: Parameters<UpdateBuilder["text"]>) => this.send(this.build.text(...args));
  command = (...args: Parameters<UpdateBuilder["command"]>) => this.send(this.build.command(...args));
  callback = (...args: Parameters<UpdateBuilder["callback"]>) => this.send(this.build.callback(...args));
  document = (...args: Parameters<UpdateBuilder["document"]>) => this.send(this.build.document(...args));
  photo = (...args: Parameters<UpdateBuilder["photo"]>) => this.send(this.build.photo(...args));
  contact = (...args: Parameters<UpdateBuilder["contact"]>) => this.send(this.build.contact(...args));
  sticker = (...args: Parameters<UpdateBuilder["sticker"]>) => this.send(this.build.sticker(...args));
  message = (...args: Parameters<UpdateBuilder["message"]>) => this.send(this.build.message(...args));

  // ---- what the bot did -------------------------------------------------------------------------

  /** Every call in order, or those of one method. */
  calls(method?: string): RecordedCall[] {
    return method ? this.recorded.filter((c) => c.method === method) : [...this.recorded];
  }

  /** Texts the bot sent (sendMessage) or edited to (editMessageText) in a chat, in order. */
  replies(chatId: number): string[] {
    return this.recorded.filter((c) => (c.method === "sendMessage" || c.method === "editMessageText") && Number(c.payload.chat_id) === chatId).map((c) => String(c.payload.text));
  }

  lastReply(chatId: number): string {
    const all = this.replies(chatId);
    if (!all.length) throw new Error(`no replies in chat ${chatId}; calls: ${this.recorded.map((c) => c.method).join(", ") || "none"}`);
    return all[all.length - 1]!;
  }

  /** Texts of the callback answers shown as alerts (show_alert), in order. */
  alerts(): string[] {
    return this.calls("answerCallbackQuery")
      .filter((c) => c.payload.show_alert === true)
      .map((c) => String(c.payload.text));
  }

  /** The buttons (text and callback data) under the last message in this chat that had inline buttons. */
  lastKeyboard(chatId: number): { text: string; data?: string }[] {
    const withKeyboard = this.recorded.filter((c) => Number(c.payload.chat_id) === chatId && inlineKeyboardOf(c.payload));
    const last = withKeyboard[withKeyboard.length - 1];
    return last ? inlineKeyboardOf(last.payload)!.flat().map((b) => ({ text: b.text, ...(b.callback_data ? { data: b.callback_data } : {}) })) : [];
  }

  /** Forgets the recorded calls (the answers set with respond stay). */
  clear(): void {
    this.recorded.length = 0;
  }

  // ---- ids ------------------------------------------------------------------------------------

  /** Message ids are shared by the users' and the bot's messages and only grow, as in one chat. */
  nextMessageId(): number {
    return ++this.messageId;
  }
  /** The id the next message will get (to name its files after it). */
  peekMessageId(): number {
    return this.messageId + 1;
  }
  nextUpdateId(): number {
    return this.updateId++;
  }
  /** The id of the last message the bot sent to this chat. */
  lastMessageId(chatId: number): number | undefined {
    return this.lastSent.get(chatId);
  }

  private takeOverride(method: string): Answer | undefined {
    const i = this.overrides.findIndex((o) => o.method === method);
    const override = this.overrides[i];
    if (!override) return undefined;
    if (override.left !== undefined && --override.left <= 0) this.overrides.splice(i, 1);
    return override.answer;
  }

  private defaultAnswer(method: string, p: Payload): unknown {
    switch (method) {
      case "getMe":
        return this.botInfo;
      case "sendMessage":
      case "sendDocument":
      case "sendPhoto":
      case "sendVoice":
        return this.sentMessage(method, p, this.nextMessageId());
      case "editMessageText":
      case "editMessageCaption":
        return p.inline_message_id ? true : this.sentMessage(method, p, Number(p.message_id));
      case "copyMessage":
        return { message_id: this.nextMessageId() };
      case "sendMediaGroup": {
        // An album as Telegram takes it (2–10 items, captions up to 1,024): one message per item.
        const media = Array.isArray(p.media) ? (p.media as { caption?: string }[]) : [];
        if (media.length < 2 || media.length > 10) return new ApiFailure(400, "Bad Request: wrong number of messages to send as an album");
        if (media.some((m) => (m.caption ?? "").length > 1024)) return new ApiFailure(400, "Bad Request: message caption is too long");
        return media.map((m) => this.sentMessage("sendPhoto", { chat_id: p.chat_id, ...(m.caption !== undefined ? { caption: m.caption } : {}) }, this.nextMessageId()));
      }
      case "getFile":
        return { file_id: p.file_id, file_unique_id: `u${String(p.file_id)}`, file_size: 100, file_path: `documents/${String(p.file_id)}` };
      default:
        // answerCallbackQuery, deleteMessage(s), editMessageReplyMarkup, sendChatAction, setMyCommands…
        return true;
    }
  }

  /** The message Telegram returns for a send or an edit; remembered as the chat's last one. */
  private sentMessage(method: string, p: Payload, messageId: number): Message {
    const chatId = Number(p.chat_id);
    this.lastSent.set(chatId, Math.max(messageId, this.lastSent.get(chatId) ?? 0));
    const file = (value: unknown, prefix: string) => ({
      file_id: typeof value === "string" ? value : `${prefix}${messageId}`,
      file_unique_id: `u${prefix}${messageId}`,
    });
    const keyboard = inlineKeyboardOf(p);
    return {
      message_id: messageId,
      date: this.clock.unix(),
      chat: { id: chatId, type: "private", first_name: "User" },
      from: this.botInfo,
      ...(typeof p.text === "string" ? { text: p.text } : {}),
      ...(typeof p.caption === "string" ? { caption: p.caption } : {}),
      ...(method === "sendDocument" ? { document: { ...file(p.document, "sdoc"), file_name: p.document instanceof InputFile ? (p.document.filename ?? "file") : "file" } } : {}),
      ...(method === "sendPhoto" ? { photo: [{ ...file(p.photo, "sph"), width: 1280, height: 960, file_size: 1000 }] } : {}),
      ...(method === "sendVoice" ? { voice: { ...file(p.voice, "svoi"), duration: 5, mime_type: "audio/ogg" } } : {}),
      // Telegram returns inline keyboards only (a reply keyboard stays on the client).
      ...(keyboard ? { reply_markup: { inline_keyboard: keyboard } } : {}),
    } as Message;
  }
}

function privateChat(from: TgUser) {
  return { id: from.id, type: "private" as const, first_name: from.first_name, ...(from.last_name ? { last_name: from.last_name } : {}), ...(from.username ? { username: from.username } : {}) };
}

type InlineButton = { text: string; callback_data?: string };

function inlineKeyboardOf(p: Payload): InlineButton[][] | undefined {
  return (p.reply_markup as { inline_keyboard?: InlineButton[][] } | undefined)?.inline_keyboard;
}

/** The real bot (createBot) on a test database, with Telegram answered by a InProcessTelegram. */
export interface UnitHarness extends InProcessTelegram {
  adal: AdalBot;
  db: TestDatabase;
  deps: BotDeps;
  config: Config;
  logs: LogCapture;
  /** Campaign ids the bot reported as opened (the hook main.ts binds to the survey dispatcher). */
  campaignsOpened: number[];
  /** Closes the database (unless it was passed in: its owner closes it). */
  destroy(): Promise<void>;
}

export interface UnitHarnessOptions {
  /** Environment-style config overrides (see testConfig). */
  config?: Record<string, string>;
  now?: Date;
  /** A database to share between harnesses of one file; default: a fresh one. */
  db?: TestDatabase;
  /** The encryption keys, current first (default: the test key alone). */
  keys?: Buffer[];
}

/**
 * A fetch for grammY's client that refuses: every call should be answered by the transformer.
 * One that gets here comes from an Api built without it (e.g. inside a conversation of
 * @grammyjs/conversations, which builds its own): such a test needs harness.ts.
 */
const refuseNetwork = (async (input: string | URL | Request) => {
  throw new Error(`unit harness: a Bot API request bypassed the fake Telegram (${String(input instanceof Request ? input.url : input).replace(/bot\d+:[^/]+/, "bot…")})`);
}) as typeof fetch;

export async function createUnitHarness(options: UnitHarnessOptions = {}): Promise<UnitHarness> {
  const db = options.db ?? (await createTestDatabase());
  // File downloads (bot/files.ts) use the global fetch on apiRoot: the discard port of this
  // machine refuses them at once, so a test that needs a file's bytes fails instead of going out.
  const config = testConfig({ TELEGRAM_API_ROOT: "http://127.0.0.1:9", ...options.config });
  const clock = new Clock(options.now);
  const logs = new LogCapture();
  const deps = await testBotDeps(db, logs, () => new Date(clock.now), options.keys);
  const campaignsOpened: number[] = [];
  const hooks: BotHooks = { campaignOpened: (id) => void campaignsOpened.push(id) };
  const adal = createBot(config, { ...deps, hooks, botInfo: TEST_BOT_INFO, fetch: refuseNetwork });
  await adal.bot.init();
  const telegram = new InProcessTelegram(clock, TEST_BOT_INFO).connect(adal.bot);
  return Object.assign(telegram, {
    adal,
    db,
    deps,
    config,
    logs,
    campaignsOpened,
    async destroy() {
      if (!options.db) await db.destroy();
    },
  });
}
