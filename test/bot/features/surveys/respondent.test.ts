// The respondent's side of a questionnaire, in process (harness): typed answers and their
// errors, stale and forged buttons, "other (specify)", multiple choice, skip, back, pause
// and resume, language switch, scrubbing, draft expiry, and the attributed interview up to
// its XLSX export. Every refusal is checked to leave the stored draft exactly as it was.
import ExcelJS from "exceljs";
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerButton, doneButton, openSurveyButton, skipButton, toggleButton } from "../../../../src/bot/features/surveys/buttons.js";
import { standardLabels } from "../../../../src/services/survey-labels.js";
import { closeCampaign, createCampaign, getCampaign, type CampaignRecord } from "../../../../src/db/repositories/campaigns.js";
import { draftKey, loadDraft, purgeExpiredDrafts, type DraftData } from "../../../../src/db/repositories/survey-answers.js";
import { openBallot } from "../../../../src/domain/surveys/ballot-box.js";
import { saveDefinition } from "../../../../src/db/repositories/survey-definitions.js";
import { exportInterviewXlsx } from "../../../../src/domain/surveys/report/xlsx.js";
import { computeInterviewExport, launchCampaign } from "../../../../src/services/surveys.js";
import { createHarness, type Harness, type TgUser } from "../../../support/harness.js";
import { FLOW_DEFINITION_INPUT, flowDefinition } from "../../../support/survey-fixture.js";
import { validateDefinition, type SurveyDefinition } from "../../../../src/domain/surveys/definition.js";

const def = flowDefinition();
const Q = {
  years: { ru: "Сколько лет вы работаете?", kk: "Қанша жыл жұмыс істейсіз?" },
  since: { ru: "С какой даты в должности?", kk: "Лауазымда қай күннен бастап?" },
  channel: { ru: "Куда вы сообщили бы о нарушении?", kk: "Бұзушылық туралы қайда хабарлар едіңіз?" },
  risks: { ru: "Где риски выше всего?", kk: "Тәуекел қай жерде жоғары?" },
  comment: { ru: "Ваш комментарий", kk: "Пікіріңіз" },
};

const employee: TgUser = { id: 600001, first_name: "Иван", last_name: "Петров", language_code: "ru" };
const kkEmployee: TgUser = { id: 600002, first_name: "Айгүл", language_code: "kk" };
const outsider: TgUser = { id: 600003, first_name: "Чужой", language_code: "ru" };

let h: Harness;
let campaign: CampaignRecord;
let departmentId: number;
let updateId = 5_000_000;

beforeEach(async () => {
  h = await createHarness();
  const p = h.db.prisma;
  const acc = await p.department.create({ data: { name: "Бухгалтерия" } });
  const other = await p.department.create({ data: { name: "Цех №2" } });
  departmentId = acc.id;
  await p.user.create({ data: { fullName: "Петров Иван Сергеевич", position: "Бухгалтер", phone: "77010000001", telegramId: BigInt(employee.id), language: "ru", departmentId: acc.id, registeredAt: new Date() } });
  await p.user.create({ data: { fullName: "Серікова Айгүл", position: "Экономист", phone: "77010000002", telegramId: BigInt(kkEmployee.id), language: "kk", departmentId: acc.id, registeredAt: new Date() } });
  await p.user.create({ data: { fullName: "Чужой Человек", phone: "77010000003", telegramId: BigInt(outsider.id), language: "ru", departmentId: other.id, registeredAt: new Date() } });
  campaign = await makeCampaign("anonymous");
});
afterEach(() => h.destroy());

async function makeCampaign(mode: CampaignRecord["mode"], definition: SurveyDefinition = def): Promise<CampaignRecord> {
  const p = h.db.prisma;
  const { record } = await saveDefinition(p, definition, "test", null);
  const c = await createCampaign(p, {
    definitionId: record.id,
    mode,
    opensOn: "2026-03-02",
    closesOn: "2026-04-01",
    audience: { kind: "departments", ids: [departmentId] },
    reminderCap: 2,
    createdById: 1,
    today: "2026-03-02",
  });
  await launchCampaign(p, c);
  return (await getCampaign(p, c.id))!;
}

function draft(user: TgUser = employee, c: CampaignRecord = campaign): Promise<DraftData | null> {
  return loadDraft(h.db.prisma, h.deps.keyring, draftKey(h.deps.keyring, c.id, user.id), h.deps.now());
}

async function mustDraft(user: TgUser = employee, c: CampaignRecord = campaign): Promise<DraftData> {
  const d = await draft(user, c);
  if (!d) throw new Error("no draft");
  return d;
}

/** Presses the button of the last keyboard sent to `user` whose text matches. */
async function press(user: TgUser, text: RegExp): Promise<void> {
  const buttons = h.lastButtons(user.id);
  const b = buttons.find((x) => text.test(x.text));
  if (!b) throw new Error(`no button ${text} in ${JSON.stringify(buttons.map((x) => x.text))}`);
  await h.callback(user, b.data);
}

function buttonData(user: TgUser, text: RegExp): string {
  const b = h.lastButtons(user.id).find((x) => text.test(x.text));
  if (!b) throw new Error(`no button ${text}`);
  return b.data;
}

/** Text of the last answerCallbackQuery (the toast or alert the user saw). */
function toast(): string | undefined {
  const c = h.callsOf("answerCallbackQuery").at(-1);
  return c?.payload.text as string | undefined;
}

