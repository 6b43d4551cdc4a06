// The reporter's side of anonymous reports: filing (kk and ru) with files, the receipt shown
// once and checked, limits, stale buttons, the daily cap, following a case from another
// account, wrong receipts, pings, deleting messages, and that nothing identifies the reporter.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reportServiceDeps } from "../../../../src/bot/features/reports/index.js";
import { clearReporterState, detachedKey, purgeExpiredReporterStates } from "../../../../src/bot/features/reports/reporter-state.js";
import type { ReporterState } from "../../../../src/bot/features/reports/reporter-state.js";
import type { AdalContext } from "../../../../src/bot/context.js";
import { incrementToday } from "../../../../src/db/repositories/daily-counters.js";
import { reporterFlowKey } from "../../../../src/db/repositories/reporter-flows.js";
import { newReceiptCode } from "../../../../src/domain/reports/receipts.js";
import { changeStatus, decryptContent, extend, readMailboxAddress, reply, type ReportServiceDeps } from "../../../../src/services/reports.js";
import { createHarness, type Harness, type TgUser } from "../../../support/harness.js";

// Distinctive ids and names, so substring scans of the database and the log mean something.
const kkReporter: TgUser = { id: 731234567, first_name: "Жанболат", last_name: "Сейтқали", username: "zhanbolat_seitkali", language_code: "kk" };
const ruReporter: TgUser = { id: 742345678, first_name: "Светлана", username: "svetlana_whistle", language_code: "ru" };
const otherAccount: TgUser = { id: 753456789, first_name: "Burner", username: "burner_acc_x", language_code: "ru" };
const compliance: TgUser = { id: 500001, first_name: "Анна", language_code: "ru" };

let h: Harness;
let svc: ReportServiceDeps;

beforeEach(async () => {
  h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: String(compliance.id) }, now: new Date("2026-03-02T05:00:00Z") });
  svc = reportServiceDeps(h.deps, h.config);
  h.clear();
});
afterEach(() => h.destroy());

// ── helpers ──

function button(who: TgUser, match: string | RegExp): string {
  const buttons = h.lastButtons(who.id);
  const found = buttons.find((b) => (typeof match === "string" ? b.data.startsWith(match) || b.data.endsWith(match) : match.test(b.data)));
  if (!found) throw new Error(`no button ${String(match)} in ${JSON.stringify(buttons)}`);
  return found.data;
}

async function press(who: TgUser, match: string | RegExp): Promise<void> {
  await h.callback(who, button(who, match));
}

const lastAnswer = () => h.callsOf("answerCallbackQuery").at(-1)?.payload;

const flowKey = (who: TgUser) => reporterFlowKey(h.deps.keyring, who.id);

async function stateOf(who: TgUser): Promise<ReporterState | undefined> {
  const row = await h.db.prisma.reporterFlow.findUnique({ where: { key: flowKey(who) } });
  return row ? (JSON.parse(h.deps.keyring.decryptText(row.value)) as ReporterState) : undefined;
}

/** A state detached from its chat, under the token its buttons carry. */
async function detachedOf(token: string): Promise<ReporterState | undefined> {
  const row = await h.db.prisma.reporterFlow.findUnique({ where: { key: detachedKey(h.deps.keyring, token) } });
  return row ? (JSON.parse(h.deps.keyring.decryptText(row.value)) as ReporterState) : undefined;
}

const WHAT_KK = "Бөлім басшысы құжаттарды тез қарау үшін 50 000 теңге талап етті, қолма-қол ақшамен.";
const WHEN_KK = "2026 жылғы ақпан, әкімдіктің 214-кабинеті";
const WHAT_RU = "Начальник отдела потребовал 200 000 тенге за подписание акта приёмки работ по договору № 17.";
const WHEN_RU = "25 февраля 2026 года, административное здание, кабинет 305";

/** Runs the steps up to the review. */
async function fillDraft(who: TgUser, o: { category?: string; management?: "y" | "n"; unit?: string; what: string; whenWhere: string; who?: string; files?: (() => Promise<unknown>)[] }): Promise<void> {
  await h.text(who, "/report");
  await press(who, "rp.go:");
  await press(who, `:${o.category ?? "bribery"}`);
  await press(who, new RegExp(`^rp\\.m:.*:${o.management ?? "n"}$`));
  if (o.unit) await h.text(who, o.unit);
  else await press(who, /^rp\.s:.*:unit$/);
  await h.text(who, o.what);
  await h.text(who, o.whenWhere);
  if (o.who) await h.text(who, o.who);
  else await press(who, /^rp\.s:.*:who$/);
  for (const send of o.files ?? []) await send();
  await press(who, "rp.f:");
}

/** Files a report and returns its receipt (the check is not done). */
async function fileQuick(who: TgUser, what = WHAT_RU): Promise<string> {
  await fillDraft(who, { what, whenWhere: WHEN_RU });
  await press(who, "rp.ok:");
  const receipt = /<code>([0-9A-Z-]{23})<\/code>/.exec(h.lastReply(who.id))?.[1];
  if (!receipt) throw new Error(`no receipt in ${h.lastReply(who.id)}`);
  return receipt;
}

async function confirmReceipt(who: TgUser, receipt: string): Promise<void> {
  await press(who, "rp.w:");
  await h.text(who, receipt.slice(-5));
}

