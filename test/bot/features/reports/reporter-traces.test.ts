// The attack on timing (issue: "whistleblowers leave no timed trace"). An adversary with a copy
// of the database — and one who also holds the encryption key — looks for rows written in step
// with a report: a session row (its `updatedAt`, and on PostgreSQL its transaction id, xmin),
// a language row, a day counter, a reporter flow, the roster row. With the key they can hash
// every roster member's Telegram id the way the bot does and look those rows up. The test files
// a report as a registered employee who is in the middle of a session flow and has used the
// menu, confirms the receipt, opts in to pings, follows the case up with the receipt and adds
// information — then attacks: nothing keyed by anything computable from a roster id was
// written during all that. And: no button an officer is shown carries a report's row id.
// On PostgreSQL when DATABASE_URL is set (test/support/db.ts), else on SQLite.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reportServiceDeps } from "../../../../src/bot/features/reports/index.js";
import type { SessionData } from "../../../../src/bot/context.js";
import { botStateStore } from "../../../../src/db/repositories/bot-state.js";
import { countToday, DayKeys, type CounterPurpose } from "../../../../src/db/repositories/daily-counters.js";
import { reporterFlowKey } from "../../../../src/db/repositories/reporter-flows.js";
import { attemptKey } from "../../../../src/domain/reports/attempts.js";
import { fileReport, type ReportServiceDeps } from "../../../../src/services/reports.js";
import { createHarness, type Harness, type TgUser } from "../../../support/harness.js";

const anna: TgUser = { id: 500001, first_name: "Анна", language_code: "ru" };
const olga: TgUser = { id: 600002, first_name: "Ольга", language_code: "ru" };
/** The whistleblower: on the roster, so an attacker knows their Telegram id. */
const erlan: TgUser = { id: 731234567, first_name: "Ерлан", language_code: "ru" };
const others: TgUser[] = [700001, 700002, 700003].map((id) => ({ id, first_name: `Сотрудник ${id}`, language_code: "ru" }));

let h: Harness;
let svc: ReportServiceDeps;
const userIds: number[] = [];

beforeEach(async () => {
  h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: String(anna.id) }, now: new Date("2026-03-02T05:00:00Z") });
  svc = reportServiceDeps(h.deps, h.config);
  const p = h.db.prisma;
  const user = async (fullName: string, phone: string, role: string, tg: TgUser) =>
    userIds.push((await p.user.create({ data: { fullName, phone, role, language: "ru", telegramId: BigInt(tg.id), registeredAt: new Date() } })).id);
  await user("Асанова Анна", "77010000001", "compliance", anna);
  await user("Орлова Ольга", "77010000003", "observer", olga);
  await user("Ерланов Ерлан", "77010000004", "employee", erlan);
  for (const [i, o] of others.entries()) await user(`Сотрудник ${i}`, `7701000010${i}`, "employee", o);
  await h.text(anna, "/start");
  // Cases before Erlan's, of both audiences, so row ids and case numbers differ.
  for (let i = 0; i < 3; i++) await fileReport(svc, { category: "gifts", involvesManagement: i === 1, content: { what: `Раньше ${i}`, whenWhere: "Вчера", attachments: [] } });
  h.clear();
});
afterEach(async () => {
  userIds.length = 0;
  await h.destroy();
});

// ── the reporter's side ──

function buttonOf(who: TgUser, match: RegExp): string {
  const found = h.lastButtons(who.id).find((b) => match.test(b.data));
  if (!found) throw new Error(`no button ${String(match)} in ${JSON.stringify(h.lastButtons(who.id))}`);
  return found.data;
}
const press = (who: TgUser, match: RegExp) => h.callback(who, buttonOf(who, match));

const ADDITION = "Дополнение: второй свидетель готов подтвердить";

