// Growth benchmark: prints figures, asserts nothing. Run: npx tsx bench/growth.ts
//   (DATABASE_URL=postgresql://…/scratch to measure on PostgreSQL; the database is migrated and
//    its tables are emptied first — use a scratch database. Default: a temporary SQLite file.)
// At 1k, 10k and 50k people in the roster, and with 10k reports filed:
// 1. the per-update cost of /menu (an employee and a compliance officer) through createBot
//    with Telegram replaced by a fake fetch, and the bot's resident memory meanwhile;
// 2. a campaign answered by everyone: the fold of its ballots and its results;
// 3. 100k responses: one submission (seal only) on an empty campaign vs on top of 100k
//    ballots (in the box, then folded), 16 concurrent submitters, the fold of 100k ballots,
//    a fold of 2k more on top of them, the close, results, and the XLSX/CSV/DOCX exports;
// 4. 10k reports: an inbox page and opening a case by its receipt.
// Folds, results and exports run in a child process each (bench/growth-child.ts), so their peak resident memory
// (getrusage's maxrss) is theirs alone: "peak" below is the child's, "base" the child's
// before the measured work.
//
// BENCH_GROWTH_ONLY=results runs only what the results of 100k need (a few minutes instead of
// the whole run): the 50k roster without the /menu updates, the same 102,720 responses as
// part 3 (as sealed ballots in bulk), the close (which folds them in batches), then the
// results child twice (two processes: the figures of a shared machine are noisy). A phase can
// then be run again alone on that database: BENCH_DB=<url> npx tsx bench/growth-child.ts
// results <campaign id> (the campaign of a fresh run is 1).
// The exports of 100k alone (the whole run takes many minutes):
//   BENCH_GROWTH_ONLY=exports npx tsx bench/growth.ts
// builds the roster (50k), 100k sealed ballots, folds and closes the campaign (a few minutes),
// then measures the XLSX, CSV and DOCX exports. It prints the campaign's number; to measure
// the exports again on the same database without building it anew (so a persistent
// DATABASE_URL, e.g. file:/tmp/adal-growth/growth.db):
//   BENCH_GROWTH_ONLY=exports BENCH_GROWTH_CAMPAIGN=<number> DATABASE_URL=… npx tsx bench/growth.ts
// BENCH_GROWTH_REPEAT=n runs each export n times (the machine is shared: figures are noisy).
import { createOutbox } from "../src/services/outbox.js";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import type { Update, UserFromGetMe } from "grammy/types";
import { loadConfig } from "../src/config.js";
import { createBot } from "../src/bot/create-bot.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { migrate } from "../src/db/migrate.js";
import { parseDatabaseUrl } from "../src/db/url.js";
import { createKeyring } from "../src/domain/crypto.js";
import { createI18n } from "../src/i18n.js";
import { createLogger } from "../src/logger.js";
import { createMetrics } from "../src/metrics.js";
import { createWorkCalendar } from "../src/domain/calendar/work-calendar.js";
import { createCampaign, type CampaignRecord } from "../src/db/repositories/campaigns.js";
import { saveDefinition } from "../src/db/repositories/survey-definitions.js";
import { submitAnonymous } from "../src/db/repositories/survey-answers.js";
import { contribution } from "../src/domain/surveys/aggregate.js";
import { sealBallot } from "../src/domain/surveys/ballot-box.js";
import { isVisible, type Answers } from "../src/domain/surveys/answers.js";
import { allQuestions, answerCodes, parseDefinitionFile, type SurveyDefinition } from "../src/domain/surveys/definition.js";
import { scrubPersonalData } from "../src/domain/surveys/scrub.js";
import { packageRoot } from "../src/paths.js";
import { closeSurveyCampaign, launchCampaign } from "../src/services/surveys.js";
import { DEFAULT_REPORT_POLICY } from "../src/domain/reports/case.js";
import { fileReport, findByReceipt, inbox } from "../src/services/reports.js";

const ROSTERS = [1_000, 10_000, 50_000];
const BIG = 100_000;
const REPORTS = 10_000;
const K = 5;

const url = process.env.DATABASE_URL ?? `file:${join(mkdtempSync(join(tmpdir(), "adal-growth-")), "growth.db")}`;
const keyring = createKeyring([Buffer.alloc(32, 0x11)]);
const template = loadTemplate();
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MiB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;

