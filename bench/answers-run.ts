// Survey answers at the speed of the framework, on one database. Prints figures, asserts
// nothing. bench/answers.ts runs it on SQLite and PostgreSQL and prints them side by side; alone:
// npx tsx bench/answers-run.ts (a temporary SQLite file), or with
// DATABASE_URL=postgresql://… on PostgreSQL (a scratch database: its Adal tables are emptied).
// BENCH_PROFILE=dir writes a CPU and an allocation profile of each saturated phase there.
//
// Respondents of a 40-question anonymous survey press what the bot shows them: the fake Bot
// API keeps the last message sent to each chat, the respondent parses its inline keyboard and
// sends the callback of an answer button (a text question gets a typed message). Updates reach
// our bot as in the app's polling mode: the poll loop calls getUpdates on the fake API, which
// hands out what the respondents queued, stores each batch in the durable inbox (bot/inbox.ts)
// before confirming it, and the inbox hands them to the bot, one chat at a time.
// In the same run a bare grammY bot with @grammyjs/runner, sequentialize and the fake API answers
// the same presses with the same Bot API calls, keeping its state in memory (its saturated
// phase three times over, the median counting).
//   saturated: every respondent presses again as soon as the reply arrived (closed loop);
//   offered 300/s: presses arrive at a fixed rate whatever the replies (open loop).
// Round trips: every statement the driver adapter sends, per update (BEGIN and COMMIT count).
import { createOutbox } from "../src/services/outbox.js";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { run, sequentialize } from "@grammyjs/runner";
import { Inbox } from "../src/bot/inbox.js";
import { pollIntoInbox } from "../src/bot/polling.js";
import { Bot, InlineKeyboard } from "grammy";
import type { InlineKeyboardMarkup, Update, UserFromGetMe } from "grammy/types";
import { createBot } from "../src/bot/create-bot.js";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { createCampaign } from "../src/db/repositories/campaigns.js";
import { saveDefinition } from "../src/db/repositories/survey-definitions.js";
import { parseDatabaseUrl } from "../src/db/url.js";
import { createWorkCalendar } from "../src/domain/calendar/work-calendar.js";
import { createKeyring } from "../src/domain/crypto.js";
import { allQuestions, validateDefinition, type SurveyDefinition } from "../src/domain/surveys/definition.js";
import { createI18n } from "../src/i18n.js";
import { createLogger } from "../src/logger.js";
import { createMetrics } from "../src/metrics.js";
import { launchCampaign } from "../src/services/surveys.js";

const RESPONDENTS = Number(process.env.BENCH_RESPONDENTS ?? 500);
const SATURATED = Math.floor(RESPONDENTS / 2);
const OFFERED_RATE = 300;
const OFFERED_SECONDS = 10;
const WARMUP = 10;

// ── the questionnaire: 40 questions, 4 sections ──
const T = (ru: string) => ({ ru, kk: `${ru} (kk)` });
function question(i: number) {
  const base = { id: `q${i}`, text: T(`Вопрос ${i + 1}: насколько вы согласны с утверждением о работе вашего подразделения?`) };
  const options = ["a", "b", "c", "d"].map((c) => ({ code: c, label: T(`Вариант ${c.toUpperCase()} ответа`) }));
  switch (i % 10) {
    case 4:
    case 5:
      return { ...base, type: "scale", min: 1, max: 5, labels: Object.fromEntries([1, 2, 3, 4, 5].map((p) => [String(p), T(`Оценка ${p}`)])) };
    case 6:
    case 7:
      return { ...base, type: "yesno" };
    case 8:
      return { ...base, type: "multiple", max: 3, options };
    case 9:
      return { ...base, type: "text", maxLength: 500 };
    default:
      return { ...base, type: "single", options };
  }
}
const definitionInput = {
  id: "bench-40",
  title: T("Опрос из сорока вопросов"),
  mode: "anonymous",
  sections: [0, 1, 2, 3].map((s) => ({ id: `s${s}`, title: T(`Раздел ${s + 1}`), questions: Array.from({ length: 10 }, (_, j) => question(s * 10 + j)) })),
};
const validated = validateDefinition(definitionInput);
if (!validated.ok) throw new Error(JSON.stringify(validated.issues));
const definition: SurveyDefinition = validated.definition;

