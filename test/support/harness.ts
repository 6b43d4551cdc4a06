// In-process harness: the real bot (createBot) on a real test database, with a grammY
// transformer in place of Telegram. Every API call is recorded and answered with a
// realistic, JSON-safe result; logs are captured for the anonymity checks.
import { Writable } from "node:stream";
import type { Update, UserFromGetMe, Message } from "grammy/types";
import { loadConfig, type Config } from "../../src/config.js";
import { createBot, type AdalBot } from "../../src/bot/create-bot.js";
import type { BotDeps, BotHooks } from "../../src/bot/context.js";
import { createJobs, type Jobs } from "../../src/jobs/index.js";
import { createKeyring } from "../../src/domain/crypto.js";
import { createI18n } from "../../src/i18n.js";
import { createLogger } from "../../src/logger.js";
import { createMetrics } from "../../src/metrics.js";
import { createWorkCalendar } from "../../src/domain/calendar/work-calendar.js";
import { createOutbox, type Outbox } from "../../src/services/outbox.js";
import type { OutboxSender } from "../../src/bot/notifications/sender.js";
import { sendingAfterTick, unpacedSender } from "./campaign-fixtures.js";
import { Api } from "grammy";
import { createTestDatabase, type TestDatabase } from "./db.js";

/** The bot as tests know it: a private-chat bot (no groups), like the production bot. */
export const TEST_BOT_INFO: UserFromGetMe = { ...DEFAULT_BOT_INFO, first_name: "Adal", can_join_groups: false };

export type { TgUser } from "./bot-api-emulator.js";
import { DEFAULT_BOT_INFO, parseMultipart, type TgUser } from "./bot-api-emulator.js";

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

export const TEST_KEY = Buffer.alloc(32, 7);

export function testConfig(overrides: Record<string, string> = {}): Config {
  const result = loadConfig({
    BOT_TOKEN: "123456:TEST-token-for-the-harness-only",
    DATA_DIR: "/nonexistent-adal-data",
    ENCRYPTION_KEY: TEST_KEY.toString("hex"),
    LOG_LEVEL: "info",
    ...overrides,
  });
  if (!result.ok) throw new Error(result.errors.join("; "));
  return result.config;
}

export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    done();
  }
  /**
   * The log without pino's `time` field: a timestamp's digits can contain any short
   * number, which would make searches for Telegram ids flaky.
   */
  get text(): string {
    return this.lines
      .map((line) => {
        try {
          const { time: _time, ...rest } = JSON.parse(line) as Record<string, unknown>;
          return JSON.stringify(rest);
        } catch {
          return line;
        }
      })
      .join("\n");
  }
  /** The log entries of one event, parsed. */
  events(event: string): Record<string, unknown>[] {
    return this.lines.flatMap((line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        return entry.event === event ? [entry] : [];
      } catch {
        return [];
      }
    });
  }
}

export interface Harness {
  adal: AdalBot;
  /** The background jobs, wired to this bot as main.ts wires them. */
  jobs: Jobs;
  db: TestDatabase;
  deps: BotDeps;
  config: Config;
  calls: ApiCall[];
  logs: LogCapture;
  /** Moves the injected clock. */
  clock: { now: Date };
  /** A text message; returns the id of the user's message. */
  text(from: TgUser, text: string): Promise<number>;
  callback(from: TgUser, data: string, messageId?: number): Promise<void>;
  contact(from: TgUser, phone: string, contactUserId?: number): Promise<void>;
  /** The user edits their message `messageId` to `text` (an edited_message update). */
  editText(from: TgUser, messageId: number, text: string): Promise<void>;
  /** A document; returns the id of the user's message. */
  document(from: TgUser, fileName: string, mimeType: string, size?: number): Promise<number>;
  /** A photo in the sizes Telegram makes (small to large); `size` is the largest one's. Returns the message id. */
  photo(from: TgUser, size?: number, caption?: string): Promise<number>;
  /** A voice message; returns the message id. */
  voice(from: TgUser, size?: number): Promise<number>;
  /** A sticker; returns the message id. */
  sticker(from: TgUser): Promise<number>;
  /** Any other message: `fields` are merged into it (e.g. a video, a location). Returns the message id. */
  message(from: TgUser, fields: Record<string, unknown>): Promise<number>;
  /** Texts the bot sent (or edited to) in a chat, in order. */
  replies(chatId: number): string[];
  lastReply(chatId: number): string;
  /** callback_data of every inline button in the last message with a keyboard. */
  lastButtons(chatId: number): { text: string; data: string }[];
  callsOf(method: string): ApiCall[];
  clear(): void;
  destroy(): Promise<void>;
}

