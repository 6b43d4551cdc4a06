// Done with evidence, and need more time → compliance approves or refuses.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, type TgUser } from "../../../support/harness.js";

const officer: TgUser = { id: 710001, first_name: "Ерлан", language_code: "ru" };
const compliance: TgUser = { id: 500001, first_name: "Анна", language_code: "ru" };
const other: TgUser = { id: 710009, first_name: "Other", language_code: "ru" };
let h: Harness;
let occurrenceId: number;

beforeEach(async () => {
  h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: String(compliance.id) }, now: new Date("2026-03-02T05:00:00Z") });
  await h.text(compliance, "/start");
  const p = h.db.prisma;
  const me = await p.user.create({ data: { fullName: "Ахметов Ерлан", phone: "77010000001", role: "officer", language: "ru", telegramId: BigInt(officer.id), registeredAt: new Date() } });
  await p.user.create({ data: { fullName: "Other Person", phone: "77010000009", role: "officer", language: "ru", telegramId: BigInt(other.id), registeredAt: new Date() } });
  const task = await p.task.create({ data: { kind: "plan", number: "3", title: "Проверка аффилированности", completionForm: "Справка", deadline: "{}", assignees: { create: [{ userId: me.id }] } } });
  occurrenceId = (await p.taskOccurrence.create({ data: { taskId: task.id, dueOn: "2026-03-06" } })).id;
  h.clear();
});
afterEach(() => h.destroy());

describe("done", () => {
  it("asks for evidence, stores it encrypted, confirms, tells compliance", async () => {
    await h.text(officer, "/tasks");
    expect(h.lastReply(officer.id)).toMatch(/1\) 06\.03\.2026 — 3\. Проверка аффилированности/);
    await h.callback(officer, `tk.o:${occurrenceId}`);
    expect(h.lastButtons(officer.id).map((b) => b.data)).toEqual([`tk.d:${occurrenceId}`, `tk.x:${occurrenceId}`]);
    await h.callback(officer, `tk.d:${occurrenceId}`);
    expect(h.lastReply(officer.id)).toMatch(/форма завершения: Справка/);
    await h.text(officer, "x".repeat(2001));
    expect(h.lastReply(officer.id)).toMatch(/до 2000 символов/);
    await h.text(officer, "Справка № 12 от 05.03.2026 направлена руководству");
    expect(h.replies(officer.id).join("\n")).toMatch(/Отмечено как выполненное: «3\. Проверка аффилированности»/);
    expect(h.replies(compliance.id).join("\n")).toMatch(/Ахметов Ерлан отметил\(а\) выполнение/);
    const o = await h.db.prisma.taskOccurrence.findUnique({ where: { id: occurrenceId } });
    expect(o).toMatchObject({ status: "done", doneOn: "2026-03-02" });
    expect(o!.evidence).not.toContain("Справка № 12");
    expect(JSON.parse(h.deps.keyring.decryptText(o!.evidence!))).toEqual({ text: "Справка № 12 от 05.03.2026 направлена руководству" });
    // The same button again: already closed, nothing changes.
    await h.callback(officer, `tk.d:${occurrenceId}`);
    expect(h.callsOf("answerCallbackQuery").at(-1)?.payload.text).toMatch(/уже закрыт/);
  });

  it("takes a file as evidence", async () => {
    await h.callback(officer, `tk.d:${occurrenceId}`);
    await h.document(officer, "spravka.pdf", "application/pdf");
    expect(h.lastReply(officer.id)).toMatch(/Отмечено как выполненное/);
    const o = await h.db.prisma.taskOccurrence.findUnique({ where: { id: occurrenceId } });
    expect(JSON.parse(h.deps.keyring.decryptText(o!.evidence!))).toMatchObject({ fileName: "spravka.pdf" });
  });

  it("/cancel names the answer it ended", async () => {
    await h.callback(officer, `tk.d:${occurrenceId}`);
    await h.text(officer, "/cancel");
    expect(h.lastReply(officer.id)).toBe("Отменено: отметка о выполнении.");
    await h.callback(officer, `tk.x:${occurrenceId}`);
    await h.text(officer, "Ждём ответ поставщика");
    await h.text(officer, "/cancel");
    expect(h.lastReply(officer.id)).toBe("Отменено: запрос продления срока.");
    expect(await h.db.prisma.extensionRequest.count()).toBe(0);
  });

  it("someone not responsible cannot close it", async () => {
    await h.callback(other, `tk.d:${occurrenceId}`);
    expect(h.callsOf("answerCallbackQuery").at(-1)?.payload.text).toMatch(/устарела/);
    expect((await h.db.prisma.taskOccurrence.findUnique({ where: { id: occurrenceId } }))!.status).toBe("open");
  });
});

