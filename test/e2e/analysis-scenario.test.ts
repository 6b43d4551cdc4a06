// Issue 15's "done means", over HTTP through the emulator, on whichever database the suite runs
// on: an analysis like seed 000's (АО «Усть-Каменогорские тепловые сети», the service unit of
// consumers, order № 218 of 09.04.2021) made through the bot from end to end — the record, the
// unit heads' interviews answered in the bot, an anonymous survey with one question too thin to
// show, two anonymous reports, typed and imported figures of other sources, three risks with
// their recommendations turned into plan items, the list of positions approved, the report signed
// — and the analytic report draft in Russian and Kazakh (the officer's and the observer's) with
// exactly those figures and nothing of what must stay hidden. SCENARIO_RENDER=<dir> keeps the
// documents to render and look at.
import { writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { allQuestions, type Question } from "../../src/domain/surveys/definition.js";
import type { SentMessage, TgUser } from "../support/bot-api-emulator.js";
import { startTestApp, type RunningApp } from "../support/app.js";
import { docxText } from "../support/board-documents.js";
import { conversation } from "../support/conversation.js";
import { interviewTemplate } from "../support/interview-fixture.js";

const officer: TgUser = { id: 550001, first_name: "Айгерим", language_code: "ru" };
const observer: TgUser = { id: 550002, first_name: "Бауыржан", language_code: "kk" };
const headSop: TgUser = { id: 550011, first_name: "Сауле", language_code: "ru" };
const headMeter: TgUser = { id: 550012, first_name: "Ерлан", language_code: "ru" };
const STAFF = 14;
const staff: TgUser[] = Array.from({ length: STAFF }, (_, i) => ({ id: 551000 + i, first_name: `Сотрудник${i}`, language_code: i % 2 ? "kk" : "ru" }));

const SOP = "Служба сервисного обслуживания потребителей";
const METER = "Служба учёта тепловой энергии";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** 10:00 in Almaty (UTC+5) on a day of 2021. */
const at = (day: string, time = "10:00") => new Date(`${day}T${time}:00+05:00`);

let running: RunningApp;
const emu = () => running.emulator;
const { next, act, has } = conversation(emu);
const textOf = (m: SentMessage) => m.text ?? m.caption ?? "";

/** The latest bot message in the chat that has a button whose text (or, for `data`, callback data) matches. */
function withButtonIn(user: TgUser, match: RegExp, by: "text" | "data"): SentMessage {
  const list = emu().sentMessages(user.id).filter((m) => m.sentVia !== "user" && !m.deleted);
  for (let i = list.length - 1; i >= 0; i--) {
    const m = emu().message(user.id, list[i]!.message_id)!;
    if (emu().inlineButtons(m).some((b) => match.test(by === "text" ? b.text : (b.callback_data ?? "")))) return m;
  }
  throw new Error(`no button ${match} in chat ${user.id}: ${JSON.stringify(list.slice(-3).map((m) => [textOf(m), emu().inlineButtons(m).map((b) => b.text)]))}`);
}

/** The text of a message and its buttons' texts, to match what a step shows. */
const shown = (m: SentMessage) => `${textOf(m)}\n${emu().inlineButtons(m).map((b) => b.text).join("\n")}`;

/**
 * Presses the button matching `match` on `m` and waits for the bot's answer: with `expected`, a new
 * or edited message whose text or buttons match; without, any new message.
 */
async function press(user: TgUser, m: SentMessage, match: RegExp, expected?: RegExp, by: "text" | "data" = "text"): Promise<SentMessage> {
  const current = emu().message(user.id, m.message_id)!;
  const edits = current.editCount;
  const mark = emu().currentMessageId(user.id);
  const button = emu().inlineButtons(current).find((b) => match.test(by === "text" ? b.text : (b.callback_data ?? "")));
  if (!button) throw new Error(`no button ${match} on «${textOf(current).slice(0, 200)}»: ${JSON.stringify(emu().inlineButtons(current).map((b) => b.text))}`);
  await emu().sendCallback(user, button.callback_data!, m.message_id);
  const fits = (x: SentMessage) => x.sentVia !== "user" && (expected ? (x.message_id > mark || (x.message_id === m.message_id && x.editCount > edits)) && expected.test(shown(x)) : x.message_id > mark);
  try {
    return await emu().waitFor(fits, { chatId: user.id, timeoutMs: 10_000 });
  } catch (error) {
    const said = emu().sentMessages(user.id).filter((x) => x.message_id > mark || x.message_id === m.message_id).map((x) => shown(x).slice(0, 400));
    throw new Error(`${(error as Error).message.split("\n")[0]} after «${button.text}»; the bot said: ${said.join(" | ")}`);
  }
}

/** Presses the latest button matching `match` (by its text, or its callback data). */
const tap = (user: TgUser, match: RegExp, expected?: RegExp, by: "text" | "data" = "text") => press(user, withButtonIn(user, match, by), match, expected, by);
const tapData = (user: TgUser, data: RegExp, expected?: RegExp) => tap(user, data, expected, "data");
const say = (user: TgUser, text: string, expected: RegExp = /[^]/) => act(user, () => emu().sendText(user, text), (m) => expected.test(shown(m)));
const command = (user: TgUser, text: string, expected: RegExp = /[^]/) => act(user, () => emu().sendCommand(user, text), (m) => expected.test(shown(m)));

let analysisId = 0;
const file = (m: SentMessage) => Buffer.from(emu().file(m.document!.file_id)!.bytes);
function keep(m: SentMessage, who: TgUser): Buffer {
  const bytes = file(m);
  const dir = process.env.SCENARIO_RENDER;
  if (dir) writeFileSync(`${dir}/${who.id}-${m.document!.file_name}`, bytes);
  return bytes;
}

// ------------------------------------------------------------------ the roster

beforeAll(async () => {
  running = await startTestApp({ epoch: at("2021-03-15"), env: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) } });
  const p = running.db.prisma;
  const registeredAt = new Date();
  const sop = await p.department.create({ data: { name: SOP } });
  const meter = await p.department.create({ data: { name: METER } });
  let phone = 77015500000;
  const person = (fullName: string, position: string, departmentId: number | null, user: TgUser | null, role = "employee") =>
    p.user.create({ data: { fullName, position, phone: String(++phone), role, departmentId, language: user?.language_code ?? "ru", ...(user ? { telegramId: BigInt(user.id), registeredAt } : {}) } });
  await person("Кумаргазынова Айгерим Сериковна", "Комплаенс-офицер", null, null).then((u) => p.user.update({ where: { id: u.id }, data: { telegramId: BigInt(officer.id), registeredAt } }));
  await person("Омаров Бауыржан Қайратұлы", "Председатель Правления", null, observer, "observer");
  await person("Ермекова Сауле Маратовна", "Менеджер службы СОП", sop.id, headSop);
  await person("Жакупов Ерлан Болатович", "Начальник службы учёта", meter.id, headMeter);
  await person("Третьяков Олег Юрьевич", "Начальник юридического отдела", null, null);
  await person("Сейтханулы Асхат", "Главный специалист по кадрам", null, null);
  for (const [i, u] of staff.entries()) await person(`Сотрудник${i} Тестовый`, i < 9 ? "Оператор службы СОП" : "Контролёр", i < 9 ? sop.id : meter.id, u);
  await act(officer, () => emu().sendCommand(officer, "/start"), has(/выберите действие/));
}, 60_000);
afterAll(() => running?.close());