// ── the fake Bot API: getUpdates from a queue, the last message of every chat ──
interface Shown {
  text: string;
  keyboard: string[];
}
class FakeApi {
  private queue: Update[] = [];
  private wake: (() => void) | null = null;
  readonly shown = new Map<number, Shown>();
  readonly calls = new Map<string, number>();
  private mid = 1;

  push(update: Update): void {
    this.queue.push(update);
    this.wake?.();
  }

  callsPerMethod(): string {
    return [...this.calls].map(([m, n]) => `${m} ${n}`).join(", ");
  }

  readonly fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const method = String(input).split("/").pop()!;
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    if (method === "getUpdates") return this.json(await this.updates(Number(body.limit ?? 100), init?.signal ?? undefined));
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    const chatId = Number(body.chat_id ?? 0);
    if (method === "sendMessage" || method === "editMessageText") {
      const markup = body.reply_markup as InlineKeyboardMarkup | undefined;
      const keyboard = (markup?.inline_keyboard ?? []).flat().map((b) => ("callback_data" in b ? `${b.text}\u0000${b.callback_data}` : ""));
      this.shown.set(chatId, { text: String(body.text), keyboard });
      return this.json({ message_id: this.mid++, date: 0, chat: { id: chatId, type: "private" }, text: body.text });
    }
    if (method === "editMessageReplyMarkup") return this.json({ message_id: Number(body.message_id ?? 0), date: 0, chat: { id: chatId, type: "private" } });
    return this.json(true);
  }) as typeof fetch;

  private json(result: unknown): Response {
    return new Response(JSON.stringify({ ok: true, result }), { headers: { "content-type": "application/json" } });
  }

  private async updates(limit: number, signal?: AbortSignal): Promise<Update[]> {
    while (this.queue.length === 0) {
      if (signal?.aborted) throw new DOMException("aborted", "AbortError");
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        signal?.addEventListener("abort", () => resolve(), { once: true });
      });
      this.wake = null;
    }
    return this.queue.splice(0, limit);
  }
}

// ── respondents: read the last message, press what it offers ──
let updateId = 1;
function press(chatId: number, data: string): Update {
  const from = { id: chatId, is_bot: false, first_name: "R", language_code: "ru" };
  const message = { message_id: 1, date: 0, chat: { id: chatId, type: "private" as const, first_name: "R" }, text: "…" };
  return { update_id: updateId++, callback_query: { id: String(updateId), from, chat_instance: String(chatId), message, data } } as Update;
}
function typed(chatId: number, text: string): Update {
  const from = { id: chatId, is_bot: false, first_name: "R", language_code: "ru" };
  return { update_id: updateId++, message: { message_id: updateId, date: 0, chat: { id: chatId, type: "private", first_name: "R" }, from, text } } as Update;
}

type Kind = "open" | "button" | "typed" | "submit";
/** The next update of a respondent after what the bot showed, or null when they are done. */
function nextPress(chatId: number, shown: Shown | undefined, step: number): { update: Update; kind: Kind } | null {
  const buttons = (shown?.keyboard ?? []).map((b) => b.split("\u0000") as [string, string]);
  const data = (prefix: string) => buttons.find(([, d]) => d.startsWith(`${prefix}:`))?.[1];
  if (step === 0) return { update: press(chatId, `sv.o:${campaignId}`), kind: "open" };
  const submit = data("sv.ok");
  if (submit) return { update: press(chatId, submit), kind: "submit" };
  const start = data("sv.go");
  if (start) return { update: press(chatId, start), kind: "button" };
  const answers = buttons.filter(([, d]) => d.startsWith("sv.a:"));
  if (answers.length) return { update: press(chatId, answers[(chatId + step) % answers.length]![1]), kind: "button" };
  const toggles = buttons.filter(([, d]) => d.startsWith("sv.t:"));
  if (toggles.length) {
    const ticked = toggles.filter(([label]) => label.startsWith("☑️")).length;
    const untick = toggles.find(([label]) => !label.startsWith("☑️"));
    return { update: press(chatId, ticked >= 2 || !untick ? data("sv.d")! : untick[1]), kind: "button" };
  }
  if (buttons.some(([, d]) => d.startsWith("sv.b:") || d.startsWith("sv.p:"))) return { update: typed(chatId, `Ответ ${step}: всё хорошо, замечаний нет`), kind: "typed" };
  return null;
}

