// Benchmarks: prints figures, asserts nothing. Run: npm run bench
//   (DATABASE_URL=postgresql://… npm run bench  to measure on PostgreSQL; the database is
//    migrated and its Adal tables are emptied first — use a scratch database.)
// 1. update handling through the whole middleware stack (session, user lookup, i18n,
//    router, database), with Telegram replaced by an in-process fake fetch;
// 2. roster import: parse and store a 5,000-row XLSX in one transaction;
// 3. an anonymous survey: submissions, results, a chart and the DOCX section;
// 4. anonymous reports: filing, opening by receipt, the inbox, opening a case;
// 5. the work calendar: addWorkingDays, as deadlines and reminders count;
// 6. memory: resident set size after the runs.
import { createOutbox } from "../src/services/outbox.js";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import type { Update, UserFromGetMe } from "grammy/types";
import { loadConfig } from "../src/config.js";
import { createBot } from "../src/bot/create-bot.js";
import { openDatabase } from "../src/db/client.js";
import { importRoster } from "../src/db/repositories/roster.js";
import { migrate } from "../src/db/migrate.js";
import { parseDatabaseUrl } from "../src/db/url.js";
import { createKeyring } from "../src/domain/crypto.js";
import { parseRosterFile } from "../src/domain/roster.js";
import { createI18n } from "../src/i18n.js";
import { createLogger } from "../src/logger.js";
import { createMetrics } from "../src/metrics.js";
import { addCalendarDays } from "../src/domain/calendar/days.js";
import { createWorkCalendar } from "../src/domain/calendar/work-calendar.js";
import { createCampaign } from "../src/db/repositories/campaigns.js";
import { saveDefinition } from "../src/db/repositories/survey-definitions.js";
import { submitAnonymous } from "../src/db/repositories/survey-answers.js";
import { contribution } from "../src/domain/surveys/aggregate.js";
import { isVisible, type Answers } from "../src/domain/surveys/answers.js";
import { allQuestions, answerCodes, parseDefinitionFile } from "../src/domain/surveys/definition.js";
import { renderQuestionChart } from "../src/domain/surveys/report/chart.js";
import { renderResultsDocx } from "../src/domain/surveys/report/docx.js";
import { scrubPersonalData } from "../src/domain/surveys/scrub.js";
import { packageRoot } from "../src/paths.js";
import { closeSurveyCampaign, computeResults, foldBallotBoxes, launchCampaign } from "../src/services/surveys.js";
import { DEFAULT_REPORT_POLICY } from "../src/domain/reports/case.js";
import { fileReport, findByReceipt, inbox, officerCase } from "../src/services/reports.js";
import { standardLabels } from "../src/services/survey-labels.js";

const USERS = 200;
const UPDATES = 4_000;
const CONCURRENCY = 16;
const ROSTER_ROWS = 5_000;
const SUBMISSIONS = 300;

const url = process.env.DATABASE_URL ?? `file:${join(mkdtempSync(join(tmpdir(), "adal-bench-")), "bench.db")}`;
const target = parseDatabaseUrl(url);
await migrate(target);
const db = await openDatabase(url);
for (const table of ["AnswerCount", "AnswerPool", "ResponseCount", "SurveyDraft", "InterviewResponse", "CampaignParticipant", "Campaign", "SurveyDefinition", "Invite", "User", "Department", "BotState", "ChatLanguage", "AuditLog"]) {
  await db.prisma.$executeRawUnsafe(`DELETE FROM "${table}"`);
}