/** Files a report from the menu, confirms the receipt, opts in, finishes; then follows it up with the receipt and adds a text. */
async function fileAndFollowUp(r: TgUser, afterOptIn: () => Promise<void> = async () => undefined): Promise<{ receipt: string; number: string }> {
  await h.text(r, "/menu");
  await h.callback(r, "menu:report");
  await press(r, /^rp\.go:/);
  await press(r, /:bribery$/);
  await press(r, /^rp\.m:.*:n$/);
  await h.text(r, "Отдел снабжения");
  await h.text(r, "Начальник склада требовал откат за подписание акта");
  await h.text(r, "Февраль 2026, склад №3");
  await press(r, /^rp\.s:.*:who$/);
  await h.photo(r);
  await press(r, /^rp\.f:/);
  await press(r, /^rp\.ok:/);
  const filed = h.lastReply(r.id);
  const receipt = /<code>([0-9A-Z-]{23})<\/code>/.exec(filed)![1]!;
  const number = /<b>(\d{4}-\d{4})<\/b>/.exec(filed)![1]!;
  await press(r, /^rp\.w:/);
  await h.text(r, receipt.slice(-5));
  expect(h.lastReply(r.id)).toMatch(/Верно/);
  await press(r, /^rp\.n:.*:on$/);
  expect(h.lastReply(r.id)).toMatch(/Уведомления включены/);
  await afterOptIn();
  await press(r, /^rp\.e:/);
  // Following up, in the same chat, with the receipt.
  await h.text(r, `/case ${receipt}`);
  expect(h.replies(r.id).join("\n")).toContain(`№ ${number}`);
  await press(r, /^rp\.a:/);
  await h.text(r, ADDITION);
  expect(h.lastReply(r.id)).toMatch(/Добавлено в сообщение/);
  await press(r, /^rp\.e:/);
  return { receipt, number };
}

// ── what the attacker reads ──

const isPostgres = () => h.db.provider === "postgres";

async function tables(): Promise<string[]> {
  const p = h.db.prisma;
  const rows = isPostgres()
    ? await p.$queryRawUnsafe<{ name: string }[]>(`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)
    : await p.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
  return rows.map((r) => r.name).filter((t) => !t.startsWith("_"));
}

/** Every row of every table, as text, with its transaction id on PostgreSQL. */
async function everyRow(): Promise<{ table: string; xmin: bigint | null; row: string }[]> {
  const out: { table: string; xmin: bigint | null; row: string }[] = [];
  for (const table of await tables()) {
    const sql = isPostgres() ? `SELECT t.xmin::text::bigint AS xmin, row_to_json(t)::text AS row FROM "${table}" t` : `SELECT NULL AS xmin, * FROM "${table}"`;
    const rows = await h.db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql);
    for (const r of rows) {
      const { xmin, ...rest } = r;
      out.push({ table, xmin: xmin === null || xmin === undefined ? null : BigInt(xmin as string | number | bigint), row: isPostgres() ? String(rest.row) : JSON.stringify(rest, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) });
    }
  }
  return out;
}

async function txid(): Promise<bigint> {
  const [row] = await h.db.prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT txid_current()::text AS id`);
  return BigInt(row!.id);
}

/**
 * What an attacker holding the key computes for one roster member: the session key, the
 * language key, the reporter flow key; and the day counters' keys under any day key they could
 * have — none is stored, so the best they can do is a key of their own (a new DayKeys), which
 * is what a restarted bot would have too.
 */
function attackerKeys(telegramId: number, day: string): string[] {
  const keyring = h.deps.keyring;
  const chatKey = keyring.hash("chat-key", String(telegramId));
  const guess = new DayKeys();
  const purposes: CounterPurpose[] = ["report", "addition", "wrong-receipt"];
  return [`session:${chatKey}`, chatKey, reporterFlowKey(keyring, telegramId), ...purposes.map((p) => `${p}:${attemptKey(guess.of(day), telegramId, p)}`)];
}

const botStateSnapshot = async () => (await h.db.prisma.botState.findMany({ orderBy: { key: "asc" } })).map((r) => ({ key: r.key, value: r.value, updatedAt: r.updatedAt.toISOString() }));