// ── one bot under load ──
const botInfo = { id: 1, is_bot: true, first_name: "Adal", username: "adal_bench_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false } as UserFromGetMe;
// Counted globally: per kind of update it is measured with one respondent alone, so every
// statement in the window is that update's (an AsyncLocalStorage would switch on Node's
// promise hooks for the rest of the run and slow both bots down).
let totalStatements = 0;

interface Harness {
  api: FakeApi;
  bot: Bot<never>;
}
interface Figures {
  updates: number;
  seconds: number;
  latencies: number[];
  missed: number;
  /** CPU time of the process (user + system) over the run, in ms: steadier than wall time on a shared machine. */
  cpuMs: number;
}

/** Runs respondents through the survey under the runner: closed loop (rate undefined) or open loop. */
async function drive(h: Harness, chats: number[], rate?: number, seconds = 0, onSend?: (update: Update, kind: Kind) => void): Promise<Figures> {
  const pending = new Map<number, () => void>();
  const original = h.bot.handleUpdate.bind(h.bot);
  h.bot.handleUpdate = async (update, webhook) => {
    try {
      return await original(update, webhook);
    } finally {
      pending.get(update.update_id)?.();
    }
  };
  const latencies: number[] = [];
  const steps = new Map(chats.map((c) => [c, 0]));
  const send = (chatId: number): Promise<boolean> | null => {
    const next = nextPress(chatId, h.api.shown.get(chatId), steps.get(chatId)!);
    if (!next) return null;
    steps.set(chatId, steps.get(chatId)! + 1);
    onSend?.(next.update, next.kind);
    const t0 = performance.now();
    return new Promise((resolve) => {
      pending.set(next.update.update_id, () => {
        pending.delete(next.update.update_id);
        latencies.push(performance.now() - t0);
        resolve(true);
      });
      h.api.push(next.update);
    });
  };
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  let missed = 0;
  if (rate === undefined) {
    await Promise.all(chats.map(async (c) => { for (let p = send(c); p; p = send(c)) await p; }));
  } else {
    const busy = new Set<number>();
    let sent = 0;
    let cursor = 0;
    while (performance.now() - started < seconds * 1000) {
      const due = Math.floor(((performance.now() - started) / 1000) * rate) - sent;
      for (let d = 0; d < due; d++, sent++) {
        let chat: number | undefined;
        for (let tries = 0; tries < chats.length && chat === undefined; tries++, cursor++) {
          const c = chats[cursor % chats.length]!;
          if (!busy.has(c)) chat = c;
        }
        const p = chat === undefined ? null : send(chat);
        if (!p) { missed++; continue; }
        busy.add(chat!);
        void p.then(() => busy.delete(chat!));
      }
      await sleep(1);
    }
    while (pending.size) await sleep(5);
  }
  h.bot.handleUpdate = original;
  const cpu = process.cpuUsage(cpu0);
  return { updates: latencies.length, seconds: (performance.now() - started) / 1000, latencies, missed, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** BENCH_PROFILE=dir: a CPU profile of each saturated phase, written there (for `node --cpu-prof`-like analysis). */
async function startProfile(): Promise<{ stop(name: string): Promise<void> } | null> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return null;
  const { Session } = await import("node:inspector/promises");
  const { writeFileSync } = await import("node:fs");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  await session.post("HeapProfiler.startSampling", { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  return {
    async stop(name) {
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
      const heap = await session.post("HeapProfiler.stopSampling");
      writeFileSync(join(dir, `${name}.heapprofile`), JSON.stringify(heap.profile));
      session.disconnect();
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

// ── setup: database, roster, campaign ──
const url = process.env.DATABASE_URL ?? `file:${join(mkdtempSync(join(tmpdir(), "adal-bench-")), "answers.db")}`;
await migrate(parseDatabaseUrl(url));
const db = await openDatabase(url, {
  onStatement: () => void totalStatements++,
});
for (const table of ["SealedBallot", "SurveyTotals", "SurveyDraft", "InterviewResponse", "CampaignParticipant", "Campaign", "SurveyDefinition", "Invite", "User", "Department", "BotState", "ChatLanguage", "AuditLog"]) {
  await db.prisma.$executeRawUnsafe(`DELETE FROM "${table}"`);
}
const config = loadConfig({ BOT_TOKEN: "123456:BENCH-token-not-used-anywhere", ENCRYPTION_KEY: "11".repeat(32), LOG_LEVEL: "silent" });
if (!config.ok) throw new Error(config.errors.join("; "));
const deps = { db, keyring: createKeyring([Buffer.alloc(32, 0x11)]), i18n: await createI18n(), logger: createLogger("silent"), metrics: createMetrics({ defaults: false }), calendar: createWorkCalendar(), now: () => new Date() };
const FIRST_CHAT = 500_000;
const total = WARMUP + 1 + RESPONDENTS;
const dept = await db.prisma.department.create({ data: { name: "Bench" } });
await db.prisma.user.createMany({ data: Array.from({ length: total }, (_, i) => ({ fullName: `Respondent ${i}`, phone: `7701${String(i).padStart(7, "0")}`, telegramId: BigInt(FIRST_CHAT + i), language: "ru", departmentId: dept.id, registeredAt: new Date() })) });
const { record } = await saveDefinition(db.prisma, definition, "bench", null);
const today = new Date().toISOString().slice(0, 10);
const closesOn = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
const campaign = await createCampaign(db.prisma, { definitionId: record.id, mode: "anonymous", opensOn: today, closesOn, audience: { kind: "all" }, reminderCap: 2, createdById: 0, today });
await launchCampaign(db.prisma, campaign);
const campaignId = campaign.id;
const chats = (from: number, n: number) => Array.from({ length: n }, (_, i) => FIRST_CHAT + from + i);

// ── our bot ──
const oursApi = new FakeApi();
const ours = createBot(config.config, { ...deps, outbox: createOutbox({ db: deps.db, keyring: deps.keyring, now: deps.now }), botInfo, fetch: oursApi.fetch }).bot;
const oursHarness = { api: oursApi, bot: ours as unknown as Bot<never> };
// As the app receives them (main.ts): polled into the durable inbox, handled from it.
const inbox = new Inbox({ database: db, keyring: deps.keyring, logger: deps.logger, metrics: deps.metrics, handle: (u) => ours.handleUpdate(u) });
inbox.start();
const oursRunner = pollIntoInbox(ours.api, (updates) => inbox.receive(updates), deps.logger, ["message", "callback_query"]);
await drive(oursHarness, chats(0, WARMUP));
// Round trips of one respondent alone, per kind of update.
const perKind = new Map<Kind, number[]>();
{
  const original = ours.handleUpdate.bind(ours);
  const kinds = new Map<number, Kind>();
  ours.handleUpdate = async (update, webhook) => {
    const first = totalStatements;
    try {
      return await original(update, webhook);
    } finally {
      const kind = kinds.get(update.update_id)!;
      perKind.set(kind, [...(perKind.get(kind) ?? []), totalStatements - first]);
    }
  };
  await drive(oursHarness, chats(WARMUP, 1), undefined, 0, (u, kind) => kinds.set(u.update_id, kind));
  ours.handleUpdate = original;
}
oursApi.calls.clear();
const before = totalStatements;
const profiler = await startProfile();
const oursSat = await drive(oursHarness, chats(WARMUP + 1, SATURATED));
await profiler?.stop("adal");
const satStatements = totalStatements - before;
const oursCalls = oursApi.callsPerMethod();
const oursOffered = await drive(oursHarness, chats(WARMUP + 1 + SATURATED, RESPONDENTS - SATURATED), OFFERED_RATE, OFFERED_SECONDS);
await oursRunner.stop();
await inbox.stop();

// ── the bare grammY bot: the same screens' Bot API calls, state in memory ──
const bareApi = new FakeApi();
const bare = new Bot(config.config.botToken, { botInfo, client: { fetch: bareApi.fetch } });
const questions = allQuestions(definition);
const screens = new Map<number, { at: number; ticked: number }>();
function screen(chatId: number): { text: string; keyboard: InlineKeyboard } {
  const s = screens.get(chatId) ?? { at: -1, ticked: 0 };
  const keyboard = new InlineKeyboard();
  if (s.at < 0) return { text: "notice", keyboard: keyboard.text("Начать", `sv.go:${campaignId}:${s.at}`) };
  if (s.at >= questions.length) return { text: "review", keyboard: keyboard.text("Отправить", `sv.ok:${campaignId}:${s.at}`) };
  const q = questions[s.at]!;
  if (q.type === "multiple") {
    q.options.forEach((o, i) => keyboard.text(`${i < s.ticked ? "☑️" : "⬜"} ${o.label.ru}`, `sv.t:${campaignId}:${s.at}:${i}`).row());
    keyboard.text("Готово", `sv.d:${campaignId}:${s.at}`);
  } else if (q.type === "single") q.options.forEach((o, i) => keyboard.text(o.label.ru, `sv.a:${campaignId}:${s.at}:${i}`).row());
  else if (q.type === "scale" || q.type === "yesno") (q.type === "scale" ? ["1", "2", "3", "4", "5"] : ["Да", "Нет"]).forEach((l, i) => keyboard.text(l, `sv.a:${campaignId}:${s.at}:${i}`));
  keyboard.row().text("Назад", `sv.b:${campaignId}:${s.at}`).text("Позже", `sv.p:${campaignId}:${s.at}`);
  return { text: `${q.text.ru}\n\n${s.at + 1}/${questions.length}`, keyboard };
}
bare.use(sequentialize((ctx) => ctx.chatId?.toString()));
bare.on("callback_query:data", async (ctx) => {
  const [id] = ctx.callbackQuery.data.split(":");
  const s = screens.get(ctx.chatId!) ?? { at: -1, ticked: 0 };
  await ctx.answerCallbackQuery();
  if (id === "sv.o") return void (await ctx.reply(screen(ctx.chatId!).text, { reply_markup: screen(ctx.chatId!).keyboard }));
  await ctx.editMessageReplyMarkup();
  if (id === "sv.ok") return void (screens.delete(ctx.chatId!), await ctx.reply("Спасибо"));
  if (id === "sv.t") s.ticked++;
  else screens.set(ctx.chatId!, { at: s.at + 1, ticked: 0 });
  const view = screen(ctx.chatId!);
  await ctx.reply(view.text, { reply_markup: view.keyboard });
});
bare.on("message:text", async (ctx) => {
  const s = screens.get(ctx.chatId) ?? { at: -1, ticked: 0 };
  screens.set(ctx.chatId, { at: s.at + 1, ticked: 0 });
  const view = screen(ctx.chatId);
  await ctx.reply(view.text, { reply_markup: view.keyboard });
});
const bareHarness = { api: bareApi, bot: bare as unknown as Bot<never> };
const bareRunner = run(bare, { runner: { fetch: { allowed_updates: ["message", "callback_query"] } } });
await drive(bareHarness, chats(0, WARMUP));
bareApi.calls.clear();
const bareProfiler = await startProfile();
// The bare bot's saturated phase lasts a second or two, and its rate varies by half from run
// to run (a collection more or less): the same respondents answer three times over (its state
// ends with each submission) and the run of the median rate is the baseline.
const bareRuns: Figures[] = [];
for (let i = 0; i < 3; i++) {
  bareRuns.push(await drive(bareHarness, chats(WARMUP + 1, SATURATED)));
  if (i === 0) await bareProfiler?.stop("bare");
}
const bareSat = [...bareRuns].sort((a, b) => a.updates / a.seconds - b.updates / b.seconds)[1]!;
const bareCalls = bareApi.callsPerMethod();
const bareOffered = await drive(bareHarness, chats(WARMUP + 1 + SATURATED, RESPONDENTS - SATURATED), OFFERED_RATE, OFFERED_SECONDS);
await bareRunner.stop();

// ── figures ──
const rate = (f: Figures) => f.updates / f.seconds;
const sorted = (f: Figures) => [...f.latencies].sort((a, b) => a - b);
const ms = (f: Figures, p: number) => percentile(sorted(f), p).toFixed(1);
const mean = (xs: number[] = []) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const mem = process.memoryUsage();
console.log(`survey answers (${questions.length}-question anonymous survey, ${db.provider}): ${SATURATED} respondents saturated, ${RESPONDENTS - SATURATED} at ${OFFERED_RATE} updates/s offered for ${OFFERED_SECONDS} s; ours through the durable inbox, bare grammY through runner + sequentialize; fake Bot API`);
console.log(`                         adal        bare grammY   ratio`);
console.log(`  saturated updates/s:   ${rate(oursSat).toFixed(0).padStart(8)}    ${rate(bareSat).toFixed(0).padStart(8)}      ${(rate(oursSat) / rate(bareSat)).toFixed(3)}`);
const cpuPer = (f: Figures) => f.cpuMs / f.updates;
console.log(`  CPU per update (saturated): adal ${cpuPer(oursSat).toFixed(3)} ms, bare ${cpuPer(bareSat).toFixed(3)} ms, ratio ${(cpuPer(bareSat) / cpuPer(oursSat)).toFixed(3)}`);
console.log(`  saturated p50/p95/p99 ms: adal ${ms(oursSat, 50)} / ${ms(oursSat, 95)} / ${ms(oursSat, 99)}; bare ${ms(bareSat, 50)} / ${ms(bareSat, 95)} / ${ms(bareSat, 99)}`);
console.log(`  at ${OFFERED_RATE}/s offered: adal ${rate(oursOffered).toFixed(0)}/s, p50 ${ms(oursOffered, 50)} ms, p99 ${ms(oursOffered, 99)} ms (${oursOffered.missed} arrivals missed); bare ${rate(bareOffered).toFixed(0)}/s, p50 ${ms(bareOffered, 50)} ms, p99 ${ms(bareOffered, 99)} ms`);
console.log(`  bare grammY saturated runs: ${bareRuns.map((f) => (f.updates / f.seconds).toFixed(0)).join(", ")} updates/s (the median is the baseline)`);
console.log(`  Bot API calls (saturated): adal ${oursCalls} for ${oursSat.updates} updates; bare ${bareCalls} for ${bareRuns.reduce((n, f) => n + f.updates, 0)} updates (three runs)`);
console.log(`  database round trips per update, one respondent alone: answer button ${mean(perKind.get("button")).toFixed(2)}, typed answer ${mean(perKind.get("typed")).toFixed(2)}, open ${mean(perKind.get("open")).toFixed(0)}, submit ${mean(perKind.get("submit")).toFixed(0)}; saturated ${(satStatements / oursSat.updates).toFixed(2)} (concurrent findUnique calls are batched by Prisma)`);
console.log(`  memory: rss ${(mem.rss / 1048576).toFixed(0)} MiB, heap used ${(mem.heapUsed / 1048576).toFixed(0)} MiB`);
// For bench/answers.ts: the figures as one line of JSON.
const figures = (f: Figures) => ({ rate: rate(f), cpuMs: f.cpuMs / f.updates, p50: Number(ms(f, 50)), p95: Number(ms(f, 95)), p99: Number(ms(f, 99)), missed: f.missed });
const roundTrips = { button: mean(perKind.get("button")), typed: mean(perKind.get("typed")), open: mean(perKind.get("open")), submit: mean(perKind.get("submit")) };
console.log(`BENCH_RESULT ${JSON.stringify({ provider: db.provider, ours: { saturated: figures(oursSat), offered: figures(oursOffered) }, bare: { saturated: figures(bareSat), offered: figures(bareOffered) }, roundTrips, rssMiB: mem.rss / 1048576 })}`);
await db.close();