async function everythingStored(): Promise<string> {
  const p = h.db.prisma;
  const [reports, entries, mailboxes, counters, state, alerts, audit] = await Promise.all([
    p.report.findMany(),
    p.reportEntry.findMany(),
    p.reportMailbox.findMany(),
    p.dailyCounter.findMany(),
    Promise.all([p.botState.findMany(), p.reporterFlow.findMany()]),
    p.reportAlert.findMany(),
    p.auditLog.findMany(),
  ]);
  return JSON.stringify({ reports, entries, mailboxes, counters, state, alerts, audit }, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

function expectNoIdentity(text: string, who: TgUser): void {
  expect(text).not.toContain(String(who.id));
  expect(text).not.toContain(who.first_name);
  if (who.last_name) expect(text).not.toContain(who.last_name);
  if (who.username) expect(text).not.toContain(who.username);
}

// ── filing ──

describe("filing a report", () => {
  it("in Kazakh, with a photo, a document and a voice message: receipt shown once, then checked", async () => {
    const r = kkReporter;
    const commandId = await h.text(r, "/report");
    expect(h.lastReply(r.id)).toMatch(/Telegram-ның өзі біледі/);
    expect(h.lastReply(r.id)).toMatch(/GPS/);
    expect(h.lastButtons(r.id).map((b) => b.data)).toEqual([expect.stringMatching(/^rp\.go:/), expect.stringMatching(/^rp\.x:/)]);
    await press(r, "rp.go:");
    expect(h.lastReply(r.id)).toMatch(/1-қадамы/);
    expect(h.lastButtons(r.id).map((b) => b.text)).toContain("Парақорлық");
    await press(r, ":procurement");
    expect(h.lastReply(r.id)).toMatch(/Сатып алу және шарттар[\s\S]*комплаенс қызметінің қызметкерлеріне/);
    await press(r, /^rp\.m:.*:n$/);
    expect(h.lastReply(r.id)).toMatch(/комплаенс қызметі қарайды[\s\S]*3-қадамы/);
    await h.text(r, "Мемлекеттік сатып алу бөлімі");
    expect(h.lastReply(r.id)).toMatch(/4-қадамы/);
    await h.text(r, WHAT_KK);
    expect(h.lastReply(r.id)).toMatch(/5-қадамы/);
    await h.text(r, WHEN_KK);
    expect(h.lastReply(r.id)).toMatch(/6-қадамы/);
    await h.text(r, "Бөлім басшысы <b>және</b> орынбасары");
    expect(h.lastReply(r.id)).toMatch(/7-қадамы/);
    expect(h.lastButtons(r.id)[0]!.text).toMatch(/Файлсыз/);
    const photoId = await h.photo(r, 800_000, "сурет");
    expect(h.lastReply(r.id)).toMatch(/Қосылды: фото\. Файлдар саны: 1 \(ең көбі — 10\)/);
    expect(h.lastReply(r.id)).toMatch(/түсініктеме сақталмады/);
    await h.document(r, "акт.pdf", "application/pdf", 120_000);
    expect(h.lastReply(r.id)).toMatch(/Қосылды: құжат\. Файлдар саны: 2 \(ең көбі — 10\)/);
    await h.voice(r);
    expect(h.lastReply(r.id)).toMatch(/Қосылды: дауыстық хабарлама\. Файлдар саны: 3 \(ең көбі — 10\)/);
    expect(h.lastButtons(r.id)[0]!.text).toMatch(/Дайын/);
    await press(r, "rp.f:");
    const review = h.replies(r.id).at(-1)!;
    expect(review).toMatch(/Жіберер алдында/);
    expect(review).toContain(WHAT_KK);
    expect(review).toContain(WHEN_KK);
    expect(review).toContain("Бөлім басшысы &lt;b&gt;және&lt;/b&gt; орынбасары");
    expect(review).toMatch(/фото × 1, құжат × 1, дауыстық хабарлама × 1/);
    expect(h.callsOf("sendMessage").every((c) => c.payload.parse_mode === "HTML" || !String(c.payload.text).includes("<"))).toBe(true);

    await press(r, "rp.ok:");
    const filed = h.lastReply(r.id);
    expect(filed).toMatch(/Хабарлама қабылданды/);
    expect(filed).toMatch(/Хабарлама нөмірі: <b>2026-0001<\/b>/);
    expect(filed).toMatch(/тек бір рет көрсетіледі/);
    // Received Monday 02.03.2026: 3 working days → 05.03; 15 → 23.03 (8 March is a holiday, moved to Monday 9th).
    expect(filed).toMatch(/Алынғаны \d\d\.03\.2026 дейін расталады, шешім \d\d\.\d\d\.2026 дейін/);
    const receipt = /<code>([0-9A-Z-]{23})<\/code>/.exec(filed)![1]!;
    expect(h.lastButtons(r.id).map((b) => b.text)).toEqual(["✍️ Кодты жазып алдым"]);

    // The report: copied by file id (the largest photo size), encrypted, no forward.
    const report = await h.db.prisma.report.findFirstOrThrow();
    expect(report).toMatchObject({ number: "2026-0001", category: "procurement", audience: "compliance", status: "received", receivedOn: "2026-03-02" });
    expect(report.content).not.toContain("50 000");
    expect(report.content).not.toContain("сатып алу");
    const content = decryptContent(h.deps.keyring, report.content);
    expect(content).toMatchObject({ unit: "Мемлекеттік сатып алу бөлімі", what: WHAT_KK, whenWhere: WHEN_KK, who: "Бөлім басшысы <b>және</b> орынбасары" });
    expect(content.attachments).toEqual([
      { kind: "photo", fileId: `ph${photoId}`, size: 800_000 },
      { kind: "document", fileId: expect.stringMatching(/^doc\d+$/), name: "акт.pdf", mime: "application/pdf", size: 120_000 },
      { kind: "voice", fileId: expect.stringMatching(/^voi\d+$/), duration: 12, mime: "audio/ogg", size: 40_000 },
    ]);
    expect(h.callsOf("forwardMessage")).toHaveLength(0);
    expect(h.callsOf("copyMessage")).toHaveLength(0);
    // The state holds the receipt (encrypted) until it is checked; the draft is gone.
    const stateRow = await h.db.prisma.reporterFlow.findUniqueOrThrow({ where: { key: flowKey(r) } });
    expect(stateRow.value).not.toContain(receipt.slice(0, 5));
    expect(await stateOf(r)).toMatchObject({ mode: "filed", receipt, confirmed: false });

    // The check: wrong, then right (typed in lower case).
    await press(r, "rp.w:");
    expect(h.lastReply(r.id)).toMatch(/соңғы 5 таңбасын/);
    await h.text(r, receipt.slice(-5) === "AAAAA" ? "BBBBB" : "AAAAA");
    expect(h.lastReply(r.id)).toMatch(/Сәйкес келмейді/);
    await h.text(r, receipt.slice(-5).toLowerCase());
    expect(h.lastReply(r.id)).toMatch(/Дұрыс, код дұрыс жазылған[\s\S]*Хабарландырулар/);
    expect(h.lastButtons(r.id).map((b) => b.data)).toEqual([expect.stringMatching(/^rp\.n:.*:on$/), expect.stringMatching(/^rp\.d:/), expect.stringMatching(/^rp\.e:/)]);
    // Confirmed, the state leaves the chat's key: it lives under the token its buttons carry.
    expect(await stateOf(r)).toBeUndefined();
    const token = button(r, "rp.e:").split(":")[1]!;
    const after = await detachedOf(token);
    expect(after).toMatchObject({ mode: "filed", confirmed: true, detached: true });
    expect(after).not.toHaveProperty("receipt");

    // Shown once: exactly one message the bot sent carries the code.
    const withCode = h.calls.filter((c) => JSON.stringify(c.payload).includes(receipt));
    expect(withCode.map((c) => c.method)).toEqual(["sendMessage"]);

    // Delete this report's messages: the command, the answers, the files and the receipt message.
    await press(r, "rp.d:");
    const deleted = h.callsOf("deleteMessages").flatMap((c) => c.payload.message_ids as number[]);
    expect(h.callsOf("deleteMessages").every((c) => (c.payload.message_ids as number[]).length <= 100)).toBe(true);
    expect(deleted).toContain(commandId);
    expect(deleted).toContain(photoId);
    expect(h.lastReply(r.id)).toMatch(/хабарлама бойынша хат алмасу чаттан жойылды/);
    expect(h.lastButtons(r.id).map((b) => b.data)).toEqual([expect.stringMatching(/^rp\.n:/), expect.stringMatching(/^rp\.e:/)]);
    await press(r, "rp.e:");
    expect(h.lastReply(r.id)).toMatch(/\/case/);
    expect(await stateOf(r)).toBeUndefined();
    expect(await detachedOf(token)).toBeUndefined();
    expect(await h.db.prisma.reporterFlow.count()).toBe(0);
  });

  it("in Russian, routed to the observer, with a photo, a document and a voice message; pings opt-in", async () => {
    const r = ruReporter;
    await fillDraft(r, {
      category: "hidden",
      management: "y",
      unit: "Отдел кадров",
      what: WHAT_RU,
      whenWhere: WHEN_RU,
      files: [() => h.photo(r), () => h.document(r, "scan.jpg", "image/jpeg", 2_000_000), () => h.voice(r, 90_000)],
    });
    const review = h.lastReply(r.id);
    expect(review).toMatch(/Проверьте сообщение/);
    expect(review).toMatch(/Рассматривает:<\/b> Руководство \(минуя комплаенс-службу\)/);
    expect(review).toMatch(/Кто участвовал:<\/b> <i>не указано<\/i>/);
    expect(review).toMatch(/фото × 1, документ × 1, голосовое сообщение × 1/);
    await press(r, "rp.ok:");
    const filed = h.lastReply(r.id);
    expect(filed).toMatch(/Сообщение принято[\s\S]*Номер сообщения: <b>2026-R0001<\/b>[\s\S]*Рассматривает: Руководство/);
    expect(filed).toMatch(/Код показан только один раз/);
    const receipt = /<code>([0-9A-Z-]{23})<\/code>/.exec(filed)![1]!;
    const report = await h.db.prisma.report.findFirstOrThrow();
    expect(report).toMatchObject({ audience: "observer", category: "hidden" });
    expect(report.content).not.toContain("200 000");
    expect(decryptContent(h.deps.keyring, report.content).attachments.map((a) => a.kind)).toEqual(["photo", "document", "voice"]);

    await press(r, "rp.w:");
    await h.text(r, `-${receipt.slice(-5)} `);
    expect(h.lastReply(r.id)).toMatch(/Верно, код записан правильно/);
    await press(r, /^rp\.n:.*:on$/);
    expect(lastAnswer()?.text).toBe("Уведомления включены");
    expect(h.lastReply(r.id)).toMatch(/Уведомления включены/);
    const box = await h.db.prisma.reportMailbox.findFirstOrThrow();
    expect(box.chat).not.toContain(String(r.id));
    expect(readMailboxAddress(h.deps.keyring, box.chat)).toEqual({ chatId: r.id, lang: "ru" });
    // The keyboard of the options message now offers to turn pings off.
    const markup = h.callsOf("editMessageReplyMarkup").at(-1)?.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] };
    expect(markup.inline_keyboard.flat().map((b) => b.callback_data)).toContainEqual(expect.stringMatching(/^rp\.n:.*:off$/));

    // Nothing stored or logged identifies the reporter.
    const stored = await everythingStored();
    expectNoIdentity(stored, r);
    expectNoIdentity(h.logs.text, r);
    expect(stored).not.toContain(WHAT_RU);
    expect(stored).not.toContain(receipt);
    expect(stored).not.toContain(receipt.replace(/-/g, ""));
  });

  it("asks to continue or restart an unfinished draft; cancel deletes it", async () => {
    const r = ruReporter;
    await h.text(r, "/report");
    await press(r, "rp.go:");
    await press(r, ":gifts");
    await h.text(r, "/report");
    expect(h.lastReply(r.id)).toMatch(/неотправленное сообщение/);
    await press(r, "rp.cn:");
    expect(h.lastReply(r.id)).toMatch(/Шаг 2 из 7/);
    await press(r, "rp.x:");
    expect(h.lastReply(r.id)).toMatch(/черновик удалён/);
    expect(await stateOf(r)).toBeUndefined();
    expect(await h.db.prisma.report.count()).toBe(0);
  });

  it("/cancel deletes the draft too", async () => {
    const r = ruReporter;
    await h.text(r, "/report");
    await press(r, "rp.go:");
    await press(r, ":fraud");
    expect(await stateOf(r)).toBeDefined();
    await h.text(r, "/cancel");
    expect(h.lastReply(r.id)).toMatch(/Отменено/);
    // The dispatcher names what it ended: the report flow's draft.
    expect(h.lastReply(r.id)).toMatch(/черновик сообщения о коррупции/);
    expect(await stateOf(r)).toBeUndefined();
    // Text after /cancel is not taken as an answer.
    await h.text(r, WHAT_RU);
    expect(await stateOf(r)).toBeUndefined();
    expect(await h.db.prisma.report.count()).toBe(0);
  });

  it("works from the main menu for someone outside the roster", async () => {
    const r = ruReporter;
    await h.text(r, "/menu");
    const labels = h.lastButtons(r.id);
    expect(labels.map((b) => b.data)).toEqual(expect.arrayContaining(["menu:report", "menu:followup"]));
    await h.callback(r, "menu:report");
    expect(h.lastReply(r.id)).toMatch(/Анонимное сообщение о коррупции/);
    await h.callback(r, "menu:followup");
    expect(h.lastReply(r.id)).toMatch(/Введите секретный код/);
  });

  it("start over gives the draft a new nonce: buttons of the first attempt are stale", async () => {
    const r = ruReporter;
    await fillDraft(r, { what: WHAT_RU, whenWhere: WHEN_RU });
    const oldSubmit = button(r, "rp.ok:");
    const oldNonce = (await stateOf(r))!.nonce;
    await press(r, "rp.re:");
    expect(h.lastReply(r.id)).toMatch(/Шаг 1 из 7/);
    const fresh = (await stateOf(r)) as Extract<ReporterState, { mode: "draft" }>;
    expect(fresh.nonce).not.toBe(oldNonce);
    expect(fresh).toMatchObject({ step: "category", attachments: [] });
    expect(fresh.what).toBeUndefined();
    await h.callback(r, oldSubmit);
    expect(lastAnswer()).toMatchObject({ show_alert: true, text: expect.stringMatching(/устарела/) });
    expect(await h.db.prisma.report.count()).toBe(0);
  });
});