// ------------------------------------------------------------------ reports (filed in the covered period)

const REPORT_TEXTS = ["Оператор SECRET-OPER-4411 предлагает занизить площадь за вознаграждение", "Контролёр SECRET-KONTR-7730 не вносит прописанных лиц в лицевой счёт"];

async function fileReport(r: TgUser, what: string): Promise<void> {
  await act(r, () => emu().sendCommand(r, "/report"), (x) => emu().inlineButtons(x).some((b) => /Продолжить/.test(b.text)));
  await tap(r, /Продолжить/, /Взяточничество/);
  await tap(r, /^Взяточничество$/, /^Нет$/m);
  await tap(r, /^Нет$/, /подразделении/);
  await say(r, "Служба СОП", /что произошло/i);
  await say(r, what, /Когда и где/);
  await say(r, "Март 2021 года, абонентский отдел", /Пропустить/);
  await tap(r, /Пропустить/, /Приложите/);
  await tap(r, /Готово|Без файлов|Пропустить/, /Отправить/);
  await tap(r, /Отправить/, /[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}/);
}

// ------------------------------------------------------------------ the interview driver

const interview = interviewTemplate();
const interviewQuestions = allQuestions(interview);
type Plan = Record<string, string>;

const SOP_PLAN: Plan = {
  unit_name: SOP,
  period_from: "01.01.2020",
  period_to: "31.03.2021",
  ps_has: "no",
  pm_has: "no",
  ct_has: "no",
  hr_staff_positions: "29",
  hr_headcount: "29",
  hr_vacancies: "0",
  hr_hired: "9",
  hr_dismissed_other: "5",
  hr_penalties_total: "2",
  hr_penalty_remark: "1",
  hr_penalty_reprimand: "1",
  hr_penalties_cancelled_any: "no",
  hr_offences_any: "no",
  hr_risky_positions: "Оператор службы СОП; старший оператор службы СОП",
  npa_reviewed: "1",
  npa_1_has: "yes",
  npa_1_name: "Правила предоставления коммунальных услуг (приказ Министра национальной экономики от 29.03.2015 № 239)",
  npa_1_issues: "Не установлен порядок подтверждения площади квартиры при заключении договора",
  npa_1_measures: "Направлено предложение в уполномоченный орган",
  npa_2_has: "no",
};
const METER_PLAN: Plan = {
  unit_name: METER,
  period_from: "01.01.2020",
  period_to: "31.03.2021",
  ps_has: "no",
  pm_has: "no",
  ct_has: "no",
  hr_staff_positions: "12",
  hr_headcount: "11",
  hr_vacancies: "1",
  hr_hired: "2",
  hr_dismissed_voluntary: "1",
  hr_penalties_total: "1",
  hr_penalty_severe_reprimand: "1",
  hr_penalties_cancelled_any: "no",
  hr_offences_any: "no",
  npa_reviewed: "0",
  npa_1_has: "no",
};

/** The review before submitting (its last part holds the «✅» button). */
const isReview = (m: SentMessage) => emu().inlineButtons(m).some((b) => /^✅/.test(b.text) && !/Готово/.test(b.text));

/** Recognises the question on screen by its text in the definition. */
function questionOn(m: SentMessage, lang: "kk" | "ru"): Question | undefined {
  const lines = textOf(m).split("\n");
  return interviewQuestions.find((q) => lines.includes(q.text[lang]));
}

/** Answers the interview in the bot question by question from `plan` (yes/no defaults to «Нет», numbers to 0, optional ones skipped). */
async function answerInterview(user: TgUser, plan: Plan): Promise<void> {
  const invitation = await next(user, 0, (m) => emu().inlineButtons(m).some((b) => b.callback_data?.startsWith("sv.o:")) && textOf(m).includes("Интервью"), 10_000);
  const notice = await press(user, invitation, /📋/, /▶️/);
  let msg = await press(user, notice, /▶️/);
  for (let step = 0; step < 200; step++) {
    const q = questionOn(msg, "ru");
    if (!q && isReview(msg)) break;
    if (!q) throw new Error(`no question recognised in: ${textOf(msg)}`);
    const planned = plan[q.id];
    const mark = emu().currentMessageId(user.id);
    const buttons = emu().inlineButtons(msg);
    if (q.type === "yesno") {
      await emu().clickButton(user, msg, (planned ?? "no") === "yes" ? /^Да$/ : /^Нет$/);
    } else if (q.type === "multiple") {
      const first = buttons.find((b) => b.callback_data?.startsWith("sv.t:"))!;
      const edits = msg.editCount;
      await emu().sendCallback(user, first.callback_data!, msg.message_id);
      await emu().waitFor((x) => x.message_id === msg.message_id && x.editCount > edits, { chatId: user.id });
      await emu().clickButton(user, emu().message(user.id, msg.message_id)!, /Готово/);
    } else if (planned !== undefined) await emu().sendText(user, planned);
    else if (q.type === "number") await emu().sendText(user, "0");
    else if (q.optional) await emu().clickButton(user, msg, /Пропустить/);
    else throw new Error(`no answer planned for ${q.id}`);
    msg = await next(user, mark, (x) => emu().inlineButtons(x).length > 0 && (questionOn(x, "ru") !== q || isReview(x)));
  }
  await tap(user, /✅/, /^✅/);
}

