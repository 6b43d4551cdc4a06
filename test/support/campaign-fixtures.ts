// Shared fixtures for campaign tests: a tiny bilingual definition, a small organisation
// (two departments, people in kk and ru, one not registered yet), a campaign built the way
// the bot builds it, a fake Telegram Bot API behind a real grammY `Api`, and an outbox with
// its sender per instance.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Api } from "grammy";
import type { Database, Db } from "../../src/db/client.js";
import { createCampaign, type Audience, type CampaignRecord } from "../../src/db/repositories/campaigns.js";
import { saveDefinition } from "../../src/db/repositories/survey-definitions.js";
import { validateDefinition, type SurveyDefinition } from "../../src/domain/surveys/definition.js";
import { InteractiveLoad } from "../../src/bot/notifications/pacer.js";
import { OutboxSender, type SenderOptions } from "../../src/bot/notifications/sender.js";
import { Notifications } from "../../src/bot/notifications/index.js";
import { createOutbox, type Outbox } from "../../src/services/outbox.js";
import type { BotDeps } from "../../src/bot/context.js";
import type { Lang } from "../../src/domain/lang.js";

export const PROBE_TITLE = { kk: "Сыбайлас жемқорлық тәуекелдері: сынақ", ru: "Коррупционные риски: пробный опрос" } as const;

/** A one-question anonymous definition (valid: throws otherwise). */
export function probeDefinition(slug = "dispatch-probe"): SurveyDefinition {
  const result = validateDefinition({
    id: slug,
    title: PROBE_TITLE,
    mode: "anonymous",
    sections: [
      {
        id: "main",
        title: { kk: "Негізгі", ru: "Основное" },
        questions: [{ id: "gifts", type: "yesno", text: { kk: "Сыйлық ұсынылды ма?", ru: "Вам предлагали подарки?" } }],
      },
    ],
  });
  if (!result.ok) throw new Error(`probe definition invalid: ${JSON.stringify(result.issues)}`);
  return result.definition;
}

export interface Person {
  /** users.id */
  id: number;
  fullName: string;
  /** Telegram id (= private chat id); null while not registered in the bot. */
  telegramId: number | null;
  language: Lang | null;
  departmentId: number;
}

let phoneCounter = 0;

/** Adds one person to the roster (registered when telegramId is given). */
export async function addPerson(
  db: Db,
  p: { fullName: string; telegramId: number | null; language: Lang | null; departmentId: number; role?: "employee" | "officer" | "compliance" | "observer"; active?: boolean },
): Promise<Person> {
  const row = await db.user.create({
    data: {
      fullName: p.fullName,
      phone: `7701${String(5_000_000 + ++phoneCounter).padStart(7, "0")}`,
      telegramId: p.telegramId === null ? null : BigInt(p.telegramId),
      language: p.language,
      departmentId: p.departmentId,
      role: p.role ?? "employee",
      active: p.active ?? true,
      registeredAt: p.telegramId === null ? null : new Date("2026-02-02T05:00:00Z"),
    },
  });
  return { id: row.id, fullName: p.fullName, telegramId: p.telegramId, language: p.language, departmentId: p.departmentId };
}

export interface Organisation {
  accounting: { id: number; name: string };
  warehouse: { id: number; name: string };
  /** Бухгалтерия: the campaign audience in most tests. */
  aigerim: Person; // kk
  boris: Person; // ru
  dana: Person; // kk
  zhanna: Person; // not registered yet
  /** Склад: outside the audience. */
  erlan: Person; // ru
  officer: Person; // compliance officer, ru
}