function loadTemplate(): SurveyDefinition {
  const parsed = parseDefinitionFile(readFileSync(join(packageRoot(), "templates", "staff-perception-survey.yaml")), "t.yaml");
  if (!parsed.ok) throw new Error("template invalid");
  return parsed.definition;
}

// Syllables drawn at random (a fixed seed per answer): about as compressible as real prose,
// unlike a few repeated words (deflate shrinks these texts ~3.5×, real answers ~3–4×).
const SYLLABLES = "ка ро ни те ла ми ст ов ен ра ко на по ре ли ва да ды ар ер ст пр кт ул ом ис жа қа ғы ұл ің".split(" ");

/** Free text of 20..400 characters, different for every response. */
function freeText(i: number, salt: number): string {
  let x = (i * 2654435761 + salt * 40503 + 1) >>> 0;
  const rnd = (n: number) => ((x = (x ^ (x << 13)) >>> 0), (x = (x ^ (x >>> 17)) >>> 0), (x = (x ^ (x << 5)) >>> 0), x % n);
  const length = 20 + rnd(380);
  let text = `№${i}`;
  while (text.length < length) {
    text += " ";
    for (let s = 1 + rnd(4); s > 0; s--) text += SYLLABLES[rnd(SYLLABLES.length)];
  }
  return text;
}

