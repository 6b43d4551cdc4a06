// The whole questionnaire story over HTTP through the Bot API emulator, with the shipped
// anonymous template: a compliance officer launches it to one department; two dozen
// employees answer in kk and ru (one switches language mid-way, one is interrupted by a
// restart of the bot, one goes back and changes an answer); the officer gets correct
// numbers, charts and a DOCX section; and nothing stored links answers to people.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDefinitionFile, allQuestions, answerCodes, type Question, type SurveyDefinition } from "../../src/domain/surveys/definition.js";
import type { SentMessage, TgUser } from "../support/bot-api-emulator.js";
import { columnsHoldingCiphertext } from "../support/ciphertext-columns.js";
import { encryptedColumns } from "../../src/db/repositories/ciphertexts.js";
import { startTestApp, type RunningApp } from "../support/app.js";
import { closeSurveyCampaign, computeResults, foldBallotBoxes } from "../../src/services/surveys.js";
import { getCampaign } from "../../src/db/repositories/campaigns.js";
import { parseTotals } from "../../src/domain/surveys/ballot-box.js";
import { poolKey } from "../../src/domain/surveys/aggregate.js";
import { TEST_KEY } from "../support/harness.js";
import { createKeyring } from "../../src/domain/crypto.js";

const template = parseDefinitionFile(readFileSync(join(__dirname, "..", "..", "templates", "staff-perception-survey.yaml")), "staff-perception-survey.yaml");
if (!template.ok) throw new Error("template invalid");
const def: SurveyDefinition = template.definition;

const officer: TgUser = { id: 500001, first_name: "Гүлнар", last_name: "Сәрсенбаева", username: "gulnar_compliance", language_code: "ru" };
const RESPONDENTS = 24;
const staff: (TgUser & { lang: "kk" | "ru" })[] = Array.from({ length: RESPONDENTS }, (_, i) => ({
  id: 610000 + i,
  first_name: i % 2 ? `Айдос${i}` : `Виктор${i}`,
  last_name: i % 2 ? `Жақсыбеков${i}` : `Петренко${i}`,
  username: `worker_${i}_x`,
  lang: i % 2 ? "kk" : "ru",
}));
const outsider: TgUser = { id: 699999, first_name: "Outsider", language_code: "ru" };

let running: RunningApp;
/** What each respondent finally answered: questionId → code(s) | value. */
const given: Record<string, string[] | number | string>[] = [];

beforeAll(async () => {
  running = await startTestApp({ env: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) } });
  const p = running.db.prisma;
  const acc = await p.department.create({ data: { name: "Бухгалтерия" } });
  const other = await p.department.create({ data: { name: "Цех №2" } });
  for (const [i, u] of staff.entries()) {
    await p.user.create({ data: { fullName: `${u.last_name} ${u.first_name}`, phone: `7701${String(i).padStart(7, "0")}`, telegramId: BigInt(u.id), language: u.lang, departmentId: acc.id, registeredAt: new Date() } });
  }
  await p.user.create({ data: { fullName: "Outsider", phone: "77019999999", telegramId: BigInt(outsider.id), language: "ru", departmentId: other.id, registeredAt: new Date() } });
  // Someone in the department who has not registered in the bot yet.
  await p.user.create({ data: { fullName: "Not Registered", phone: "77018888888", departmentId: acc.id } });
}, 60_000);
afterAll(() => running.close());

async function next(user: TgUser, after: number, match: (m: SentMessage) => boolean = () => true, timeoutMs = 10_000): Promise<SentMessage> {
  return running.emulator.waitFor((m) => match(m), { chatId: user.id, after, timeoutMs });
}

/** Presses something on `msg` and waits for that message to be edited (nothing new sent). */
async function edited(user: TgUser, msg: SentMessage, press: () => Promise<unknown>): Promise<SentMessage> {
  const edits = msg.editCount;
  const mark = running.emulator.currentMessageId(user.id);
  await press();
  const m = await running.emulator.waitFor((x) => x.message_id === msg.message_id && x.editCount > edits, { chatId: user.id, timeoutMs: 10_000 });
  expect(running.emulator.currentMessageId(user.id)).toBe(mark);
  return m;
}

function findQuestion(text: string, lang: "kk" | "ru"): Question | undefined {
  // "📋 Section · n/N", a blank line, then the question text (texts repeat across sections).
  const lines = text.split("\n");
  const section = def.sections.find((s) => lines[0]?.startsWith(`📋 ${s.title[lang]} · `));
  return section?.questions.find((q) => lines.includes(q.text[lang]));
}