describe("need more time", () => {
  async function request(date = "20.03.2026"): Promise<number> {
    await h.callback(officer, `tk.x:${occurrenceId}`);
    await h.text(officer, "Ждём ответ поставщика");
    await h.text(officer, date);
    return (await h.db.prisma.extensionRequest.findFirstOrThrow({ orderBy: { id: "desc" } })).id;
  }

  it("checks the date, then compliance approves: the due date moves and the officer is told", async () => {
    await h.callback(officer, `tk.x:${occurrenceId}`);
    await h.text(officer, "Ждём ответ поставщика");
    await h.text(officer, "05.03.2026");
    expect(h.lastReply(officer.id)).toMatch(/позже текущего срока \(06\.03\.2026\)/);
    await h.text(officer, "20.03.2026");
    expect(h.lastReply(officer.id)).toMatch(/до 20\.03\.2026 отправлен/);
    expect(h.lastReply(compliance.id)).toMatch(/просит продлить срок «3\. Проверка аффилированности» с 06\.03\.2026 до 20\.03\.2026\.\nПричина: Ждём ответ поставщика/);
    const [approve] = h.lastButtons(compliance.id);
    await h.callback(compliance, approve!.data);
    expect(await h.db.prisma.taskOccurrence.findUnique({ where: { id: occurrenceId } })).toMatchObject({ dueOn: "2026-03-20", originalDueOn: "2026-03-06" });
    expect(h.lastReply(officer.id)).toBe("✅ Срок «3. Проверка аффилированности» продлён до 20.03.2026.");
    // A second decision on the same request is refused.
    await h.callback(compliance, approve!.data);
    expect(h.callsOf("answerCallbackQuery").at(-1)?.payload.text).toMatch(/уже принято решение/);
    expect(await h.db.prisma.auditLog.count({ where: { action: "task.extension_approved" } })).toBe(1);
  });

  it("a day off is refused, naming it, with the nearest working days as buttons", async () => {
    await h.callback(officer, `tk.x:${occurrenceId}`);
    await h.text(officer, "Ждём ответ поставщика");
    await h.text(officer, "16.12.2026");
    expect(h.lastReply(officer.id)).toBe("16.12.2026 — нерабочий день (День Независимости), срок не может приходиться на этот день. Можно выбрать ближайший рабочий день: 15.12.2026, 17.12.2026 — кнопкой ниже, или напишите другую дату.");
    expect(h.lastButtons(officer.id).map((b) => [b.text, b.data])).toEqual([["📅 15.12.2026", `tk.xd:${occurrenceId}:20261215`], ["📅 17.12.2026", `tk.xd:${occurrenceId}:20261217`]]);
    expect(await h.db.prisma.extensionRequest.count()).toBe(0);
    await h.text(officer, "19.12.2026");
    expect(h.lastReply(officer.id)).toMatch(/^19\.12\.2026 — нерабочий день \(суббота\)/);
    await h.callback(officer, `tk.xd:${occurrenceId}:20261221`);
    expect(h.lastReply(officer.id)).toMatch(/до 21\.12\.2026 отправлен/);
    expect(await h.db.prisma.extensionRequest.findFirst()).toMatchObject({ proposedDueOn: "2026-12-21" });
    // The same button again: the answer is over.
    await h.callback(officer, `tk.xd:${occurrenceId}:20261217`);
    expect(h.callsOf("answerCallbackQuery").at(-1)?.payload.text).toMatch(/устарела/);
    expect(await h.db.prisma.extensionRequest.count()).toBe(1);
  });

  it("in Kazakh too", async () => {
    await h.db.prisma.user.updateMany({ where: { telegramId: BigInt(officer.id) }, data: { language: "kk" } });
    await h.callback(officer, `tk.x:${occurrenceId}`);
    await h.text(officer, "Жеткізушінің жауабын күтеміз");
    await h.text(officer, "16.12.2026");
    expect(h.lastReply(officer.id)).toMatch(/^16\.12\.2026 — жұмыс істелмейтін күн \(Тәуелсіздік күні\)/);
  });

  it("compliance cannot approve a request onto a day off (made before the check)", async () => {
    const me = await h.db.prisma.user.findFirstOrThrow({ where: { telegramId: BigInt(officer.id) } });
    const request = await h.db.prisma.extensionRequest.create({ data: { occurrenceId, requestedById: me.id, reason: "—", proposedDueOn: "2026-12-16" } });
    await h.callback(compliance, `tk.xa:${request.id}`);
    expect(h.callsOf("answerCallbackQuery").at(-1)?.payload).toMatchObject({ show_alert: true, text: expect.stringMatching(/^16\.12\.2026 — нерабочий день \(День Независимости\)/) });
    expect((await h.db.prisma.taskOccurrence.findUnique({ where: { id: occurrenceId } }))!.dueOn).toBe("2026-03-06");
    await h.callback(compliance, `tk.xr:${request.id}`);
    expect(h.lastReply(officer.id)).toMatch(/отказано/);
  });

  it("refused: the due date stays and the officer is told", async () => {
    const id = await request();
    await h.callback(compliance, `tk.xr:${id}`);
    expect((await h.db.prisma.taskOccurrence.findUnique({ where: { id: occurrenceId } }))!.dueOn).toBe("2026-03-06");
    expect(h.lastReply(officer.id)).toMatch(/отказано: срок остаётся 06\.03\.2026/);
  });

  it("one request at a time; /cancel abandons an answer in progress", async () => {
    await request();
    await h.callback(officer, `tk.x:${occurrenceId}`);
    expect(h.lastReply(officer.id)).toMatch(/уже на рассмотрении/);
    await h.callback(officer, `tk.d:${occurrenceId}`);
    await h.text(officer, "/cancel");
    await h.text(officer, "просто текст");
    expect((await h.db.prisma.taskOccurrence.findUnique({ where: { id: occurrenceId } }))!.status).toBe("open");
  });
});