// ------------------------------------------------------------------ the survey

const T = (ru: string, kk: string) => ({ ru, kk });
const SURVEY = {
  id: "sop-perception",
  title: T("Опрос сотрудников службы СОП", "СОП қызметі қызметкерлерінің сауалнамасы"),
  mode: "anonymous",
  sections: [
    {
      id: "main",
      title: T("Коррупционные риски", "Сыбайлас жемқорлық тәуекелдері"),
      questions: [
        {
          id: "area_known",
          type: "single",
          text: T("Известны ли вам случаи занижения площади квартир при расчётах?", "Есептеу кезінде пәтер ауданын азайтып көрсету жағдайлары сізге белгілі ме?"),
          options: [
            { code: "yes", label: T("Известны", "Белгілі") },
            { code: "no", label: T("Неизвестны", "Белгісіз") },
          ],
        },
        { id: "offered", type: "yesno", text: T("Предлагали ли вам потребители вознаграждение?", "Тұтынушылар сізге сыйақы ұсынды ма?") },
        {
          id: "offered_by",
          type: "single",
          showIf: { question: "offered", equals: "yes" },
          text: T("Кто предлагал вознаграждение?", "Сыйақыны кім ұсынды?"),
          options: [
            { code: "owner", label: T("Собственник квартиры", "Пәтер иесі") },
            { code: "tenant", label: T("Наниматель", "Жалға алушы") },
          ],
        },
      ],
    },
  ],
};
const SURVEY_KNOWN = 10; // of 14: «Известны»
const SURVEY_OFFERED = 2; // of 14: «Да», so «Кто предлагал» has 2 answers, under the threshold

async function answerSurvey(user: TgUser, i: number): Promise<void> {
  const lang = user.language_code as "kk" | "ru";
  const invitation = await next(user, 0, (m) => emu().inlineButtons(m).some((b) => b.callback_data?.startsWith("sv.o:")) && textOf(m).includes(SURVEY.title[lang]), 10_000);
  const notice = await press(user, invitation, /📋/, /▶️/);
  await press(user, notice, /▶️/, new RegExp(SURVEY.sections[0]!.questions[0]!.text[lang].slice(0, 20)));
  await tap(user, i < SURVEY_KNOWN ? /^(Известны|Белгілі)$/ : /^(Неизвестны|Белгісіз)$/, new RegExp(SURVEY.sections[0]!.questions[1]!.text[lang].slice(0, 20)));
  if (i < SURVEY_OFFERED) {
    await tap(user, /^(Да|Иә)$/, new RegExp(SURVEY.sections[0]!.questions[2]!.text[lang].slice(0, 15)));
    await tap(user, /^(Собственник квартиры|Пәтер иесі)$/, /✅|Проверьте|Жібермес/);
  } else await tap(user, /^(Нет|Жоқ)$/, /Проверьте|Жібермес/);
  await tap(user, /✅/, /^✅/);
}

/** Launches a campaign of the definition titled `title` to both units through the wizard. */
async function launchCampaign(title: string, mode: RegExp): Promise<void> {
  const o = officer;
  await command(o, "/campaigns", /Опросы \(кампании\)/);
  await tap(o, /Новая кампания/, /Шаг 1 из 4/);
  await tap(o, new RegExp(title.slice(0, 20).replace(/[()«»]/g, ".")), /Шаг 2 из 4/);
  await tap(o, mode, /Шаг 3 из 4/);
  await tap(o, /Выбранные подразделения/, /Отметьте подразделения/);
  await tap(o, new RegExp(`^[^ ]* ?${SOP}`), new RegExp(`☑️ ${SOP}`));
  await tap(o, new RegExp(`^[^ ]* ?${METER}`), new RegExp(`☑️ ${METER}`));
  await tap(o, /Готово/, /Шаг 4 из 4/);
  await tap(o, /^14/, /Проверьте:/);
  await tap(o, /Запустить/, /запущена/);
}

// ------------------------------------------------------------------ sources, risks, texts

const COURT = { total: 7, claimant: 3, defendant: 4, satisfied: 1, refused: 3 };
const PENALTIES = { remark: 3, reprimand: 2 };

const withButtonText = (re: RegExp) => (m: SentMessage) => emu().inlineButtons(m).some((b) => re.test(b.text));

interface RiskPlan {
  area: number;
  title: string;
  description: string;
  functions: string;
  positions: string[];
  likelihood: number;
  impact: number;
  evidence: ("survey" | "personnel" | "appeals")[];
  recommendation: string;
  due: string;
  responsible: string;
}