async function sendPhoto(from: TgUser): Promise<void> {
  const id = ++updateId;
  await h.adal.bot.handleUpdate({
    update_id: id,
    message: {
      message_id: id,
      date: Math.floor(h.clock.now.getTime() / 1000),
      chat: { id: from.id, type: "private", first_name: from.first_name },
      from: { is_bot: false, ...from },
      photo: [{ file_id: `photo${id}`, file_unique_id: `uphoto${id}`, width: 640, height: 480 }],
    },
  } as Update);
}

/** Opens the survey from its button and presses "start" on the notice. */
async function open(user: TgUser = employee, c: CampaignRecord = campaign): Promise<void> {
  await h.callback(user, openSurveyButton.encode([c.id]));
  await press(user, /Начать|Бастау|Продолжить|Жалғастыру/);
}

/** Answers questions in order (valid answers) until `questionId` is on screen. */
async function reach(questionId: string, user: TgUser = employee, c: CampaignRecord = campaign): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const d = await mustDraft(user, c);
    if (d.current === questionId) return;
    if (d.current === "years") await h.text(user, "12");
    else if (d.current === "since") await h.text(user, "01.03.2020");
    else if (d.current === "channel") await press(user, /Руководителю|Басшыға/);
    else if (d.current === "risks") {
      await press(user, /Закупки|Сатып алу/);
      await press(user, /Готово|Дайын/);
    } else if (d.current === "comment") await h.text(user, "Всё хорошо");
    else throw new Error(`cannot reach ${questionId} from ${d.current}`);
  }
  throw new Error(`did not reach ${questionId}`);
}

/** Sends a text and expects: a warning, then the same question again, and no change stored. */
async function refusedTyped(input: string, warning: string, question: string, user: TgUser = employee): Promise<void> {
  const before = await mustDraft(user);
  h.clear();
  await h.text(user, input);
  const replies = h.replies(user.id);
  expect(replies[0], input).toBe(`⚠️ ${warning}`);
  expect(replies[1], input).toContain(question);
  expect(replies).toHaveLength(2);
  expect(await draft(user)).toEqual(before);
}

/** Ballots in the sealed box (a submission adds one; the totals change only when it is folded). */
const answerCountTotal = () => h.db.prisma.sealedBallot.count();

describe("typed answers", () => {
  it("numbers: not a number, out of range, not an integer, empty — a clear message, the same question, nothing stored", async () => {
    await open();
    expect(h.lastReply(employee.id)).toContain(Q.years.ru);
    expect(h.lastReply(employee.id)).toContain("Напишите число от 0 до 60.");
    await refusedTyped("двенадцать", "Нужно число, например 12.", Q.years.ru);
    await refusedTyped("61", "Число должно быть не больше 60.", Q.years.ru);
    await refusedTyped("-1", "Число должно быть не меньше 0.", Q.years.ru);
    await refusedTyped("12,5", "Нужно целое число.", Q.years.ru);
    await refusedTyped("12.5", "Нужно целое число.", Q.years.ru);
    await refusedTyped("   ", "Ответ пустой.", Q.years.ru);
    expect((await mustDraft()).answers).toEqual({});
    // A valid answer, typed the way people type numbers.
    await h.text(employee, " 1 2 ");
    const d = await mustDraft();
    expect(d.answers.years).toEqual({ number: 12 });
    expect(d.current).toBe("since");
    expect(h.lastReply(employee.id)).toContain(Q.since.ru);
  });

  it("dates: an impossible date or another format is refused; dd.mm.yyyy is stored as ISO", async () => {
    await open();
    await reach("since");
    await refusedTyped("31.02.2026", "Нужна дата в формате ДД.ММ.ГГГГ, например 15.03.2026.", Q.since.ru);
    await refusedTyped("2026-13-01", "Нужна дата в формате ДД.ММ.ГГГГ, например 15.03.2026.", Q.since.ru);
    await refusedTyped("вчера", "Нужна дата в формате ДД.ММ.ГГГГ, например 15.03.2026.", Q.since.ru);
    await h.text(employee, "29.02.2024");
    expect((await mustDraft()).answers.since).toEqual({ date: "2024-02-29" });
  });

  it("text: an over-long answer is refused with its limit (in the draft's language)", async () => {
    await open(kkEmployee);
    await reach("comment", kkEmployee);
    expect(h.lastReply(kkEmployee.id)).toContain("50 таңбаға дейін");
    await refusedTyped("ы".repeat(51), "Жауап тым ұзын: 50 таңбадан аспауы керек.", Q.comment.kk, kkEmployee);
    await h.text(kkEmployee, "ы".repeat(50));
    expect((await mustDraft(kkEmployee)).answers.comment).toEqual({ text: "ы".repeat(50) });
  });

  it("a photo or a document while a typed answer is expected: 'text only', nothing stored", async () => {
    await open();
    const before = await mustDraft();
    h.clear();
    await sendPhoto(employee);
    expect(h.replies(employee.id)).toEqual(["⚠️ Ответ нужен текстом."]);
    await h.document(employee, "answer.pdf", "application/pdf");
    expect(h.replies(employee.id)).toEqual(["⚠️ Ответ нужен текстом.", "⚠️ Ответ нужен текстом."]);
    expect(await draft()).toEqual(before);
  });

  it("a sticker, photo or voice message on a question with buttons: 'use the buttons' and the question again, with its buttons (kk and ru)", async () => {
    for (const [user, question, warning] of [
      [employee, Q.channel.ru, "⚠️ На этот вопрос отвечают кнопками под вопросом."],
      [kkEmployee, Q.channel.kk, "⚠️ Бұл сұраққа сұрақтың астындағы батырмалармен жауап беріледі."],
    ] as const) {
      await open(user);
      await reach("channel", user);
      const before = await mustDraft(user);
      for (const send of [() => h.sticker(user), () => h.photo(user), () => h.voice(user)]) {
        h.clear();
        await send();
        const replies = h.replies(user.id);
        expect(replies).toHaveLength(2);
        expect(replies[0]).toBe(warning);
        expect(replies[1]).toContain(question);
        expect(h.lastButtons(user.id).filter((b) => b.data.startsWith("sv.a:"))).toHaveLength(3);
      }
      expect(await draft(user)).toEqual(before);
    }
    // The same on a multiple choice; the ticks made so far are shown.
    await h.sticker(employee);
    await press(employee, /Руководителю/);
    await press(employee, /Найм/);
    h.clear();
    await h.sticker(employee);
    expect(h.replies(employee.id)[0]).toBe("⚠️ На этот вопрос отвечают кнопками под вопросом.");
    expect(h.lastReply(employee.id)).toContain(Q.risks.ru);
    expect(h.lastButtons(employee.id).map((b) => b.text)).toContain("☑️ Найм");
  });

  it("typing when the question needs buttons: 'use the buttons' and the question again", async () => {
    await open();
    await reach("channel");
    await refusedTyped("Руководителю", "На этот вопрос отвечают кнопками под вопросом.", Q.channel.ru);
    await reach("risks");
    await refusedTyped("Закупки", "На этот вопрос отвечают кнопками под вопросом.", Q.risks.ru);
    expect(await answerCountTotal()).toBe(0);
  });
});

