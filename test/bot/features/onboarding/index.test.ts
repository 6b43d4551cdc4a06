import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { languageButton } from "../../../../src/bot/features/onboarding/buttons.js";
import { inviteDepartmentDaysButton, invitePersonDaysButton } from "../../../../src/bot/features/admin/buttons.js";
import { prepareSetupCode } from "../../../../src/services/setup-code.js";
import { createHarness, type Harness, type TgUser } from "../../../support/harness.js";

const officer: TgUser = { id: 500001, first_name: "Гүлнар", last_name: "Сәрсенбаева", language_code: "kk" };
const employee: TgUser = { id: 600001, first_name: "Ерлан", language_code: "ru" };
const stranger: TgUser = { id: 600099, first_name: "Someone", language_code: "en" };

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) } });
  await h.db.prisma.department.create({ data: { name: "Служба закупок" } });
  await h.db.prisma.user.create({ data: { fullName: "Ахметов Ерлан Серикович", phone: "77011112233", role: "officer", departmentId: 1 } });
});
afterEach(() => h.destroy());

describe("/start and language", () => {
  it("asks a newcomer for the language in both languages, then for the phone in the chosen one", async () => {
    await h.text(employee, "/start");
    expect(h.lastReply(employee.id)).toBe("Тілді таңдаңыз / Выберите язык");
    expect(h.lastButtons(employee.id).map((b) => b.data)).toEqual(["lang:kk", "lang:ru"]);
    await h.callback(employee, languageButton.encode(["kk"]));
    const texts = h.replies(employee.id);
    expect(texts).toContain("Тіл: қазақ тілі.");
    expect(h.lastReply(employee.id)).toMatch(/телефон нөміріңізбен бөлісіңіз/);
    const kb = h.callsOf("sendMessage").at(-1)!.payload.reply_markup as { keyboard: { request_contact?: boolean }[][] };
    expect(kb.keyboard[0]![0]!.request_contact).toBe(true);
    // The choice is remembered without storing the Telegram id.
    const rows = await h.db.prisma.chatLanguage.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.chatKey).not.toContain(String(employee.id));
    h.clear();
    await h.text(employee, "/start");
    expect(h.lastReply(employee.id)).toMatch(/телефон нөміріңізбен/);
  });

  it("lets a registered user switch language; texts follow at once", async () => {
    await h.contact(employee, "+7 701 111 22 33");
    await h.text(employee, "/language");
    await h.callback(employee, languageButton.encode(["ru"]));
    expect(h.replies(employee.id)).toContain("Язык: русский.");
    expect((await h.db.prisma.user.findFirst({ where: { phone: "77011112233" } }))!.language).toBe("ru");
    await h.callback(employee, languageButton.encode(["kk"]));
    expect(h.lastReply(employee.id)).toMatch(/әрекетті таңдаңыз/);
  });
});

describe("registration by phone contact", () => {
  it("binds the roster entry and shows the menu for the role", async () => {
    await h.contact(employee, "+7 701 111 22 33");
    const user = await h.db.prisma.user.findFirst({ where: { phone: "77011112233" } });
    expect(user!.telegramId).toBe(BigInt(employee.id));
    expect(user!.registeredAt).not.toBeNull();
    expect(h.replies(employee.id)).toContain("Ахметов Ерлан Серикович, вы зарегистрированы.");
    const scoped = h.callsOf("setMyCommands").at(-1)!.payload;
    expect(scoped.scope).toEqual({ type: "chat", chat_id: employee.id });
  });

  it("refuses someone else's contact, an unknown phone, and a phone already bound", async () => {
    await h.contact(employee, "+7 701 111 22 33", 42);
    expect(h.lastReply(employee.id)).toMatch(/собственный номер/);
    await h.contact(stranger, "+7 700 000 00 00");
    expect(h.lastReply(stranger.id)).toMatch(/Бұл нөмір қызметкерлер тізімінде жоқ|нет в списке/);
    await h.contact(employee, "+7 701 111 22 33");
    const intruder: TgUser = { id: 600002, first_name: "X", language_code: "ru" };
    await h.contact(intruder, "87011112233");
    expect(h.lastReply(intruder.id)).toMatch(/уже привязан к другой/);
    expect((await h.db.prisma.user.findFirst({ where: { phone: "77011112233" } }))!.telegramId).toBe(BigInt(employee.id));
  });
});

