// The outbox against Telegram's 30 messages a second: survey invitations, survey reminders and
// deadline reminders all due at once for 1,000+ people, queued by the real jobs and sent by
// the real outbox sender(s) to the Bot API emulator (with a network round trip), side by side
// with a bare grammY loop paced at the same 30/s on the same emulator. Prints figures: the
// rate reached as a share of the configured one, the busiest second, the smallest gap between
// two messages to one chat, messages lost and sent twice. Asserts nothing.
// Run: npx tsx bench/outbox.ts (npm run bench runs it). BENCH_OUTBOX_PEOPLE (default 1000),
// BENCH_OUTBOX_RTT_MS (default 10), BENCH_POSTGRES_URL or the local `adal_bench` database for
// the PostgreSQL run with three instances; BENCH_OUTBOX_ONLY=sqlite measures the SQLite run alone.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Api } from "grammy";
import { benchPostgresUrl } from "./postgres-url.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { parseDatabaseUrl } from "../src/db/url.js";
import { createKeyring } from "../src/domain/crypto.js";
import { createI18n } from "../src/i18n.js";
import { createLogger } from "../src/logger.js";
import { createMetrics } from "../src/metrics.js";
import { createWorkCalendar } from "../src/domain/calendar/work-calendar.js";
import { zonedDateTime } from "../src/domain/calendar/time-zone.js";
import { loadConfig } from "../src/config.js";
import { createOutbox } from "../src/services/outbox.js";
import { Notifications } from "../src/bot/notifications/index.js";
import { InteractiveLoad, TELEGRAM_LIMITS } from "../src/bot/notifications/pacer.js";
import { OutboxSender } from "../src/bot/notifications/sender.js";
import { registerSurveyNotifications } from "../src/bot/features/surveys/notifications.js";
import { registerTaskNotifications } from "../src/bot/features/tasks/notifications.js";
import { createSurveyDispatcher } from "../src/jobs/survey-dispatch.js";
import { createTaskReminders } from "../src/jobs/task-reminders.js";
import { DEFAULT_REMINDER_POLICY } from "../src/domain/reminders.js";
import { saveDefinition } from "../src/db/repositories/survey-definitions.js";
import { createCampaign } from "../src/db/repositories/campaigns.js";
import { launchCampaign } from "../src/services/surveys.js";
import { BotApiEmulator, type Delivery } from "../test/support/bot-api-emulator.js";
import { probeDefinition } from "../test/support/campaign-fixtures.js";

const PEOPLE = Number(process.env.BENCH_OUTBOX_PEOPLE ?? 1000);
const RTT = Number(process.env.BENCH_OUTBOX_RTT_MS ?? 10);
const RATE = TELEGRAM_LIMITS.perSecond;
const TOKEN = "123456:BENCH-token-not-used-anywhere";
// Monday 2 March 2026, 10:00 in Almaty: working hours, so everything is due at once.
const EPOCH = zonedDateTime("2026-03-02", "10:00", "Asia/Almaty");

interface Figures {
  label: string;
  messages: number;
  seconds: number;
  rate: number;
  busiestSecond: number;
  minChatGapMs: number | null;
  lost: number;
  duplicated: number;
}

function figures(label: string, deliveries: Delivery[], expected: Map<number, number>): Figures {
  const sorted = [...deliveries].sort((a, b) => a.at - b.at);
  const seconds = (sorted.at(-1)!.at - sorted[0]!.at) / 1000;
  let busiest = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]!.at - sorted[j]!.at >= 1000) j++;
    busiest = Math.max(busiest, i - j + 1);
  }
  const perChat = new Map<number, number[]>();
  for (const d of sorted) perChat.set(d.chatId, [...(perChat.get(d.chatId) ?? []), d.at]);
  let minGap: number | null = null;
  for (const times of perChat.values()) for (let i = 1; i < times.length; i++) minGap = Math.min(minGap ?? Infinity, times[i]! - times[i - 1]!);
  let lost = 0;
  let duplicated = 0;
  for (const [chat, n] of expected) {
    const got = perChat.get(chat)?.length ?? 0;
    if (got < n) lost += n - got;
    if (got > n) duplicated += got - n;
  }
  // The interval between the first and the last message holds messages - 1 gaps.
  return { label, messages: sorted.length, seconds, rate: (sorted.length - 1) / seconds, busiestSecond: busiest, minChatGapMs: minGap, lost, duplicated };
}