describe("stale, forged and foreign buttons", () => {
  it("a button from an older question is answered as stale; the current question is sent again; the draft is unchanged", async () => {
    await open();
    await reach("channel");
    const old = buttonData(employee, /Руководителю/);
    const oldPause = buttonData(employee, /Пауза/);
    await h.callback(employee, old);
    const before = await mustDraft();
    expect(before.current).toBe("risks");
    h.clear();
    await h.callback(employee, old);
    expect(toast()).toBe("Эта кнопка от предыдущего вопроса. Вот текущий.");
    expect(h.lastReply(employee.id)).toContain(Q.risks.ru);
    expect(await draft()).toEqual(before);
    // The old message's keyboard is taken away.
    expect(h.callsOf("editMessageReplyMarkup")).toHaveLength(1);
    await h.callback(employee, oldPause);
    expect(toast()).toBe("Эта кнопка от предыдущего вопроса. Вот текущий.");
    expect(await draft()).toEqual(before);
    // The start button of the notice (step 1) is stale too.
    await h.callback(employee, answerButton.encode([campaign.id, 1, 0]));
    expect(toast()).toBe("Эта кнопка от предыдущего вопроса. Вот текущий.");
    expect(await draft()).toEqual(before);
  });

  it("forged indexes out of range change nothing", async () => {
    await open();
    await reach("channel");
    let before = await mustDraft();
    // channel has boss, hotline, other: index 3 does not exist.
    await h.callback(employee, answerButton.encode([campaign.id, before.step, 3]));
    expect(h.lastReply(employee.id)).toContain(Q.channel.ru);
    expect(await draft()).toEqual(before);
    // Index 100 does not even parse: the generic stale-button answer.
    await h.callback(employee, `sv.a:${campaign.id}:${before.step}:100`);
    expect(toast()).toBe("Эта кнопка устарела или недействительна. Откройте меню заново: /menu");
    expect(await draft()).toEqual(before);
    // Toggle and done buttons on a single-choice question.
    await h.callback(employee, toggleButton.encode([campaign.id, before.step, 0]));
    await h.callback(employee, doneButton.encode([campaign.id, before.step]));
    expect(await draft()).toEqual(before);
    await reach("risks");
    before = await mustDraft();
    await h.callback(employee, toggleButton.encode([campaign.id, before.step, 4]));
    // An answer button (single choice) on a multiple-choice question.
    await h.callback(employee, answerButton.encode([campaign.id, before.step, 0]));
    expect(await draft()).toEqual(before);
    expect(h.lastReply(employee.id)).toContain(Q.risks.ru);
  });

  it("buttons of a campaign the user is not invited to are refused and create no draft", async () => {
    await h.callback(outsider, openSurveyButton.encode([campaign.id]));
    expect(toast()).toBe("Этот опрос не для вас или его больше нет.");
    await h.callback(outsider, answerButton.encode([campaign.id, 1, 0]));
    expect(toast()).toBe("Этот опрос не для вас или его больше нет.");
    await h.callback(outsider, openSurveyButton.encode([9999]));
    expect(toast()).toBe("Этот опрос не для вас или его больше нет.");
    expect(await draft(outsider)).toBeNull();
    expect(await h.db.prisma.surveyDraft.count()).toBe(0);
    await h.text(outsider, "/surveys");
    expect(h.lastReply(outsider.id)).toMatch(/Сейчас нет открытых для вас опросов/);
  });

  it("buttons and typed answers of a closed campaign are refused", async () => {
    await open();
    await reach("channel");
    const before = await mustDraft();
    const boss = buttonData(employee, /Руководителю/);
    await closeCampaign(h.db.prisma, campaign.id, "2026-03-03");
    await h.callback(employee, boss);
    expect(toast()).toBe("Опрос завершён, ответы больше не принимаются.");
    h.clear();
    await h.text(employee, "12");
    expect(h.replies(employee.id)).toEqual(["Опрос завершён, ответы больше не принимаются."]);
    expect(await draft()).toEqual(before);
    expect(await answerCountTotal()).toBe(0);
  });

  it("after submitting, every button of the survey says 'already submitted'", async () => {
    await open();
    await reach("comment");
    await press(employee, /Пропустить/);
    const review = h.lastReply(employee.id);
    expect(review).toContain("Проверьте ответы перед отправкой:");
    const submit = buttonData(employee, /Отправить ответы/);
    await h.callback(employee, submit);
    expect(h.lastReply(employee.id)).toBe("✅ Спасибо! Ваши ответы учтены в общих итогах анонимно.");
    expect(await h.db.prisma.surveyDraft.count()).toBe(0);
    const counted = await answerCountTotal();
    for (const data of [submit, openSurveyButton.encode([campaign.id]), answerButton.encode([campaign.id, 1, 0])]) {
      await h.callback(employee, data);
      expect(toast()).toBe("Вы уже ответили на этот опрос. Спасибо!");
    }
    expect(await answerCountTotal()).toBe(counted);
    expect(counted).toBe(1);
    await h.text(employee, "/surveys");
    expect(h.lastReply(employee.id)).toMatch(/Сейчас нет открытых для вас опросов/);
  });
});