describe("invite links", () => {
  async function issue(kind: "person" | "department", targetId: number, days = 7): Promise<string> {
    await h.text(officer, "/start");
    h.clear();
    await h.callback(officer, kind === "person" ? invitePersonDaysButton.encode([targetId, days]) : inviteDepartmentDaysButton.encode([targetId, days]));
    const link = /https:\/\/t\.me\/adal_test_bot\?start=(i_[A-Za-z0-9_-]+)/.exec(h.lastReply(officer.id));
    expect(link, h.lastReply(officer.id)).not.toBeNull();
    return link![1]!;
  }

  it("a personal invite registers that person once; the token itself is not stored", async () => {
    const token = await issue("person", 1);
    const stored = await h.db.prisma.invite.findFirst();
    expect(JSON.stringify(stored)).not.toContain(token.slice(2));
    await h.text(employee, `/start ${token}`);
    expect((await h.db.prisma.user.findUnique({ where: { id: 1 } }))!.telegramId).toBe(BigInt(employee.id));
    const other: TgUser = { id: 600003, first_name: "Other", language_code: "ru" };
    await h.text(other, `/start ${token}`);
    expect(h.lastReply(other.id)).toMatch(/уже использовано/);
    expect(await h.db.prisma.auditLog.count({ where: { action: "invite.created" } })).toBe(1);
  });

  it("a department invite asks the full name (kept across updates) and registers into the department", async () => {
    const token = await issue("department", 1);
    await h.text(stranger, `/start ${token}`);
    expect(h.lastReply(stranger.id)).toMatch(/«Служба закупок»/);
    await h.text(stranger, "/help");
    expect(h.lastReply(stranger.id)).toMatch(/\/cancel/);
    await h.text(stranger, "Ж");
    expect(h.lastReply(stranger.id)).toMatch(/екі сөз|двух слов/);
    await h.text(stranger, "Жумабаев  Арман Болатович");
    const user = await h.db.prisma.user.findUnique({ where: { telegramId: BigInt(stranger.id) } });
    expect(user).toMatchObject({ fullName: "Жумабаев Арман Болатович", departmentId: 1, role: "employee" });
    expect((await h.db.prisma.invite.findFirst())!.usedCount).toBe(1);
  });

  it("a department link wants a surname and a first name, not one word or an initial", async () => {
    const token = await issue("department", 1);
    await h.text(stranger, `/start ${token}`);
    const people = await h.db.prisma.user.count();
    for (const name of ["Наталья", "Иванова Н.", "Н. С."]) {
      await h.text(stranger, name);
      expect(h.lastReply(stranger.id)).toMatch(/екі сөз|двух слов/);
    }
    expect(await h.db.prisma.user.count()).toBe(people);
    await h.text(stranger, "Иванова Наталья");
    expect(await h.db.prisma.user.findUnique({ where: { telegramId: BigInt(stranger.id) } })).toMatchObject({ fullName: "Иванова Наталья", departmentId: 1 });
  });

  it("a department link with the name of an unregistered row of that department asks for the phone, and the contact binds that row", async () => {
    const token = await issue("department", 1);
    await h.text(employee, `/start ${token}`);
    const people = await h.db.prisma.user.count();
    // The roster row is «Ахметов Ерлан Серикович»; the patronymic left out, another order, lower case: the same name.
    await h.text(employee, "ерлан  Ахметов");
    expect(h.lastReply(employee.id)).toBe(
      "В списке сотрудников подразделения «Служба закупок» уже есть «Ахметов Ерлан Серикович». Если это вы, поделитесь номером телефона (кнопка ниже): я свяжу вас с этой строкой списка. Если это не вы, обратитесь в комплаенс-службу.",
    );
    const kb = h.callsOf("sendMessage").at(-1)!.payload.reply_markup as { keyboard: { request_contact?: boolean }[][] };
    expect(kb.keyboard[0]![0]!.request_contact).toBe(true);
    // No second person, the link not counted.
    expect(await h.db.prisma.user.count()).toBe(people);
    expect((await h.db.prisma.invite.findFirst())!.usedCount).toBe(0);
    await h.contact(employee, "+7 701 111 22 33");
    expect(await h.db.prisma.user.count()).toBe(people);
    expect((await h.db.prisma.user.findUnique({ where: { id: 1 } }))!.telegramId).toBe(BigInt(employee.id));
    expect(h.replies(employee.id)).toContain("Ахметов Ерлан Серикович, вы зарегистрированы.");
  });

  it("a department registration asks for text when something else arrives, and /cancel ends it", async () => {
    const token = await issue("department", 1);
    await h.text(stranger, `/start ${token}`);
    await h.contact(stranger, "+7 701 111 22 33");
    expect(h.lastReply(stranger.id)).toMatch(/текстом|мәтінмен/);
    expect((await h.db.prisma.user.findFirst({ where: { phone: "77011112233" } }))!.telegramId).toBeNull();
    await h.text(stranger, "/cancel");
    expect(h.lastReply(stranger.id)).toMatch(/регистрация по ссылке подразделения|бөлімше/);
    await h.text(stranger, "Жумабаев Арман Болатович");
    expect(await h.db.prisma.user.findUnique({ where: { telegramId: BigInt(stranger.id) } })).toBeNull();
    expect((await h.db.prisma.invite.findFirst())!.usedCount).toBe(0);
  });

  it("a department registration re-checks the invite when the name arrives", async () => {
    const token = await issue("department", 1);
    await h.text(stranger, `/start ${token}`);
    const invite = await h.db.prisma.invite.findFirst();
    await h.callback(officer, `inv.r:${invite!.id}`);
    await h.text(stranger, "Жумабаев Арман Болатович");
    expect(h.lastReply(stranger.id)).toMatch(/отозвано|күші жойылған/);
    expect(await h.db.prisma.user.findUnique({ where: { telegramId: BigInt(stranger.id) } })).toBeNull();
  });

  it("expired, revoked and unknown invites are explained and change nothing", async () => {
    const token = await issue("person", 1, 1);
    h.clock.now = new Date(h.clock.now.getTime() + 2 * 86_400_000);
    await h.text(employee, `/start ${token}`);
    expect(h.lastReply(employee.id)).toMatch(/Срок действия приглашения истёк/);
    await h.text(employee, "/start i_AAAAAAAAAAAAAAAAAAAAAA");
    expect(h.lastReply(employee.id)).toMatch(/Приглашение не найдено/);
    const token2 = await issue("person", 1, 7);
    const invite = await h.db.prisma.invite.findFirst({ orderBy: { id: "desc" } });
    await h.callback(officer, `inv.r:${invite!.id}`);
    await h.text(employee, `/start ${token2}`);
    expect(h.lastReply(employee.id)).toMatch(/отозвано/);
    expect((await h.db.prisma.user.findUnique({ where: { id: 1 } }))!.telegramId).toBeNull();
  });
});

