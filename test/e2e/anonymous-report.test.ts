// The whole anonymous-report story over HTTP through the Bot API emulator (issue 4's
// definition of done): an employee files a report with a photo and a document; the
// compliance officer is alerted without content, reads the case, receives the files as
// copies, replies and moves the status; the reporter reads the reply from a *different*
// Telegram account with the receipt; wrong receipts are rejected and rate-limited; the
// opt-in ping arrives without content. Then: no Telegram id, name, username or phone of
// anyone involved is in any table (except the roster) or in the logs, and a dump of the
// database without the key shows no report text.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TgUser } from "../support/bot-api-emulator.js";
import { columnsHoldingCiphertext } from "../support/ciphertext-columns.js";
import { encryptedColumns } from "../../src/db/repositories/ciphertexts.js";
import { startTestApp, type RunningApp } from "../support/app.js";
import { conversation } from "../support/conversation.js";

const officer: TgUser = { id: 500001, first_name: "Гүлнар", last_name: "Сәрсенбаева", username: "gulnar_compliance", language_code: "ru" };
/** The whistleblower: a registered employee, so the roster knows their id, name and phone. */
const reporter: TgUser = { id: 731234567, first_name: "Ержан", last_name: "Тоқтаров", username: "erzhan_tk_1985", language_code: "ru" };
const REPORTER_PHONE = "77015550123";
/** A second, unregistered account the reporter uses to follow the case. */
const otherAccount: TgUser = { id: 742345678, first_name: "Anon", last_name: "Second", username: "quiet_reader_42", language_code: "kk" };
/** Someone guessing receipts. */
const guesser: TgUser = { id: 753456789, first_name: "Guess", username: "receipt_guesser", language_code: "ru" };

// Distinctive report texts, searched for in the raw database later.
const WHAT = "Начальник склада требовал откат 500 000 тенге за подписание акта PODPIS-AKTA-7781";
const WHEN_WHERE = "В феврале 2026 года, склад №3, кабинет KABINET-3305";
const UNIT = "Отдел снабжения OTDEL-SNAB-19";
const REPLY = "Спасибо, сообщение принято в работу, проверка назначена REPLY-TOKEN-5512";
const ADDITION = "Дополнение: есть второй свидетель DOP-SVIDETEL-88";
const DOC_NAME = "akt-SECRET-FILENAME-4410.pdf";

const PNG = Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), Buffer.from([0, 0, 4, 0, 0, 0, 3, 0, 8, 2, 0, 0, 0]), Buffer.alloc(64, 1)]);

let running: RunningApp;

beforeAll(async () => {
  running = await startTestApp({ env: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) } });
  const p = running.db.prisma;
  const dept = await p.department.create({ data: { name: "Склад" } });
  await p.user.create({ data: { fullName: `${reporter.last_name} ${reporter.first_name}`, phone: REPORTER_PHONE, telegramId: BigInt(reporter.id), language: "ru", departmentId: dept.id, registeredAt: new Date() } });
  await running.emulator.sendCommand(officer, "/start");
  await running.emulator.waitFor(() => true, { chatId: officer.id });
}, 60_000);
afterAll(() => running?.close());

const emu = () => running.emulator;

const { next, act, has, withButton } = conversation(emu);

let receipt = "";
let caseNumber = "";