// ── limits and bad input ──

describe("limits and bad input", () => {
  it("too-long texts are refused with the limit; the draft does not change", async () => {
    const r = ruReporter;
    await h.text(r, "/report");
    await press(r, "rp.go:");
    await press(r, ":fraud");
    await press(r, /^rp\.m:.*:n$/);
    await h.text(r, "О".repeat(301));
    expect(h.lastReply(r.id)).toMatch(/не больше 300 символов, а у вас 301/);
    expect(await stateOf(r)).toMatchObject({ step: "unit" });
    await press(r, /^rp\.s:.*:unit$/);
    const before = (await stateOf(r)) as Extract<ReporterState, { mode: "draft" }>;
    await h.text(r, "x".repeat(4001));
    expect(h.lastReply(r.id)).toMatch(/не больше 4000 символов, а у вас 4001/);
    const after = (await stateOf(r)) as Extract<ReporterState, { mode: "draft" }>;
    expect(after).toMatchObject({ step: "what", nonce: before.nonce });
    expect(after.what).toBeUndefined();
    // A file where a text is expected.
    await h.photo(r);
    expect(h.lastReply(r.id)).toMatch(/Сейчас нужен текст/);
    expect(((await stateOf(r)) as Extract<ReporterState, { mode: "draft" }>).attachments).toEqual([]);
  });

  it("files: the 11th, a too-large one and unsupported kinds are refused with a clear message", async () => {
    const r = ruReporter;
    await h.text(r, "/report");
    await press(r, "rp.go:");
    await press(r, ":other");
    await press(r, /^rp\.m:.*:n$/);
    await press(r, /^rp\.s:.*:unit$/);
    await h.text(r, WHAT_RU);
    await h.text(r, WHEN_RU);
    await press(r, /^rp\.s:.*:who$/);
    await h.text(r, "просто текст");
    expect(h.lastReply(r.id)).toMatch(/можно отправить фото, документ или голосовое/);
    await h.sticker(r);
    expect(h.lastReply(r.id)).toMatch(/Такое сообщение нельзя приложить/);
    await h.message(r, { video: { file_id: "vid1", file_unique_id: "uvid1", width: 640, height: 480, duration: 30, file_size: 3_000_000 } });
    expect(h.lastReply(r.id)).toMatch(/Видео или аудио отправьте как файл \(до 20 МБ\)/);
    await h.message(r, { video_note: { file_id: "vn1", file_unique_id: "uvn1", length: 240, duration: 5 } });
    expect(h.lastReply(r.id)).toMatch(/нельзя приложить/);
    await h.message(r, { location: { latitude: 43.25, longitude: 76.95 } });
    expect(h.lastReply(r.id)).toMatch(/нельзя приложить/);
    await h.message(r, { audio: { file_id: "au1", file_unique_id: "uau1", duration: 60 } });
    expect(h.lastReply(r.id)).toMatch(/нельзя приложить/);
    await h.document(r, "big.zip", "application/zip", 21 * 1024 * 1024);
    expect(h.lastReply(r.id)).toMatch(/Файл больше 20 МБ/);
    expect(((await stateOf(r)) as Extract<ReporterState, { mode: "draft" }>).attachments).toEqual([]);
    for (let i = 0; i < 10; i++) await h.photo(r);
    expect(h.lastReply(r.id)).toMatch(/10 из 10/);
    await h.document(r, "eleventh.pdf", "application/pdf");
    expect(h.lastReply(r.id)).toMatch(/не больше 10 файлов/);
    expect(((await stateOf(r)) as Extract<ReporterState, { mode: "draft" }>).attachments).toHaveLength(10);
    await press(r, "rp.f:");
    await press(r, "rp.ok:");
    const content = decryptContent(h.deps.keyring, (await h.db.prisma.report.findFirstOrThrow()).content);
    expect(content.attachments).toHaveLength(10);
    expect(content.attachments.every((a) => a.kind === "photo")).toBe(true);
  });

  it("stale, forged and out-of-step buttons are answered as stale and change nothing", async () => {
    const r = ruReporter;
    await h.text(r, "/report");
    await press(r, "rp.go:");
    const categoryButton = button(r, ":bribery");
    await h.callback(r, categoryButton);
    const before = await stateOf(r);
    const n = before!.nonce;
    const forged = [
      categoryButton, // right nonce, wrong step
      `rp.c:AAAAAAAA:bribery`, // another nonce
      `rp.m:AAAAAAAA:y`,
      `rp.ok:${n}`, // submit before the review
      `rp.w:${n}`, // no report filed
      `rp.d:${n}`,
      `rp.n:${n}:on`,
      `rp.a:${n}`,
      `rp.c:${n}:nonsense`, // not a category
      `rp.zz:${n}`,
      `rp.c:${n}`,
    ];
    for (const data of forged) {
      h.clear();
      await h.callback(r, data);
      expect(lastAnswer(), data).toMatchObject({ show_alert: true, text: expect.stringMatching(/устарела или недействительна/) });
      expect(h.callsOf("sendMessage"), data).toHaveLength(0);
      expect(await stateOf(r), data).toEqual(before);
    }
    // Another chat cannot use this chat's buttons.
    h.clear();
    await h.callback(otherAccount, `rp.m:${n}:y`);
    expect(lastAnswer()).toMatchObject({ show_alert: true });
    expect(await stateOf(r)).toEqual(before);
    expect(await stateOf(otherAccount)).toBeUndefined();
    expect(await h.db.prisma.report.count()).toBe(0);
  });

  it("the fourth report of the day is refused; the next day works again", async () => {
    const r = ruReporter;
    for (let i = 0; i < 3; i++) {
      await fileQuick(r);
    }
    expect(await h.db.prisma.report.count()).toBe(3);
    await h.text(r, "/report");
    expect(h.lastReply(r.id)).toMatch(/уже отправлено сообщений о коррупции: 3 — это предел на сутки/);
    expect(await h.db.prisma.report.count()).toBe(3);
    // Another account is not affected.
    await h.text(otherAccount, "/report");
    expect(h.lastReply(otherAccount.id)).toMatch(/Анонимное сообщение/);
    h.clock.now = new Date("2026-03-03T05:00:00Z");
    await h.text(r, "/report");
    expect(h.lastReply(r.id)).toMatch(/Анонимное сообщение/);
  });

  it("the cap is checked again at submit; the draft is kept", async () => {
    const r = ruReporter;
    await fillDraft(r, { what: WHAT_RU, whenWhere: WHEN_RU });
    for (let i = 0; i < 3; i++) await incrementToday(h.db.prisma, "2026-03-02", "report", r.id);
    await press(r, "rp.ok:");
    expect(h.lastReply(r.id)).toMatch(/Черновик сохранится 24 часа/);
    expect(await h.db.prisma.report.count()).toBe(0);
    expect(await stateOf(r)).toMatchObject({ mode: "draft", step: "review", what: WHAT_RU });
  });

  it("drafts expire after 24 hours without a change; the receipt check after an hour", async () => {
    const r = ruReporter;
    await h.text(r, "/report");
    await press(r, "rp.go:");
    await press(r, ":gifts");
    await press(r, /^rp\.m:.*:n$/);
    await press(r, /^rp\.s:.*:unit$/);
    h.clock.now = new Date("2026-03-03T05:00:01Z");
    await h.text(r, WHAT_RU);
    expect(h.lastReply(r.id)).toMatch(/не меняли больше 24 часов/);
    expect(await stateOf(r)).toBeUndefined();

    await fileQuick(r);
    await press(r, "rp.w:");
    h.clock.now = new Date(h.clock.now.getTime() + 61 * 60 * 1000);
    await h.text(r, "ABCDE");
    expect(h.lastReply(r.id)).toMatch(/Время проверки кода истекло/);
    expect(await stateOf(r)).toBeUndefined();
  });

  it("expired states are purged without waiting for the chat; live ones stay", async () => {
    await fileQuick(ruReporter);
    await h.text(kkReporter, "/report");
    expect(await stateOf(ruReporter)).toMatchObject({ mode: "filed" });
    expect(await purgeExpiredReporterStates(h.db.prisma, h.deps.keyring, h.clock.now)).toBe(0);
    // An hour later the receipt (held for its check) goes; the 24-hour draft stays.
    expect(await purgeExpiredReporterStates(h.db.prisma, h.deps.keyring, new Date(h.clock.now.getTime() + 61 * 60 * 1000))).toBe(1);
    expect(await stateOf(ruReporter)).toBeUndefined();
    expect(await stateOf(kkReporter)).toMatchObject({ mode: "draft" });
  });

  it("clearReporterState forgets the flow of the chat", async () => {
    const r = ruReporter;
    await h.text(r, "/report");
    const ctx = { chatId: r.id, deps: h.deps } as unknown as AdalContext;
    expect(await clearReporterState(ctx)).toBe(true);
    expect(await stateOf(r)).toBeUndefined();
    expect(await clearReporterState(ctx)).toBe(false);
  });
});

