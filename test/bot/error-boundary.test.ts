// One error boundary: a failing handler is logged (without message contents) and the user
// is told in their language. Logs never contain Telegram ids, names, usernames or phones.
import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, type TgUser } from "../support/harness.js";

let h: Harness;
afterEach(() => h.destroy());

const user: TgUser = { id: 912345678, first_name: "Назерке", last_name: "Оспанова", username: "nazerke_o", language_code: "kk" };

describe("error boundary", () => {
  it("tells the user in their language and logs no contents", async () => {
    h = await createHarness();
    // Break the database under the bot: every update now fails inside the middleware.
    await h.db.prisma.$executeRawUnsafe(`DROP TABLE "ChatLanguage"`);
    await h.text(user, "/start");
    expect(h.lastReply(user.id)).toBe("Бірдеңе дұрыс болмады. Деректеріңіз жоғалған жоқ — бір минуттан кейін қайталап көріңіз. Қате қайталанса, комплаенс қызметіне хабарлаңыз.");
    const errorLine = h.logs.lines.map((l) => JSON.parse(l)).find((l) => l.event === "update_failed");
    expect(errorLine).toBeDefined();
    expect(JSON.stringify(errorLine)).not.toContain("/start");
  });

  it("a failing callback answers the button with the error alert", async () => {
    h = await createHarness();
    await h.db.prisma.$executeRawUnsafe(`DROP TABLE "ChatLanguage"`);
    await h.callback(user, "lang:ru");
    expect(h.callsOf("answerCallbackQuery").at(-1)?.payload).toMatchObject({ show_alert: true, text: expect.stringMatching(/^Бірдеңе дұрыс болмады|^Что-то пошло не так/) });
  });
});

describe("logs", () => {
  it("hold no Telegram identifiers, names, usernames or phones after registration flows", async () => {
    h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: "500001" } });
    await h.db.prisma.user.create({ data: { fullName: "Оспанова Назерке", phone: "77019998877" } });
    await h.text(user, "/start");
    await h.callback(user, "lang:kk");
    await h.contact(user, "+7 701 999 88 77");
    await h.text(user, "/help");
    await h.text(user, "кездейсоқ мәтін 77019998877");
    await h.text({ id: 500001, first_name: "Officer" }, "/roster");
    expect(h.logs.lines.length).toBeGreaterThan(3);
    const text = h.logs.text;
    for (const needle of [String(user.id), "500001", "Назерке", "Оспанова", "nazerke_o", "77019998877", "кездейсоқ"]) {
      expect(text, needle).not.toContain(needle);
    }
  });
});

describe("group chats", () => {
  it("commands and buttons get a pointer to the private chat; nothing else is answered or stored", async () => {
    h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: "500001" } });
    const group = { id: -100777, type: "supergroup" as const, title: "Staff" };
    const officer = { id: 500001, is_bot: false, first_name: "Officer", language_code: "ru" };
    const send = (text: string) =>
      h.adal.bot.handleUpdate({ update_id: Date.now() % 1e9, message: { message_id: 1, date: 0, chat: group, from: officer, text, ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] } : {}) } });
    for (const command of ["/cases", "/report", "/case ABCDE-FGHJK-MNPQR-STVWX"]) {
      h.clear();
      await send(command);
      expect(h.callsOf("sendMessage").map((c) => c.payload.text)).toEqual(["Я работаю только в личных сообщениях: откройте чат со мной и напишите там."]);
      expect(h.callsOf("sendMessage")[0]!.payload.chat_id).toBe(group.id);
    }
    h.clear();
    await send("просто текст в группе");
    expect(h.calls).toEqual([]);
    await h.adal.bot.handleUpdate({ update_id: 5, callback_query: { id: "1", from: officer, chat_instance: "x", data: "rc.l:open:0", message: { message_id: 2, date: 0, chat: group, text: "…" } } } as never);
    expect(h.callsOf("answerCallbackQuery").at(-1)?.payload).toMatchObject({ show_alert: true, text: expect.stringMatching(/личных сообщениях/) });
    expect(await h.db.prisma.botState.count()).toBe(0);
    expect(await h.db.prisma.reporterFlow.count()).toBe(0);
  });
});