describe("a roster member files, confirms, opts in and follows up: the attack", () => {
  it("finds no session or state row under their keys written during it (BotState unchanged; on PostgreSQL no such row has an xmin in the range)", async () => {
    const p = h.db.prisma;
    const keyring = h.deps.keyring;
    const chatKey = keyring.hash("chat-key", String(erlan.id));
    // Erlan is in the middle of a session flow (the answer to a task, say), and once chose a language.
    const sessions = botStateStore<SessionData>(p, keyring, "session");
    await sessions.write(chatKey, { flow: { kind: "taskInput", input: "done", occurrenceId: 424242 } });
    await p.chatLanguage.create({ data: { chatKey, language: "ru" } });
    // Someone else's session, written before too.
    await sessions.write(keyring.hash("chat-key", String(others[0]!.id)), { flow: { kind: "inviteSearch" } });
    const botStateBefore = await botStateSnapshot();
    const languageBefore = await p.chatLanguage.findMany();
    const usersBefore = JSON.stringify(await p.user.findMany({ orderBy: { id: "asc" } }), (_k, v) => (typeof v === "bigint" ? v.toString() : v));
    // BotState's updatedAt has millisecond resolution: make any rewrite visible.
    await new Promise((r) => setTimeout(r, 5));

    const first = isPostgres() ? await txid() : null;
    // Mid-way — filed, receipt confirmed, opted in, the options still open — and at the end.
    const { number } = await fileAndFollowUp(erlan, async () => {
      expect(await p.reporterFlow.findUnique({ where: { key: reporterFlowKey(keyring, erlan.id) } }), "a reporter state under the chat's key after the receipt was confirmed").toBeNull();
      await attack(first, isPostgres() ? await txid() : null);
    });
    const last = isPostgres() ? await txid() : null;

    // The filing happened, with a follow-up and an opt-in (the positive control for the attack).
    const report = await p.report.findUniqueOrThrow({ where: { number } });
    expect(await p.reportEntry.count({ where: { reportId: report.id, kind: "reporter" } })).toBe(1);
    expect(await p.reportMailbox.count()).toBe(1);

    // (1) The session table, byte for byte and timestamp for timestamp, is as it was.
    expect(await botStateSnapshot()).toEqual(botStateBefore);
    expect(await p.chatLanguage.findMany()).toEqual(languageBefore);
    expect(JSON.stringify(await p.user.findMany({ orderBy: { id: "asc" } }), (_k, v) => (typeof v === "bigint" ? v.toString() : v))).toBe(usersBefore);
    // The suspended session flow is still there, unchanged: /report did not end (write) it.
    expect(await sessions.read(chatKey)).toEqual({ flow: { kind: "taskInput", input: "done", occurrenceId: 424242 } });
    // (2) No reporter state remains under the chat's key; the day counters exist, but under a
    // key that lives in the bot's memory only (a new process, or an attacker, cannot match them).
    expect(await p.reporterFlow.findUnique({ where: { key: reporterFlowKey(keyring, erlan.id) } })).toBeNull();
    expect(await p.reporterFlow.count()).toBe(0);
    expect(await countToday(p, "2026-03-02", "report", erlan.id)).toBe(1);
    expect(await countToday(p, "2026-03-02", "report", erlan.id, new DayKeys())).toBe(0);

    // (3) The attack, once more at the end.
    const rows = await attack(first, last);
    if (isPostgres()) {
      const inRange = (x: bigint | null) => x !== null && x >= first! && x <= last!;
      // The attack itself works: the report's own rows do carry xmins in the range.
      expect(rows.filter((r) => r.table === "Report" && inRange(r.xmin)).length).toBeGreaterThan(0);
      // What was written in the range at all: report tables, which hold no identity, and
      // counters keyed under the in-memory day key. Nothing of the session, language or roster.
      const written = new Set(rows.filter((r) => inRange(r.xmin)).map((r) => r.table));
      for (const t of ["BotState", "ChatLanguage", "User", "ReporterFlow"]) expect(written.has(t), t).toBe(false);
    }
  });
});

/**
 * Every row of every table; the keys of every roster member, as the key holder computes them:
 * no row under them (nor the roster row) was written between the transactions `first` and `last`.
 */
async function attack(first: bigint | null, last: bigint | null) {
    const p = h.db.prisma;
    const rows = await everyRow();
    const roster = await p.user.findMany({ where: { telegramId: { not: null } } });
    expect(roster.map((u) => Number(u.telegramId))).toEqual(expect.arrayContaining([erlan.id, anna.id, olga.id, ...others.map((o) => o.id)]));
    const inRange = (x: bigint | null) => x !== null && first !== null && last !== null && x >= first && x <= last;
    for (const u of roster) {
      const id = Number(u.telegramId);
      const keys = attackerKeys(id, "2026-03-02");
      const hits = rows.filter((r) => keys.some((k) => r.row.includes(`"${k}"`)));
      if (id === erlan.id) {
        // What the key holder finds under Erlan's keys: the session and the language row written before.
        expect(hits.map((r) => r.table).sort()).toEqual(["BotState", "ChatLanguage"]);
      }
      for (const hit of hits) expect(inRange(hit.xmin), `${hit.table} row of a roster member written during the filing`).toBe(false);
      // Nor the roster row itself.
      const own = rows.filter((r) => r.table === "User" && r.row.includes(`"telegramId":${isPostgres() ? id : `"${id}"`}`));
      expect(own).toHaveLength(1);
      expect(inRange(own[0]!.xmin), "roster row rewritten").toBe(false);
    }
    return rows;
}