/** The bot's dependencies for a test: the test key, real texts and calendar, logs captured at debug level. */
export async function testBotDeps(db: TestDatabase, logs: LogCapture, now: () => Date, keys: Buffer[] = [TEST_KEY]): Promise<BotDeps & { outbox: Outbox }> {
  const keyring = createKeyring(keys);
  return {
    db,
    keyring,
    i18n: await createI18n(),
    logger: createLogger("debug", logs),
    metrics: createMetrics({ defaults: false }),
    calendar: createWorkCalendar(),
    now,
    outbox: createOutbox({ db, keyring, now }),
  };
}

/** The jobs, each tick followed by sending what it queued (tests read the messages right after). */
export function drainingJobs(jobs: Jobs, sender: OutboxSender): Jobs {
  return {
    ...jobs,
    surveyDispatcher: sendingAfterTick(jobs.surveyDispatcher, sender),
    taskReminders: sendingAfterTick(jobs.taskReminders, sender),
    monitoringReminders: sendingAfterTick(jobs.monitoringReminders, sender),
    reportNotifier: sendingAfterTick(jobs.reportNotifier, sender),
    weeklyDigest: sendingAfterTick(jobs.weeklyDigest, sender),
    boardReminders: sendingAfterTick(jobs.boardReminders, sender),
  };
}