describe("a plan item typed in the bot", () => {
  it("measure → deadline (explained when unreadable) → responsible → confirm", async () => {
    await h.text(compliance, "/plan_add");
    await h.text(compliance, "Провести обучение по антикоррупционному законодательству");
    await h.text(compliance, "когда-нибудь");
    expect(h.lastReply(compliance.id)).toMatch(/дата не распознана/);
    await h.text(compliance, "ежеквартально к 5 числу месяца, следующего за отчётным");
    await h.text(compliance, "Ахметов Ерлан, Юрист");
    const summary = h.lastReply(compliance.id);
    expect(summary).toMatch(/05\.04\.2026, 05\.07\.2026, 05\.10\.2026, 05\.01\.2027/);
    expect(summary).toMatch(/Ответственные из списка сотрудников: Ахметов Ерлан/);
    expect(summary).toMatch(/Не найдены в списке: Юрист/);
    const confirm = h.lastButtons(compliance.id)[0]!;
    await h.callback(compliance, confirm.data);
    expect(h.lastReply(compliance.id)).toMatch(/Пункт 2 добавлен, сроков: 4/);
    await h.callback(compliance, confirm.data);
    expect(await h.db.prisma.task.count()).toBe(2);
  });
});

describe("a plan item's deadline on a day off", () => {
  it("is refused, naming the day, with the nearest working days as buttons", async () => {
    await h.text(compliance, "/plan_add");
    await h.text(compliance, "Провести обучение");
    await h.text(compliance, "16.12.2026");
    expect(h.lastReply(compliance.id)).toMatch(/^16\.12\.2026 — нерабочий день \(День Независимости\), срок не может приходиться на этот день/);
    const buttons = h.lastButtons(compliance.id);
    expect(buttons.map((b) => b.text)).toEqual(["📅 15.12.2026", "📅 17.12.2026"]);
    await h.callback(compliance, buttons[1]!.data);
    expect(h.lastReply(compliance.id)).toMatch(/^Ответственные:/);
    await h.text(compliance, "Ахметов Ерлан");
    expect(h.lastReply(compliance.id)).toMatch(/Срок: 17\.12\.2026 → 17\.12\.2026/);
    // A button of that question, pressed again, is stale.
    await h.callback(compliance, buttons[0]!.data);
    expect(h.callsOf("answerCallbackQuery").at(-1)?.payload.text).toMatch(/устарела/);
  });
});

describe("assigning people by hand", () => {
  it("compliance assigns someone from the roster to an item; it appears in their /tasks", async () => {
    await h.callback(compliance, `tk.o:${occurrenceId}`);
    expect(h.lastReply(compliance.id)).toMatch(/Назначены: Ахметов Ерлан/);
    const assign = h.lastButtons(compliance.id).find((b) => b.data.startsWith("tk.as:"))!;
    await h.callback(compliance, assign.data);
    await h.text(compliance, "нет такого");
    expect(h.lastReply(compliance.id)).toMatch(/Никого не нашёл/);
    await h.text(compliance, "other");
    const pick = h.lastButtons(compliance.id).find((b) => b.data.startsWith("tk.asp:"))!;
    await h.callback(compliance, pick.data);
    expect(h.lastReply(compliance.id)).toMatch(/Other Person назначен\(а\) ответственным/);
    await h.text(other, "/tasks");
    expect(h.lastReply(other.id)).toMatch(/06\.03\.2026 — 3\. Проверка аффилированности/);
    // Pressing the same choice again changes nothing.
    await h.callback(compliance, pick.data);
    expect(await h.db.prisma.taskAssignee.count()).toBe(2);
  });
});