export async function seedOrganisation(db: Db): Promise<Organisation> {
  const accounting = await db.department.create({ data: { name: "Бухгалтерия" } });
  const warehouse = await db.department.create({ data: { name: "Склад" } });
  return {
    accounting,
    warehouse,
    aigerim: await addPerson(db, { fullName: "Сәрсенова Айгерім", telegramId: 710001, language: "kk", departmentId: accounting.id }),
    boris: await addPerson(db, { fullName: "Петров Борис", telegramId: 710002, language: "ru", departmentId: accounting.id }),
    dana: await addPerson(db, { fullName: "Омарова Дана", telegramId: 710003, language: "kk", departmentId: accounting.id }),
    zhanna: await addPerson(db, { fullName: "Ахметова Жанна", telegramId: null, language: null, departmentId: accounting.id }),
    erlan: await addPerson(db, { fullName: "Ержанов Ерлан", telegramId: 720001, language: "ru", departmentId: warehouse.id }),
    officer: await addPerson(db, { fullName: "Сарсенбаева Гульнар", telegramId: 720002, language: "ru", departmentId: warehouse.id, role: "compliance" }),
  };
}

/** Stores the probe definition and creates a (scheduled) campaign, as the bot's wizard does. */
export async function createProbeCampaign(
  db: Db,
  c: { opensOn: string; closesOn: string; audience: Audience; createdById: number; reminderCap?: number; mode?: CampaignRecord["mode"]; today?: string },
): Promise<CampaignRecord> {
  const { record } = await saveDefinition(db, probeDefinition(), "test:campaign-fixtures", c.createdById);
  return createCampaign(db, {
    definitionId: record.id,
    mode: c.mode ?? "anonymous",
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    audience: c.audience,
    reminderCap: c.reminderCap ?? 2,
    createdById: c.createdById,
    today: c.today ?? c.opensOn,
  });
}

type SurveyTexts = { invitation: string; reminder: string; openButton: string };
const surveyTexts = (lang: Lang): SurveyTexts => JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "..", "locales", lang, "surveys.json"), "utf8")) as SurveyTexts;
const LOCALE = { kk: surveyTexts("kk"), ru: surveyTexts("ru") };

/** The invitation / reminder text as the locale files define it (dd.mm.yyyy closing date). */
export function expectedSurveyText(kind: "invitation" | "reminder", lang: Lang, title: string, closesOn: string): string {
  const [y, m, d] = closesOn.split("-");
  return LOCALE[lang][kind].replace("{{title}}", title).replace("{{date}}", `${d}.${m}.${y}`);
}

export function openButtonText(lang: Lang): string {
  return LOCALE[lang].openButton;
}

// ---------------------------------------------------------------------------------------------
// Fake Telegram.

export interface FakeCall {
  method: string;
  chatId: number;
  text: string;
  payload: Record<string, unknown>;
  /** Outcome returned to the bot. */
  ok: boolean;
  /** Virtual time of the call, when a clock was given. */
  at: number;
}

export interface TelegramFailure {
  error_code: number;
  description: string;
}

export const BLOCKED: TelegramFailure = { error_code: 403, description: "Forbidden: bot was blocked by the user" };
export const CHAT_NOT_FOUND: TelegramFailure = { error_code: 400, description: "Bad Request: chat not found" };
export const SERVER_ERROR: TelegramFailure = { error_code: 500, description: "Internal Server Error" };

export interface FakeTelegram {
  /** A real grammY Api whose requests go to the fake. */
  api: Api;
  /** Every request, in order (failed ones included). */
  calls: FakeCall[];
  /** Chats whose sendMessage fails, and how. */
  failures: Map<number, TelegramFailure>;
  /** Messages actually delivered to a chat (sendMessage answered ok). */
  delivered(chatId: number): FakeCall[];
  /** Delivered messages per chat id. */
  deliveredPerChat(): Map<number, number>;
}

/**
 * A Bot API stand-in: grammY's real client sends the HTTP request, this fetch answers it the
 * way Telegram does (`{ok:false,error_code,description}` for failures). `yieldTurns` yields
 * to the event loop that many times before answering (no real time), so concurrent senders
 * interleave.
 */