// ── the officers' side ──

/** callback_data of every inline button sent (or edited) to this chat. */
function callbackDataTo(chatId: number): string[] {
  return h.calls
    .filter((c) => Number(c.payload.chat_id) === chatId || (c.method === "editMessageReplyMarkup" && c.payload.chat_id === undefined))
    .flatMap((c) => ((c.payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] })?.inline_keyboard ?? []).flat())
    .map((b) => b.callback_data)
    .filter((d): d is string => typeof d === "string");
}

describe("what officers are shown", () => {
  it("no button in the inbox, the case card or after an action carries a report's row id; the other audience's numbers open nothing", async () => {
    const { number } = await fileAndFollowUp(erlan);
    const routed = await fileReport(svc, { category: "fraud", involvesManagement: true, content: { what: "Руководство", whenWhere: "Вчера", attachments: [] } });
    const reports = await h.db.prisma.report.findMany();
    const ids = new Set(reports.map((r) => String(r.id)));
    const numbers = new Set(reports.map((r) => r.number));
    h.clear();

    // The compliance officer goes through the inbox and the case.
    await h.text(anna, "/cases");
    await h.callback(anna, "rc.l:all:0");
    await h.callback(anna, `rc.o:${number}`);
    expect(h.replies(anna.id).join("\n")).toContain(`Сообщение № ${number}`);
    for (const b of ["rc.s", "rc.a", "rc.h"]) await h.callback(anna, `${b}:${number}`);
    await h.callback(anna, `rc.st:${number}:received:review`);
    await h.callback(anna, `rc.r:${number}`);
    await h.text(anna, "Принято в работу");
    await h.callback(anna, "rc.y");
    // The observer goes through theirs.
    await h.text(olga, "/cases");
    await h.callback(olga, `rc.o:${routed.number}`);
    await h.callback(olga, `rc.a:${routed.number}`);

    for (const officer of [anna, olga]) {
      const data = callbackDataTo(officer.id);
      expect(data.length, "buttons seen").toBeGreaterThan(10);
      for (const d of data) {
        const [id, ...args] = d.split(":");
        // Numbers in callback data are only pages, years and officers' user ids — never a report's row id.
        for (const [i, a] of args.entries()) {
          if (!/^\d+$/.test(a)) continue;
          const allowed = (id === "rc.l" && i === 1) || ((id === "rc.yr" || id === "rc.yx") && i === 0) || (id === "rc.as" && i === 1 && (a === "0" || userIds.includes(Number(a))));
          expect(allowed, `${d} carries a number`).toBe(true);
          if (id !== "rc.as" && id !== "rc.l") expect(ids.has(a) && !/^20\d\d$/.test(a), `${d} carries a report id`).toBe(false);
        }
        // A case is named by its number, of this officer's audience only.
        if (id !== undefined && ["rc.o", "rc.f", "rc.r", "rc.n", "rc.s", "rc.st", "rc.dc", "rc.a", "rc.as", "rc.x", "rc.h"].includes(id)) {
          expect(numbers.has(args[0]!), d).toBe(true);
          expect(args[0]!.includes("-R"), d).toBe(officer === olga);
        }
      }
    }
    // The reporter's buttons carry nonces and tokens only.
    for (const d of callbackDataTo(erlan.id)) expect(d.split(":").slice(1).some((a) => ids.has(a)), d).toBe(false);

    // Resolved with the audience check: compliance cannot open the routed case by its number,
    // the observer cannot open a compliance case; both get the same answer as for no case at all.
    for (const [who, data] of [
      [anna, `rc.o:${routed.number}`],
      [anna, `rc.r:${routed.number}`],
      [olga, `rc.o:${number}`],
      [olga, `rc.st:${number}:review:checking`],
      [anna, "rc.o:2026-0999"],
    ] as const) {
      h.clear();
      await h.callback(who, data);
      expect(h.callsOf("answerCallbackQuery").at(-1)?.payload, data).toMatchObject({ show_alert: true, text: expect.stringMatching(/не найдено или не входит в ваш круг/) });
      expect(h.callsOf("sendMessage"), data).toHaveLength(0);
    }
  });
});