describe("bootstrap of the first compliance officer", () => {
  it("from configuration: the configured id is a compliance officer at first contact", async () => {
    await h.text(officer, "/start");
    const user = await h.db.prisma.user.findUnique({ where: { telegramId: BigInt(officer.id) } });
    expect(user!.role).toBe("compliance");
    expect(h.replies(officer.id).join("\n")).toMatch(/комплаенс-офицер/);
    // No roster row holds her yet, and the roster has unregistered entries: asked for her contact.
    expect(h.lastReply(officer.id)).toMatch(/телефон нөміріңізбен бөлісіңіз/);
    expect(h.lastButtons(officer.id).map((b) => b.data)).toEqual(expect.arrayContaining(["menu:roster", "menu:invite", "menu:invites"]));
  });

  it("by a one-time setup code", async () => {
    const h2 = await createHarness();
    try {
      const code = await prepareSetupCode(h2.db.prisma, h2.deps.keyring, []);
      expect(code).toMatch(/^[A-Z2-9]{10}$/);
      await h2.text(stranger, "/setup WRONGCODE1");
      expect(h2.lastReply(stranger.id)).toMatch(/Код қате|Код неверный/);
      await h2.text(stranger, `/setup ${code}`);
      expect((await h2.db.prisma.user.findUnique({ where: { telegramId: BigInt(stranger.id) } }))!.role).toBe("compliance");
      const again: TgUser = { id: 777, first_name: "Late", language_code: "ru" };
      await h2.text(again, `/setup ${code}`);
      expect(h2.lastReply(again.id)).toMatch(/Код неверный или уже использован/);
      expect(await prepareSetupCode(h2.db.prisma, h2.deps.keyring, [])).toBeNull();
    } finally {
      await h2.destroy();
    }
  });
});

describe("help, menu and unknown input", () => {
  it("shows each role only its commands", async () => {
    await h.text(stranger, "/help");
    const guestHelp = h.lastReply(stranger.id);
    expect(guestHelp).toMatch(/\/start/);
    expect(guestHelp).not.toMatch(/\/import|\/invite|\/roster|\/setup/);
    await h.text(officer, "/help");
    expect(h.lastReply(officer.id)).toMatch(/\/import[\s\S]*\/invite/);
  });

  it("answers unknown commands, plain text and stray files in the user's language", async () => {
    await h.text(employee, "/frobnicate");
    expect(h.lastReply(employee.id)).toBe("Такой команды нет. Список доступных команд: /help");
    await h.text(employee, "привет");
    expect(h.lastReply(employee.id)).toMatch(/\/menu/);
    await h.document(employee, "x.csv", "text/csv");
    expect(h.lastReply(employee.id)).toMatch(/не жду файл/);
    // Not pointed to an officer's command: files go with an anonymous report.
    await h.document(employee, "scan.pdf", "application/pdf");
    expect(h.lastReply(employee.id)).not.toMatch(/\/import/);
    expect(h.lastReply(employee.id)).toMatch(/анонимному сообщению о коррупции.*\/report/);
    await h.document(stranger, "scan.pdf", "application/pdf");
    expect(h.lastReply(stranger.id)).toMatch(/\/report/);
    // Someone who loads the roster is.
    await h.document(officer, "scan.pdf", "application/pdf");
    expect(h.lastReply(officer.id)).toMatch(/қызметкерлер тізімі — \/import/);
  });
});