/** Invitations to everyone (campaign A), reminders to half (campaign B, invited last week), deadline reminders to a tenth. */
async function seed(db: Database): Promise<Map<number, number>> {
  for (const table of ["OutboxMessage", "OutboxChat", "TaskReminder", "TaskAssignee", "TaskOccurrence", "Task", "CampaignParticipant", "Campaign", "SurveyDefinition", "User", "Department"]) {
    await db.prisma.$executeRawUnsafe(`DELETE FROM "${table}"`);
  }
  await db.prisma.$executeRawUnsafe(`UPDATE "SendPacer" SET "nextAt" = 0, "pausedUntil" = 0`);
  const dept = await db.prisma.department.create({ data: { name: "Bench" } });
  await db.prisma.user.createMany({ data: Array.from({ length: PEOPLE }, (_, i) => ({ fullName: `Қызметкер ${i}`, phone: `7701${String(i).padStart(7, "0")}`, telegramId: BigInt(700_000 + i), language: i % 2 ? "kk" : "ru", departmentId: dept.id, role: "officer", registeredAt: new Date() })) });
  const users = await db.prisma.user.findMany({ orderBy: { id: "asc" } });
  const expected = new Map<number, number>(users.map((u) => [Number(u.telegramId), 1]));
  const { record } = await saveDefinition(db.prisma, probeDefinition("outbox-bench"), "bench", null);
  const a = await createCampaign(db.prisma, { definitionId: record.id, mode: "anonymous", opensOn: "2026-03-02", closesOn: "2026-03-20", audience: { kind: "all" }, reminderCap: 2, createdById: users[0]!.id, today: "2026-03-02" });
  await launchCampaign(db.prisma, a);
  const b = await createCampaign(db.prisma, { definitionId: record.id, mode: "anonymous", opensOn: "2026-02-23", closesOn: "2026-03-20", audience: { kind: "all" }, reminderCap: 2, createdById: users[0]!.id, today: "2026-02-23" });
  await launchCampaign(db.prisma, b);
  // Campaign B: everyone invited last Monday; the first half has answered.
  await db.prisma.campaignParticipant.updateMany({ where: { campaignId: b.id }, data: { inviteStatus: "sent", invitedOn: "2026-02-23" } });
  const half = users.slice(0, PEOPLE / 2).map((u) => u.id);
  await db.prisma.campaignParticipant.updateMany({ where: { campaignId: b.id, userId: { in: half } }, data: { completedOn: "2026-02-24" } });
  for (const u of users.slice(PEOPLE / 2)) expected.set(Number(u.telegramId), expected.get(Number(u.telegramId))! + 1);
  // Deadline reminders: one item due today per tenth of the people.
  for (const u of users.filter((_, i) => i % 10 === 0)) {
    const task = await db.prisma.task.create({ data: { kind: "plan", number: String(u.id), title: "Мониторинг", deadline: JSON.stringify({ kind: "date", due: "2026-03-02" }), assignees: { create: [{ userId: u.id }] } } });
    await db.prisma.taskOccurrence.create({ data: { taskId: task.id, dueOn: "2026-03-02" } });
    expected.set(Number(u.telegramId), expected.get(Number(u.telegramId))! + 1);
  }
  return expected;
}

