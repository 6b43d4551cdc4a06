// Case handling of anonymous reports in the bot: inbox, card, files, replies, notes,
// statuses, assignment, the one extension, history, statistics; routing past compliance; access.
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reportServiceDeps } from "../../../../src/bot/features/reports/index.js";
import { addFromReporter, caseById, caseEntries, changeStatus, extend, fileReport, REPORTER_VISIBLE, type NewReport, type ReportServiceDeps } from "../../../../src/services/reports.js";
import { createHarness, type Harness, type TgUser } from "../../../support/harness.js";
import { formatDay } from "../../../../src/domain/dates.js";

const anna: TgUser = { id: 500001, first_name: "Анна", language_code: "ru" };
const bolat: TgUser = { id: 500002, first_name: "Болат", language_code: "ru" };
const olga: TgUser = { id: 600002, first_name: "Ольга", language_code: "ru" };
const erlan: TgUser = { id: 600001, first_name: "Ерлан", language_code: "ru" };
const stranger: TgUser = { id: 600099, first_name: "Stranger", language_code: "ru" };

let h: Harness;
let svc: ReportServiceDeps;
const ids: Record<string, number> = {};

const WHAT = "Начальник отдела требовал <деньги> & подарки за подпись акта";
const WHEN = "12 февраля, кабинет 305";

function report(over: { category?: NewReport["category"]; involvesManagement?: boolean; content?: Partial<NewReport["content"]> } = {}): NewReport {
  return {
    category: over.category ?? "bribery",
    involvesManagement: over.involvesManagement ?? false,
    content: { what: WHAT, whenWhere: WHEN, attachments: [], ...over.content },
  };
}

beforeEach(async () => {
  h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: String(anna.id) }, now: new Date("2026-03-02T05:00:00Z") });
  svc = reportServiceDeps(h.deps, h.config);
  const p = h.db.prisma;
  const user = (fullName: string, phone: string, role: string, tg: TgUser) =>
    p.user.create({ data: { fullName, phone, role, language: "ru", telegramId: BigInt(tg.id), registeredAt: new Date() } });
  ids.anna = (await user("Асанова Анна", "77010000001", "compliance", anna)).id;
  ids.bolat = (await user("Болатов Болат", "77010000002", "compliance", bolat)).id;
  ids.olga = (await user("Орлова Ольга", "77010000003", "observer", olga)).id;
  ids.erlan = (await user("Ерланов Ерлан", "77010000004", "employee", erlan)).id;
  await h.text(anna, "/start");
  h.clear();
});
afterEach(() => h.destroy());

const lastAnswer = () => h.callsOf("answerCallbackQuery").at(-1)?.payload ?? {};
const buttons = (who: TgUser) => h.lastButtons(who.id).map((b) => b.data);
const auditOf = (action: string) => h.db.prisma.auditLog.findMany({ where: { action }, orderBy: { id: "asc" } });

describe("inbox", () => {
  it("counts per filter, filters, pages, overdue marks; routed cases are not listed", async () => {
    const filed = [];
    for (let i = 0; i < 10; i++) filed.push(await fileReport(svc, report({ category: i % 2 ? "gifts" : "bribery" })));
    const routed = await fileReport(svc, report({ involvesManagement: true }));

    await h.text(anna, "/cases");
    let text = h.lastReply(anna.id);
    expect(text).toMatch(/Сообщения о коррупции<\/b> — Комплаенс-служба/);
    expect(text).toContain("Открытые: 10 · новые: 10 · просроченные: 0 · мои: 0 · закрытые: 0 · все: 10");
    expect(text).toContain("страница 1 из 2");
    expect(text).toContain(`№ ${filed[0]!.number}</b> — Взяточничество`);
    expect(text).toContain(`поступило 02.03.2026 · решение до ${formatDay(filed[0]!.decisionDueOn)}`);
    expect(text).toContain("исполнитель: не назначен");
    expect(text).not.toContain(routed.number);
    expect(text).not.toMatch(/\d{1,2}:\d{2}/);
    let data = buttons(anna);
    expect(data).toEqual(expect.arrayContaining(["rc.l:open:0", "rc.l:new:0", "rc.l:overdue:0", "rc.l:mine:0", "rc.l:closed:0", "rc.l:all:0", "rc.l:open:1"]));
    expect(data.filter((d) => d.startsWith("rc.o:"))).toHaveLength(8);
    expect(data).not.toContain(`rc.o:${routed.number}`);
    // Buttons name cases by their number, never by the row id.
    expect(data.filter((d) => d.startsWith("rc.o:"))).toEqual(filed.slice(0, 8).map((f) => `rc.o:${f.number}`));

    // Next page: the message is edited in place.
    h.clear();
    await h.callback(anna, "rc.l:open:1");
    expect(h.callsOf("editMessageText")).toHaveLength(1);
    text = h.lastReply(anna.id);
    expect(text).toContain("страница 2 из 2");
    expect(text).toContain(filed[9]!.number);
    expect(text).not.toContain(`№ ${filed[0]!.number}<`);
    data = buttons(anna);
    expect(data.filter((d) => d.startsWith("rc.o:"))).toHaveLength(2);
    expect(data).toContain("rc.l:open:0");
    expect(data).not.toContain("rc.l:open:2");
    // A page past the end shows the last one.
    await h.callback(anna, "rc.l:open:99");
    expect(h.lastReply(anna.id)).toContain("страница 2 из 2");

    // One reviewed, one decided; then the acknowledgement of the rest is overdue.
    expect(await changeStatus(svc, { id: ids.anna!, role: "compliance" }, filed[0]!.id, "review")).toBeNull();
    expect(await changeStatus(svc, { id: ids.anna!, role: "compliance" }, filed[1]!.id, "decided", "no_action")).toBeNull();
    h.clock.now = new Date("2026-03-12T05:00:00Z");
    await h.callback(anna, "rc.l:overdue:0");
    text = h.lastReply(anna.id);
    expect(text).toContain("Открытые: 9 · новые: 8 · просроченные: 8 · мои: 0 · закрытые: 1 · все: 10");
    expect(text).toContain("⚠️ просрочено подтверждение получения");
    expect(text).not.toContain(filed[0]!.number);
    await h.callback(anna, "rc.l:closed:0");
    text = h.lastReply(anna.id);
    expect(text).toContain(filed[1]!.number);
    expect(text).toContain("Принято решение: Оснований для принятия мер нет");
    expect(text).toContain("решение принято 02.03.2026");
    await h.callback(anna, "rc.l:new:0");
    expect(h.lastReply(anna.id)).not.toContain(`№ ${filed[0]!.number}<`);
  });

  it("is opened from the main menu", async () => {
    await fileReport(svc, report());
    await h.callback(anna, "menu:cases");
    expect(h.lastReply(anna.id)).toMatch(/Открытые: 1/);
  });
});