const RISKS: RiskPlan[] = [
  {
    area: 7,
    title: "Занижение фактической площади квартиры",
    description: "Оператор при заключении договора указывает площадь меньше фактической за вознаграждение потребителя",
    functions: "Заключение договоров на теплоснабжение",
    positions: ["Оператор службы СОП", "Старший оператор службы СОП"],
    likelihood: 4,
    impact: 4,
    evidence: ["survey", "appeals"],
    recommendation: "Сверять площадь квартиры с данными правового кадастра при заключении договора",
    due: "30.09.2021",
    responsible: "Ермекова Сауле Маратовна",
  },
  {
    area: 7,
    title: "Занижение количества прописанных лиц",
    description: "В лицевой счёт вносится меньше лиц, чем прописано, и начисление за горячую воду снижается",
    functions: "Ведение лицевых счетов потребителей",
    positions: ["Оператор службы СОП", "Контролёр"],
    likelihood: 3,
    impact: 3,
    evidence: ["appeals"],
    recommendation: "Ежеквартально сверять количество прописанных лиц с данными адресного бюро",
    due: "30.12.2021",
    responsible: "Жакупов Ерлан Болатович",
  },
  {
    area: 0,
    title: "Приём на работу без конкурсного отбора",
    description: "Операторы принимаются по рекомендации без конкурса при высокой текучести кадров",
    functions: "Подбор и приём персонала",
    positions: ["Менеджер службы СОП"],
    likelihood: 2,
    impact: 4,
    evidence: ["personnel"],
    recommendation: "Проводить конкурсный отбор на все вакантные должности службы СОП",
    due: "30.11.2021",
    responsible: "Сейтханулы Асхат",
  },
];
const planNumbers: string[] = [];

/** The officer's paragraphs: the section's button, Russian, Kazakh. */
const TEXTS = [
  ["Заключение", "По итогам анализа выявлено три коррупционных риска; разработан план мероприятий.", "Талдау қорытындысы бойынша үш сыбайлас жемқорлық тәуекелі анықталды; іс-шаралар жоспары әзірленді."],
  ["Адресаты справки", "Председателю Правления АО «Усть-Каменогорские тепловые сети».", "«Өскемен жылу желілері» АҚ Басқарма Төрағасына."],
] as const;

async function addRisk(r: RiskPlan): Promise<void> {
  const o = officer;
  await command(o, "/analysis", /Риски: \d/);
  await tap(o, /^Риски$/, /Реестр коррупционных рисков/);
  await tapData(o, /^rk\.n:/, /Выберите направление/);
  await tapData(o, /^rk\.d:.*:organisational$/, /[^]/);
  const afterArea = await tapData(o, new RegExp(`^rk\\.a:.*:${r.area}$`));
  if (emu().inlineButtons(afterArea).some((b) => /^rk\.f:/.test(b.callback_data ?? ""))) await tapData(o, /^rk\.f:.*:1$/, /Наименование коррупционного риска/);
  await say(o, r.title, /[^]/);
  await say(o, r.description, /Примерный перечень коррупциогенных функций/);
  await say(o, r.functions, /[^]/);
  await say(o, r.positions.join("\n"), /[^]/);
  await tapData(o, new RegExp(`^rk\\.s:.*:${r.likelihood}$`));
  await say(o, String(r.impact), /Проверьте риск/);
  await tapData(o, /^rk\.ok:/, /Добавить основание/);
  const risk = await running.db.prisma.risk.findFirstOrThrow({ where: { analysisId }, orderBy: { id: "desc" } });
  for (const kind of r.evidence) {
    await tapData(o, new RegExp(`^rk\\.v:${analysisId}:${risk.id}$`));
    if (kind === "survey") {
      await tapData(o, /^rk\.vs:/);
      await tapData(o, /^rk\.vq:.*:0$/, /Основания:/);
    } else if (kind === "personnel") await tap(o, /Таблица интервью: персонал/, /Основания:/);
    else await tap(o, /Обращения физических и юридических лиц \(E-Өтініш\)/, /Основания:/);
  }
  await tapData(o, new RegExp(`^rk\\.r:${analysisId}:${risk.id}$`));
  await say(o, r.recommendation, /^Рекомендация \d+\.1$/m);
  await tapData(o, /^rk\.ro:/);
  await tapData(o, /^rk\.rc:/);
  await say(o, r.due, /[^]/);
  await say(o, r.responsible, /Пункт плана \S+ создан/);
}

/** Presses a document button and returns the DOCX's text (the file kept under SCENARIO_RENDER). */
async function documentFrom(user: TgUser, m: SentMessage, button: RegExp): Promise<string> {
  const mark = emu().currentMessageId(user.id);
  await emu().clickButton(user, m, button);
  const d = await next(user, mark, (x) => /\.docx$/.test(x.document?.file_name ?? ""), 30_000);
  return docxText(keep(d, user));
}

