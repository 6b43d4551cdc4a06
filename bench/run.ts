// Benchmarks: prints figures, asserts nothing. Run: npm run bench
//   (DATABASE_URL=postgresql://… npm run bench  to measure on PostgreSQL; the database is
//    migrated and its Adal tables are emptied first — use a scratch database.)
// 1. update handling through the whole middleware stack (session, user lookup, i18n,
//    router, database), with Telegram replaced by an in-process fake fetch;
// 2. roster import: parse and store a 5,000-row XLSX in one transaction;
// 3. memory: resident set size after the runs.
import { mkdtempSync } from "node:fs";
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
import { createWorkCalendar } from "../src/domain/calendar.js";

const USERS = 200;
const UPDATES = 4_000;
const CONCURRENCY = 16;
const ROSTER_ROWS = 5_000;

const url = process.env.DATABASE_URL ?? `file:${join(mkdtempSync(join(tmpdir(), "adal-bench-")), "bench.db")}`;
const target = parseDatabaseUrl(url);
await migrate(target);
const db = await openDatabase(url);
for (const table of ["Invite", "User", "Department", "BotState", "ChatLanguage", "AuditLog"]) {
  await db.prisma.$executeRawUnsafe(`DELETE FROM "${table}"`);
}

const config = loadConfig({ BOT_TOKEN: "123456:BENCH-token-not-used-anywhere", ENCRYPTION_KEY: "11".repeat(32), LOG_LEVEL: "silent" });
if (!config.ok) throw new Error(config.errors.join("; "));
const botInfo = { id: 1, is_bot: true, first_name: "Adal", username: "adal_bench_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false } as UserFromGetMe;
let mid = 1;
const okMessage = (chatId: number) => JSON.stringify({ ok: true, result: { message_id: mid++, date: 0, chat: { id: chatId, type: "private" } } });
const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const body = typeof init?.body === "string" ? (JSON.parse(init.body) as { chat_id?: number }) : {};
  return new Response(okMessage(Number(body.chat_id ?? 0)), { headers: { "content-type": "application/json" } });
}) as typeof fetch;

const deps = { db, keyring: createKeyring([Buffer.alloc(32, 0x11)]), i18n: await createI18n(), logger: createLogger("silent"), metrics: createMetrics({ defaults: false }), calendar: createWorkCalendar(), now: () => new Date() };
const { bot } = createBot(config.config, { ...deps, botInfo, fetch: fakeFetch });
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

const mem = process.memoryUsage();
console.log(`database: ${db.provider}`);
console.log(`updates: ${UPDATES} (/start, /menu, /help from ${USERS} registered users, ${CONCURRENCY} chats in parallel)`);
console.log(`  throughput: ${(UPDATES / elapsed).toFixed(0)} updates/s`);
console.log(`  latency ms: p50 ${pct(50)}, p95 ${pct(95)}, p99 ${pct(99)}, max ${pct(100)}`);
console.log(`roster import: ${ROSTER_ROWS} rows, XLSX ${(xlsx.length / 1024).toFixed(0)} KiB`);
console.log(`  parse + validate: ${(p1 - p0).toFixed(0)} ms`);
console.log(`  store (new, one transaction): ${(p2 - p1).toFixed(0)} ms (${summary.created} created, ${summary.departmentsCreated} departments)`);
console.log(`  store again (all unchanged): ${(p3 - reimport).toFixed(0)} ms`);
console.log(`memory: rss ${(mem.rss / 1048576).toFixed(0)} MiB, heap used ${(mem.heapUsed / 1048576).toFixed(0)} MiB`);
await db.close();