describe("case card and files", () => {
  it("shows deadlines, content (escaped), entries with dates only; sends files as copies by id", async () => {
    const filed = await fileReport(
      svc,
      report({
        category: "procurement",
        content: {
          unit: "Отдел закупок",
          who: "Начальник отдела",
          attachments: [
            { kind: "photo", fileId: "PHOTO-1" },
            { kind: "document", fileId: "DOC-1", name: "акт.pdf", mime: "application/pdf", size: 1000 },
          ],
        },
      }),
    );
    await addFromReporter(svc, filed.id, { text: "Дополнение: это повторилось 20 февраля" });
    await addFromReporter(svc, filed.id, { attachment: { kind: "voice", fileId: "VOICE-1", duration: 12 } });

    await h.callback(anna, `rc.o:${filed.number}`);
    const card = h.replies(anna.id).join("\n");
    expect(card).toContain(`Сообщение № ${filed.number}`);
    expect(card).toContain("Категория: Закупки и договоры");
    expect(card).toContain("Рассматривает: Комплаенс-служба");
    expect(card).toContain("Статус: Получено");
    expect(card).toContain("Поступило: 02.03.2026");
    expect(card).toContain(`Подтверждение получения: до ${formatDay(filed.ackDueOn)}`);
    expect(card).toContain(`Срок принятия решения: до ${formatDay(filed.decisionDueOn)}`);
    expect(card).toContain("Исполнитель: не назначен");
    expect(card).toContain("Отдел закупок");
    expect(card).toContain("требовал &lt;деньги&gt; &amp; подарки");
    expect(card).toContain(WHEN);
    expect(card).toContain("Начальник отдела");
    expect(card).toContain("Вложений: 3");
    expect(card).toContain("Дополнение от автора сообщения");
    expect(card).toContain("повторилось 20 февраля");
    expect(card).toContain("Файл от автора сообщения: голосовое сообщение");
    expect(card).not.toMatch(/\d{1,2}:\d{2}/);
    const sent = h.callsOf("sendMessage").at(-1)!.payload;
    expect(sent.parse_mode).toBe("HTML");
    const num = filed.number;
    expect(buttons(anna)).toEqual([`rc.f:${num}`, `rc.r:${num}`, `rc.n:${num}`, `rc.s:${num}`, `rc.a:${num}`, `rc.x:${num}`, `rc.h:${num}`, "rc.b"]);
    expect((await auditOf("report.viewed")).map((a) => [a.actorUserId, a.subject])).toEqual([[ids.anna, `report:${filed.number}`]]);

    h.clear();
    await h.callback(anna, `rc.f:${num}`);
    expect(h.callsOf("sendPhoto").map((c) => c.payload.photo)).toEqual(["PHOTO-1"]);
    expect(h.callsOf("sendDocument").map((c) => c.payload.document)).toEqual(["DOC-1"]);
    expect(h.callsOf("sendVoice").map((c) => c.payload.voice)).toEqual(["VOICE-1"]);
    expect(String(h.callsOf("sendPhoto")[0]!.payload.caption)).toContain(`№ ${filed.number} — файл 1 из 3`);
    expect(h.callsOf("forwardMessage")).toHaveLength(0);
    expect(h.callsOf("forwardMessages")).toHaveLength(0);

    // Back to the inbox: a new message (the card stays readable).
    h.clear();
    await h.callback(anna, "rc.b");
    expect(h.callsOf("editMessageText")).toHaveLength(0);
    expect(h.lastReply(anna.id)).toContain("Открытые: 1");
  });

  it("a long report is split into several messages, none over the limit", async () => {
    const long = ("Очень подробное описание <событий> & обстоятельств. ".repeat(79) + "\n").repeat(1).slice(0, 4000);
    const filed = await fileReport(svc, report({ content: { what: long, whenWhere: long, who: "x".repeat(300) } }));
    await addFromReporter(svc, filed.id, { text: long });
    await h.callback(anna, `rc.o:${filed.number}`);
    const parts = h.callsOf("sendMessage").map((c) => String(c.payload.text));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4096);
    expect(h.lastButtons(anna.id).length).toBeGreaterThan(0);
  });

  it("a case without files has no files button, and a forged one is answered", async () => {
    const filed = await fileReport(svc, report());
    await h.callback(anna, `rc.o:${filed.number}`);
    expect(buttons(anna)).not.toContain(`rc.f:${filed.number}`);
    h.clear();
    await h.callback(anna, `rc.f:${filed.number}`);
    expect(lastAnswer()).toMatchObject({ show_alert: true, text: expect.stringMatching(/файлов нет/) });
    expect(h.callsOf("sendPhoto")).toHaveLength(0);
  });

  it("a nonexistent case is answered, not shown", async () => {
    await h.callback(anna, "rc.o:2026-9999");
    expect(lastAnswer()).toMatchObject({ show_alert: true, text: expect.stringMatching(/не найдено/) });
    expect(h.callsOf("sendMessage")).toHaveLength(0);
  });

  it("an old button with the row id gets the stale-button answer, for every case button", async () => {
    const filed = await fileReport(svc, report());
    for (const data of [`rc.o:${filed.id}`, `rc.f:${filed.id}`, `rc.r:${filed.id}`, `rc.n:${filed.id}`, `rc.s:${filed.id}`, `rc.st:${filed.id}:received:review`, `rc.dc:${filed.id}:received:no_action`, `rc.a:${filed.id}`, `rc.as:${filed.id}:${ids.anna}`, `rc.x:${filed.id}`, `rc.h:${filed.id}`]) {
      h.clear();
      await h.callback(anna, data);
      expect(lastAnswer(), data).toMatchObject({ show_alert: true, text: expect.stringMatching(/устарела/) });
      expect(h.callsOf("sendMessage"), data).toHaveLength(0);
    }
  });
});