export function fakeTelegram(options: { clock?: () => number; yieldTurns?: number } = {}): FakeTelegram {
  const calls: FakeCall[] = [];
  const failures = new Map<number, TelegramFailure>();
  let messageId = 5000;
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = url.split("/").pop()!;
    let payload: Record<string, unknown> = {};
    if (init?.body) {
      const request = new Request(url, { method: "POST", body: init.body as never, headers: init.headers as never, duplex: "half" } as RequestInit);
      payload = (await request.json()) as Record<string, unknown>;
    }
    for (let i = 0; i < (options.yieldTurns ?? 0); i++) await new Promise((r) => setImmediate(r));
    const chatId = Number(payload.chat_id);
    const failure = method === "sendMessage" ? failures.get(chatId) : undefined;
    calls.push({ method, chatId, text: String(payload.text ?? ""), payload, ok: !failure, at: options.clock?.() ?? 0 });
    const headers = { "content-type": "application/json" };
    if (failure) return new Response(JSON.stringify({ ok: false, ...failure }), { status: failure.error_code, headers });
    const result =
      method === "sendMessage"
        ? { message_id: ++messageId, date: 1_772_427_600, chat: { id: chatId, type: "private", first_name: "User" }, text: payload.text, ...(payload.reply_markup ? { reply_markup: payload.reply_markup } : {}) }
        : true;
    return new Response(JSON.stringify({ ok: true, result }), { headers });
  }) as typeof fetch;
  const delivered = (chatId: number) => calls.filter((c) => c.method === "sendMessage" && c.ok && c.chatId === chatId);
  return {
    api: new Api("123456:TEST-token-for-the-fake-only", { fetch: fetchFn }),
    calls,
    failures,
    delivered,
    deliveredPerChat() {
      const out = new Map<number, number>();
      for (const c of calls) if (c.method === "sendMessage" && c.ok) out.set(c.chatId, (out.get(c.chatId) ?? 0) + 1);
      return out;
    },
  };
}

/** An instance's outbox on `database`, and its sender sending through `api` (unpaced: tests look at what was sent, not when). */
export function outboxThrough(
  deps: Pick<BotDeps, "keyring" | "i18n" | "logger" | "metrics" | "now">,
  database: Database,
  api: Api,
  register: (notifications: Notifications) => void,
  options: Partial<SenderOptions> = {},
): { outbox: Outbox; sender: OutboxSender; notifications: Notifications } {
  const outbox = createOutbox({ db: database, keyring: deps.keyring, now: deps.now });
  const notifications = new Notifications(outbox, deps.i18n);
  register(notifications);
  return { outbox, sender: unpacedSender(deps, database, outbox, api, notifications, options), notifications };
}

/** An outbox sender for tests: unpaced unless `options` say otherwise, sending through `api`. */
export function unpacedSender(
  deps: Pick<BotDeps, "logger" | "metrics" | "now">,
  database: Database,
  outbox: Outbox,
  api: Api,
  notifications: Pick<Notifications, "render">,
  options: Partial<SenderOptions> = {},
): OutboxSender {
  return new OutboxSender(
    { database, outbox, api, render: (n) => notifications.render(n), load: new InteractiveLoad(), logger: deps.logger, metrics: deps.metrics, now: deps.now },
    { perSecond: 100_000, perChatIntervalMs: 0, toleranceMs: 0, ...options },
  );
}

/** A job whose every tick is followed by sending what it queued. */
export function sendingAfterTick<J extends { tick(): Promise<R>; settle(): Promise<void> }, R = Awaited<ReturnType<J["tick"]>>>(job: J, sender: OutboxSender): J {
  return { ...job, tick: async () => ((r: R) => sender.drain().then(() => r))(await job.tick()) };
}

/** Sends until the outbox is empty (messages paused by a 429 or waiting for their chat's turn included). */
export async function sendAll(sender: OutboxSender, database: Database, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await sender.drain();
    if ((await database.prisma.outboxMessage.count()) === 0) return;
    if (Date.now() > until) throw new Error("the outbox did not empty in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}