describe("a report with a photo and a document, handled and followed up by receipt", () => {
  it("the reporter files it and writes the receipt down", async () => {
    const r = reporter;
    let m = await act(r, () => emu().sendCommand(r, "/report"), withButton(/Продолжить/));
    expect(m.text).toMatch(/Telegram/);
    m = await act(r, () => emu().clickButton(r, m, /Продолжить/), withButton(/Взяточничество/));
    m = await act(r, () => emu().clickButton(r, m, /Взяточничество/), withButton(/^Нет$/));
    m = await act(r, () => emu().clickButton(r, m, /^Нет$/), has(/подразделении/));
    m = await act(r, () => emu().sendText(r, UNIT), has(/что произошло/i));
    m = await act(r, () => emu().sendText(r, WHAT), has(/Когда и где/));
    m = await act(r, () => emu().sendText(r, WHEN_WHERE), withButton(/Пропустить/));
    m = await act(r, () => emu().clickButton(r, m, /Пропустить/), has(/Приложите/));
    m = await act(r, () => emu().sendPhoto(r, { content: PNG, width: 1024, height: 768 }), has(/Добавлено/));
    m = await act(r, () => emu().sendDocument(r, { fileName: DOC_NAME, mimeType: "application/pdf", content: Buffer.from("%PDF-1.4 evidence") }), has(/Добавлено: документ \(2 из 10\)/));
    m = await act(r, () => emu().clickButton(r, m, /Готово/), withButton(/Отправить/));
    expect(m.text).toContain("PODPIS-AKTA-7781");
    m = await act(r, () => emu().clickButton(r, m, /Отправить/), has(/Сообщение принято/));
    const code = /([0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(m.text!);
    const number = /(\d{4}-\d{4})/.exec(m.text!);
    expect(code && number).toBeTruthy();
    receipt = code![1]!;
    caseNumber = number![1]!;
    // The receipt appears in exactly one message, ever.
    expect(emu().sentMessages(r.id).filter((x) => x.sentVia !== "user" && (x.text ?? "").includes(receipt))).toHaveLength(1);
    m = await act(r, () => emu().clickButton(r, m, /записал/), has(/последние 5/));
    m = await act(r, () => emu().sendText(r, receipt.slice(-5)), withButton(/Уведомлять/));
    m = await act(r, () => emu().clickButton(r, m, /Уведомлять/), has(/Уведомления включены/));
  }, 60_000);

  it("the officer is alerted without content, reads the case, gets the files as copies, replies and moves the status", async () => {
    const o = officer;
    // The alert waits for its random delay; make it due now.
    await running.db.prisma.reportAlert.updateMany({ data: { sendAfter: new Date(0) } });
    let mark = emu().currentMessageId(o.id);
    await running.app.jobs.reportNotifier.tick();
    const alert = await next(o, mark, has(/\/cases/));
    for (const secret of [caseNumber, "PODPIS", "Взяточничество", "OTDEL"]) expect(alert.text).not.toContain(secret);

    let m = await act(o, () => emu().sendCommand(o, "/cases"), withButton(new RegExp(caseNumber)));
    m = await act(o, () => emu().clickButton(o, m, new RegExp(caseNumber)), withButton(/Файлы \(2\)/));
    const card = emu().sentMessages(o.id).filter((x) => x.message_id > mark && x.sentVia !== "user").map((x) => x.text ?? "").join("\n");
    expect(card).toContain("PODPIS-AKTA-7781");
    expect(card).toContain("OTDEL-SNAB-19");
    expect(card).not.toMatch(/\d{2}:\d{2}/); // dates, never times

    mark = emu().currentMessageId(o.id);
    await emu().clickButton(o, m, /Файлы \(2\)/);
    const photo = await next(o, mark, (x) => !!x.photo);
    const doc = await next(o, mark, (x) => !!x.document);
    expect(photo.sentVia).toBe("sendPhoto");
    expect(doc.sentVia).toBe("sendDocument");
    expect(doc.document?.file_name).toBe(DOC_NAME);
    expect(emu().calls.filter((c) => c.method === "forwardMessage" || c.method === "copyMessage")).toHaveLength(0);

    m = emu().sentMessages(o.id).filter((x) => emu().inlineButtons(x).some((b) => /Ответить автору сообщения/.test(b.text))).at(-1)!;
    m = await act(o, () => emu().clickButton(o, m, /Ответить автору сообщения/), has(/./));
    m = await act(o, () => emu().sendText(o, REPLY), has(/./));
    m = emu().sentMessages(o.id).filter((x) => emu().inlineButtons(x).some((b) => /Статус/.test(b.text))).at(-1)!;
    m = await act(o, () => emu().clickButton(o, m, /Статус/), withButton(/На рассмотрении/));
    await act(o, () => emu().clickButton(o, m, /На рассмотрении/), has(/статус «На рассмотрении»/));
    const report = await running.db.prisma.report.findUniqueOrThrow({ where: { number: caseNumber } });
    expect(report.status).toBe("review");
    expect(report.acknowledgedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }, 60_000);

  it("the opted-in reporter gets a content-free ping", async () => {
    await running.db.prisma.reportMailbox.updateMany({ where: { pingAfter: { not: null } }, data: { pingAfter: new Date(0) } });
    const mark = emu().currentMessageId(reporter.id);
    await running.app.jobs.reportNotifier.tick();
    const ping = await next(reporter, mark, has(/новости/));
    expect(ping.text).not.toContain(caseNumber);
    expect(ping.text).not.toContain("REPLY-TOKEN");
  });

  it("from another account, a wrong receipt is rejected and the right one shows the reply and status", async () => {
    const u = otherAccount;
    let m = await act(u, () => emu().sendCommand(u, "/case"), has(/код/i));
    const wrong = "7K2QM-XR9TA-4HV0C-ZB8NE";
    const codeMessages: number[] = [];
    const send = async (text: string) => codeMessages.push((await emu().sendText(u, text)).message!.message_id);
    m = await act(u, () => send(wrong), has(/табылмады|4/));
    expect(m.text).toMatch(/4/);
    const typed = await act(u, () => send(receipt.toLowerCase()), has(/№ ?\d{4}-\d{4}/));
    expect(typed.text).toContain(caseNumber);
    const view = emu().sentMessages(u.id).filter((x) => x.message_id >= typed.message_id - 1 && x.sentVia !== "user").map((x) => x.text ?? "").join("\n");
    expect(view).toContain("REPLY-TOKEN-5512");
    expect(view).toContain("PODPIS-AKTA-7781"); // their own report, to recall what they wrote
    expect(view).toMatch(/Қаралуда/); // "under review", in this account's language (kk)
    // The messages that carried codes were deleted from the chat.
    for (const id of codeMessages) expect(emu().message(u.id, id)?.deleted, String(id)).toBe(true);
    // And adds information, which the officer then sees.
    m = await act(u, () => emu().clickButton(u, typed, /Толықтыру|➕/), has(/./));
    await act(u, () => emu().sendText(u, ADDITION), has(/./));
    const entries = await running.db.prisma.reportEntry.count({ where: { report: { number: caseNumber }, kind: "reporter" } });
    expect(entries).toBe(1);
  }, 60_000);

  it("wrong receipts are rate-limited per account and day, even the right code after that", async () => {
    const g = guesser;
    await act(g, () => emu().sendCommand(g, "/case"), has(/код/i));
    for (let i = 0; i < 5; i++) {
      const wrong = `AAAA${i}-BBBBB-CCCCC-DDDDD`;
      await act(g, () => emu().sendText(g, wrong), has(/не найдено|Слишком много/));
    }
    const refused = await act(g, () => emu().sendText(g, receipt), has(/Слишком много/));
    expect(refused.text).not.toContain(caseNumber);
    // The limit is per account: the other account still opens the case.
    await act(otherAccount, () => emu().sendCommand(otherAccount, `/case ${receipt}`), has(new RegExp(caseNumber)));
  }, 60_000);
});

describe("what is stored and logged", () => {
  const needles = [reporter, otherAccount, guesser].flatMap((u) => [String(u.id), u.first_name, u.username!, ...(u.last_name ? [u.last_name] : [])]).concat(REPORTER_PHONE);

  it("no Telegram id, name, username or phone in any table but the roster, nor in the logs", async () => {
    const p = running.db.prisma;
    const tables = (
      running.db.provider === "sqlite"
        ? await p.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
        : await p.$queryRawUnsafe<{ name: string }[]>(`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public'`)
    ).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(["Report", "ReportEntry", "ReportMailbox", "ReportAlert", "DailyCounter", "ReporterFlow", "BotState", "AuditLog", "Setting"]));
    expect(await p.report.count()).toBe(1);
    expect(await p.reportMailbox.count()).toBe(1);
    expect(await p.dailyCounter.count()).toBeGreaterThan(0);
    for (const table of tables.filter((t) => t !== "User")) {
      const rows = JSON.stringify(await p.$queryRawUnsafe(`SELECT * FROM "${table}"`), (_k, v) => (typeof v === "bigint" ? v.toString() : v));
      for (const n of needles) expect(rows, `${table} contains ${n}`).not.toContain(n);
    }
    for (const n of [...needles, "PODPIS", "REPLY-TOKEN", "DOP-SVIDETEL", receipt]) expect(running.logs.text, n).not.toContain(n);
    // Report tables keep days, never times.
    const report = await p.report.findFirstOrThrow();
    for (const [k, v] of Object.entries(report)) if (typeof v === "string" && /On$/.test(k)) expect(v, k).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.values(report).some((v: unknown) => v instanceof Date)).toBe(false);
  });

  it("a dump of the database without the key shows no report text, no file name and no receipt", async () => {
    const secrets = ["PODPIS-AKTA-7781", "KABINET-3305", "OTDEL-SNAB-19", "REPLY-TOKEN-5512", "DOP-SVIDETEL-88", "SECRET-FILENAME-4410", receipt, receipt.replace(/-/g, "")];
    let dump: string;
    if (running.db.provider === "sqlite") {
      const file = running.db.url.replace(/^file:/, "");
      // The database file and its write-ahead log, as a backup would copy them.
      dump = [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString("latin1") + readFileSync(f).toString("utf8")).join("\n");
      expect(dump.length).toBeGreaterThan(10_000);
    } else {
      dump = execFileSync("pg_dump", ["--data-only", "--no-owner", running.db.url], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      expect(dump).toContain("COPY public.\"Report\"");
    }
    for (const s of secrets) expect(dump, s).not.toContain(s);
    // Sanity: the dump does contain what is not secret — the case number.
    expect(dump).toContain(caseNumber);
  });

  it("every column that holds a ciphertext is one that key rotation re-encrypts", async () => {
    const found = await columnsHoldingCiphertext(running.db);
    expect(found.length).toBeGreaterThan(0);
    for (const column of found) expect(encryptedColumns, `${column} is not in ENCRYPTED_COLUMNS`).toContain(column);
  });
});