describe("assignment", () => {
  it("to another officer of the same audience; the mine filter; unassign; observers are not offered", async () => {
    const filed = await fileReport(svc, report());
    await h.callback(anna, `rc.a:${filed.number}`);
    const offered = buttons(anna);
    expect(offered).toEqual([`rc.as:${filed.number}:${ids.anna}`, `rc.as:${filed.number}:${ids.bolat}`]);
    await h.callback(anna, `rc.as:${filed.number}:${ids.bolat}`);
    expect(h.lastReply(anna.id)).toContain(`Рассмотрение сообщения № ${filed.number} поручено: Болатов Болат`);
    expect((await caseById(svc, filed.id))!.assigneeId).toBe(ids.bolat);

    await h.text(bolat, "/cases");
    expect(h.lastReply(bolat.id)).toContain("мои: 1");
    await h.callback(bolat, "rc.l:mine:0");
    expect(h.lastReply(bolat.id)).toContain(filed.number);
    expect(h.lastReply(bolat.id)).toContain("исполнитель: Болатов Болат");
    await h.callback(anna, "rc.l:mine:0");
    expect(h.lastReply(anna.id)).not.toContain(filed.number);
    expect(h.lastReply(anna.id)).toContain("Сообщений нет");

    // An observer cannot be made the handler of a compliance case, even by forged data.
    await h.callback(anna, `rc.as:${filed.number}:${ids.olga}`);
    expect(lastAnswer()).toMatchObject({ show_alert: true });
    expect((await caseById(svc, filed.id))!.assigneeId).toBe(ids.bolat);
    // The same person again changes nothing.
    await h.callback(anna, `rc.as:${filed.number}:${ids.bolat}`);
    expect(lastAnswer().text).toMatch(/уже назначен/);

    await h.callback(anna, `rc.a:${filed.number}`);
    expect(buttons(anna)).toContain(`rc.as:${filed.number}:0`);
    await h.callback(anna, `rc.as:${filed.number}:0`);
    expect(h.lastReply(anna.id)).toContain("снят исполнитель");
    expect((await caseById(svc, filed.id))!.assigneeId).toBeNull();
    expect((await auditOf("report.assigned")).map((a) => [a.actorUserId, JSON.parse(a.details!)])).toEqual([
      [ids.anna, { assigneeId: ids.bolat }],
      [ids.anna, { assigneeId: null }],
    ]);
  });
});

describe("status", () => {
  it("moves forward only; stale, backwards and forged moves are refused; a decision needs its outcome", async () => {
    const filed = await fileReport(svc, report());
    const id = filed.id;
    const num = filed.number;
    await h.callback(anna, `rc.s:${num}`);
    expect(buttons(anna)).toEqual([`rc.st:${num}:received:review`, `rc.st:${num}:received:checking`, `rc.st:${num}:received:decided`]);
    await h.callback(anna, `rc.st:${num}:received:review`);
    expect(h.lastReply(anna.id)).toContain("статус «На рассмотрении»");
    let s = (await caseById(svc, id))!;
    expect(s).toMatchObject({ status: "review", acknowledgedOn: "2026-03-02" });

    // The old menu: the case moved on meanwhile.
    h.clear();
    await h.callback(anna, `rc.st:${num}:received:checking`);
    expect(lastAnswer()).toMatchObject({ show_alert: true, text: expect.stringMatching(/уже изменён/) });
    // Forged: backwards, and to the same status.
    await h.callback(anna, `rc.st:${num}:review:received`);
    expect(lastAnswer().text).toMatch(/только вперёд/);
    await h.callback(anna, `rc.st:${num}:review:review`);
    expect(lastAnswer().text).toMatch(/только вперёд/);
    expect(h.callsOf("sendMessage")).toHaveLength(0);
    expect((await caseById(svc, id))!.status).toBe("review");

    // A decision first asks for the outcome, changing nothing.
    await h.callback(anna, `rc.st:${num}:review:decided`);
    expect(h.lastReply(anna.id)).toMatch(/Выберите итог рассмотрения/);
    expect(buttons(anna)).toEqual([`rc.dc:${num}:review:substantiated`, `rc.dc:${num}:review:unsubstantiated`, `rc.dc:${num}:review:referred`, `rc.dc:${num}:review:no_action`]);
    expect((await caseById(svc, id))!.status).toBe("review");
    expect(await changeStatus(svc, { id: ids.anna!, role: "compliance" }, id, "decided")).toBe("outcomeRequired");
    await h.callback(anna, `rc.dc:${num}:review:referred`);
    expect(h.lastReply(anna.id)).toContain("статус «Принято решение — Передано в уполномоченные государственные органы»");
    s = (await caseById(svc, id))!;
    expect(s).toMatchObject({ status: "decided", outcome: "referred", decidedOn: "2026-03-02" });

    // Decided: no more moves, no extension.
    await h.callback(anna, `rc.dc:${num}:review:substantiated`);
    expect(lastAnswer().text).toMatch(/уже изменён/);
    await h.callback(anna, `rc.s:${num}`);
    expect(lastAnswer().text).toMatch(/статус больше не меняется/);
    await h.callback(anna, `rc.x:${num}`);
    expect(lastAnswer().text).toMatch(/уже принято решение/);
    await h.callback(anna, `rc.o:${num}`);
    expect(h.replies(anna.id).join("\n")).toContain("Статус: Принято решение — Передано в уполномоченные государственные органы");
    const card = buttons(anna);
    expect(card).not.toContain(`rc.s:${num}`);
    expect(card).not.toContain(`rc.x:${num}`);
    expect((await caseById(svc, id))!.outcome).toBe("referred");
    expect((await auditOf("report.status")).map((a) => JSON.parse(a.details!))).toEqual([
      { from: "received", to: "review" },
      { from: "review", to: "decided", outcome: "referred" },
    ]);
  });
});