async function ours(url: string, instances: number): Promise<Figures> {
  await migrate(parseDatabaseUrl(url));
  const emulator = await BotApiEmulator.start({ latencyMs: RTT });
  const databases = await Promise.all(Array.from({ length: instances }, () => openDatabase(url)));
  try {
    const expected = await seed(databases[0]!);
    const config = loadConfig({ BOT_TOKEN: TOKEN, ENCRYPTION_KEY: "11".repeat(32), LOG_LEVEL: "silent" });
    if (!config.ok) throw new Error(config.errors.join("; "));
    const i18n = await createI18n();
    const keyring = createKeyring([Buffer.alloc(32, 0x11)]);
    const logger = createLogger("silent");
    const start = Date.now();
    const now = () => new Date(EPOCH.getTime() + Date.now() - start);
    const parts = databases.map((db) => {
      const outbox = createOutbox({ db, keyring, now });
      const notifications = new Notifications(outbox, i18n);
      registerSurveyNotifications(notifications);
      registerTaskNotifications(notifications);
      const api = new Api(TOKEN, { apiRoot: emulator.apiRoot });
      const sender = new OutboxSender({ database: db, outbox, api, render: (n) => notifications.render(n), load: new InteractiveLoad(), logger, metrics: createMetrics({ defaults: false }), now });
      const deps = { db, keyring, logger, calendar: createWorkCalendar(), config: config.config, now, notifier: outbox };
      return { sender, jobs: [createSurveyDispatcher(deps), createTaskReminders({ ...deps, policy: DEFAULT_REMINDER_POLICY })] };
    });
    for (const p of parts) p.sender.start();
    // Every instance's jobs tick at once, as on the same 5-minute cron.
    await Promise.all(parts.flatMap((p) => p.jobs.map((j) => j.tick())));
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    while (emulator.deliveries.length < total || (await databases[0]!.prisma.outboxMessage.count()) > 0) {
      await new Promise((r) => setTimeout(r, 200));
      if (Date.now() - start > (total / RATE) * 1000 * 3 + 60_000) break; // lost: reported below
    }
    await Promise.all(parts.map((p) => p.sender.stop()));
    return figures(`Adal outbox, ${databases[0]!.provider}, ${instances} instance${instances > 1 ? "s" : ""}`, emulator.deliveries, expected);
  } finally {
    await Promise.all(databases.map((d) => d.close()));
    await emulator.stop();
  }
}

/** A bare grammY loop: one sendMessage every 1/30 s, awaited in turn, to the same recipients. */
async function bare(expected: Map<number, number>): Promise<Figures> {
  const emulator = await BotApiEmulator.start({ latencyMs: RTT });
  try {
    const api = new Api(TOKEN, { apiRoot: emulator.apiRoot });
    const queue = [...expected].flatMap(([chat, n]) => Array.from({ length: n }, () => chat));
    const start = Date.now();
    for (let i = 0; i < queue.length; i++) {
      const wait = start + (i * 1000) / RATE - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await api.sendMessage(queue[i]!, "Сауалнамаға қатысуға шақырамыз");
    }
    return figures("bare grammY loop (same pace, no database)", emulator.deliveries, expected);
  } finally {
    await emulator.stop();
  }
}


console.log(`Outbox: ${PEOPLE} people, invitations + reminders + deadline reminders due at once; configured ${RATE} msg/s, ≤1 msg/s per chat; Bot API round trip ${RTT} ms`);
const results: Figures[] = [];
const sqliteUrl = `file:${join(mkdtempSync(join(tmpdir(), "adal-outbox-bench-")), "outbox.db")}`;
results.push(await ours(sqliteUrl, 1));
const pgUrl = process.env.BENCH_OUTBOX_ONLY === "sqlite" ? null : await benchPostgresUrl();
if (pgUrl) results.push(await ours(pgUrl, 3));
else console.log("PostgreSQL: no server at 127.0.0.1:5432 and no BENCH_POSTGRES_URL; measured on SQLite only");
const expected = new Map<number, number>();
for (let i = 0; i < PEOPLE; i++) expected.set(700_000 + i, 1 + (i >= PEOPLE / 2 ? 1 : 0) + (i % 10 === 0 ? 1 : 0));
if (process.env.BENCH_OUTBOX_ONLY !== "sqlite") results.push(await bare(expected));

const n = (x: number, d = 1) => x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
console.log("");
console.log("| run | messages | seconds | msg/s | of 30/s | busiest second | min gap per chat | lost | sent twice |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of results) {
  console.log(`| ${r.label} | ${r.messages} | ${n(r.seconds)} | ${n(r.rate, 2)} | ${n((r.rate / RATE) * 100)} % | ${r.busiestSecond} | ${r.minChatGapMs === null ? "—" : `${r.minChatGapMs} ms`} | ${r.lost} | ${r.duplicated} |`);
}