// ── following a case ──

describe("following a case with the receipt", () => {
  async function officerUser() {
    await h.text(compliance, "/start");
    return h.db.prisma.user.findFirstOrThrow({ where: { role: "compliance" } });
  }

  it("from another account: status, deadlines, replies; the code message is deleted; additions", async () => {
    const receipt = await fileQuick(kkReporter, WHAT_KK);
    await confirmReceipt(kkReporter, receipt);
    await press(kkReporter, "rp.e:");
    const report = await h.db.prisma.report.findFirstOrThrow();
    const officer = await officerUser();
    await reply(svc, { id: officer.id, role: "compliance" }, report.id, "Рахмет. Тексеру <басталды> & жүргізілуде.");
    expect(await changeStatus(svc, { id: officer.id, role: "compliance" }, report.id, "review")).toBeNull();
    expect(await extend(svc, { id: officer.id, role: "compliance" }, report.id, "2026-04-10", "Сарапшы қорытындысы күтілуде")).toBeNull();
    await h.db.prisma.reportEntry.create({ data: { reportId: report.id, kind: "note", body: h.deps.keyring.encrypt(JSON.stringify({ kind: "note", text: "INTERNAL NOTE" })), createdOn: "2026-03-02" } });

    const r = otherAccount;
    h.clear();
    const codeMessage = await h.text(r, `/case ${receipt.toLowerCase()}`);
    expect(h.callsOf("deleteMessage").map((c) => c.payload.message_id)).toEqual([codeMessage]);
    const view = h.replies(r.id).join("\n");
    expect(view).toMatch(/Сообщение с кодом удалено из чата/);
    expect(view).toMatch(/Сообщение № 2026-0001/);
    expect(view).toMatch(/Статус: <b>На рассмотрении<\/b>/);
    expect(view).toMatch(/Поступило: 02\.03\.2026/);
    expect(view).toMatch(/Получение подтверждено: 02\.03\.2026/);
    expect(view).toMatch(/Срок решения: до 10\.04\.2026/);
    expect(view).toMatch(/продлён: был \d\d\.03\.2026, новый — 10\.04\.2026\. Причина:\nСарапшы қорытындысы күтілуде/);
    expect(view).toMatch(/02\.03\.2026 — 💬 Ответ \(Комплаенс-служба\):\nРахмет\. Тексеру &lt;басталды&gt; &amp; жүргізілуде\./);
    expect(view).toMatch(/🔄 Статус: На рассмотрении/);
    expect(view).not.toContain("INTERNAL NOTE");
    expect(view).not.toContain(receipt);
    expect(view).toContain(WHAT_KK); // their own report, to recall what they wrote

    // Add information, then a file.
    await press(r, "rp.a:");
    expect(h.lastReply(r.id)).toMatch(/до 4000 символов/);
    await h.text(r, "y".repeat(4001));
    expect(h.lastReply(r.id)).toMatch(/не больше 4000/);
    await h.text(r, "Тот же начальник снова потребовал деньги 3 марта.");
    expect(h.lastReply(r.id)).toMatch(/Добавлено в сообщение № 2026-0001/);
    await press(r, "rp.af:");
    await h.sticker(r);
    expect(h.lastReply(r.id)).toMatch(/нельзя приложить/);
    await h.photo(r);
    expect(h.lastReply(r.id)).toMatch(/Добавлено в сообщение: фото \(1 из 10\)/);
    await press(r, "rp.fd:");
    expect(h.lastReply(r.id)).toMatch(/Добавлено файлов: 1/);
    const entries = await h.db.prisma.reportEntry.findMany({ where: { reportId: report.id, kind: { in: ["reporter", "file"] } } });
    expect(entries.map((e) => e.kind)).toEqual(["reporter", "file"]);
    expect(entries.every((e) => e.authorId === null && !e.body.includes("начальник"))).toBe(true);

    // Opened again, the additions are summarized.
    h.clear();
    await h.text(r, receipt);
    const again = h.replies(r.id).join("\n");
    expect(again).toMatch(/➕ Вы дополнили:\nТот же начальник снова потребовал деньги 3 марта\./);
    expect(again).toMatch(/📎 Вы приложили: фото/);

    // Pings on from this account, then delete the messages.
    await press(r, /^rp\.n:.*:on$/);
    expect(await h.db.prisma.reportMailbox.count()).toBe(1);
    await press(r, /^rp\.n:.*:off$/);
    expect(await h.db.prisma.reportMailbox.count()).toBe(0);
    const del = button(r, "rp.d:");
    h.clear();
    await h.callback(r, del);
    expect(h.callsOf("deleteMessages").length).toBeGreaterThan(0);
    expect(h.lastReply(r.id)).toMatch(/удалена из чата, сообщение закрыто/);
    expect(await stateOf(r)).toBeUndefined();

    expectNoIdentity(await everythingStored(), kkReporter);
    expectNoIdentity(await everythingStored(), otherAccount);
    expectNoIdentity(h.logs.text, kkReporter);
    expectNoIdentity(h.logs.text, otherAccount);
  });

  it("wrong receipts are counted; the sixth attempt is refused even with the right code", async () => {
    const receipt = await fileQuick(ruReporter);
    const r = otherAccount;
    await h.text(r, "/case");
    expect(h.lastReply(r.id)).toMatch(/Введите секретный код/);
    await h.text(r, "hello");
    expect(h.lastReply(r.id)).toMatch(/не похоже на код/);
    for (let left = 4; left >= 1; left--) {
      await h.text(r, newReceiptCode());
      expect(h.lastReply(r.id)).toMatch(new RegExp(`Осталось попыток на сегодня: ${left}`));
    }
    await h.text(r, newReceiptCode());
    expect(h.lastReply(r.id)).toMatch(/Слишком много неверных кодов/);
    h.clear();
    const right = await h.text(r, `/case ${receipt}`);
    expect(h.lastReply(r.id)).toMatch(/Слишком много неверных кодов/);
    expect(h.replies(r.id).join("\n")).not.toMatch(/Сообщение №/);
    expect(h.callsOf("deleteMessage").map((c) => c.payload.message_id)).toEqual([right]);
    await h.text(r, receipt);
    expect(h.replies(r.id).join("\n")).not.toMatch(/Сообщение №/);
    // The counter holds no identity; another account is not affected.
    expect(await h.db.prisma.dailyCounter.count({ where: { key: { startsWith: "wrong-receipt:" } } })).toBe(1);
    expectNoIdentity(await everythingStored(), r);
    await h.text(ruReporter, `/case ${receipt}`);
    expect(h.replies(ruReporter.id).join("\n")).toMatch(/Сообщение № 2026-0001/);
  });

  it("an open case closes after 10 idle minutes; the code must be entered again", async () => {
    const receipt = await fileQuick(ruReporter);
    const r = otherAccount;
    await h.text(r, `/case ${receipt}`);
    // Shown, the case is detached from the chat; waiting for a text, it is under the chat's key.
    expect(await stateOf(r)).toBeUndefined();
    await press(r, "rp.a:");
    expect(await stateOf(r)).toMatchObject({ mode: "case", awaiting: "text" });
    h.clock.now = new Date(h.clock.now.getTime() + 11 * 60 * 1000);
    await h.text(r, "Новые сведения");
    expect(h.lastReply(r.id)).toMatch(/после 10 минут бездействия/);
    expect(await h.db.prisma.reportEntry.count({ where: { kind: "reporter" } })).toBe(0);
    expect(await stateOf(r)).toBeUndefined();
    await h.text(r, `/case ${receipt}`);
    const n = button(r, "rp.a:").split(":")[1]!;
    expect(await detachedOf(n)).toMatchObject({ mode: "case", awaiting: null });
    h.clock.now = new Date(h.clock.now.getTime() + 11 * 60 * 1000);
    await h.callback(r, `rp.a:${n}`);
    expect(lastAnswer()).toMatchObject({ show_alert: true });
    // The expired detached state is gone with it.
    expect(await detachedOf(n)).toBeUndefined();
  });

  it("a decided case shows the outcome; additions are capped per day", async () => {
    const receipt = await fileQuick(ruReporter);
    const report = await h.db.prisma.report.findFirstOrThrow();
    await h.text(compliance, "/start");
    const officer = await h.db.prisma.user.findFirstOrThrow({ where: { role: "compliance" } });
    expect(await changeStatus(svc, { id: officer.id, role: "compliance" }, report.id, "decided", "referred")).toBeNull();
    const r = otherAccount;
    await h.text(r, receipt.replace(/-/g, " "));
    const view = h.replies(r.id).join("\n");
    expect(view).toMatch(/Статус: <b>Принято решение<\/b>\nРезультат: <b>Передано в уполномоченные государственные органы<\/b>/);
    expect(view).toMatch(/Решение принято: 02\.03\.2026/);
    expect(view).toMatch(/🏁 Решение: Передано в уполномоченные/);
    expect(view).not.toMatch(/Срок решения: до/);
    for (let i = 0; i < 30; i++) await incrementToday(h.db.prisma, "2026-03-02", "addition", r.id);
    await press(r, "rp.a:");
    await h.text(r, "Ещё сведения");
    expect(h.lastReply(r.id)).toMatch(/Дополнений за сегодня: 30 — это предел на сутки/);
    expect(await h.db.prisma.reportEntry.count({ where: { kind: "reporter" } })).toBe(0);
  });

  it("another feature's input does not throw a draft away; /report offers to continue it", async () => {
    const officer = compliance;
    await h.text(officer, "/start");
    await h.text(officer, "/report");
    await press(officer, "rp.go:");
    await press(officer, ":gifts");
    await h.text(officer, "/import");
    expect(await stateOf(officer)).toMatchObject({ mode: "draft", step: "management" });
    await h.text(officer, "/report");
    expect(h.lastReply(officer.id)).toMatch(/неотправленное сообщение/);
  });

  it("a receipt typed while an upload waits for its file still opens the case", async () => {
    const receipt = await fileQuick(kkReporter, WHAT_KK);
    await confirmReceipt(kkReporter, receipt);
    await press(kkReporter, "rp.e:");
    await officerUser();
    await h.text(compliance, "/import");
    h.clear();
    const codeMessage = await h.text(compliance, receipt);
    expect(h.callsOf("deleteMessage").map((c) => c.payload.message_id)).toEqual([codeMessage]);
    expect(h.replies(compliance.id).join("\n")).toMatch(/Сообщение № 2026-0001/);
  });

  it("/case in the middle of a draft keeps the draft", async () => {
    const r = ruReporter;
    await h.text(r, "/report");
    await press(r, "rp.go:");
    await h.text(r, "/case");
    expect(h.lastReply(r.id)).toMatch(/Сначала отправьте или отмените/);
    expect(await stateOf(r)).toMatchObject({ mode: "draft", step: "category" });
  });
});