describe("reply and internal note", () => {
  it("are checked, stored, shown to the reporter (reply only) and audited without content", async () => {
    const filed = await fileReport(svc, report());
    const id = filed.id;
    const num = filed.number;
    await h.callback(anna, `rc.r:${num}`);
    expect(h.lastReply(anna.id)).toMatch(/Ответ автору сообщения № .*\(до 4000 символов\)/);
    expect(buttons(anna)).toEqual([expect.stringMatching(/^rc\.c:[A-Za-z0-9_-]{6,12}$/)]);
    await h.text(anna, "я".repeat(4001));
    expect(h.lastReply(anna.id)).toMatch(/Слишком длинный текст: допускается до 4000 символов. Ничего не сохранено/);
    await h.text(anna, "   ");
    expect(h.lastReply(anna.id)).toMatch(/Текст пустой/);
    expect(await caseEntries(svc, id)).toEqual([]);
    // Commands pass through while a text is awaited.
    await h.text(anna, "/help");
    expect(h.lastReply(anna.id)).toMatch(/\/cases/);
    await h.text(anna, "Здравствуйте! Проверка начата, сообщим о результатах.");
    expect(h.lastReply(anna.id)).toContain(`Ответ по сообщению № ${filed.number} сохранён`);
    expect(buttons(anna)).toEqual([`rc.o:${num}`, "rc.b"]);
    // The next text is not a reply any more.
    await h.text(anna, "ещё текст");
    expect(h.lastReply(anna.id)).toMatch(/не понял/);

    await h.callback(anna, `rc.n:${num}`);
    expect(h.lastReply(anna.id)).toMatch(/Автору сообщения заметка не видна/);
    await h.text(anna, "ж".repeat(4001));
    expect(h.lastReply(anna.id)).toMatch(/до 4000 символов/);
    await h.text(anna, "Служебно: запросить договоры закупки за февраль");
    expect(h.lastReply(anna.id)).toContain(`Внутренняя заметка к сообщению № ${filed.number} сохранена`);

    const visible = await caseEntries(svc, id, REPORTER_VISIBLE);
    expect(visible.map((e) => e.body)).toEqual([{ kind: "reply", text: "Здравствуйте! Проверка начата, сообщим о результатах." }]);
    const all = await caseEntries(svc, id);
    expect(all.map((e) => e.body.kind)).toEqual(["reply", "note"]);
    expect(all.every((e) => e.authorId === ids.anna && e.on === "2026-03-02")).toBe(true);
    // A reply acknowledges the case.
    expect((await caseById(svc, id))!.acknowledgedOn).toBe("2026-03-02");

    await h.callback(anna, `rc.o:${num}`);
    const card = h.replies(anna.id).join("\n");
    expect(card).toContain("✉️ Ответ автору сообщения (Асанова Анна)");
    expect(card).toContain("Внутренняя заметка (автору сообщения не видна) (Асанова Анна)");

    const audits = [...(await auditOf("report.replied")), ...(await auditOf("report.noted"))];
    expect(audits.map((a) => [a.action, a.actorUserId, a.details])).toEqual([
      ["report.replied", ids.anna, null],
      ["report.noted", ids.anna, null],
    ]);
    expect(h.logs.text).not.toContain("Проверка начата");
    expect(h.logs.text).not.toContain("договоры закупки");
    expect(h.logs.text).not.toContain("требовал");
  });

  it("the cancel button drops the pending text; a stale cancel is answered", async () => {
    const filed = await fileReport(svc, report());
    await h.callback(anna, `rc.n:${filed.number}`);
    const cancel = buttons(anna)[0]!;
    await h.callback(anna, "rc.c:zzzzzzzz");
    expect(lastAnswer().text).toMatch(/устарела/);
    await h.callback(anna, cancel);
    expect(h.lastReply(anna.id)).toMatch(/Отменено/);
    await h.text(anna, "Это уже не заметка");
    expect(await caseEntries(svc, filed.id)).toEqual([]);
    await h.callback(anna, cancel);
    expect(lastAnswer().text).toMatch(/устарела/);
  });

  it("/cancel drops a pending reply", async () => {
    const filed = await fileReport(svc, report());
    await h.callback(anna, `rc.r:${filed.number}`);
    await h.text(anna, "/cancel");
    expect(h.lastReply(anna.id)).toMatch(/Отменено/);
    expect(h.lastReply(anna.id)).toMatch(/ответ автору сообщения/);
    await h.text(anna, "Это уже не ответ");
    expect(await caseEntries(svc, filed.id)).toEqual([]);
  });

  it("starting a report ends a pending reply: one flow at a time", async () => {
    const filed = await fileReport(svc, report());
    await h.callback(anna, `rc.r:${filed.number}`);
    await h.text(anna, "/report");
    await h.text(anna, "Это уже не ответ");
    expect(await caseEntries(svc, filed.id)).toEqual([]);
  });

  it("a pending text waits one hour", async () => {
    const filed = await fileReport(svc, report());
    await h.callback(anna, `rc.r:${filed.number}`);
    h.clock.now = new Date(h.clock.now.getTime() + 61 * 60_000);
    await h.text(anna, "Поздний ответ");
    expect(h.lastReply(anna.id)).toMatch(/Время ожидания текста истекло/);
    expect(await caseEntries(svc, filed.id)).toEqual([]);
  });
});