/** Answers whatever question is on screen, deterministically from (respondent, question). */
async function answerOne(user: TgUser, msg: SentMessage, lang: "kk" | "ru", i: number, record: Record<string, string[] | number | string>): Promise<SentMessage> {
  const { emulator } = running;
  const q = findQuestion(msg.text ?? "", lang);
  if (!q) throw new Error(`no question found in: ${msg.text}`);
  const qi = allQuestions(def).indexOf(q);
  const after = emulator.currentMessageId(user.id);
  const buttons = emulator.inlineButtons(msg);
  if (q.type === "single" || q.type === "yesno" || q.type === "scale") {
    const codes = answerCodes(q)!;
    let pick = (i * 7 + qi * 3) % codes.length;
    if (codes[pick] === "other") pick = 0;
    const answerButtons = buttons.filter((b) => b.callback_data?.startsWith("sv.a:"));
    await emulator.sendCallback(user, answerButtons[pick]!.callback_data!, msg.message_id);
    record[q.id] = [codes[pick]!];
  } else if (q.type === "multiple") {
    const codes = answerCodes(q)!;
    const picks = [...new Set([(i + qi) % codes.length, (i * 3 + 1) % codes.length])].filter((p) => codes[p] !== "other");
    if (picks.length === 0) picks.push(0);
    let current = msg;
    for (const p of picks) {
      // Each tick edits the question in place: no new message.
      const toggles = emulator.inlineButtons(current).filter((b) => b.callback_data?.startsWith("sv.t:"));
      current = await edited(user, current, () => emulator.sendCallback(user, toggles[p]!.callback_data!, current.message_id));
    }
    const done = emulator.inlineButtons(current).find((b) => b.callback_data?.startsWith("sv.d:"))!;
    const mark = emulator.currentMessageId(user.id);
    await emulator.sendCallback(user, done.callback_data!, current.message_id);
    record[q.id] = codes.filter((_, ci) => picks.includes(ci));
    return next(user, mark, (m) => emulator.inlineButtons(m).length > 0);
  } else if (q.type === "text") {
    if (i % 3 === 0) {
      const skip = buttons.find((b) => b.callback_data?.startsWith("sv.s:"))!;
      await emulator.sendCallback(user, skip.callback_data!, msg.message_id);
    } else {
      const text = lang === "kk" ? `Пікір ${i}-${q.id}: сатып алуда тәуекел бар, хабарласыңыз +7 701 555 00 ${String(i).padStart(2, "0")}` : `Мнение ${i}-${q.id}: риски в закупках, пишите ${user.username}@mail.kz`;
      await emulator.sendText(user, text);
      record[q.id] = text;
    }
  } else if (q.type === "number") {
    await emulator.sendText(user, String(i));
    record[q.id] = i;
  } else {
    await emulator.sendText(user, "01.03.2026");
    record[q.id] = "2026-03-01";
  }
  return next(user, after, (m) => running.emulator.inlineButtons(m).length > 0);
}

async function answerSurvey(user: TgUser & { lang: "kk" | "ru" }, i: number, hooks: { afterQuestions?: number; onPause?: () => Promise<void> } = {}): Promise<void> {
  const { emulator } = running;
  const record: Record<string, string[] | number | string> = {};
  given[i] = record;
  let lang = user.lang;
  const invitation = await next(user, 0, (m) => /📋/.test(m.text ?? "") && emulator.inlineButtons(m).some((b) => b.callback_data?.startsWith("sv.o:")));
  let mark = emulator.currentMessageId(user.id);
  await emulator.clickButton(user, invitation, /📋/);
  const notice = await next(user, mark, (m) => /🔒/.test(m.text ?? ""));
  expect(notice.text).toContain(lang === "kk" ? "анонимді" : "анонимный");
  mark = emulator.currentMessageId(user.id);
  await emulator.clickButton(user, notice, /▶️/);
  let msg = await next(user, mark);
  let answered = 0;
  while (!/✅/.test(JSON.stringify(emulator.inlineButtons(msg))) || emulator.inlineButtons(msg).some((b) => b.callback_data?.startsWith("sv.t:"))) {
    if (i === 1 && answered === 5) {
      // Switch language mid-way: the same question, edited into the other language.
      const shown = msg;
      msg = await edited(user, shown, () => emulator.clickButton(user, shown, /🌐/));
      lang = lang === "kk" ? "ru" : "kk";
    }
    if (i === 2 && answered === 4) {
      // Back one step, then answer again: the earlier answer is replaced.
      const m0 = emulator.currentMessageId(user.id);
      await emulator.clickButton(user, msg, /⬅️/);
      msg = await next(user, m0);
    }
    if (hooks.afterQuestions === answered && hooks.onPause) {
      await hooks.onPause();
      // After the restart the old buttons still work: the draft is in the database.
    }
    msg = await answerOne(user, msg, lang, i, record);
    answered++;
    if (answered > 60) throw new Error("survey does not end");
  }
  expect(msg.text).toMatch(lang === "kk" ? /Жібермес бұрын/ : /Проверьте ответы/);
  mark = emulator.currentMessageId(user.id);
  await emulator.clickButton(user, msg, /✅/);
  await next(user, mark, (m) => /^✅/.test(m.text ?? ""));
}