export async function createHarness(options: { config?: Record<string, string>; now?: Date } = {}): Promise<Harness> {
  const db = await createTestDatabase();
  const config = testConfig(options.config);
  const logs = new LogCapture();
  const clock = { now: options.now ?? new Date("2026-03-02T05:00:00Z") };
  const calls: ApiCall[] = [];
  let messageId = 1000;
  let updateId = 1;
  const deps = await testBotDeps(db, logs, () => new Date(clock.now));
  // What the bot sends, as the Bot API returns it: files sent by id keep that id; uploads get a new one.
  const sentFile = (value: unknown, prefix: string) => (typeof value === "string" ? value : `${prefix}${messageId}`);
  const fakeMessage = (method: string, payload: Record<string, unknown>): Message =>
    ({
      message_id: ++messageId,
      date: Math.floor(clock.now.getTime() / 1000),
      chat: { id: Number(payload.chat_id), type: "private", first_name: "User" },
      from: TEST_BOT_INFO,
      ...(typeof payload.text === "string" ? { text: payload.text } : {}),
      ...(typeof payload.caption === "string" ? { caption: payload.caption } : {}),
      ...(method === "sendPhoto" ? { photo: [{ file_id: sentFile(payload.photo, "sph"), file_unique_id: `usph${messageId}`, width: 1280, height: 960, file_size: 1000 }] } : {}),
      ...(method === "sendDocument"
        ? { document: { file_id: sentFile(payload.document, "sdoc"), file_unique_id: `usdoc${messageId}`, file_name: (payload.document as { fileName?: string })?.fileName ?? "file" } }
        : {}),
      ...(method === "sendVoice" ? { voice: { file_id: sentFile(payload.voice, "svoi"), file_unique_id: `usvoi${messageId}`, duration: 5, mime_type: "audio/ogg" } } : {}),
      ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}),
    }) as Message;
  // Stands in for the network: grammY's client sends real HTTP requests (JSON or
  // multipart) to this function, which answers the way the Bot API does.
  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = url.split("/").pop()!;
    const type = new Headers(init?.headers).get("content-type") ?? "";
    let p: Record<string, unknown> = {};
    if (init?.body) {
      const request = new Request(url, { method: "POST", body: init.body as never, headers: init.headers as never, duplex: "half" } as RequestInit);
      if (type.includes("multipart/form-data")) {
        // Node 20's Request#formData() cannot parse grammY's multipart bodies (see bot-api-emulator.ts).
        // A field "attach://<id>" stands for the uploaded file part <id>.
        const boundary = /boundary=([^;]+)/.exec(type)?.[1] ?? "";
        const { fields, files } = parseMultipart(Buffer.from(await request.arrayBuffer()), boundary);
        const attached = (v: unknown) => {
          const file = typeof v === "string" && v.startsWith("attach://") ? files.get(v.slice("attach://".length)) : undefined;
          return file ? { fileName: file.fileName, size: file.bytes.length, bytes: file.bytes } : undefined;
        };
        for (const [k, v] of Object.entries(fields)) {
          const file = attached(v);
          if (file) p[k] = file;
          else p[k] = typeof v === "string" && /^[[{]/.test(v) ? JSON.parse(v) : v;
        }
        // An album's files are named inside its media array.
        if (Array.isArray(p.media)) p.media = (p.media as Record<string, unknown>[]).map((m) => ({ ...m, media: attached(m.media) ?? m.media }));
      } else p = (await request.json()) as Record<string, unknown>;
    }
    // An album as Telegram takes it: 2–10 items, captions of at most 1,024 characters.
    if (method === "sendMediaGroup") {
      const media = Array.isArray(p.media) ? (p.media as { caption?: string }[]) : [];
      const refused = media.length < 2 || media.length > 10 ? "wrong number of messages to send as an album" : media.some((m) => (m.caption ?? "").length > 1024) ? "message caption is too long" : null;
      if (refused) return new Response(JSON.stringify({ ok: false, error_code: 400, description: `Bad Request: ${refused}` }), { headers: { "content-type": "application/json" } });
      calls.push({ method, payload: p });
      const result = media.map((m) => fakeMessage("sendPhoto", { chat_id: p.chat_id, caption: m.caption, photo: {} }));
      return new Response(JSON.stringify({ ok: true, result }), { headers: { "content-type": "application/json" } });
    }
    calls.push({ method, payload: p });
    // Everything else (deleteMessage, deleteMessages — the Bot API skips ids it cannot find —,
    // answerCallbackQuery, editMessageReplyMarkup, …) answers true.
    let result: unknown = true;
    if (method === "sendMessage" || method === "sendDocument" || method === "sendPhoto" || method === "sendVoice" || method === "editMessageText") result = fakeMessage(method, p);
    else if (method === "getFile") result = { file_id: p.file_id, file_unique_id: "u" + String(p.file_id), file_size: 100, file_path: `documents/${String(p.file_id)}` };
    else if (method === "copyMessage") result = { message_id: ++messageId };
    return new Response(JSON.stringify({ ok: true, result }), { headers: { "content-type": "application/json" } });
  }) as typeof fetch;
  const hooks: BotHooks = { campaignOpened: () => undefined };
  const adal = createBot(config, { ...deps, hooks, botInfo: TEST_BOT_INFO, fetch: fakeFetch });
  await adal.bot.init();
  const sender = unpacedSender(deps, deps.db, deps.outbox, new Api(adal.bot.token, { fetch: fakeFetch }), adal.notifications);
  const jobs = drainingJobs(createJobs(config, deps, deps.outbox), sender);
  hooks.campaignOpened = () => void jobs.surveyDispatcher.tick().catch(() => undefined);

  const chat = (from: TgUser) => ({ id: from.id, type: "private" as const, first_name: from.first_name });
  // What a handler queued (an approval to compliance) goes out before the test looks.
  const handle = async (update: Omit<Update, "update_id">) => {
    await adal.bot.handleUpdate({ update_id: updateId++, ...update } as Update);
    await sender.drain();
  };
  const date = () => Math.floor(clock.now.getTime() / 1000);

  const sendMessageOf = async (from: TgUser, fields: Record<string, unknown>): Promise<number> => {
    const id = ++messageId;
    await handle({ message: { message_id: id, date: date(), chat: chat(from), from: { is_bot: false, ...from }, ...fields } } as Omit<Update, "update_id">);
    return id;
  };

  const sentTexts = (chatId: number) =>
    calls
      .filter((c) => (c.method === "sendMessage" || c.method === "editMessageText") && Number(c.payload.chat_id ?? chatId) === chatId)
      .map((c) => String(c.payload.text));

  return {
    adal,
    jobs,
    db,
    deps,
    config,
    calls,
    logs,
    clock,
    async text(from, text) {
      const entities = text.startsWith("/") ? [{ type: "bot_command" as const, offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
      const id = ++messageId;
      await handle({ message: { message_id: id, date: date(), chat: chat(from), from: { is_bot: false, ...from }, text, ...(entities ? { entities } : {}) } });
      return id;
    },
    async editText(from, messageId, text) {
      await handle({ edited_message: { message_id: messageId, date: date(), edit_date: date(), chat: chat(from), from: { is_bot: false, ...from }, text } } as Omit<Update, "update_id">);
    },
    async callback(from, data, mid) {
      await handle({
        callback_query: {
          id: String(++messageId),
          from: { is_bot: false, ...from },
          chat_instance: "ci" + from.id,
          data,
          message: { message_id: mid ?? messageId, date: date(), chat: chat(from), from: TEST_BOT_INFO, text: "…" },
        },
      } as Omit<Update, "update_id">);
    },
    async contact(from, phone, contactUserId) {
      await handle({
        message: { message_id: ++messageId, date: date(), chat: chat(from), from: { is_bot: false, ...from }, contact: { phone_number: phone, first_name: from.first_name, user_id: contactUserId ?? from.id } },
      });
    },
    async document(from, fileName, mimeType, size = 1000) {
      const id = ++messageId;
      await handle({
        message: {
          message_id: id,
          date: date(),
          chat: chat(from),
          from: { is_bot: false, ...from },
          document: { file_id: "doc" + id, file_unique_id: "udoc" + id, file_name: fileName, mime_type: mimeType, file_size: size },
        },
      });
      return id;
    },
    photo(from, size = 250_000, caption) {
      return sendMessageOf(from, {
        photo: [
          { file_id: `ph${messageId + 1}s`, file_unique_id: `uph${messageId + 1}s`, width: 90, height: 68, file_size: 1_500 },
          { file_id: `ph${messageId + 1}m`, file_unique_id: `uph${messageId + 1}m`, width: 320, height: 240, file_size: 20_000 },
          { file_id: `ph${messageId + 1}`, file_unique_id: `uph${messageId + 1}`, width: 1280, height: 960, file_size: size },
        ],
        ...(caption ? { caption } : {}),
      });
    },
    voice(from, size = 40_000) {
      return sendMessageOf(from, { voice: { file_id: `voi${messageId + 1}`, file_unique_id: `uvoi${messageId + 1}`, duration: 12, mime_type: "audio/ogg", file_size: size } });
    },
    sticker(from) {
      return sendMessageOf(from, { sticker: { file_id: `stk${messageId + 1}`, file_unique_id: `ustk${messageId + 1}`, type: "regular", width: 512, height: 512, is_animated: false, is_video: false, emoji: "👍" } });
    },
    message: (from, fields) => sendMessageOf(from, fields),
    replies: sentTexts,
    lastReply(chatId) {
      const all = sentTexts(chatId);
      if (!all.length) throw new Error(`no replies in chat ${chatId}; calls: ${calls.map((c) => c.method).join(", ")}`);
      return all[all.length - 1]!;
    },
    lastButtons(chatId) {
      const withKb = calls.filter((c) => Number(c.payload.chat_id) === chatId && (c.payload.reply_markup as { inline_keyboard?: unknown })?.inline_keyboard);
      const last = withKb[withKb.length - 1];
      if (!last) return [];
      const kb = (last.payload.reply_markup as { inline_keyboard: { text: string; callback_data?: string }[][] }).inline_keyboard;
      return kb.flat().filter((b) => b.callback_data).map((b) => ({ text: b.text, data: b.callback_data! }));
    },
    callsOf(method) {
      return calls.filter((c) => c.method === method);
    },
    clear() {
      calls.length = 0;
    },
    async destroy() {
      // Background passes started by the bot (e.g. invitations after a launch) finish first.
      await Promise.race([jobs.settle(), new Promise((r) => setTimeout(r, 10_000))]);
      await db.destroy();
    },
  };
}