const config = loadConfig({ BOT_TOKEN: "123456:BENCH-token-not-used-anywhere", ENCRYPTION_KEY: "11".repeat(32), LOG_LEVEL: "silent" });
if (!config.ok) throw new Error(config.errors.join("; "));
const botInfo = { id: 1, is_bot: true, first_name: "Adal", username: "adal_bench_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false } as UserFromGetMe;
let mid = 1;
const okMessage = (chatId: number) => JSON.stringify({ ok: true, result: { message_id: mid++, date: 0, chat: { id: chatId, type: "private" } } });
const fakeFetch = (async (_input: string | URL | Request, init?: RequestInit) => {
  const body = typeof init?.body === "string" ? (JSON.parse(init.body) as { chat_id?: number }) : {};
  return new Response(okMessage(Number(body.chat_id ?? 0)), { headers: { "content-type": "application/json" } });
}) as typeof fetch;

const deps = { db, keyring: createKeyring([Buffer.alloc(32, 0x11)]), i18n: await createI18n(), logger: createLogger("silent"), metrics: createMetrics({ defaults: false }), calendar: createWorkCalendar(), now: () => new Date() };
const { bot } = createBot(config.config, { ...deps, outbox: createOutbox({ db: deps.db, keyring: deps.keyring, now: deps.now }), botInfo, fetch: fakeFetch });
await bot.init();

const dept = await db.prisma.department.create({ data: { name: "Bench" } });
for (let i = 0; i < USERS; i++) {
  await db.prisma.user.create({ data: { fullName: `User ${i}`, phone: `7700${String(i).padStart(7, "0")}`, telegramId: BigInt(100_000 + i), language: i % 2 ? "kk" : "ru", departmentId: dept.id, registeredAt: new Date() } });
}

let updateId = 1;
function update(i: number): Update {
  const id = 100_000 + (i % USERS);
  const text = i % 3 === 0 ? "/help" : i % 3 === 1 ? "/menu" : "/start";
  return {
    update_id: updateId++,
    message: { message_id: i + 1, date: 0, chat: { id, type: "private", first_name: "U" }, from: { id, is_bot: false, first_name: "U" }, text, entities: [{ type: "bot_command", offset: 0, length: text.length }] },
  } as Update;
}

// Warm-up (JIT, prepared statements, sessions created).
for (let i = 0; i < USERS; i++) await bot.handleUpdate(update(i));

const latencies: number[] = [];
const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async (_, worker) => {
    // Each worker serves its own chats, as sequentialize() would.
    for (;;) {
      const i = next++;
      if (i >= UPDATES) return;
      const u = update(worker + CONCURRENCY * Math.floor(i / CONCURRENCY));
      const t0 = performance.now();
      await bot.handleUpdate(u);
      latencies.push(performance.now() - t0);
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(2);

// Roster import.
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet("Staff");
ws.addRow(["ФИО", "Телефон", "Подразделение", "Должность", "Роль", "Язык"]);
for (let i = 0; i < ROSTER_ROWS; i++) ws.addRow([`Сотрудник ${i} Тестович`, `+7 701 ${String(i).padStart(7, "0")}`, `Отдел ${i % 40}`, "Специалист", i % 50 === 0 ? "ответственный" : "сотрудник", i % 2 ? "kk" : "ru"]);
const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
const p0 = performance.now();
const parsed = await parseRosterFile(xlsx, "staff.xlsx");
const p1 = performance.now();
if (!parsed.ok) throw new Error("roster did not parse");
const { summary } = await importRoster(db.prisma, parsed.rows);
const p2 = performance.now();
const reimport = performance.now();
await importRoster(db.prisma, parsed.rows);
const p3 = performance.now();

// Anonymous survey: submissions of the shipped template into the sealed ballot box, the fold
// into the totals and the close, then results, one chart and the DOCX section.
const template = parseDefinitionFile(readFileSync(join(packageRoot(), "templates", "staff-perception-survey.yaml")), "t.yaml");
if (!template.ok) throw new Error("template invalid");
const { record: defRecord } = await saveDefinition(db.prisma, template.definition, "bench", null);
const campaign = await createCampaign(db.prisma, { definitionId: defRecord.id, mode: "anonymous", opensOn: "2026-03-02", closesOn: "2026-03-20", audience: { kind: "all" }, reminderCap: 2, createdById: 0, today: "2026-03-02" });
await launchCampaign(db.prisma, campaign);
const participants = await db.prisma.campaignParticipant.findMany({ where: { campaignId: campaign.id }, take: SUBMISSIONS });
const questions = allQuestions(template.definition);
function answersFor(i: number): Answers {
  const answers: Answers = {};
  for (const [qi, q] of questions.entries()) {
    if (!isVisible(q, answers)) continue;
    const codes = answerCodes(q);
    if (q.type === "multiple") answers[q.id] = { codes: [codes![(i + qi) % codes!.length]!].filter((c) => c !== "other").concat(codes![0]!).filter((c, k, a) => a.indexOf(c) === k) };
    else if (codes) answers[q.id] = { code: codes[(i * 7 + qi) % codes.length] === "other" ? codes[0]! : codes[(i * 7 + qi) % codes.length]! };
    else if (q.type === "number") answers[q.id] = { number: i % 40 };
    else if (q.type === "text") answers[q.id] = i % 2 ? { text: `Комментарий ${i}: звоните +7 701 000 00 00` } : { skipped: true };
    else answers[q.id] = { date: "2026-03-01" };
  }
  return answers;
}
const s0 = performance.now();
for (const [i, p] of participants.entries()) {
  const c = contribution(template.definition, answersFor(i), (t) => scrubPersonalData(t).text);
  await submitAnonymous(db.prisma, db.provider, deps.keyring, { campaignId: campaign.id, userId: p.userId, today: "2026-03-05", contribution: c, draftKey: `bench-${i}` });
}
const s1 = performance.now();
const box = { db, keyring: deps.keyring, k: 5 };
const folded = await foldBallotBoxes(box);
const f1 = performance.now();
await closeSurveyCampaign(box, campaign, "2026-03-21");
const f2 = performance.now();
const results = await computeResults(db.prisma, deps.keyring, { campaignId: campaign.id, today: "2026-03-05", labels: standardLabels(deps), viewer: { kind: "cli", osUser: "bench" }, view: "screen" });
const s2 = performance.now();
if (!results.ok) throw new Error(results.error);
const chartQuestion = results.results.questions.find((q) => !q.suppressed && q.options)!;
await renderQuestionChart(chartQuestion, "kk", deps.i18n.t("kk"));
const s3 = performance.now();
await renderQuestionChart(chartQuestion, "ru", deps.i18n.t("ru"));
const s4 = performance.now();
const docx = await renderResultsDocx(results.results, "ru", deps.i18n.t("ru"));
const s5 = performance.now();

// Anonymous reports: filing (encryption, numbering, alert batching), opening a case by its
// receipt, an officer's inbox page and one decrypted case.
const REPORTS = 500;
const reportDeps = { db: db.prisma, keyring: deps.keyring, calendar: deps.calendar, now: () => new Date("2026-03-02T05:00:00Z"), timeZone: "Asia/Almaty", policy: DEFAULT_REPORT_POLICY };
const r0 = performance.now();
const filed = [];
for (let i = 0; i < REPORTS; i++) {
  filed.push(await fileReport(reportDeps, { category: "bribery", involvesManagement: i % 10 === 0, content: { what: `Описание случая ${i} `.repeat(40), whenWhere: "Февраль 2026, склад", attachments: [{ kind: "photo", fileId: `AgACAgIAAx${i}` }] } }));
}
const r1 = performance.now();
for (const f of filed.slice(0, 100)) if (!(await findByReceipt(reportDeps, f.receipt.toLowerCase()))) throw new Error("receipt not found");
const r2 = performance.now();
const reportOfficer = { id: 1, role: "compliance" };
for (let i = 0; i < 20; i++) await inbox(reportDeps, reportOfficer, "overdue", i % 5);
const r3 = performance.now();
const compliance = filed.filter((f) => f.audience === "compliance").slice(0, 50);
for (const f of compliance) await officerCase(reportDeps, reportOfficer, f.id);
const r4 = performance.now();

// The work calendar: addWorkingDays(±15), as deadlines and reminders count, per-year caches warm.
const calendarDates = Array.from({ length: 1000 }, (_, i) => addCalendarDays("2025-01-01", (i * 3) % 1100));
for (const d of calendarDates) deps.calendar.addWorkingDays(d, 15);
const c0 = performance.now();
for (let i = 0; i < 100_000; i++) deps.calendar.addWorkingDays(calendarDates[i % 1000]!, i % 2 ? 15 : -15);
const c1 = performance.now();

const mem = process.memoryUsage();
console.log(`database: ${db.provider}`);
console.log(`updates: ${UPDATES} (/start, /menu, /help from ${USERS} registered users, ${CONCURRENCY} chats in parallel)`);
console.log(`  throughput: ${(UPDATES / elapsed).toFixed(0)} updates/s`);
console.log(`  latency ms: p50 ${pct(50)}, p95 ${pct(95)}, p99 ${pct(99)}, max ${pct(100)}`);
console.log(`roster import: ${ROSTER_ROWS} rows, XLSX ${(xlsx.length / 1024).toFixed(0)} KiB`);
console.log(`  parse + validate: ${(p1 - p0).toFixed(0)} ms`);
console.log(`  store (new, one transaction): ${(p2 - p1).toFixed(0)} ms (${summary.created} created, ${summary.departmentsCreated} departments)`);
console.log(`  store again (all unchanged): ${(p3 - reimport).toFixed(0)} ms`);
console.log(`anonymous survey (${questions.length}-question template): ${participants.length} submissions`);
console.log(`  submit: ${((s1 - s0) / participants.length).toFixed(1)} ms per submission (${(participants.length / ((s1 - s0) / 1000)).toFixed(0)}/s)`);
console.log(`  fold ${folded} sealed ballots into the totals + wipe: ${(f1 - s1).toFixed(0)} ms; close (final fold of the last 5 + wipe): ${(f2 - f1).toFixed(0)} ms`);
console.log(`  results with suppression: ${(s2 - f2).toFixed(0)} ms; chart PNG: first ${(s3 - s2).toFixed(0)} ms, next ${(s4 - s3).toFixed(0)} ms; DOCX section: ${(s5 - s4).toFixed(0)} ms (${(docx.length / 1024).toFixed(0)} KiB)`);
console.log(`anonymous reports: ${REPORTS} filed`);
console.log(`  file: ${((r1 - r0) / REPORTS).toFixed(1)} ms per report; open by receipt: ${((r2 - r1) / 100).toFixed(2)} ms; inbox page: ${((r3 - r2) / 20).toFixed(1)} ms; open a case (decrypt, entries, audit): ${((r4 - r3) / compliance.length).toFixed(1)} ms`);
console.log(`work calendar: addWorkingDays(±15): ${((c1 - c0) * 10).toFixed(0)} ns per call (100,000 calls)`);
console.log(`memory: rss ${(mem.rss / 1048576).toFixed(0)} MiB, heap used ${(mem.heapUsed / 1048576).toFixed(0)} MiB`);
await db.close();