describe("an anonymous staff survey, end to end", () => {
  it("the officer launches the shipped template to one department", async () => {
    const { emulator } = running;
    await emulator.sendCommand(officer, "/campaigns");
    let msg = await next(officer, 0, (m) => /Опросы \(кампании\)/.test(m.text ?? ""));
    let mark = emulator.currentMessageId(officer.id);
    await emulator.clickButton(officer, msg, /Новая кампания/);
    msg = await next(officer, mark, (m) => /Шаг 1 из 4/.test(m.text ?? ""));
    mark = emulator.currentMessageId(officer.id);
    await emulator.clickButton(officer, msg, new RegExp(def.title.ru.slice(0, 20).replace(/[()]/g, ".")));
    msg = await next(officer, mark, (m) => /Шаг 2 из 4/.test(m.text ?? ""));
    mark = emulator.currentMessageId(officer.id);
    await emulator.clickButton(officer, msg, /анонимный опрос/);
    msg = await next(officer, mark, (m) => /Шаг 3 из 4/.test(m.text ?? ""));
    mark = emulator.currentMessageId(officer.id);
    await emulator.clickButton(officer, msg, /Выбранные подразделения/);
    msg = await emulator.waitFor((m) => /Отметьте подразделения/.test(m.text ?? ""), { chatId: officer.id });
    await emulator.clickButton(officer, msg, /Бухгалтерия/);
    msg = await emulator.waitFor((m) => /☑️ Бухгалтерия/.test(JSON.stringify(emulator.inlineButtons(m))), { chatId: officer.id });
    mark = emulator.currentMessageId(officer.id);
    await emulator.clickButton(officer, msg, /Готово/);
    msg = await next(officer, mark, (m) => /Шаг 4 из 4/.test(m.text ?? ""));
    mark = emulator.currentMessageId(officer.id);
    await emulator.clickButton(officer, msg, /^14/);
    msg = await next(officer, mark, (m) => /Проверьте:/.test(m.text ?? ""));
    expect(msg.text).toContain("Участники: Бухгалтерия");
    mark = emulator.currentMessageId(officer.id);
    await emulator.clickButton(officer, msg, /Запустить/);
    msg = await next(officer, mark, (m) => /запущена/.test(m.text ?? ""));
    expect(msg.text).toContain(`участников: ${RESPONDENTS + 1}`);
    // Invitations go out at once, only to the department, each in its language.
    await next(staff[0]!, 0, (m) => /Приглашаем пройти опрос/.test(m.text ?? ""));
    await next(staff[1]!, 0, (m) => /сауалнамасына қатысуға шақырамыз/.test(m.text ?? ""));
    expect(emulator.sentMessages(outsider.id)).toHaveLength(0);
  }, 60_000);

  it("two dozen employees answer in kk and ru; one is interrupted by a restart", async () => {
    for (const [i, user] of staff.entries()) {
      if (i === 5) {
        await answerSurvey(user, i, {
          afterQuestions: 6,
          onPause: async () => {
            await running.stopApp();
            await running.restart();
          },
        });
      } else {
        await answerSurvey(user, i);
      }
    }
    const rate = await running.db.prisma.campaignParticipant.count({ where: { completedOn: { not: null } } });
    expect(rate).toBe(RESPONDENTS);
    expect(await running.db.prisma.surveyDraft.count()).toBe(0);
  }, 300_000);

  it("a second submission and a stranger's forged buttons are refused", async () => {
    const { emulator } = running;
    const mark = emulator.currentMessageId(staff[0]!.id);
    await emulator.sendCallback(staff[0]!, "sv.o:1", 1);
    await emulator.waitForCall("answerCallbackQuery", (c) => /уже ответили/.test(String(c.payload.text)));
    await emulator.sendCallback(outsider, "sv.o:1", 1);
    await emulator.waitForCall("answerCallbackQuery", (c) => /не для вас/.test(String(c.payload.text)));
    expect(emulator.currentMessageId(staff[0]!.id)).toBe(mark);
  });

  it("the officer gets correct numbers, charts and a DOCX section", async () => {
    const { emulator } = running;
    const labels = { yes: { kk: "Иә", ru: "Да" }, no: { kk: "Жоқ", ru: "Нет" }, other: { kk: "Басқа", ru: "Другое" } };
    const keyring = createKeyring([TEST_KEY]);
    const box = { db: running.db, keyring, k: 5 };
    // While the campaign runs, the box folds in batches and keeps k back: 24 give one batch of 19.
    expect(await foldBallotBoxes(box)).toBe(RESPONDENTS - 5);
    expect(await foldBallotBoxes(box)).toBe(0);
    const running24 = await computeResults(running.db.prisma, keyring, { campaignId: 1, today: "2026-03-02", labels, viewer: { kind: "cli", osUser: "test" }, view: "screen" });
    if (!running24.ok) throw new Error(running24.error);
    expect(running24.results.responses).toBe(RESPONDENTS - 5);
    expect(running24.results.completed).toBe(RESPONDENTS);
    // Closing folds the rest: the final results rest on all 24.
    const campaign = (await getCampaign(running.db.prisma, 1))!;
    expect(await closeSurveyCampaign(box, campaign, "2026-03-02")).toBe(true);
    // The XLSX view: it lists the free texts (the screen shows only their number).
    const r = await computeResults(running.db.prisma, keyring, { campaignId: 1, today: "2026-03-02", labels, viewer: { kind: "cli", osUser: "test" }, view: "xlsx" });
    if (!r.ok) throw new Error(r.error);
    const screen = await computeResults(running.db.prisma, keyring, { campaignId: 1, today: "2026-03-02", labels, viewer: { kind: "cli", osUser: "test" }, view: "screen" });
    if (!screen.ok) throw new Error(screen.error);
    for (const q of r.results.questions) {
      const shown = screen.results.questions.find((x) => x.questionId === q.questionId)!;
      expect({ ...shown, texts: undefined }, q.questionId).toEqual({ ...q, texts: undefined });
      expect(shown.texts).toBeUndefined();
    }
    expect(r.results.responses).toBe(RESPONDENTS);
    expect(r.results.completed).toBe(RESPONDENTS);
    expect(r.results.invited).toBe(RESPONDENTS); // the unregistered person was never reachable
    for (const q of allQuestions(def)) {
      const result = r.results.questions.find((x) => x.questionId === q.id)!;
      const answers = given.map((g) => g[q.id]).filter((a) => a !== undefined);
      if (answers.length < 5) {
        expect(result.suppressed, q.id).toBe(true);
        continue;
      }
      if (q.type === "text") {
        if (answers.length < 10) expect(result.suppressed).toBe(true);
        else {
          expect(result.texts, q.id).toHaveLength(answers.length);
          // Scrubbed: no phone numbers or e-mails left.
          expect(result.texts!.join(" ")).not.toMatch(/\+7 701|@mail\.kz/);
        }
        continue;
      }
      for (const o of result.options ?? []) {
        const expected = answers.filter((a) => Array.isArray(a) && a.includes(o.code)).length;
        expect(o.count, `${q.id}=${o.code}`).toBe(expected);
      }
    }
    // In the bot: results text, charts, DOCX.
    let mark = emulator.currentMessageId(officer.id);
    await emulator.sendCallback(officer, "sc.v:1", 1);
    let msg = await next(officer, mark, (m) => /Ответили: 24 из 24/.test(m.text ?? ""));
    mark = emulator.currentMessageId(officer.id);
    await emulator.clickButton(officer, msg, /Итоги/);
    await next(officer, mark, (m) => /Итоги «/.test(m.text ?? ""));
    mark = emulator.currentMessageId(officer.id);
    await emulator.clickButton(officer, msg, /Диаграммы/);
    const chart = await emulator.waitFor((m) => m.message_id > mark && !!m.photo, { chatId: officer.id, timeoutMs: 60_000 });
    // One album, not a photo per question.
    expect(chart.media_group_id).toBeDefined();
    expect(chart.caption).toMatch(/^\d+\. /);
    mark = emulator.currentMessageId(officer.id);
    await emulator.clickButton(officer, msg, /DOCX ru/);
    const doc = await emulator.waitFor((m) => m.message_id > mark && !!m.document, { chatId: officer.id, timeoutMs: 20_000 });
    expect(doc.document?.file_name).toMatch(/^survey-1-.*-ru\.docx$/);
    msg = emulator.lastMessage(officer.id)!;
  }, 120_000);

  it("nothing stored or logged links answers to the people who gave them", async () => {
    const p = running.db.prisma;
    const keyring = createKeyring([TEST_KEY]);
    const needles = staff.flatMap((u) => [String(u.id), u.first_name, u.last_name!, u.username!]);
    // Every table that holds answers, decrypted where encrypted.
    // The totals decrypted and unpacked (they are stored compressed), as JSON.
    const totalsRows = (await p.surveyTotals.findMany()).map((row) => ({ ...row, data: parseTotals(keyring.decrypt(row.data), row.texts ? keyring.decrypt(row.texts) : null) }));
    const totalsJson = totalsRows.map((row) => JSON.stringify({ counts: [...row.data.counts], pools: [...row.data.pools], responses: [...row.data.responses] }));
    const answerTables = JSON.stringify({ totals: totalsJson, ballots: await p.sealedBallot.findMany(), drafts: await p.surveyDraft.findMany(), interviews: await p.interviewResponse.findMany() });
    for (const n of needles) expect(answerTables, n).not.toContain(n);
    // And every other table of the database, raw, except the roster itself (User), which
    // by definition holds employees' names and Telegram ids.
    const tables = (
      running.db.provider === "sqlite"
        ? await p.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
        : await p.$queryRawUnsafe<{ name: string }[]>(`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public'`)
    ).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(["SurveyTotals", "SealedBallot", "CampaignParticipant", "AuditLog", "BotState"]));
    for (const table of tables.filter((t) => t !== "User")) {
      const rows = JSON.stringify(await p.$queryRawUnsafe(`SELECT * FROM "${table}"`), (_k, v) => (typeof v === "bigint" ? v.toString() : v));
      for (const n of needles) expect(rows, `${table} contains ${n}`).not.toContain(n);
    }
    // Sessions and conversation state are stored under keyed hashes, encrypted.
    const state = await p.botState.findMany();
    for (const row of state) for (const n of needles) expect(row.key + row.value, n).not.toContain(n);
    // Logs: no identifiers, names or answers.
    for (const n of [...needles, "Мнение", "Пікір"]) expect(running.logs.text, n).not.toContain(n);
    // No row per respondent: one encrypted totals row, the box emptied by the close, the
    // plaintext counter tables of earlier versions empty; no time column.
    expect(totalsRows).toHaveLength(1);
    expect(await p.sealedBallot.count()).toBe(0);
    expect(await p.answerCount.count() + (await p.answerPool.count()) + (await p.responseCount.count())).toBe(0);
    expect(Object.keys(totalsRows[0]!).filter((c) => /at$|date|time|on$/i.test(c))).toEqual([]);
    // Free-text pools are not in submission order (reshuffled on every fold).
    const totals = totalsRows[0]!.data;
    const stored = totals.pools.get(poolKey("suggestions", "")) as string[];
    const submitted = given.map((g) => g["suggestions"]).filter((t): t is string => typeof t === "string").map((t) => t.replace(/\+7 701 555 00 \d\d|\S+@mail\.kz/, "[…]"));
    expect([...stored].sort()).toEqual([...submitted].sort());
    expect(stored).not.toEqual(submitted);
    // The ledger knows who finished, to the day, and nothing else.
    const ledger = await p.campaignParticipant.findFirst({ where: { completedOn: { not: null } } });
    expect(ledger!.completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("every column that holds a ciphertext is one that key rotation re-encrypts", async () => {
    const found = await columnsHoldingCiphertext(running.db);
    expect(found.length).toBeGreaterThan(0);
    for (const column of found) expect(encryptedColumns, `${column} is not in ENCRYPTED_COLUMNS`).toContain(column);
  });
});