describe("extension", () => {
  it("once, with a date not later than allowed and a reason; the reporter sees it", async () => {
    const filed = await fileReport(svc, report());
    const id = filed.id;
    const num = filed.number;
    const due = filed.decisionDueOn;
    const latest = svc.calendar.addWorkingDays(due, svc.policy.maxExtensionDays);
    await h.callback(anna, `rc.x:${num}`);
    expect(h.lastReply(anna.id)).toContain(`Текущий срок принятия решения — ${formatDay(due)}`);
    expect(h.lastReply(anna.id)).toContain(`не позднее ${formatDay(latest)} (не более 15 рабочих дней)`);
    await h.text(anna, "в конце месяца");
    expect(h.lastReply(anna.id)).toMatch(/Не удалось распознать дату/);
    await h.text(anna, formatDay(due));
    expect(h.lastReply(anna.id)).toContain(`Новая дата должна быть позже текущего срока принятия решения (${formatDay(due)})`);
    await h.text(anna, "10.03.2026");
    expect(h.lastReply(anna.id)).toMatch(/должна быть позже/);
    await h.text(anna, formatDay(svc.calendar.nextWorkingDay(latest)));
    expect(h.lastReply(anna.id)).toContain(`Слишком долгое продление: не позднее ${formatDay(latest)}`);
    await h.text(anna, formatDay(latest));
    expect(h.lastReply(anna.id)).toMatch(/напишите причину продления/);
    await h.text(anna, "п".repeat(4001));
    expect(h.lastReply(anna.id)).toMatch(/до 4000 символов/);
    expect((await caseById(svc, id))!.extendedOn).toBeNull();
    await h.text(anna, "Нужна экспертиза документов по закупке");
    expect(h.lastReply(anna.id)).toContain(`продлён до ${formatDay(latest)}`);

    const row = await h.db.prisma.report.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ decisionDueOn: latest, originalDecisionDueOn: due, extendedOn: "2026-03-02" });
    expect(row.extensionReason).not.toContain("экспертиза");
    expect((await caseEntries(svc, id, REPORTER_VISIBLE)).map((e) => e.body)).toEqual([{ kind: "extension", from: due, to: latest, reason: "Нужна экспертиза документов по закупке" }]);
    expect((await auditOf("report.extended")).map((a) => [a.actorUserId, JSON.parse(a.details!)])).toEqual([[ids.anna, { from: due, to: latest }]]);

    // The card shows it and offers no second extension; a forged button and the service refuse it.
    await h.callback(anna, `rc.o:${num}`);
    const card = h.replies(anna.id).join("\n");
    expect(card).toContain(`Срок принятия решения: до ${formatDay(latest)} (продлён 02.03.2026, первоначальный срок — ${formatDay(due)})`);
    expect(card).toContain("Нужна экспертиза документов по закупке");
    expect(buttons(anna)).not.toContain(`rc.x:${num}`);
    await h.callback(anna, `rc.x:${num}`);
    expect(lastAnswer()).toMatchObject({ show_alert: true, text: expect.stringMatching(/только один раз/) });
    expect(await extend(svc, { id: ids.anna!, role: "compliance" }, id, svc.calendar.addWorkingDays(latest, 1), "ещё")).toBe("alreadyExtended");
    expect((await caseById(svc, id))!.decisionDueOn).toBe(latest);
  });

  it("a date that has already passed is refused", async () => {
    const filed = await fileReport(svc, report());
    const dayAfterDue = svc.calendar.addWorkingDays(filed.decisionDueOn, 1);
    // Two working days after the due date: the case is overdue.
    h.clock.now = new Date(`${svc.calendar.addWorkingDays(filed.decisionDueOn, 2)}T05:00:00Z`);
    await h.callback(anna, `rc.x:${filed.number}`);
    await h.text(anna, formatDay(dayAfterDue));
    expect(h.lastReply(anna.id)).toMatch(/Эта дата уже прошла/);
    expect((await caseById(svc, filed.id))!.extendedOn).toBeNull();
  });

  it("an extension pending when someone else extends is refused at the end", async () => {
    const filed = await fileReport(svc, report());
    const latest = svc.calendar.addWorkingDays(filed.decisionDueOn, 5);
    await h.callback(anna, `rc.x:${filed.number}`);
    await h.text(anna, formatDay(latest));
    expect(await extend(svc, { id: ids.bolat!, role: "compliance" }, filed.id, latest, "Болат продлил")).toBeNull();
    await h.text(anna, "Причина Анны");
    expect(h.lastReply(anna.id)).toMatch(/только один раз/);
    expect((await caseEntries(svc, filed.id)).filter((e) => e.body.kind === "extension")).toHaveLength(1);
  });
});

describe("history", () => {
  it("lists officer actions with names and dates", async () => {
    const filed = await fileReport(svc, report());
    const num = filed.number;
    await h.callback(anna, `rc.o:${num}`);
    await h.callback(anna, `rc.o:${num}`);
    await h.callback(anna, `rc.as:${num}:${ids.bolat}`);
    await h.callback(bolat, `rc.st:${num}:received:review`);
    await h.callback(bolat, `rc.n:${num}`);
    await h.text(bolat, "Заметка Болата");
    await h.callback(bolat, `rc.h:${num}`);
    const text = h.lastReply(bolat.id);
    // Audit rows carry the database's own timestamp: shown as a date in the organisation's time zone.
    const day = "<i>\\d{2}\\.\\d{2}\\.\\d{4}</i>";
    expect(text).toContain(`История действий по сообщению № ${filed.number}`);
    expect(text).toMatch(new RegExp(`${day} — Асанова Анна: просмотр ×2\\n${day} — Асанова Анна: назначение исполнителя: Болатов Болат\\n${day} — Болатов Болат: статус: Получено → На рассмотрении\\n${day} — Болатов Болат: внутренняя заметка$`));
    expect(text).not.toContain("Заметка Болата");
    expect(text).not.toMatch(/\d{1,2}:\d{2}/);
    expect(buttons(bolat)).toEqual([`rc.o:${num}`, "rc.b"]);
  });
});