describe("editing a message of the draft", () => {
  it("an edited answer replaces the draft's, checked like a typed one; on the review the report is shown again; after sending an edit changes nothing", async () => {
    await h.text(ruReporter, "/report");
    await press(ruReporter, "rp.go:");
    await press(ruReporter, ":bribery");
    await press(ruReporter, /^rp\.m:.*:n$/);
    await press(ruReporter, /^rp\.s:.*:unit$/);
    const whatId = await h.text(ruReporter, `${WHAT_RU} Это видела я, Светлана Ахметова, секретарь.`);
    await h.text(ruReporter, WHEN_RU);
    await press(ruReporter, /^rp\.s:.*:who$/);
    await press(ruReporter, "rp.f:");
    expect(h.lastReply(ruReporter.id)).toContain("Светлана Ахметова");
    // Too long: refused, the draft keeps the earlier text.
    await h.editText(ruReporter, whatId, "x".repeat(5000));
    expect((await stateOf(ruReporter)) as { what?: string }).toMatchObject({ what: expect.stringContaining("Светлана Ахметова") });
    // The identifying detail taken out.
    await h.editText(ruReporter, whatId, WHAT_RU);
    expect(((await stateOf(ruReporter)) as { what?: string }).what).toBe(WHAT_RU);
    expect(h.replies(ruReporter.id).some((r) => r.includes("Исправлено: «Что произошло»"))).toBe(true);
    expect(h.lastReply(ruReporter.id)).not.toContain("Светлана Ахметова");
    // An edit of a message that gave no answer changes nothing and says nothing.
    const before = h.replies(ruReporter.id).length;
    await h.editText(ruReporter, whatId + 1000, "что-то другое");
    expect(h.replies(ruReporter.id)).toHaveLength(before);
    await press(ruReporter, "rp.ok:");
    const [report] = await h.db.prisma.report.findMany();
    expect(decryptContent(h.deps.keyring, report!.content).what).toBe(WHAT_RU);
    expect(await everythingStored()).not.toContain("Ахметова");
    await h.editText(ruReporter, whatId, `${WHAT_RU} ещё`);
    expect(h.lastReply(ruReporter.id)).toContain("правка в чате его не меняет");
    expect(decryptContent(h.deps.keyring, (await h.db.prisma.report.findFirstOrThrow()).content).what).toBe(WHAT_RU);
  });
});
