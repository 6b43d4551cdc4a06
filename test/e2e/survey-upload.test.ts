// Uploading a questionnaire definition through the real bot (HTTP, emulator file storage):
// every error is listed with its exact path in the officer's language and nothing is
// stored; a valid file becomes version 1; the same file again changes nothing; a changed
// file becomes version 2 while a campaign launched earlier stays on version 1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { SentMessage, TgUser } from "../support/bot-api-emulator.js";
import { startTestApp, type RunningApp } from "../support/app.js";
import { FLOW_DEFINITION_INPUT } from "../support/survey-fixture.js";

const officerRu: TgUser = { id: 500001, first_name: "Гүлнар", language_code: "ru" };
const officerKk: TgUser = { id: 500002, first_name: "Ерлан", language_code: "kk" };
const employee: TgUser = { id: 600001, first_name: "Employee", language_code: "ru" };

/** Structural errors only: semantic checks (duplicates, min > max) run once the shape is valid. */
const BROKEN = `id: upload-test
title:
  kk: "Жүктеу сынағы"
  ru: "Проверка загрузки"
mode: secret
sections:
  - id: main
    title:
      kk: "Негізгі"
      ru: "Основное"
    questions:
      - id: q1
        type: single
        text:
          ru: "Только по-русски"
        options:
          - code: a
            label: { kk: "А", ru: "А" }
      - id: q2
        type: rating
        text: { kk: "Сұрақ", ru: "Вопрос" }
      - id: q3
        type: number
        colour: red
        text: { kk: "Сан", ru: "Число" }
`;

const validInput = () => ({ ...structuredClone(FLOW_DEFINITION_INPUT), id: "upload-test", title: { kk: "Жүктеу сынағы", ru: "Проверка загрузки" } });
const VALID = stringify(validInput());

let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp({ env: { COMPLIANCE_TELEGRAM_IDS: `${officerRu.id},${officerKk.id}` } });
  await running.db.prisma.user.create({ data: { fullName: "Employee", phone: "77010000002", telegramId: BigInt(employee.id), language: "ru", registeredAt: new Date() } });
}, 60_000);
afterAll(() => running.close());

const definitions = () => running.db.prisma.surveyDefinition.count();
const audits = () => running.db.prisma.auditLog.count({ where: { action: "survey.definition_uploaded" } });

/** /survey_upload, the file, and the bot's answers to the file (joined). */
async function upload(officer: TgUser, fileName: string, content: string, mimeType = "application/x-yaml"): Promise<string> {
  const { emulator } = running;
  const after = emulator.currentMessageId(officer.id);
  await emulator.sendCommand(officer, "/survey_upload");
  const prompt = await emulator.waitFor((m) => /YAML/.test(m.text ?? "") && /docs\/survey-format\.md/.test(m.text ?? ""), { chatId: officer.id, after });
  await emulator.sendDocument(officer, { fileName, mimeType, content: Buffer.from(content, "utf8") });
  const first = await emulator.waitFor((m) => m.message_id > prompt.message_id, { chatId: officer.id, after: prompt.message_id });
  // Long error lists may come in several messages: give the rest a moment to arrive.
  await new Promise((r) => setTimeout(r, 150));
  return emulator
    .sentMessages(officer.id)
    .filter((m: SentMessage) => m.message_id >= first.message_id)
    .map((m) => m.text ?? "")
    .join("\n");
}