describe("routing past compliance", () => {
  it("a case involving management is invisible to compliance and handled by the observer", async () => {
    const routed = await fileReport(svc, report({ involvesManagement: true }));
    const id = routed.id;
    const num = routed.number;
    const p = h.db.prisma;
    const state = async () => JSON.stringify([await p.report.findMany(), await p.reportEntry.findMany(), await p.auditLog.findMany()]);

    await h.text(anna, "/cases");
    expect(h.lastReply(anna.id)).not.toContain(routed.number);
    expect(h.lastReply(anna.id)).toContain("все: 0");
    const before = await state();
    for (const data of [`rc.o:${num}`, `rc.f:${num}`, `rc.r:${num}`, `rc.n:${num}`, `rc.s:${num}`, `rc.st:${num}:received:review`, `rc.dc:${num}:received:no_action`, `rc.a:${num}`, `rc.as:${num}:${ids.anna}`, `rc.x:${num}`, `rc.h:${num}`]) {
      h.clear();
      await h.callback(anna, data);
      expect(lastAnswer(), data).toMatchObject({ show_alert: true, text: expect.stringMatching(/не найдено или не входит в ваш круг/) });
      expect(h.callsOf("sendMessage"), data).toHaveLength(0);
    }
    expect(await state()).toBe(before);

    await h.text(olga, "/cases");
    expect(h.lastReply(olga.id)).toContain("Руководство (минуя комплаенс-службу)");
    expect(h.lastReply(olga.id)).toContain(routed.number);
    await h.callback(olga, `rc.o:${num}`);
    expect(h.replies(olga.id).join("\n")).toContain("Рассматривает: Руководство (минуя комплаенс-службу)");
    await h.callback(olga, `rc.a:${num}`);
    expect(buttons(olga)).toEqual([`rc.as:${num}:${ids.olga}`]);
    await h.callback(olga, `rc.as:${num}:${ids.olga}`);
    await h.callback(olga, `rc.st:${num}:received:checking`);
    await h.callback(olga, `rc.r:${num}`);
    await h.text(olga, "Сообщение принято к проверке");
    expect(await caseById(svc, id)).toMatchObject({ status: "checking", assigneeId: ids.olga });
    expect((await caseEntries(svc, id, REPORTER_VISIBLE)).map((e) => e.body.kind)).toEqual(["status", "reply"]);

    // A pending text of a compliance officer for that case cannot be used either.
    const compliance = await fileReport(svc, report());
    await h.callback(olga, `rc.o:${compliance.number}`);
    expect(lastAnswer().text).toMatch(/не найдено/);
  });
});

describe("people who do not handle reports", () => {
  it("employees and strangers are refused; nothing changes", async () => {
    const filed = await fileReport(svc, report());
    const p = h.db.prisma;
    const state = async () => JSON.stringify([await p.report.findMany(), await p.reportEntry.findMany(), (await p.auditLog.findMany()).filter((a) => a.action.startsWith("report."))]);
    const before = await state();
    for (const who of [erlan, stranger]) {
      h.clear();
      await h.text(who, "/cases");
      expect(h.lastReply(who.id)).toMatch(who === stranger ? /Сначала зарегистрируйтесь/ : /недоступна/);
      for (const data of [`rc.o:${filed.number}`, `rc.st:${filed.number}:received:review`, `rc.r:${filed.number}`, "rc.l:all:0", "rc.b"]) {
        h.clear();
        await h.callback(who, data);
        expect(lastAnswer(), data).toMatchObject({ show_alert: true });
        expect(h.callsOf("sendMessage"), data).toHaveLength(0);
      }
    }
    expect(await state()).toBe(before);
  });

  it("an officer who lost the role cannot finish a pending reply", async () => {
    const filed = await fileReport(svc, report());
    await h.callback(bolat, `rc.r:${filed.number}`);
    await h.db.prisma.user.update({ where: { id: ids.bolat }, data: { role: "employee" } });
    await h.text(bolat, "Ответ после смены роли");
    expect(await caseEntries(svc, filed.id)).toEqual([]);
  });
});