describe("choices", () => {
  it("'other (specify)' asks for the text; an over-long text is refused; the text is stored", async () => {
    await open();
    await reach("channel");
    await press(employee, /^Другое…$/);
    expect(h.lastReply(employee.id)).toBe("Уточните, пожалуйста, «Другое» одним сообщением (до 300 символов).");
    let d = await mustDraft();
    expect(d.awaitingOther).toBe("channel");
    expect(d.current).toBe("channel");
    h.clear();
    await h.text(employee, "я".repeat(301));
    expect(h.replies(employee.id)[0]).toBe("⚠️ Слишком длинный ответ: не больше 300 символов.");
    expect(await draft()).toEqual(d);
    await h.text(employee, "  Комплаенс-офицеру лично  ");
    d = await mustDraft();
    expect(d.answers.channel).toEqual({ code: "other", other: "Комплаенс-офицеру лично" });
    expect(d.awaitingOther).toBeUndefined();
    expect(d.current).toBe("risks");
    // Multiple choice with "other": the text is asked after "Done".
    await press(employee, /Закупки/);
    await press(employee, /Другое/);
    await press(employee, /Готово/);
    expect(h.lastReply(employee.id)).toMatch(/Уточните, пожалуйста, «Другое»/);
    await h.text(employee, "Склад");
    d = await mustDraft();
    expect(d.answers.risks).toEqual({ codes: ["buy", "other"], other: "Склад" });
    expect(d.current).toBe("comment");
    // The review shows both texts.
    await press(employee, /Пропустить/);
    const review = h.lastReply(employee.id);
    expect(review).toContain("→ Другое: Комплаенс-офицеру лично");
    expect(review).toContain("→ Закупки; Другое: Склад");
  });

  it("multiple choice: each tick edits the question in place (no new message), 'Done' with nothing or over the maximum → an alert, the question stays", async () => {
    await open();
    await reach("risks");
    expect(h.lastReply(employee.id)).toContain("Отметьте варианты (не больше 2)");
    const keyboard = () => h.lastButtons(employee.id).map((b) => b.text);
    expect(keyboard()).toEqual(expect.arrayContaining(["⬜ Закупки", "⬜ Найм", "⬜ Проверки", "⬜ Другое…", "✅ Готово"]));
    const question = h.callsOf("sendMessage").at(-1)!;
    const questionId = 4242;
    // Ticks keep the question's buttons valid: the ones first sent are pressed all along.
    const buttons = h.lastButtons(employee.id);
    /** Presses the button `text` of the question message (the one the ticks are edited into). */
    const tap = async (text: RegExp) => h.callback(employee, buttons.find((b) => text.test(b.text))!.data, questionId);
    h.clear();
    await tap(/Готово/);
    expect(h.callsOf("answerCallbackQuery").map((c) => c.payload)).toEqual([expect.objectContaining({ text: "⚠️ Отметьте хотя бы 1.", show_alert: true })]);
    expect(h.callsOf("sendMessage")).toEqual([]);
    expect(h.callsOf("editMessageReplyMarkup")).toEqual([]);
    expect((await mustDraft()).answers.risks).toBeUndefined();
    await tap(/Закупки/);
    expect(keyboard()).toContain("☑️ Закупки");
    await tap(/Закупки/);
    expect(keyboard()).toContain("⬜ Закупки");
    expect((await mustDraft()).selection).toEqual([]);
    await tap(/Закупки/);
    await tap(/Найм/);
    await tap(/Проверки/);
    expect(keyboard()).toEqual(expect.arrayContaining(["☑️ Закупки", "☑️ Найм", "☑️ Проверки", "⬜ Другое…"]));
    // Five ticks: five edits of the same message with the same text, each press answered; nothing sent.
    const edits = h.callsOf("editMessageText");
    expect(edits).toHaveLength(5);
    for (const e of edits) expect(e.payload).toMatchObject({ chat_id: employee.id, message_id: questionId, text: question.payload.text });
    expect(h.callsOf("sendMessage")).toEqual([]);
    expect(h.callsOf("answerCallbackQuery")).toHaveLength(6);
    h.clear();
    await tap(/Готово/);
    expect(h.callsOf("answerCallbackQuery").map((c) => c.payload.text)).toEqual(["⚠️ Можно отметить не больше 2."]);
    expect(h.callsOf("sendMessage")).toEqual([]);
    let d = await mustDraft();
    expect(d.answers.risks).toBeUndefined();
    expect(d.current).toBe("risks");
    await tap(/Проверки/);
    h.clear();
    await tap(/Готово/);
    d = await mustDraft();
    // Stored in definition order, whatever the order of the clicks.
    expect(d.answers.risks).toEqual({ codes: ["buy", "hire"] });
    expect(d.current).toBe("comment");
    expect(d.selection).toBeUndefined();
    // Moving on: the answered question loses its buttons, the next one comes as a new message.
    expect(h.callsOf("editMessageReplyMarkup").map((c) => c.payload.message_id)).toEqual([questionId]);
    expect(h.callsOf("sendMessage").map((c) => c.payload.text)).toEqual([expect.stringContaining(Q.comment.ru)]);
  });

  it("quick ticks count even before the edited keyboard arrives; a repeated edit ('message is not modified') is no error", async () => {
    await open();
    await reach("risks");
    const buy = buttonData(employee, /Закупки/);
    const hire = buttonData(employee, /Найм/);
    await h.callback(employee, buy);
    await h.callback(employee, hire);
    expect((await mustDraft()).selection).toEqual(["buy", "hire"]);
    // The same tap twice on a message already showing it: "message is not modified" is no error.
    const failEdits = (description: string) =>
      h.adal.bot.api.config.use((prev, method, payload, signal) =>
        method === "editMessageText" ? Promise.resolve({ ok: false as const, error_code: 400, description }) : prev(method, payload, signal),
      );
    failEdits("Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
    h.clear();
    await h.callback(employee, hire);
    expect(h.callsOf("sendMessage")).toEqual([]);
    expect(h.callsOf("answerCallbackQuery")).toHaveLength(1);
    expect((await mustDraft()).selection).toEqual(["buy"]);
  });

  it("a tick on a message that can no longer be edited sends the question anew, with the ticks", async () => {
    await open();
    await reach("risks");
    h.adal.bot.api.config.use((prev, method, payload, signal) =>
      method === "editMessageText" ? Promise.resolve({ ok: false as const, error_code: 400, description: "Bad Request: message can't be edited" }) : prev(method, payload, signal),
    );
    const hire = buttonData(employee, /Найм/);
    h.clear();
    await h.callback(employee, hire);
    expect(h.callsOf("sendMessage")).toHaveLength(1);
    expect(h.lastReply(employee.id)).toContain(Q.risks.ru);
    expect(h.lastButtons(employee.id).map((b) => b.text)).toContain("☑️ Найм");
    expect((await mustDraft()).selection).toEqual(["hire"]);
  });

  it("skip is offered only on optional questions; a forged skip on a required one changes nothing", async () => {
    await open();
    expect(h.lastButtons(employee.id).some((b) => b.data.startsWith("sv.s:"))).toBe(false);
    const before = await mustDraft();
    await h.callback(employee, skipButton.encode([campaign.id, before.step]));
    expect(h.lastReply(employee.id)).toContain(Q.years.ru);
    expect(await draft()).toEqual(before);
    await reach("channel");
    const atChannel = await mustDraft();
    await h.callback(employee, skipButton.encode([campaign.id, atChannel.step]));
    expect(await draft()).toEqual(atChannel);
    await reach("comment");
    expect(h.lastReply(employee.id)).toContain("(необязательный вопрос)");
    await press(employee, /Пропустить/);
    const d = await mustDraft();
    expect(d.answers.comment).toEqual({ skipped: true });
    expect(d.current).toBe("review");
    expect(h.lastReply(employee.id)).toContain(`${Q.comment.ru}\n   → пропущено`);
  });
});

describe("navigation", () => {
  it("back one step keeps the earlier answer and shows it as the current answer", async () => {
    await open();
    await h.text(employee, "42");
    expect((await mustDraft()).current).toBe("since");
    await press(employee, /Назад/);
    expect(h.lastReply(employee.id)).toContain(Q.years.ru);
    expect(h.lastReply(employee.id)).toContain("Ваш ответ сейчас: 42");
    let d = await mustDraft();
    expect(d.current).toBe("years");
    expect(d.answers.years).toEqual({ number: 42 });
    // The first question has no back button.
    expect(h.lastButtons(employee.id).some((b) => b.data.startsWith("sv.b:"))).toBe(false);
    await h.text(employee, "43");
    d = await mustDraft();
    expect(d.answers.years).toEqual({ number: 43 });
    expect(d.current).toBe("since");
    // From the review, back goes to the last question, with its answer.
    await reach("comment");
    await h.text(employee, "Всё хорошо");
    expect((await mustDraft()).current).toBe("review");
    await press(employee, /Назад/);
    expect(h.lastReply(employee.id)).toContain(Q.comment.ru);
    expect(h.lastReply(employee.id)).toContain("Ваш ответ сейчас: Всё хорошо");
  });

  it("pause, then resume via /surveys: answers kept; typed text while paused is not taken as an answer", async () => {
    await open();
    await h.text(employee, "7");
    await press(employee, /Пауза/);
    expect(h.lastReply(employee.id)).toBe("Опрос на паузе, ответы сохранены. Продолжить можно до 01.04.2026: /surveys");
    const paused = await mustDraft();
    await h.text(employee, "01.03.2020");
    expect(h.lastReply(employee.id)).toBe("Я не понял сообщение. Откройте меню: /menu");
    expect(await draft()).toEqual(paused);
    await h.text(employee, "/surveys");
    expect(h.lastReply(employee.id)).toBe("Выберите опрос:");
    await press(employee, /Проверочный опрос/);
    expect(h.lastReply(employee.id)).toContain(Q.since.ru);
    expect(h.lastReply(employee.id)).toContain("2/5");
    await h.text(employee, "01.03.2020");
    const d = await mustDraft();
    expect(d.answers).toEqual({ years: { number: 7 }, since: { date: "2020-03-01" } });
    expect(d.current).toBe("channel");
  });

  it("/cancel mid-way pauses the questionnaire: answers kept, until when and how to go on (kk and ru)", async () => {
    for (const [user, text] of [
      [employee, "Опрос на паузе, ответы сохранены. Продолжить можно до 01.04.2026: /surveys"],
      [kkEmployee, "Сауалнама уақытша тоқтатылды, жауаптар сақталды. 01.04.2026 дейін жалғастыруға болады: /surveys"],
    ] as const) {
      await open(user);
      await h.text(user, "7");
      const kept = await mustDraft(user);
      await h.text(user, "/cancel");
      expect(h.lastReply(user.id)).toBe(text);
      expect(await draft(user)).toEqual(kept);
    }
    // Typed text is no answer any more; /surveys goes on where it stopped.
    await h.text(employee, "01.03.2020");
    expect(h.lastReply(employee.id)).toBe("Я не понял сообщение. Откройте меню: /menu");
    await h.text(employee, "/surveys");
    await press(employee, /Проверочный опрос/);
    expect(h.lastReply(employee.id)).toContain(Q.since.ru);
  });

  it("/cancel with the questionnaire paused, or its session gone, names it and says how to go on — not 'nothing to cancel'", async () => {
    await open();
    await h.text(employee, "7");
    await press(employee, /Пауза/);
    await h.text(employee, "/cancel");
    expect(h.lastReply(employee.id)).toBe("Опрос «Проверочный опрос» на паузе, ответы сохранены. Продолжить можно до 01.04.2026: /surveys");
    // The chat's session row gone (housekeeping deletes sessions untouched for 14 days; a draft lives 14 days from its last change).
    await open(kkEmployee);
    await h.text(kkEmployee, "7");
    await h.db.prisma.botState.deleteMany({});
    await h.text(kkEmployee, "/cancel");
    expect(h.lastReply(kkEmployee.id)).toBe("«Тексерме сауалнама» сауалнамасы уақытша тоқтатылды, жауаптар сақталды. 01.04.2026 дейін жалғастыруға болады: /surveys");
    // Without saved answers there is indeed nothing.
    await h.text(outsider, "/cancel");
    expect(h.lastReply(outsider.id)).toBe("Отменять нечего.");
  });

  it("switching language mid-way keeps the answers; the texts are now in the other language", async () => {
    await open();
    await reach("channel");
    const before = await mustDraft();
    const kk = buttonData(employee, /🌐 ҚАЗ/);
    h.clear();
    await h.callback(employee, kk);
    // The question is edited into the other language in place: nothing new is sent.
    expect(h.callsOf("sendMessage")).toEqual([]);
    expect(h.callsOf("editMessageText")).toHaveLength(1);
    const after = await mustDraft();
    expect(after.lang).toBe("kk");
    expect(after.answers).toEqual(before.answers);
    expect(after.current).toBe("channel");
    const shown = h.lastReply(employee.id);
    expect(shown).toContain(Q.channel.kk);
    expect(shown).toContain("📋 Пікірлер · 3/5");
    expect(h.lastButtons(employee.id).map((b) => b.text)).toEqual(expect.arrayContaining(["Басшыға", "Сенім телефонына", "Басқа…", "⬅️ Артқа", "🌐 RU"]));
    // The questionnaire's language only: the person's stays Russian.
    expect((await h.db.prisma.user.findUnique({ where: { telegramId: BigInt(employee.id) } }))!.language).toBe("ru");
    // Errors and earlier answers follow the new language.
    await press(employee, /Артқа/);
    expect(h.lastReply(employee.id)).toContain(Q.since.kk);
    expect(h.lastReply(employee.id)).toContain("Қазіргі жауабыңыз: 01.03.2020");
    await refusedTyped("31.02.2026", "Күнді КК.АА.ЖЖЖЖ пішімінде жазыңыз, мысалы 15.03.2026.", Q.since.kk);
    // And back to Russian.
    await press(employee, /🌐 RU/);
    expect(h.lastReply(employee.id)).toContain(Q.since.ru);
    expect((await mustDraft()).answers).toEqual(before.answers);
  });
});

/** The test questionnaire with a follow-up: "why the hotline?" only after "hotline", and under another id (a new questionnaire). */
function withFollowUp(): SurveyDefinition {
  const input = structuredClone(FLOW_DEFINITION_INPUT);
  input.id = "flow-follow-up";
  const views = input.sections[1]!.questions as Record<string, unknown>[];
  views.splice(1, 0, { id: "why", type: "text", maxLength: 50, showIf: { question: "channel", equals: "hotline" }, text: { ru: "Почему на горячую линию?", kk: "Неге сенім телефонына?" } });
  const r = validateDefinition(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.definition;
}

describe("progress with a show-if question", () => {
  /** The "n/m" of each question the respondent saw, in order (a question shown again counted once). */
  const positions = (user: TgUser) => h.replies(user.id).flatMap((r) => /^📋 .+ · (\d+\/\d+)\n/.exec(r)?.[1] ?? []).filter((x, i, all) => x !== all[i - 1]);

  it("the notice says at most how many; the progress goes 1, 2, 3… and its total never grows past the notice's, ending at n/n", async () => {
    const c = await makeCampaign("anonymous", withFollowUp());
    await h.callback(employee, openSurveyButton.encode([c.id]));
    expect(h.lastReply(employee.id)).toContain("Вопросов: не более 6; часть из них задаётся только при определённых ответах на предыдущие.");
    await press(employee, /Начать/);
    await h.text(employee, "12");
    await h.text(employee, "01.03.2020");
    await press(employee, /Руководителю/);
    await press(employee, /Закупки/);
    await press(employee, /Готово/);
    expect(positions(employee)).toEqual(["1/6", "2/6", "3/6", "4/5", "5/5"]);
    await h.text(employee, "Всё хорошо");
    expect(h.lastReply(employee.id)).toContain("Проверьте ответы перед отправкой:");
    // With the follow-up: it is counted from the start, so nothing jumps.
    h.clear();
    await h.callback(kkEmployee, openSurveyButton.encode([c.id]));
    expect(h.lastReply(kkEmployee.id)).toContain("Сұрақтар саны: ең көбі 6;");
    await press(kkEmployee, /Бастау/);
    await h.text(kkEmployee, "3");
    await h.text(kkEmployee, "01.03.2020");
    await press(kkEmployee, /Сенім телефонына/);
    expect(h.lastReply(kkEmployee.id)).toContain("Неге сенім телефонына?");
    await h.text(kkEmployee, "Сенімді");
    await press(kkEmployee, /Сатып алу/);
    await press(kkEmployee, /Дайын/);
    expect(positions(kkEmployee)).toEqual(["1/6", "2/6", "3/6", "4/6", "5/6", "6/6"]);
  });

  it("a questionnaire without show-if says exactly how many", async () => {
    await h.callback(employee, openSurveyButton.encode([campaign.id]));
    expect(h.lastReply(employee.id)).toContain("Вопросов: 5. Ответить можно до 01.04.2026");
  });
});

describe("the questionnaire's language", () => {
  it("the language button changes that questionnaire only: the reminder and the other replies stay in the person's language", async () => {
    await h.jobs.surveyDispatcher.tick();
    expect(h.lastReply(employee.id)).toBe("📋 Приглашаем пройти опрос «Проверочный опрос». Ответить можно до 01.04.2026.");
    await open();
    await reach("channel");
    await press(employee, /🌐 ҚАЗ/);
    expect(h.lastReply(employee.id)).toContain(Q.channel.kk);
    expect((await h.db.prisma.user.findUnique({ where: { telegramId: BigInt(employee.id) } }))!.language).toBe("ru");
    expect(h.callsOf("setMyCommands").filter((c) => (c.payload.scope as { chat_id?: number } | undefined)?.chat_id === employee.id)).toEqual([]);
    h.clear();
    await h.text(employee, "/surveys");
    expect(h.lastReply(employee.id)).toBe("Выберите опрос:");
    // Two working days later (Wednesday), the reminder: in Russian.
    h.clock.now = new Date("2026-03-04T05:00:00Z");
    h.clear();
    await h.jobs.surveyDispatcher.tick();
    expect(h.replies(employee.id)).toEqual(["⏰ Напоминание: опрос «Проверочный опрос» открыт до 01.04.2026. Если вы уже начали — ответы сохранены, можно продолжить."]);
    expect(h.lastButtons(employee.id).map((b) => b.text)).toEqual(["📋 Открыть опрос"]);
    // The questionnaire itself goes on in the language chosen for it.
    await press(employee, /Открыть опрос/);
    expect(h.lastReply(employee.id)).toContain(Q.channel.kk);
  });
});

describe("privacy", () => {
  it("an anonymous text answer with a phone, an e-mail and an ИИН: the respondent is told; totals hold the scrubbed text", async () => {
    await open();
    await reach("comment");
    expect(h.lastReply(employee.id)).toContain("телефоны, e-mail и ИИН/БИН будут удалены");
    const typed = "ИИН 900101300123, +77015550011, a@b.kz";
    h.clear();
    await h.text(employee, typed);
    expect(h.replies(employee.id)[0]).toBe("Из ответа удалено персональных данных (телефоны, e-mail, ИИН/БИН): 3.");
    expect(h.lastReply(employee.id)).toContain("Проверьте ответы перед отправкой:");
    await press(employee, /Отправить ответы/);
    const [ballot] = await h.db.prisma.sealedBallot.findMany();
    const sealed = openBallot(h.deps.keyring.decryptText(ballot!.data));
    expect(sealed.pools.filter((x) => x.questionId === "comment").map((x) => x.value)).toEqual(["ИИН […], […], […]"]);
    // An ordinary text: no notice.
    h.clear();
    await open(kkEmployee);
    await reach("comment", kkEmployee);
    h.clear();
    await h.text(kkEmployee, "Бәрі жақсы");
    expect(h.replies(kkEmployee.id).some((r) => /дербес деректер/.test(r))).toBe(false);
  });

  it("an expired draft: the user is told, starts afresh, and purgeExpiredDrafts removes it", async () => {
    await open();
    await h.text(employee, "12");
    const pause = buttonData(employee, /Пауза/);
    expect(await h.db.prisma.surveyDraft.count()).toBe(1);
    h.clock.now = new Date(h.clock.now.getTime() + 15 * 86_400_000);
    await h.callback(employee, pause);
    expect(toast()).toBe("Незаконченные ответы удалены по истечении срока хранения. Откройте опрос заново: /surveys");
    expect(await draft()).toBeNull();
    expect(await purgeExpiredDrafts(h.db.prisma, h.deps.now())).toBe(1);
    expect(await h.db.prisma.surveyDraft.count()).toBe(0);
    await h.text(employee, "/surveys");
    await press(employee, /Проверочный опрос/);
    expect(h.lastReply(employee.id)).toContain("🔒 Опрос анонимный.");
    expect(h.lastButtons(employee.id).map((b) => b.text)).toContain("▶️ Начать");
    const fresh = await mustDraft();
    expect(fresh.answers).toEqual({});
    expect(fresh.current).toBe("notice");
    await press(employee, /Начать/);
    expect(h.lastReply(employee.id)).toContain(Q.years.ru);
    // A draft that is touched stays: expiry counts from the last change.
    expect(await purgeExpiredDrafts(h.db.prisma, h.deps.now())).toBe(0);
  });
});

describe("attributed interview", () => {
  it("the notice says answers are stored with the name; the response is stored with the user; exports show it in kk and ru", async () => {
    const interview = await makeCampaign("attributed");
    await h.callback(employee, openSurveyButton.encode([interview.id]));
    const notice = h.lastReply(employee.id);
    expect(notice).toContain("👤 Это именное интервью: ваши ответы сохраняются вместе с вашими ФИО, подразделением и должностью");
    expect(notice).not.toContain("анонимный");
    await press(employee, /Начать/);
    expect(h.lastReply(employee.id)).toContain("Напишите число от 0 до 60.");
    await h.text(employee, "12");
    await h.text(employee, "15.03.2021");
    await press(employee, /^Другое…$/);
    await h.text(employee, "В прокуратуру");
    await press(employee, /Найм/);
    await press(employee, /Закупки/);
    await press(employee, /Готово/);
    expect(h.lastReply(employee.id)).not.toContain("будут удалены");
    h.clear();
    await h.text(employee, "Тел. +77015550011");
    // Attributed: nothing is scrubbed, so there is no notice.
    expect(h.replies(employee.id).some((r) => /персональных данных/.test(r))).toBe(false);
    expect(h.lastReply(employee.id)).toContain("После отправки ответы будут сохранены с вашим именем.");
    await press(employee, /Отправить ответы/);
    expect(h.lastReply(employee.id)).toBe("✅ Спасибо! Ваши ответы сохранены.");

    const p = h.db.prisma;
    const user = (await p.user.findUnique({ where: { telegramId: BigInt(employee.id) } }))!;
    const rows = await p.interviewResponse.findMany({ where: { campaignId: interview.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.userId).toBe(user.id);
    expect(rows[0]!.submittedOn).toBe("2026-03-02");
    expect(JSON.parse(rows[0]!.answers)).toEqual({
      years: { number: 12 },
      since: { date: "2021-03-15" },
      channel: { code: "other", other: "В прокуратуру" },
      risks: { codes: ["buy", "hire"] },
      comment: { text: "Тел. +77015550011" },
    });
    // No anonymous totals move for an interview.
    expect(await answerCountTotal()).toBe(0);
    expect((await p.campaignParticipant.findFirst({ where: { campaignId: interview.id, userId: user.id } }))!.completedOn).toBe("2026-03-02");

    const data = await computeInterviewExport(p, { campaignId: interview.id, today: "2026-03-02", labels: standardLabels(h.deps) });
    expect(data).not.toBeNull();
    expect(await computeInterviewExport(p, { campaignId: campaign.id, today: "2026-03-02", labels: standardLabels(h.deps) })).toBeNull();
    expect(data!.respondents).toHaveLength(1);
    const r = data!.respondents[0]!;
    expect(r).toMatchObject({ fullName: "Петров Иван Сергеевич", department: "Бухгалтерия", position: "Бухгалтер", submittedOn: "2026-03-02" });
    expect(r.answers).toEqual({
      years: { kk: "12", ru: "12" },
      since: { kk: "15.03.2021", ru: "15.03.2021" },
      channel: { kk: "Басқа: В прокуратуру", ru: "Другое: В прокуратуру" },
      risks: { kk: "Сатып алу; Жалдау", ru: "Закупки; Найм" },
      comment: { kk: "Тел. +77015550011", ru: "Тел. +77015550011" },
    });

    for (const lang of ["ru", "kk"] as const) {
      const xlsx = await exportInterviewXlsx(data!, lang, h.deps.i18n.t(lang));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
      const names = wb.worksheets.map((w) => w.name);
      const [byRespondentName, byQuestionName] = lang === "ru" ? ["По респондентам", "По вопросам"] : ["Респонденттер бойынша", "Сұрақтар бойынша"];
      expect(names).toEqual([byRespondentName, byQuestionName]);
      const byRespondent = wb.getWorksheet(byRespondentName)!;
      const header = (byRespondent.getRow(1).values as unknown[]).slice(1).map(String);
      expect(header.slice(4)).toEqual(Object.values(Q).map((q) => q[lang]));
      const row = (byRespondent.getRow(2).values as unknown[]).slice(1);
      expect(row[0]).toBe("Петров Иван Сергеевич");
      expect(row[1]).toBe("Бухгалтерия");
      expect(row[2]).toBe("Бухгалтер");
      expect(row[3]).toEqual(new Date(Date.UTC(2026, 2, 2)));
      expect(row.slice(4)).toEqual(Object.keys(Q).map((id) => r.answers[id]![lang]));
      const byQuestion = wb.getWorksheet(byQuestionName)!;
      const cells: string[] = [];
      byQuestion.eachRow((rw) => rw.eachCell((c) => cells.push(String(c.value))));
      expect(cells).toContain(`3. ${Q.channel[lang]}`);
      expect(cells).toContain(lang === "ru" ? "Другое: В прокуратуру" : "Басқа: В прокуратуру");
      expect(cells).toContain(lang === "ru" ? "Закупки; Найм" : "Сатып алу; Жалдау");
      expect(cells.filter((c) => c === "Петров Иван Сергеевич")).toHaveLength(5);
    }
  });
});