describe("/survey_upload", () => {
  it("lists every error with its exact path in Russian and stores nothing", async () => {
    const [before, auditBefore] = [await definitions(), await audits()];
    const reply = await upload(officerRu, "survey.yaml", BROKEN);
    expect(reply.split("\n")).toEqual([
      "Анкета не сохранена: ошибок — 5.",
      "• mode: режим: anonymous или attributed",
      "• sections[0].questions[0].text.kk: нет текста на одном из языков (нужны kk и ru)",
      "• sections[0].questions[0].options: нужно не меньше двух вариантов ответа",
      "• sections[0].questions[1].type: тип вопроса: single, multiple, scale, number, text, date или yesno",
      "• sections[0].questions[2]: лишние поля: colour",
    ]);
    expect(await definitions()).toBe(before);
    expect(await audits()).toBe(auditBefore);
  });

  it("lists the same errors in Kazakh for a Kazakh-speaking officer", async () => {
    const before = await definitions();
    const reply = await upload(officerKk, "survey.yml", BROKEN);
    expect(reply.split("\n")).toEqual([
      "Сауалнама сақталмады: қателер саны — 5.",
      "• mode: режим: anonymous немесе attributed",
      "• sections[0].questions[0].text.kk: тілдердің бірінде мәтін жоқ (kk және ru қажет)",
      "• sections[0].questions[0].options: кемінде екі жауап нұсқасы қажет",
      "• sections[0].questions[1].type: сұрақ түрі: single, multiple, scale, number, text, date немесе yesno",
      "• sections[0].questions[2]: артық өрістер: colour",
    ]);
    expect(await definitions()).toBe(before);
  });

  it("reports rules across fields and unreadable files with their paths", async () => {
    const before = await definitions();
    const dup = validInput();
    dup.sections[1]!.questions[1]!.id = "channel";
    (dup.sections[0]!.questions[0] as { min?: number }).min = 70;
    expect((await upload(officerRu, "dup.yaml", stringify(dup))).split("\n")).toEqual([
      "Анкета не сохранена: ошибок — 2.",
      "• sections[0].questions[0].min: минимум больше максимума",
      "• sections[1].questions[1].id: идентификатор «channel» уже используется",
    ]);
    const syntax = await upload(officerKk, "broken.yaml", "id: x\ntitle: [unclosed\n");
    expect(syntax).toMatch(/^Сауалнама сақталмады: қателер саны — 1\.\n• \(file\): файл YAML\/JSON ретінде оқылмайды: /);
    const json = await upload(officerRu, "survey.json", JSON.stringify({ ...validInput(), sections: [] }), "application/json");
    expect(json.split("\n")).toEqual(["Анкета не сохранена: ошибок — 1.", "• sections: нет ни одного раздела"]);
    expect(await definitions()).toBe(before);
  });

  it("a valid file is saved as version 1; the same file again is unchanged; a changed file is version 2 and an earlier campaign keeps version 1", async () => {
    const { emulator } = running;
    const p = running.db.prisma;
    expect(await upload(officerRu, "survey.yaml", VALID)).toBe("Анкета «Проверка загрузки» сохранена: upload-test, версия 1.");
    const v1 = (await p.surveyDefinition.findFirst({ where: { slug: "upload-test" } }))!;
    expect(v1).toMatchObject({ version: 1, source: "upload" });
    expect(JSON.parse(v1.content)).toMatchObject({ id: "upload-test", sections: [{ id: "facts" }, { id: "views" }] });
    expect(await p.auditLog.count({ where: { action: "survey.definition_uploaded", subject: `definition:${v1.id}` } })).toBe(1);

    // The same file again (another name, the other officer): nothing new.
    expect(await upload(officerKk, "copy.yml", VALID)).toBe("«Жүктеу сынағы» сауалнамасы өзгерген жоқ: upload-test, 1-нұсқа.");
    expect(await upload(officerRu, "survey.yaml", VALID)).toBe("Анкета «Проверка загрузки» не изменилась: upload-test, версия 1.");
    expect(await p.surveyDefinition.count({ where: { slug: "upload-test" } })).toBe(1);

    // Launch a campaign on version 1 through the wizard.
    let mark = emulator.currentMessageId(officerRu.id);
    await emulator.sendCommand(officerRu, "/campaigns");
    let msg = await emulator.waitFor((m) => /Опросы \(кампании\)/.test(m.text ?? ""), { chatId: officerRu.id, after: mark });
    mark = emulator.currentMessageId(officerRu.id);
    await emulator.clickButton(officerRu, msg, /Новая кампания/);
    msg = await emulator.waitFor((m) => /Шаг 1 из 4/.test(m.text ?? ""), { chatId: officerRu.id, after: mark });
    mark = emulator.currentMessageId(officerRu.id);
    await emulator.clickButton(officerRu, msg, "Проверка загрузки (v1)");
    msg = await emulator.waitFor((m) => /Шаг 2 из 4/.test(m.text ?? ""), { chatId: officerRu.id, after: mark });
    mark = emulator.currentMessageId(officerRu.id);
    await emulator.clickButton(officerRu, msg, /анонимный опрос/);
    msg = await emulator.waitFor((m) => /Шаг 3 из 4/.test(m.text ?? ""), { chatId: officerRu.id, after: mark });
    mark = emulator.currentMessageId(officerRu.id);
    await emulator.clickButton(officerRu, msg, /Все сотрудники/);
    msg = await emulator.waitFor((m) => /Шаг 4 из 4/.test(m.text ?? ""), { chatId: officerRu.id, after: mark });
    mark = emulator.currentMessageId(officerRu.id);
    await emulator.clickButton(officerRu, msg, /^14/);
    msg = await emulator.waitFor((m) => /Проверьте:/.test(m.text ?? ""), { chatId: officerRu.id, after: mark });
    expect(msg.text).toContain("Анкета: «Проверка загрузки» (версия 1)");
    mark = emulator.currentMessageId(officerRu.id);
    await emulator.clickButton(officerRu, msg, /Запустить/);
    await emulator.waitFor((m) => /Кампания #\d+ запущена/.test(m.text ?? ""), { chatId: officerRu.id, after: mark });
    // Invitations go out at once (audience: everyone, the officers included); let them
    // arrive before the next upload, whose answers are read from the same chat.
    const invitation = (m: SentMessage) => emulator.inlineButtons(m).some((b) => b.callback_data?.startsWith("sv.o:"));
    for (const u of [officerRu, officerKk, employee]) await emulator.waitFor(invitation, { chatId: u.id, after: 0 });
    const campaign = (await p.campaign.findFirst({ orderBy: { id: "desc" } }))!;
    expect(campaign.definitionId).toBe(v1.id);
    expect(campaign.status).toBe("open");

    // A changed file: version 2; the running campaign stays on version 1.
    const changed = validInput();
    changed.sections[0]!.questions[0]!.text = { kk: "Қанша жыл жұмыс істеп келесіз?", ru: "Сколько лет вы уже работаете?" };
    expect(await upload(officerRu, "survey.yaml", stringify(changed))).toBe("Анкета «Проверка загрузки» сохранена: upload-test, версия 2.");
    const versions = await p.surveyDefinition.findMany({ where: { slug: "upload-test" }, orderBy: { version: "asc" } });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]!.content).toBe(v1.content);
    expect(JSON.parse(versions[1]!.content).sections[0].questions[0].text.ru).toBe("Сколько лет вы уже работаете?");
    expect((await p.campaign.findUnique({ where: { id: campaign.id } }))!.definitionId).toBe(v1.id);
    // The wizard now offers the latest version only.
    mark = emulator.currentMessageId(officerRu.id);
    await emulator.sendCommand(officerRu, "/campaigns");
    msg = await emulator.waitFor((m) => /Опросы \(кампании\)/.test(m.text ?? ""), { chatId: officerRu.id, after: mark });
    expect(msg.text).toContain(`#${campaign.id} «Проверка загрузки»`);
    mark = emulator.currentMessageId(officerRu.id);
    await emulator.clickButton(officerRu, msg, /Новая кампания/);
    msg = await emulator.waitFor((m) => /Шаг 1 из 4/.test(m.text ?? ""), { chatId: officerRu.id, after: mark });
    const offered = emulator.inlineButtons(msg).map((b) => b.text);
    expect(offered).toContain("Проверка загрузки (v2)");
    expect(offered).not.toContain("Проверка загрузки (v1)");
    await emulator.clickButton(officerRu, msg, /Отмена/);
  });

  it("a file that is not YAML or JSON gets the format message and nothing is stored", async () => {
    const before = await definitions();
    expect(await upload(officerRu, "survey.txt", VALID, "text/plain")).toBe("Нужен файл .yaml, .yml или .json.");
    expect(await upload(officerKk, "survey.docx", "PK\u0003\u0004", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toBe(".yaml, .yml немесе .json файлы қажет.");
    expect(await definitions()).toBe(before);
    // The wait for a file ended with the wrong file: the next file is not taken as a definition.
    const after = running.emulator.currentMessageId(officerRu.id);
    await running.emulator.sendDocument(officerRu, { fileName: "survey.yaml", mimeType: "application/x-yaml", content: Buffer.from(VALID.replace("upload-test", "other-slug"), "utf8") });
    await running.emulator.waitFor((m) => /Сейчас я не жду файла/.test(m.text ?? ""), { chatId: officerRu.id, after });
    expect(await definitions()).toBe(before);
  });

  it("an employee cannot upload a definition", async () => {
    const { emulator } = running;
    const before = await definitions();
    const downloads = emulator.downloadedFiles.length;
    let after = emulator.currentMessageId(employee.id);
    await emulator.sendCommand(employee, "/survey_upload");
    await emulator.waitFor((m) => m.text === "Эта функция вам недоступна.", { chatId: employee.id, after });
    after = emulator.currentMessageId(employee.id);
    await emulator.sendDocument(employee, { fileName: "survey.yaml", mimeType: "application/x-yaml", content: Buffer.from(VALID.replace("upload-test", "employee-slug"), "utf8") });
    await emulator.waitFor((m) => /Сейчас я не жду файла/.test(m.text ?? ""), { chatId: employee.id, after });
    // The upload button is refused too.
    after = emulator.currentMessageId(employee.id);
    await emulator.sendCallback(employee, "sc.u", 1);
    await emulator.waitForCall("answerCallbackQuery", (c) => c.payload.text === "Эта функция вам недоступна.");
    expect(await definitions()).toBe(before);
    expect(emulator.downloadedFiles).toHaveLength(downloads);
  });
});