/** Each piece is in the text, after the one before it. */
function expectInOrder(text: string, pieces: string[]): void {
  let from = 0;
  for (const piece of pieces) {
    const at = text.indexOf(piece, from);
    expect(at, `«${piece}» after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + piece.length;
  }
}

const [q1, q2, q3] = SURVEY.sections[0]!.questions.map((q) => q.text);
const planItem = (i: number, lang: "kk" | "ru") => {
  const r = RISKS[i]!;
  return lang === "ru" ? `1) ${r.recommendation} (пункт плана мероприятий ${planNumbers[i]} «${r.recommendation}», срок — ${r.due}, ответственные — ${r.responsible}).` : `1) ${r.recommendation} (іс-шаралар жоспарының ${planNumbers[i]} тармағы «${r.recommendation}», мерзімі — ${r.due}, жауаптылар — ${r.responsible}).`;
};
const riskMapRow = (i: number, level: string) => `${i + 1}\n${RISKS[i]!.title}\n${RISKS[i]!.likelihood}\n${RISKS[i]!.impact}\n${level}\n`;

function expectedRu(): string[] {
  return [
    "Аналитическая справка по итогам внутреннего анализа коррупционных рисков (объект анализа: Служба сервисного обслуживания потребителей сбыта теплоэнергии (служба СОП))",
    "1. Вводная часть",
    "приказ № 218 от 09.04.2021.",
    "Организация: АО «Усть-Каменогорские тепловые сети».",
    "Организационно-управленческая деятельность объекта анализа.",
    "с 01.04.2021 по 31.05.2021.",
    "с 01.01.2020 по 31.03.2021.",
    "(руководитель рабочей группы): Кумаргазынова Айгерим Сериковна, Комплаенс-офицер.",
    "— Сейтханулы Асхат, Главный специалист по кадрам\n— Третьяков Олег Юрьевич, Начальник юридического отдела",
    "2. Информационно-аналитическая часть",
    "2.1. Обращения физических и юридических лиц в отношении объекта анализа",
    "За 2021 год через E-Өтініш поступило 18 обращений. По виду лица: физическое лицо — 14, юридическое лицо — 3, анонимно — 1.",
    "Всего\n18\nФизическое лицо\n14\nЮридическое лицо\n3\nАнонимно\n1\n",
    "2.2. Сведения о привлечении сотрудников объекта анализа к ответственности",
    "За 2020 год к сотрудникам применено 5 дисциплинарных взысканий. По видам взысканий: замечание — 3, выговор — 2.",
    "Всего\n5\nЗамечание\n3\nВыговор\n2\n",
    "2.3. Судебная практика",
    "За 2020 год организация участвовала в 7 судебных делах. По роли организации и исходу дела: истец — 3, ответчик — 4, ответчик: иск удовлетворён — 1, ответчик: в иске отказано — 3.",
    "Всего дел\n7\nИстец\n3\nОтветчик\n4\nОтветчик: иск удовлетворён\n1\nОтветчик: в иске отказано\n3\n",
    "2.4. Результаты опроса (интервью) сотрудников объекта анализа",
    "«Опрос сотрудников службы СОП» (анонимный опрос, с 09.04.2021 по 22.04.2021)",
    "Приглашено — 16; ответили — 14; доля ответивших — 87,5%.",
    `${q1!.ru}\n14\nИзвестны\n71,4%\n`,
    `${q2!.ru}\n14\nНет\n85,7%\n`,
    `${q3!.ru}\n—\nне показывается: ответивших меньше порога анонимности (5)\n—\n`,
    "Интервью руководителей структурных подразделений",
    `Показатель\n${SOP}\n${METER}\nИтого\n`,
    "Численность по штату (штатных единиц)\n29\n12\n41\n",
    "Фактическая численность (человек)\n29\n11\n40\n",
    "Принято на работу\n9\n2\n11\n",
    "Уволено по собственному желанию\n0\n1\n1\n",
    "Уволено по иным основаниям\n5\n0\n5\n",
    "Текучесть кадров (уволено всего, доля от фактической численности)\n5 (17,2%)\n1 (9,1%)\n6 (15%)\n",
    // Portrait: the penalty types as rows and the units as columns; each act a small table.
    `Дисциплинарные взыскания по видам\nПоказатель\n${SOP}\n${METER}\nИтого\nВсего взысканий\n2\n1\n3\nЗамечание\n1\n0\n1\nВыговор\n1\n0\n1\nСтрогий выговор\n0\n1\n1\n`,
    "Отменённые дисциплинарные взыскания\nПо данным интервью не выявлено.",
    `1\n${SOP_PLAN.npa_1_name}\nПодразделение\n${SOP}\nПодзаконные акты, отраслевые правила\n—\n`,
    SOP_PLAN.npa_1_issues!,
    SOP_PLAN.npa_1_measures!,
    "2.5. Сообщения о коррупции",
    "С 01.01.2020 по 31.03.2021 поступило сообщений о коррупции, рассматриваемых комплаенс-службой, — 2.",
    "Поступило всего\n2\nСтатус «Получено»\n2\n",
    "Не рассмотрено, срок истёк\n2\n",
    "3. Описательная часть",
    "3.1. Управление персоналом",
    "Коррупционный риск № 3",
    `Наименование коррупционного риска в бизнес-процессе: ${RISKS[2]!.title}`,
    "Должности, подверженные коррупционному риску: Менеджер службы СОП.",
    "— Таблица интервью: персонал",
    "Оценка: вероятность — 2, последствия — 4, уровень риска — средний.",
    planItem(2, "ru"),
    "3.2. Заключение договоров с физическими и юридическими лицами",
    "Коррупционный риск № 1",
    `Наименование коррупционного риска в бизнес-процессе: ${RISKS[0]!.title}`,
    "Должности, подверженные коррупционному риску: Оператор службы СОП; Старший оператор службы СОП.",
    `— Опрос «${SURVEY.title.ru}», вопрос «${q1!.ru}»`,
    "— Обращения физических и юридических лиц (E-Өтініш)",
    "Оценка: вероятность — 4, последствия — 4, уровень риска — высокий.",
    planItem(0, "ru"),
    "Коррупционный риск № 2",
    `Наименование коррупционного риска в бизнес-процессе: ${RISKS[1]!.title}`,
    "Должности, подверженные коррупционному риску: Оператор службы СОП; Контролёр.",
    "Оценка: вероятность — 3, последствия — 3, уровень риска — средний.",
    planItem(1, "ru"),
    "Карта коррупционных рисков",
    riskMapRow(0, "высокий"),
    riskMapRow(1, "средний"),
    riskMapRow(2, "средний"),
    "4. Перечень должностей, подверженных коррупционным рискам",
    `1\nОператор службы СОП\n(названа в интервью: ${SOP})\nЗаключение договоров на теплоснабжение\nВедение лицевых счетов потребителей\n№ 1. ${RISKS[0]!.title}\n№ 2. ${RISKS[1]!.title}\n`,
    `2\nСтарший оператор службы СОП\n(названа в интервью: ${SOP})\nЗаключение договоров на теплоснабжение\n№ 1. ${RISKS[0]!.title}\n`,
    `3\nКонтролёр\nВедение лицевых счетов потребителей\n№ 2. ${RISKS[1]!.title}\n`,
    `4\nМенеджер службы СОП\nПодбор и приём персонала\n№ 3. ${RISKS[2]!.title}\n`,
    "Перечень утверждён 11.06.2021.",
    "5. Заключение",
    TEXTS[0][1],
    "Адресаты справки",
    TEXTS[1][1],
    "Руководитель рабочей группы\nКумаргазынова Айгерим Сериковна _______________",
    "Члены рабочей группы:\nСейтханулы Асхат _______________\nТретьяков Олег Юрьевич _______________",
  ];
}

function expectedKk(): string[] {
  return [
    "Сыбайлас жемқорлық тәуекелдеріне ішкі талдау қорытындылары бойынша талдамалық анықтама (талдау объектісі: Служба сервисного обслуживания потребителей сбыта теплоэнергии (служба СОП))",
    "1. Кіріспе бөлім",
    "09.04.2021 № 218 бұйрық.",
    "Талдау объектісінің ұйымдастырушылық-басқарушылық қызметі.",
    "01.04.2021 бастап 31.05.2021 дейін.",
    "01.01.2020 бастап 31.03.2021 дейін.",
    "(жұмыс тобының жетекшісі): Кумаргазынова Айгерим Сериковна",
    "— Сейтханулы Асхат",
    "— Третьяков Олег Юрьевич",
    "2. Ақпараттық-талдамалық бөлім",
    "2021 жыл ішінде «E-Өтініш» платформасы арқылы түскен өтініштер саны: 18. Тұлға түрі бойынша: жеке тұлға – 14, заңды тұлға – 3, анонимді – 1.",
    "Барлығы\n18\nЖеке тұлға\n14\nЗаңды тұлға\n3\nАнонимді\n1\n",
    "2020 жыл ішінде қызметкерлерге қолданылған тәртіптік жазалар саны: 5. Жаза түрлері бойынша: ескерту – 3, сөгіс – 2.",
    "2020 жыл ішінде ұйым қатысқан сот істерінің саны: 7. Ұйымның рөлі және істің нәтижесі бойынша: талапкер – 3, жауапкер – 4, жауапкер: талап қанағаттандырылды – 1, жауапкер: талаптан бас тартылды – 3.",
    `«${SURVEY.title.kk}» — анонимді сауалнама, 09.04.2021 – 22.04.2021`,
    "Шақырылғаны — 16; жауап бергені — 14; жауап бергендер үлесі — 87,5%.",
    `${q1!.kk}\n14\nБелгілі\n71,4%\n`,
    `${q2!.kk}\n14\nЖоқ\n85,7%\n`,
    `${q3!.kk}\n—\nкөрсетілмейді: жауап бергендер анонимділік шегінен аз (шегі — 5)\n—\n`,
    "Құрылымдық бөлімшелер басшыларымен сұхбат",
    "Штат бойынша саны (штат бірліктері)\n29\n12\n41\n",
    "Кадрлардың тұрақсыздығы (барлығы жұмыстан шыққандар, нақты санындағы үлесі)\n5 (17,2%)\n1 (9,1%)\n6 (15%)\n",
    SOP_PLAN.npa_1_name!,
    "Комплаенс қызметі қарайтын сыбайлас жемқорлық туралы хабарламалар саны (01.01.2020 – 31.03.2021) — 2.",
    "Барлығы келіп түскені\n2\n",
    "3. Сипаттамалық бөлім",
    "3.1. Персоналды басқару",
    "№ 3 сыбайлас жемқорлық тәуекелі",
    "— Сұхбат кестесі: кадрлар",
    "Бағалау: ықтималдығы — 2, салдары — 4, тәуекел деңгейі — орташа.",
    planItem(2, "kk"),
    "3.2. Жеке және заңды тұлғалармен шарттар жасасу",
    "№ 1 сыбайлас жемқорлық тәуекелі",
    `— «${SURVEY.title.kk}» сауалнамасы, «${q1!.kk}» сұрағы`,
    "— Жеке және заңды тұлғалардың өтініштері (E-Өтініш)",
    "Бағалау: ықтималдығы — 4, салдары — 4, тәуекел деңгейі — жоғары.",
    planItem(0, "kk"),
    "№ 2 сыбайлас жемқорлық тәуекелі",
    planItem(1, "kk"),
    "Сыбайлас жемқорлық тәуекелдерінің картасы",
    riskMapRow(0, "жоғары"),
    riskMapRow(1, "орташа"),
    riskMapRow(2, "орташа"),
    "4. Сыбайлас жемқорлық тәуекелдеріне ұшырайтын лауазымдар тізбесі",
    `1\nОператор службы СОП\n(сұхбатта аталған бөлімшелер: ${SOP})\n`,
    `4\nМенеджер службы СОП\n`,
    "Тізбе бекітілді, бекітілген күні: 11.06.2021.",
    "5. Қорытынды",
    TEXTS[0][2],
    "Анықтама жіберілетін адресаттар",
    TEXTS[1][2],
    "Жұмыс тобының жетекшісі\nКумаргазынова Айгерим Сериковна _______________",
    "Жұмыс тобының мүшелері:\nСейтханулы Асхат _______________\nТретьяков Олег Юрьевич _______________",
  ];
}

// ------------------------------------------------------------------ the story

describe("issue 15 end to end: seed 000's analysis made in the bot", () => {
  it("two anonymous reports are filed in the covered period", async () => {
    for (const [i, text] of REPORT_TEXTS.entries()) await fileReport(staff[i * 2]!, text);
    expect(await running.db.prisma.report.count()).toBe(2);
  }, 60_000);

  it("the officer creates the analysis and fills its record in the bot", async () => {
    running.travelTo(at("2021-04-09"));
    const o = officer;
    await command(o, "/analysis", /период проведения ВАКР/);
    await say(o, "01.04.2021 – 31.05.2021", /Создать/);
    await tap(o, /Создать/, /Создано этапов/);
    analysisId = (await running.db.prisma.analysis.findFirstOrThrow()).id;

    await command(o, "/analysis", /01\.04\.2021/);
    await tap(o, /Сведения об анализе/, /Основание/);
    await tap(o, /^Приказ$/, /номер и дату приказа/);
    await say(o, "№ 218 от 09.04.2021", /Основание: приказ № 218 от 09\.04\.2021/);
    await tap(o, /^Организация$/);
    await say(o, "АО «Усть-Каменогорские тепловые сети»", /Организация: АО/);
    await tap(o, /^Объект анализа$/);
    await say(o, "Служба сервисного обслуживания потребителей сбыта теплоэнергии (служба СОП)", /Объект анализа: Служба/);
    await tap(o, /^Подразделения$/, new RegExp(`▫️ ${SOP}`));
    await tap(o, new RegExp(`▫️ ${SOP}`), new RegExp(`✅ ${SOP}`));
    await tap(o, new RegExp(`▫️ ${METER}`), new RegExp(`✅ ${METER}`));
    await tap(o, /К сведениям об анализе/, /Основание/);
    await tap(o, /^Направление$/, /▫️ Организационно-управленческая/);
    await tap(o, /^▫️ Организационно-управленческая/, /✅ Организационно-управленческая/);
    await tap(o, /К сведениям об анализе/, /Основание/);
    await tap(o, /^Анализируемый период$/);
    await say(o, "01.01.2020 – 31.03.2021", /Анализируемый период: 01\.01\.2020 – 31\.03\.2021/);
    await tap(o, /^Источники$/, /▫️ .*Обращения/);
    for (const source of [/Обращения физических/, /Сведения о привлечении/, /Судебная практика/, /Результаты анкетирования|опрос/]) await tap(o, new RegExp(`^▫️ .*(${source.source})`), new RegExp(`✅ .*(${source.source})`));
    await tap(o, /К сведениям об анализе/, /Основание/);
    await tap(o, /^Рабочая группа$/, /Добавить сотрудника/);
    for (const [name, search] of [["Кумаргазынова Айгерим Сериковна", "Кумаргазынова"], ["Третьяков Олег Юрьевич", "Третьяков"], ["Сейтханулы Асхат", "Сейтханулы"]] as const) {
      await tap(o, /Добавить сотрудника/);
      await say(o, search, new RegExp(name));
      await tap(o, new RegExp(`^${name}`), /Добавить сотрудника/);
    }
    await tap(o, /^Руководитель: Кумаргазынова/, /руководитель рабочей группы/);
  }, 60_000);

  it("the unit heads' interviews: launched through the wizard, answered in the bot by two heads", async () => {
    // The interview template and the survey: uploaded as files.
    const o = officer;
    for (const content of [stringify(SURVEY)]) {
      await command(o, "/survey_upload", /YAML/);
      await act(o, () => emu().sendDocument(o, { fileName: "survey.yaml", mimeType: "application/x-yaml", content: Buffer.from(content, "utf8") }), has(/сохранена|версия/i));
    }
    await launchCampaign(interview.title.ru, /именн/i);
    await answerInterview(headSop, SOP_PLAN);
    await answerInterview(headMeter, METER_PLAN);
    expect(await running.db.prisma.interviewResponse.count()).toBe(2);
  }, 120_000);

  it("the anonymous survey is answered by the staff", async () => {
    await launchCampaign(SURVEY.title.ru, /анонимный опрос/);
    for (const [i, u] of staff.entries()) await answerSurvey(u, i);
  }, 120_000);

  it("the record links both campaigns and shows the interview tables' figures", async () => {
    const o = officer;
    await command(o, "/analysis", /01\.04\.2021/);
    await tap(o, /Сведения об анализе/, /Основание/);
    await tap(o, /^Кампании$/, /▫️ 👤/);
    await tap(o, /^▫️ 👤 /, /✅ 👤/);
    await tap(o, /^▫️ 🔒 /, /✅ 🔒/);
    const card = textOf(await tap(o, /К сведениям об анализе/, /Основание/));
    for (const line of [
      "Основание: приказ № 218 от 09.04.2021",
      "Организация: АО «Усть-Каменогорские тепловые сети»",
      `Подразделения: ${SOP}; ${METER}`,
      "Направление: Организационно-управленческая деятельность объекта анализа",
      "Период проведения анализа: 01.04.2021 – 31.05.2021",
      "Анализируемый период: 01.01.2020 – 31.03.2021",
      "• Кумаргазынова Айгерим Сериковна — Комплаенс-офицер (руководитель рабочей группы)",
      "• Третьяков Олег Юрьевич — Начальник юридического отдела",
      "• Сейтханулы Асхат — Главный специалист по кадрам",
      "• Обращения физических и юридических лиц в отношении объекта анализа",
      "• Судебная практика",
      `Именные интервью руководителей подразделений: ${interview.title.ru}, кампания № 1 (09.04.2021 – 22.04.2021)`,
      `Анонимные опросы сотрудников: ${SURVEY.title.ru}, кампания № 2 (09.04.2021 – 22.04.2021)`,
    ]) expect(card).toContain(line);
    await command(o, "/analysis", /Таблицы интервью: 2 подразделения/);
    const summary = await tap(o, /Таблицы интервью/, /Ответило 2 подразделения/);
    expect(textOf(summary)).toContain("Текучесть кадров: 6 (15%).");
  }, 60_000);

  it("other sources: appeals typed, court cases and penalties imported from the filled template", async () => {
    const o = officer;
    const openSources = async () => {
      await command(o, "/analysis", /Другие источники/);
      return tap(o, /^Другие источники$/, /Другие источники|Сведения других источников/);
    };
    await openSources();
    await tap(o, /Добавить показатель/, /поля через точку с запятой/);
    await say(o, "Обращения через E-Өтініш; 2021; всего; 18; E-Өтініш", /Показатель внесён/);
    for (const [category, count] of [["физическое лицо", 14], ["юридическое лицо", 3], ["анонимно", 1]] as const) {
      await tap(o, /Добавить показатель/, /поля через точку с запятой/);
      await say(o, `E-Өтініш; 2021; ${category}; ${count}; E-Өтініш`, /Показатель внесён/);
    }
    await openSources();
    const sent = await tap(o, /Получить шаблон/, /Шаблон сведений/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file(sent) as unknown as ArrayBuffer);
    const data = wb.worksheets[0]!;
    const rows: (string | number)[][] = [
      ["Судебные дела", "2020", "всего дел", "", COURT.total],
      ["Судебные дела", "2020", "истец", "", COURT.claimant],
      ["Судебные дела", "2020", "ответчик", "", COURT.defendant],
      ["Судебные дела", "2020", "ответчик: иск удовлетворён", "", COURT.satisfied],
      ["Судебные дела", "2020", "ответчик: в иске отказано", "", COURT.refused],
      ["Дисциплинарные взыскания", "2020", "замечание", "", PENALTIES.remark],
      ["Дисциплинарные взыскания", "2020", "выговор", "", PENALTIES.reprimand],
    ];
    rows.forEach((r, i) => (data.getRow(i + 2).values = r));
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    await openSources();
    await tap(o, /Загрузить заполненный шаблон/, /Пришлите заполненный шаблон/);
    const preview = await act(o, () => emu().sendDocument(o, { fileName: "источники.xlsx", mimeType: XLSX, content: filled }), withButtonText(/Внести показатели/));
    expect(textOf(preview)).toContain("показателей — 7, из них уже внесены — 0, ошибок — 0");
    await press(o, preview, /Внести показатели/, /Внесено показателей: 7; уже были внесены: 0\./);
    expect(await running.db.prisma.sourceFigure.count({ where: { analysisId } })).toBe(11);
  }, 60_000);

  it("three risks through the wizard, each with evidence, a recommendation and a plan item", async () => {
    // The day after the campaigns' last day the dispatcher closes them (the survey's results are final).
    running.travelTo(at("2021-04-23"));
    await running.app.jobs.surveyDispatcher.tick();
    expect(await running.db.prisma.campaign.count({ where: { status: "closed" } })).toBe(2);
    running.travelTo(at("2021-05-20"));
    for (const risk of RISKS) await addRisk(risk);
    const items = await running.db.prisma.task.findMany({ where: { kind: "plan" }, include: { occurrences: true }, orderBy: { id: "asc" } });
    expect(items.map((t) => t.risk)).toEqual(RISKS.map((r) => r.title));
    planNumbers.push(...items.map((t) => t.number!));
    // The plan item's card, opened by its responsible from /tasks, names its risk.
    const list = await command(headSop, "/tasks", /\d\) /);
    const number = /(\d+)\) /.exec(textOf(list).split("\n").find((l) => l.includes(RISKS[0]!.recommendation)) ?? "")?.[1];
    const card = await press(headSop, list, new RegExp(`^${number}\\. `), /Риск № 1/);
    expect(textOf(card)).toContain(`Риск № 1: ${RISKS[0]!.title}; рекомендация 1.1`);
  }, 90_000);

  it("the list of positions is approved, the report signed and the plan approved; the report screen names the due dates", async () => {
    const o = officer;
    running.travelTo(at("2021-06-11"));
    for (const [key, ru, kk] of TEXTS) {
      await command(o, "/analysis", /Справка/);
      await tap(o, /^Аналитическая справка$/, /Рисков в реестре: 3/);
      await tap(o, /Изменить текст раздела/, new RegExp(key));
      await tap(o, new RegExp(`^${key}$`), /на языке: русский/);
      await say(o, ru, /сохранён \(русский\)/);
      await tap(o, new RegExp(`^${key}$`), /Написать на другом языке|на языке/);
      await tap(o, /Написать на другом языке/, /на языке: казахский/);
      await say(o, kk, /сохранён \(казахский\)/);
    }
    await command(o, "/analysis", /Справка/);
    const screen = await tap(o, /^Аналитическая справка$/, /Рисков в реестре: 3/);
    await press(o, screen, /Утвердить перечень должностей/, /Перечень должностей утверждён 11\.06\.2021: должностей — 4\./);
    running.travelTo(at("2021-06-14"));
    await command(o, "/report_signed 14.06.2021", /14\.06\.2021/);
    running.travelTo(at("2021-06-28"));
    await command(o, "/plan_approved 28.06.2021", /28\.06\.2021/);
    await command(o, "/analysis", /Справка/);
    const signed = await tap(o, /^Аналитическая справка$/, /Справка подписана/);
    // Three working days after the plan's approval (Monday 28.06.2021): Thursday 01.07.2021.
    expect(textOf(signed)).toContain("Справка подписана 14.06.2021.\n📌 Разместить справку на сайте — до 01.07.2021.\n📌 Обновить карту коррупционных рисков — до 01.07.2021.");
  }, 60_000);

  it("the analytic report draft in Russian and Kazakh, and the observer's Kazakh copy, hold exactly these figures", async () => {
    const o = officer;
    await command(o, "/analysis", /Справка/);
    const screen = await tap(o, /^Аналитическая справка$/, /Рисков в реестре: 3/);
    const ru = await documentFrom(o, screen, /Проект справки на русском/);
    const kk = await documentFrom(o, screen, /Проект справки на казахском/);
    await command(observer, "/analysis", /Анықтама/);
    const observed = await tap(observer, /Талдамалық анықтама/, /Тізілімдегі тәуекелдер|тәуекел/i);
    const kkObserver = await documentFrom(observer, observed, /Анықтама жобасы қазақ тілінде/);
    expectInOrder(ru, expectedRu());
    expectInOrder(kk, expectedKk());
    // The observer's copy is the officer's: the same figures, the same hidden question.
    expect(kkObserver).toBe(kk);
    for (const text of [ru, kk]) {
      // Nothing of the reports' texts, and no figure of the hidden question.
      for (const secret of [...REPORT_TEXTS, "SECRET-", "абонентский отдел", "Служба СОП\n", "Взяточничество", "Собственник квартиры", "Пәтер иесі", "Наниматель", "Жалға алушы", "14,3"]) expect(text).not.toContain(secret);
      const hidden = text.split("\n").findIndex((l) => l === SURVEY.sections[0]!.questions[2]!.text.ru || l === SURVEY.sections[0]!.questions[2]!.text.kk);
      expect(text.split("\n").slice(hidden + 1, hidden + 4)).toEqual(["—", expect.stringMatching(/не показывается|көрсетілмейді/), "—"]);
    }
    // No Russian wording of the report's own in the Kazakh draft (the officer's and the heads' words aside).
    for (const word of ["Показатель", "Итого", "Всего", "Вопрос", "Ответили", "не показывается", "Сведения не представлены", "Рекомендации", "Коррупционный риск", "Карта коррупционных", "Перечень", "Заключение\n", "Руководитель рабочей группы", "Члены рабочей группы", "срок —", "ответственные"]) expect(kk, word).not.toContain(word);
  }, 60_000);
});
