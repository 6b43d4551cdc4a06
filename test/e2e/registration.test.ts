// End to end over HTTP: the real app talks to the local Bot API emulator, in long-polling
// and in webhook mode. A compliance officer imports the roster; employees register in kk
// and ru; the app is restarted in the middle of a conversation.
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import type { TgUser } from "../support/bot-api-emulator.js";
import { startTestApp, type RunningApp } from "../support/app.js";

const officer: TgUser = { id: 500001, first_name: "Гүлнар", language_code: "kk" };
const aset: TgUser = { id: 600001, first_name: "Асет", language_code: "kk" };
const anna: TgUser = { id: 600002, first_name: "Анна", language_code: "ru" };

let running: RunningApp | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function rosterXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Қызметкерлер");
  ws.addRow(["Аты-жөні", "Телефон", "Бөлімше", "Лауазымы", "Рөлі", "Тіл"]);
  ws.addRow(["Асет Нұрланұлы Серікбаев", "+7 701 111 11 11", "Сатып алу бөлімі", "Маман", "қызметкер", "kk"]);
  ws.addRow(["Анна Петровна Ким", "8 702 222 22 22", "Бухгалтерия", "Бухгалтер", "ответственный", "ru"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

for (const mode of ["polling", "webhook"] as const) {
  describe(`registration in ${mode} mode`, () => {
    it("officer imports the roster, employees register by contact in their language", async () => {
      running = await startTestApp({ mode, env: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) } });
      const { emulator } = running;
      if (mode === "webhook") {
        expect(emulator.webhookConfig()?.url).toMatch(/\/tg\/hook$/);
      }

      // Officer (bootstrapped from configuration): menu at once, then /import, the XLSX file, confirm.
      await emulator.sendCommand(officer, "/start");
      let msg = await emulator.waitFor((m) => /әрекетті таңдаңыз/.test(m.text ?? ""), { chatId: officer.id });
      await emulator.clickButton(officer, msg, /Тіл/);
      msg = await emulator.waitFor((m) => /Тілді таңдаңыз/.test(m.text ?? ""), { chatId: officer.id });
      await emulator.clickButton(officer, msg, /Қазақша/);
      await emulator.waitFor((m) => /Тіл: қазақ тілі/.test(m.text ?? ""), { chatId: officer.id });
      await emulator.sendCommand(officer, "/import");
      await emulator.waitFor((m) => /CSV немесе XLSX/.test(m.text ?? ""), { chatId: officer.id });
      await emulator.sendDocument(officer, { fileName: "roster.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content: await rosterXlsx() });
      msg = await emulator.waitFor((m) => /Файл тексерілді: қызметкерлер саны — 2,/.test(m.text ?? ""), { chatId: officer.id });
      await emulator.clickButton(officer, msg, /Жүктеу|жүктеу/);
      await emulator.waitFor((m) => /Тізім жүктелді: қосылғаны — 2/.test(m.text ?? ""), { chatId: officer.id });

      // Employees: /start → language → share contact.
      for (const [user, lang, phone, done] of [
        [aset, /Қазақша/, "+77011111111", /Асет Нұрланұлы Серікбаев, сіз сәтті тіркелдіңіз/],
        [anna, /Русский/, "77022222222", /Анна Петровна Ким, вы зарегистрированы/],
      ] as const) {
        await emulator.sendCommand(user, "/start");
        const pick = await emulator.waitFor((m) => /Выберите язык/.test(m.text ?? ""), { chatId: user.id });
        await emulator.clickButton(user, pick, lang);
        await emulator.waitFor((m) => /📱/.test(JSON.stringify(m.sentReplyMarkup ?? {})), { chatId: user.id });
        await emulator.sendContact(user, phone);
        await emulator.waitFor((m) => done.test(m.text ?? ""), { chatId: user.id });
      }

      const users = await running.db.prisma.user.findMany({ orderBy: { id: "asc" }, include: { department: true } });
      expect(users.map((u) => [u.fullName, u.telegramId?.toString(), u.language, u.role, u.department?.name])).toEqual([
        ["Гүлнар", String(officer.id), "kk", "compliance", undefined],
        ["Асет Нұрланұлы Серікбаев", String(aset.id), "kk", "employee", "Сатып алу бөлімі"],
        ["Анна Петровна Ким", String(anna.id), "ru", "officer", "Бухгалтерия"],
      ]);
      // Commands: public lists per language, and a chat-scoped list per registered user.
      expect(emulator.myCommands({ languageCode: "kk" }).map((c) => c.command)).toContain("start");
      expect(emulator.myCommands({ scope: { type: "chat", chat_id: officer.id } }).map((c) => c.command)).toEqual(expect.arrayContaining(["import", "invite", "roster"]));
      expect(emulator.myCommands({ scope: { type: "chat", chat_id: anna.id } }).map((c) => c.command)).not.toContain("import");
      if (mode === "webhook") {
        expect(emulator.webhookDeliveries.length).toBeGreaterThan(5);
        expect(emulator.webhookDeliveries.every((d) => d.status === 200)).toBe(true);
      }
    });
  });
}

describe("webhook secret", () => {
  it("rejects updates without the secret token header", async () => {
    running = await startTestApp({ mode: "webhook" });
    const url = running.emulator.webhookConfig()!.url;
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "wrong" }, body: JSON.stringify({ update_id: 1 }) });
    expect(res.status).toBe(401);
    const none = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ update_id: 2 }) });
    expect(none.status).toBe(401);
  });
});

describe("restart in the middle of a conversation", () => {
  it("a department registration continues after the bot is restarted", async () => {
    running = await startTestApp({ env: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) } });
    const { emulator } = running;
    await running.db.prisma.department.create({ data: { name: "Заң бөлімі" } });
    await emulator.sendCommand(officer, "/invite");
    let msg = await emulator.waitFor((m) => /Кімді шақырасыз|Кого пригласить/.test(m.text ?? ""), { chatId: officer.id });
    await emulator.clickButton(officer, msg, /🏢/);
    msg = await emulator.waitFor((m) => /Бөлімшені таңдаңыз|Выберите подразделение/.test(m.text ?? ""), { chatId: officer.id });
    await emulator.clickButton(officer, msg, /Заң бөлімі/);
    msg = await emulator.waitFor((m) => /жарамдылық мерзімі|Срок действия/.test(m.text ?? ""), { chatId: officer.id });
    await emulator.clickButton(officer, msg, /^7/);
    msg = await emulator.waitFor((m) => /start=i_/.test(m.text ?? ""), { chatId: officer.id });
    const token = /start=(i_[A-Za-z0-9_-]+)/.exec(msg.text!)![1]!;

    await emulator.sendCommand(anna, `/start ${token}`);
    await emulator.waitFor((m) => /«Заң бөлімі»/.test(m.text ?? ""), { chatId: anna.id });

    await running.stopApp();
    await running.restart();

    await emulator.sendText(anna, "Ким Анна Петровна");
    await emulator.waitFor((m) => /Ким Анна Петровна/.test(m.text ?? "") && /зарегистрированы|тіркелдіңіз/.test(m.text ?? ""), { chatId: anna.id });
    const user = await running.db.prisma.user.findUnique({ where: { telegramId: BigInt(anna.id) }, include: { department: true } });
    expect(user?.department?.name).toBe("Заң бөлімі");
  });
});