describe("statistics", () => {
  it("counts a year of the officer's own audience; years to go through; XLSX in kk and ru; audited without content", async () => {
    const me = { id: ids.anna!, role: "compliance" };
    // Last year: two compliance cases (one decided), one routed past compliance.
    h.clock.now = new Date("2025-11-03T05:00:00Z");
    const old = await fileReport(svc, report({ category: "gifts" }));
    await fileReport(svc, report());
    await fileReport(svc, report({ involvesManagement: true }));
    expect(await changeStatus(svc, me, old.id, "decided", "unsubstantiated")).toBeNull();
    // This year: three compliance cases and one routed.
    h.clock.now = new Date("2026-03-02T05:00:00Z");
    const reviewed = await fileReport(svc, report());
    const decided = await fileReport(svc, report({ category: "procurement" }));
    const extended = await fileReport(svc, report({ category: "procurement" }));
    await fileReport(svc, report({ category: "conflict", involvesManagement: true }));
    expect(await changeStatus(svc, me, reviewed.id, "review")).toBeNull();
    expect(await changeStatus(svc, me, decided.id, "decided", "substantiated")).toBeNull();
    expect(await extend(svc, me, extended.id, svc.calendar.addWorkingDays(extended.decisionDueOn, 5), "Нужна экспертиза")).toBeNull();
    // The unacknowledged extended case is now late to acknowledge.
    h.clock.now = new Date("2026-03-12T05:00:00Z");

    await h.text(anna, "/cases");
    expect(buttons(anna)).toContain("rc.y");
    h.clear();
    await h.callback(anna, "rc.y");
    let text = h.lastReply(anna.id);
    expect(text).toContain("Статистика сообщений о коррупции за 2026 год");
    expect(text).toContain("Рассматривает: Комплаенс-служба");
    expect(text).toContain("Период: 01.01.2026 – 31.12.2026 · дата формирования: 12.03.2026");
    expect(text).toContain("Поступило сообщений: <b>3</b>");
    expect(text).toContain("Принято решений: 1");
    expect(text).toContain("Продлевался срок принятия решения: 1");
    expect(text).toContain("Решение ещё не принято: 2, из них с нарушением срока: 1");
    expect(text).toContain("Взяточничество: 1");
    expect(text).toContain("Закупки и договоры: 2");
    expect(text).toContain("Злоупотребление должностными полномочиями: 0");
    // The routed case is the observer's: not in compliance's numbers.
    expect(text).toContain("Конфликт интересов: 0");
    expect(text).toContain("Получено: 1");
    expect(text).toContain("На рассмотрении: 1");
    expect(text).toContain("Факты подтвердились: 1");
    expect(text).toContain("Подтверждено в срок: 2");
    expect(text).toContain("Не подтверждено, срок истёк: 1");
    expect(text).toContain("Решение принято в срок: 1");
    expect(text).toContain("Решение не принято, срок не истёк: 2");
    expect(text).not.toContain("могла быть уже удалена");
    expect(text).not.toContain(reviewed.number);
    expect(text).not.toMatch(/\d{1,2}:\d{2}/);
    expect(h.callsOf("editMessageText")).toHaveLength(0);
    // No next year: it has not begun.
    expect(buttons(anna)).toEqual(["rc.yr:2025", "rc.yx:2026:kk", "rc.yx:2026:ru", "rc.b"]);

    // Last year, in place.
    h.clear();
    await h.callback(anna, "rc.yr:2025");
    expect(h.callsOf("editMessageText")).toHaveLength(1);
    text = h.lastReply(anna.id);
    expect(text).toContain("за 2025 год");
    expect(text).toContain("Период: 01.01.2025 – 31.12.2025");
    expect(text).toContain("Поступило сообщений: <b>2</b>");
    expect(text).toContain("Подарки: 1");
    expect(text).toContain("Факты не подтвердились: 1");
    expect(text).toContain("Решение ещё не принято: 1, из них с нарушением срока: 1");
    expect(buttons(anna)).toEqual(["rc.yr:2024", "rc.yr:2026", "rc.yx:2025:kk", "rc.yx:2025:ru", "rc.b"]);
    await h.callback(anna, "rc.yr:2024");
    text = h.lastReply(anna.id);
    expect(text).toContain("За 2024 год сообщений не поступало.");
    expect(text).not.toContain("Поступило сообщений");

    // A year that has not begun, and years outside the range, are refused.
    h.clear();
    await h.callback(anna, "rc.yr:2027");
    expect(lastAnswer()).toMatchObject({ show_alert: true, text: expect.stringMatching(/2027 год ещё не наступил/) });
    await h.callback(anna, "rc.yx:2027:ru");
    expect(lastAnswer().text).toMatch(/ещё не наступил/);
    for (const data of ["rc.yr:1999", "rc.yr:2101", "rc.yr:abc", "rc.yx:2026:en", "rc.yx:2026"]) {
      await h.callback(anna, data);
      expect(lastAnswer().text, data).toMatch(/устарела или недействительна/);
    }
    expect(h.callsOf("sendMessage")).toHaveLength(0);
    expect(h.callsOf("sendDocument")).toHaveLength(0);

    // The file, in either language, with the same numbers.
    const files: Record<string, ExcelJS.Worksheet> = {};
    for (const lang of ["kk", "ru"]) {
      h.clear();
      await h.callback(anna, `rc.yx:2026:${lang}`);
      const sent = h.callsOf("sendDocument");
      expect(sent).toHaveLength(1);
      const document = sent[0]!.payload.document as { fileName: string; bytes: Buffer };
      expect(document.fileName).toBe(`reports-2026-${lang}.xlsx`);
      expect(String(sent[0]!.payload.caption)).toBe("📊 Статистика сообщений о коррупции за 2026 год — Комплаенс-служба");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(document.bytes as unknown as ArrayBuffer);
      expect(wb.worksheets).toHaveLength(1);
      files[lang] = wb.worksheets[0]!;
    }
    const row = (ws: ExcelJS.Worksheet, label: string) => {
      const found: unknown[] = [];
      ws.eachRow((r) => {
        if (r.getCell(1).value === label) found.push(r.getCell(2).value);
      });
      return found;
    };
    const ru = files.ru!;
    expect(ru.getCell("A1").value).toBe("Статистика сообщений о коррупции за период 01.01.2026 – 31.12.2026");
    expect(row(ru, "Рассматривает")).toEqual(["Комплаенс-служба"]);
    expect(row(ru, "Дата формирования")).toEqual(["12.03.2026"]);
    expect(row(ru, "Поступило сообщений")).toEqual([3]);
    expect(row(ru, "Закупки и договоры")).toEqual([2]);
    expect(row(ru, "Конфликт интересов")).toEqual([0]);
    expect(row(ru, "Не подтверждено, срок истёк")).toEqual([1]);
    const kk = files.kk!;
    expect(kk.getCell("A1").value).toBe("01.01.2026 – 31.12.2026 кезеңіндегі сыбайлас жемқорлық туралы хабарламалар статистикасы");
    expect(row(kk, "Қарайтын")).toEqual(["Комплаенс қызметі"]);
    expect(row(kk, "Келіп түскен хабарламалар")).toEqual([3]);
    expect(row(kk, "Сатып алу және шарттар")).toEqual([2]);
    expect(row(kk, "Мүдделер қақтығысы")).toEqual([0]);
    expect(row(kk, "Фактілер расталды")).toEqual([1]);
    expect(row(kk, "Расталмаған, мерзімі өтті")).toEqual([1]);

    // Every look is audited: who, which audience, which period — nothing of the cases.
    const audits = await auditOf("report.stats");
    expect(audits.map((a) => [a.actorUserId, a.subject, JSON.parse(a.details!)])).toEqual([
      [ids.anna, "reports:compliance", { from: "2026-01-01", to: "2026-12-31" }],
      [ids.anna, "reports:compliance", { from: "2025-01-01", to: "2025-12-31" }],
      [ids.anna, "reports:compliance", { from: "2024-01-01", to: "2024-12-31" }],
      [ids.anna, "reports:compliance", { from: "2026-01-01", to: "2026-12-31" }],
      [ids.anna, "reports:compliance", { from: "2026-01-01", to: "2026-12-31" }],
    ]);
    expect(h.logs.text).not.toContain("экспертиза");
  });

  it("an observer sees the numbers of the routed cases only", async () => {
    await fileReport(svc, report());
    await fileReport(svc, report({ category: "abuse" }));
    await fileReport(svc, report({ category: "conflict", involvesManagement: true }));
    await h.callback(olga, "rc.y");
    const text = h.lastReply(olga.id);
    expect(text).toContain("Рассматривает: Руководство (минуя комплаенс-службу)");
    expect(text).toContain("Поступило сообщений: <b>1</b>");
    expect(text).toContain("Конфликт интересов: 1");
    expect(text).toContain("Взяточничество: 0");
    expect(text).toContain("Злоупотребление должностными полномочиями: 0");
    await h.callback(olga, "rc.yx:2026:kk");
    expect(String(h.callsOf("sendDocument").at(-1)!.payload.caption)).toContain("Руководство (минуя комплаенс-службу)");
    expect((await auditOf("report.stats")).map((a) => [a.actorUserId, a.subject])).toEqual([
      [ids.olga, "reports:observer"],
      [ids.olga, "reports:observer"],
    ]);
  });

  it("a finished year gives the organisation's total, with the cases routed past compliance as one number; the running year says why it does not", async () => {
    h.clock.now = new Date("2025-06-02T05:00:00Z");
    await fileReport(svc, report());
    await fileReport(svc, report({ category: "gifts" }));
    await fileReport(svc, report({ category: "conflict", involvesManagement: true }));
    h.clock.now = new Date("2026-03-02T05:00:00Z");
    await fileReport(svc, report({ involvesManagement: true }));

    await h.callback(anna, "rc.yr:2025");
    let text = h.lastReply(anna.id);
    expect(text).toContain("Поступило сообщений: <b>2</b>");
    expect(text).toContain("Всего сообщений по организации: <b>3</b>. Из них сообщений о сотрудниках комплаенс-службы или руководстве — 1: их рассматривает руководство, здесь они не показаны.");
    expect(text).toContain("Конфликт интересов: 0"); // the routed case's category stays the observer's
    await h.callback(anna, "rc.y");
    text = h.lastReply(anna.id);
    expect(text).toContain("Сообщения о сотрудниках комплаенс-службы или руководстве рассматривает руководство, здесь они не учтены. Их число войдёт в общий итог по организации после окончания года");
    expect(text).not.toMatch(/Всего сообщений по организации/);

    // The observer's view of the same year, in Kazakh in the file.
    await h.callback(olga, "rc.yr:2025");
    expect(h.lastReply(olga.id)).toContain("Всего сообщений по организации: <b>3</b>. Из них сообщений, которые рассматривает комплаенс-служба, — 2; здесь они не показаны.");
    await h.callback(anna, "rc.yx:2025:kk");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((h.callsOf("sendDocument").at(-1)!.payload.document as { bytes: Buffer }).bytes as unknown as ArrayBuffer);
    const values: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r) => values.push((r.values as unknown[]).slice(1)));
    expect(values).toContainEqual(["Келіп түскен хабарламалар", 2]);
    expect(values).toContainEqual(["Ұйым бойынша барлығы келіп түскен хабарламалар", 3]);
    expect(values).toContainEqual(["оның ішінде комплаенс қызметінің қызметкерлері немесе басшылық туралы (басшылық қарайды, мұнда көрсетілмеген)", 1]);
  });

  it("a compliance officer cannot tell from anything she sees that a report about compliance staff was just filed (statistics before and after, differenced)", async () => {
    h.clock.now = new Date("2025-06-02T05:00:00Z");
    await fileReport(svc, report());
    await fileReport(svc, report({ involvesManagement: true }));
    h.clock.now = new Date("2026-03-02T05:00:00Z");
    await fileReport(svc, report({ category: "procurement" }));
    await fileReport(svc, report({ involvesManagement: true }));

    /** Everything the statistics show her: both years' text, and their files in both languages. */
    const look = async (): Promise<unknown[]> => {
      const seen: unknown[] = [];
      for (const year of [2025, 2026]) {
        h.clear();
        await h.callback(anna, `rc.yr:${year}`);
        seen.push(h.lastReply(anna.id));
        for (const lang of ["kk", "ru"]) {
          await h.callback(anna, `rc.yx:${year}:${lang}`);
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load((h.callsOf("sendDocument").at(-1)!.payload.document as { bytes: Buffer }).bytes as unknown as ArrayBuffer);
          wb.worksheets[0]!.eachRow((r) => seen.push((r.values as unknown[]).slice(1)));
        }
      }
      h.clear();
      await h.text(anna, "/cases");
      seen.push(h.lastReply(anna.id));
      return seen;
    };
    const before = await look();
    // The attack: a report about compliance staff is filed, and she looks again the same day.
    await fileReport(svc, report({ category: "abuse", involvesManagement: true }));
    expect(await look()).toEqual(before);
    // A report of her own audience does show (so the looks above were not blind).
    await fileReport(svc, report({ category: "abuse" }));
    expect(await look()).not.toEqual(before);
  });

  it("is refused to employees and strangers", async () => {
    await fileReport(svc, report());
    for (const who of [erlan, stranger]) {
      for (const data of ["rc.y", "rc.yr:2026", "rc.yx:2026:ru"]) {
        h.clear();
        await h.callback(who, data);
        expect(lastAnswer(), data).toMatchObject({ show_alert: true, text: expect.stringMatching(who === stranger ? /Сначала зарегистрируйтесь/ : /недоступна/) });
        expect(h.callsOf("sendMessage"), data).toHaveLength(0);
        expect(h.callsOf("sendDocument"), data).toHaveLength(0);
      }
    }
    expect(await auditOf("report.stats")).toEqual([]);
  });
});