function answersFor(i: number): Answers {
  const answers: Answers = {};
  for (const [qi, q] of allQuestions(template).entries()) {
    if (!isVisible(q, answers)) continue;
    const codes = answerCodes(q);
    if (q.type === "multiple") answers[q.id] = { codes: [...new Set([codes![(i + qi) % codes!.length]!, codes![0]!])].filter((c) => c !== "other") };
    else if (codes) {
      const code = codes[(i * 7 + qi) % codes.length]!;
      answers[q.id] = code === "other" && i % 3 ? { code, other: freeText(i, qi) } : { code: code === "other" ? codes[0]! : code };
    } else if (q.type === "number") answers[q.id] = { number: i % 40 };
    else if (q.type === "text") answers[q.id] = i % 10 < 7 ? { text: freeText(i, qi) } : { skipped: true };
    else answers[q.id] = { date: "2026-03-01" };
  }
  return answers;
}

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`;
}

function runChild(phase: string, campaignId: number, extra?: string): Promise<Record<string, number>> {
  const script = fileURLToPath(new URL("./growth-child.ts", import.meta.url));
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, script, phase, String(campaignId), ...(extra ? [extra] : [])], { env: { ...process.env, BENCH_DB: url }, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.on("exit", (code) => (code === 0 ? resolve(JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, number>) : reject(new Error(`${phase} exited with ${code}`))));
  });
}

// ── seeding ──────────────────────────────────────────────────────────────────────────────

async function emptyDatabase(db: Database): Promise<void> {
  const tables =
    db.provider === "postgres"
      ? (await db.prisma.$queryRawUnsafe<{ t: string }[]>(`SELECT tablename::text AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE '%migration%'`)).map((r) => r.t)
      : (await db.prisma.$queryRawUnsafe<{ t: string }[]>(`SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%migration%' AND name NOT LIKE 'sqlite_%'`)).map((r) => r.t);
  if (db.provider === "postgres") {
    if (tables.length) await db.prisma.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY CASCADE`);
    return;
  }
  for (let pass = 0; pass < 5; pass++) {
    for (const t of tables) await db.prisma.$executeRawUnsafe(`DELETE FROM "${t}"`).catch(() => undefined);
  }
}

async function growRoster(db: Database, from: number, to: number, departments: number[]): Promise<void> {
  for (let i = from; i < to; i += 1000) {
    const data = [];
    for (let j = i; j < Math.min(to, i + 1000); j++) {
      data.push({ fullName: `Сотрудник ${j} Тестович`, phone: `7701${String(j).padStart(7, "0")}`, telegramId: BigInt(1_000_000 + j), language: j % 2 ? "kk" : "ru", departmentId: departments[j % departments.length]!, registeredAt: new Date(), role: j === 0 ? "compliance" : "employee" });
    }
    await db.prisma.user.createMany({ data });
  }
}

/** Sealed ballots as submitAnonymous seals them, inserted in bulk (no ledger change). */
async function dropBallots(db: Database, campaignId: number, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i += 500) {
    const data = [];
    for (let j = i; j < Math.min(from + count, i + 500); j++) {
      const c = contribution(template, answersFor(j), (t) => scrubPersonalData(t).text);
      data.push({ id: randomBytes(16).toString("hex"), campaignId, data: keyring.encrypt(sealBallot(c)) });
    }
    await db.prisma.sealedBallot.createMany({ data });
  }
}

async function newCampaign(db: Database, definitionId: number): Promise<CampaignRecord> {
  const campaign = await createCampaign(db.prisma, { definitionId, mode: "anonymous", opensOn: "2026-03-02", closesOn: "2026-03-20", audience: { kind: "all" }, reminderCap: 2, createdById: 0, today: "2026-03-02" });
  await launchCampaign(db.prisma, campaign);
  return campaign;
}

/** Sequential submissions of people who have not answered yet; returns their times. */
async function submissions(db: Database, campaignId: number, n: number, offset: number, concurrency = 1): Promise<number[]> {
  const people = await db.prisma.campaignParticipant.findMany({ where: { campaignId, completedOn: null }, take: n, orderBy: { id: "asc" } });
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < people.length; i = next++) {
        const c = contribution(template, answersFor(offset + i), (t) => scrubPersonalData(t).text);
        const t0 = performance.now();
        await submitAnonymous(db.prisma, db.provider, keyring, { campaignId, userId: people[i]!.userId, today: "2026-03-05", contribution: c, draftKey: `growth-${offset + i}` });
        times.push(performance.now() - t0);
      }
    }),
  );
  return times;
}

// ── main ─────────────────────────────────────────────────────────────────────────────────

async function menuUpdates(bot: ReturnType<typeof createBot>["bot"], people: number, n: number, officer: boolean): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = 1_000_000 + (officer ? 0 : 1 + ((i * 7919) % (people - 1)));
    const u = { update_id: i + 1, message: { message_id: i + 1, date: 0, chat: { id, type: "private", first_name: "U" }, from: { id, is_bot: false, first_name: "U" }, text: "/menu", entities: [{ type: "bot_command", offset: 0, length: 5 }] } } as Update;
    const t0 = performance.now();
    await bot.handleUpdate(u);
    times.push(performance.now() - t0);
  }
  return times;
}

async function makeBot(db: Database) {
  const config = loadConfig({ BOT_TOKEN: "123456:BENCH-token-not-used-anywhere", ENCRYPTION_KEY: "11".repeat(32), LOG_LEVEL: "silent" });
  if (!config.ok) throw new Error(config.errors.join("; "));
  const botInfo = { id: 1, is_bot: true, first_name: "Adal", username: "adal_bench_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false } as UserFromGetMe;
  let mid = 1;
  const fakeFetch = (async (_input: string | URL | Request, init?: RequestInit) => {
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as { chat_id?: number }) : {};
    return new Response(JSON.stringify({ ok: true, result: { message_id: mid++, date: 0, chat: { id: Number(body.chat_id ?? 0), type: "private" } } }), { headers: { "content-type": "application/json" } });
  }) as typeof fetch;
  const deps = { db, keyring, i18n: await createI18n(), logger: createLogger("silent"), metrics: createMetrics({ defaults: false }), calendar: createWorkCalendar(), now: () => new Date() };
  const { bot } = createBot(config.config, { ...deps, outbox: createOutbox({ db: deps.db, keyring: deps.keyring, now: deps.now }), botInfo, fetch: fakeFetch });
  await bot.init();
  return bot;
}

async function rosterGrowth(db: Database, definitionId: number): Promise<void> {
  const bot = await makeBot(db);
  const departments = [];
  for (let d = 0; d < 60; d++) departments.push((await db.prisma.department.create({ data: { name: `Отдел ${d}` } })).id);
  let have = 0;
  for (const people of ROSTERS) {
    await growRoster(db, have, people, departments);
    have = people;
    await menuUpdates(bot, people, 100, false); // warm-up: sessions, prepared statements
    const employee = await menuUpdates(bot, people, 500, false);
    const officer = await menuUpdates(bot, people, 200, true);
    const rss = process.memoryUsage().rss;
    console.log(`${people} people: /menu employee ${stats(employee)}; compliance officer ${stats(officer)}; bot process rss ${mib(rss)}`);
    const campaign = await newCampaign(db, definitionId);
    await db.prisma.campaignParticipant.updateMany({ where: { campaignId: campaign.id }, data: { completedOn: "2026-03-05" } });
    await dropBallots(db, campaign.id, 0, people);
    const fold = await runChild("fold", campaign.id);
    await closeSurveyCampaign({ db, keyring, k: K }, campaign, "2026-03-21");
    const results = await runChild("results", campaign.id);
    console.log(`  campaign answered by all ${people}: fold ${fold.foldMs!.toFixed(0)} ms (+ wipe ${fold.wipeMs!.toFixed(0)} ms, peak ${mib(fold.peakRss!)}); results ${results.ms!.toFixed(0)} ms (first in the process ${results.firstMs!.toFixed(0)} ms)`);
  }
}

async function bigCampaign(db: Database, definitionId: number, outDir: string): Promise<void> {
  const empty = await newCampaign(db, definitionId);
  await submissions(db, empty.id, 20, 0); // warm-up
  const onEmpty = await submissions(db, empty.id, 200, 20);
  const big = await newCampaign(db, definitionId);
  const seed0 = performance.now();
  await dropBallots(db, big.id, 0, BIG);
  console.log(`100k responses (ledger: ${ROSTERS.at(-1)} invited; ballots sealed and inserted in bulk in ${((performance.now() - seed0) / 1000).toFixed(0)} s)`);
  const onBox = await submissions(db, big.id, 200, BIG);
  const concurrent = await submissions(db, big.id, 320, BIG + 200, 16);
  const fold = await runChild("fold", big.id);
  const onTotals = await submissions(db, big.id, 200, BIG + 520);
  console.log(`  one submission (seal only): empty campaign ${stats(onEmpty)}; on 100k ballots in the box ${stats(onBox)}; on 100k folded ${stats(onTotals)}; 16 concurrent submitters ${stats(concurrent)}`);
  console.log(`  fold of ${fold.folded} ballots (${fold.batches} transactions): ${fold.foldMs!.toFixed(0)} ms + wipe ${fold.wipeMs!.toFixed(0)} ms; peak rss ${mib(fold.peakRss!)} (base ${mib(fold.baseRss!)})`);
  await dropBallots(db, big.id, 2 * BIG, 2_000);
  const again = await runChild("fold", big.id);
  console.log(`  fold of ${again.folded} more on top: ${again.foldMs!.toFixed(0)} ms + wipe ${again.wipeMs!.toFixed(0)} ms; peak rss ${mib(again.peakRss!)}`);
  const close = await runChild("close", big.id);
  console.log(`  close (final fold + wipe): ${close.ms!.toFixed(0)} ms; peak rss ${mib(close.peakRss!)}`);
  const results = await runChild("results", big.id);
  console.log(`  results (computeResults): ${results.ms!.toFixed(0)} ms (first in the process ${results.firstMs!.toFixed(0)} ms); peak rss ${mib(results.peakRss!)}`);
  await exportsOf(big.id, outDir);
}

async function exportsOf(campaignId: number, outDir: string): Promise<void> {
  const repeat = Number(process.env.BENCH_GROWTH_REPEAT ?? 1);
  for (const format of ["xlsx", "csv", "docx"]) {
    for (let i = 0; i < repeat; i++) {
      const r = await runChild(format, campaignId, outDir);
      console.log(`  ${format.toUpperCase()}: ${r.renderMs!.toFixed(0)} ms to render after ${r.resultsMs!.toFixed(0)} ms of results, ${mib(r.bytes!)}; peak rss ${mib(r.peakRss!)} (base ${mib(r.baseRss!)})`);
    }
  }
}

/** BENCH_GROWTH_ONLY=exports: the campaign of 100k (built, or BENCH_GROWTH_CAMPAIGN's) and its exports only. */
async function exportsOnly(db: Database, outDir: string): Promise<void> {
  let campaignId = Number(process.env.BENCH_GROWTH_CAMPAIGN ?? 0);
  if (!campaignId) {
    await emptyDatabase(db);
    const { record } = await saveDefinition(db.prisma, template, "bench", null);
    const departments = [];
    for (let d = 0; d < 60; d++) departments.push((await db.prisma.department.create({ data: { name: `Отдел ${d}` } })).id);
    await growRoster(db, 0, ROSTERS.at(-1)!, departments);
    const big = await newCampaign(db, record.id);
    const seed0 = performance.now();
    await dropBallots(db, big.id, 0, BIG);
    const fold = await runChild("fold", big.id);
    await runChild("close", big.id);
    campaignId = big.id;
    console.log(`campaign ${campaignId}: 100k ballots sealed, folded (${(fold.foldMs! / 1000).toFixed(0)} s) and closed in ${((performance.now() - seed0) / 1000).toFixed(0)} s`);
  }
  await exportsOf(campaignId, outDir);
}

async function reports(db: Database): Promise<void> {
  const d = { db: db.prisma, keyring, calendar: createWorkCalendar(), now: () => new Date("2026-03-02T05:00:00Z"), timeZone: "Asia/Almaty", policy: DEFAULT_REPORT_POLICY };
  const receipts: string[] = [];
  let next = 0;
  const f0 = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = next++; i < REPORTS; i = next++) {
        const filed = await fileReport(d, { category: "bribery", involvesManagement: i % 10 === 0, content: { what: `Описание случая ${i} `.repeat(20), whenWhere: "Февраль 2026, склад", attachments: [] } });
        if (i % 100 === 0) receipts.push(filed.receipt);
      }
    }),
  );
  const filing = performance.now() - f0;
  const open: number[] = [];
  for (const r of receipts) {
    const t0 = performance.now();
    if (!(await findByReceipt(d, r.toLowerCase()))) throw new Error("receipt not found");
    open.push(performance.now() - t0);
  }
  const pages: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    await inbox(d, { id: 1, role: "compliance" }, i % 2 ? "overdue" : "all", i % 10);
    pages.push(performance.now() - t0);
  }
  console.log(`${REPORTS} reports (filed 8 at a time in ${(filing / 1000).toFixed(0)} s): open by receipt ${stats(open)}; inbox page ${stats(pages)}`);
}

/**
 * BENCH_GROWTH_ONLY=results: part 3's campaign as its results see it — the ledger of the 50k
 * people, the responses of part 3 (the bulk ballots, the submissions' answers and the 2,000
 * folded on top) and the close — without the timed submissions and folds.
 */
async function resultsOnly(db: Database, definitionId: number): Promise<void> {
  const departments = [];
  for (let d = 0; d < 60; d++) departments.push((await db.prisma.department.create({ data: { name: `Отдел ${d}` } })).id);
  await growRoster(db, 0, ROSTERS.at(-1)!, departments);
  const big = await newCampaign(db, definitionId);
  const seed0 = performance.now();
  await dropBallots(db, big.id, 0, BIG + 720);
  await dropBallots(db, big.id, 2 * BIG, 2_000);
  console.log(`${BIG + 2_720} responses sealed and inserted in bulk in ${((performance.now() - seed0) / 1000).toFixed(0)} s`);
  const close = await runChild("close", big.id);
  console.log(`  close (folds in batches + final fold + wipe): ${close.ms!.toFixed(0)} ms; peak rss ${mib(close.peakRss!)}`);
  for (let run = 1; run <= 2; run++) {
    const results = await runChild("results", big.id);
    console.log(`  results (computeResults, screen view), run ${run}: ${results.ms!.toFixed(0)} ms (first in the process ${results.firstMs!.toFixed(0)} ms); peak rss ${mib(results.peakRss!)}`);
  }
}

async function main(): Promise<void> {
  await migrate(parseDatabaseUrl(url));
  const db = await openDatabase(url);
  // The temporary SQLite file is named, so that a child phase can be run again on it alone.
  console.log(`database: ${db.provider} (${db.provider === "sqlite" ? url : "DATABASE_URL"}); node ${process.version}`);
  if (process.env.BENCH_GROWTH_ONLY === "exports") {
    await exportsOnly(db, mkdtempSync(join(tmpdir(), "adal-growth-out-")));
    await db.close();
    return;
  }
  await emptyDatabase(db);
  const { record } = await saveDefinition(db.prisma, template, "bench", null);
  if (process.env.BENCH_GROWTH_ONLY === "results") {
    await resultsOnly(db, record.id);
    await db.close();
    return;
  }
  if (process.env.BENCH_GROWTH_ONLY) throw new Error(`BENCH_GROWTH_ONLY=${process.env.BENCH_GROWTH_ONLY}: only "results" and "exports" are known`);
  await rosterGrowth(db, record.id);
  await reports(db);
  await bigCampaign(db, record.id, mkdtempSync(join(tmpdir(), "adal-growth-out-")));
  console.log(`bench process: rss ${mib(process.memoryUsage().rss)}, peak ${mib(peakRss())}`);
  await db.close();
}

await main();
