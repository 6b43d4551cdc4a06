// One human, one person (issue 13, item 1). The compliance officer who ran /setup is in the
// roster she imports afterwards; she must be counted once — in /roster, in a campaign's
// audience, in the people a plan is assigned to — whether she shares her contact before the
// import (the import finds her by phone) or after it (her account takes over her row).
import { afterEach, describe, expect, it } from "vitest";
import { openCampaign } from "../../src/db/repositories/campaigns.js";
import { rosterForMatching } from "../../src/db/repositories/plan.js";
import type { TgUser } from "../support/bot-api-emulator.js";
import { startTestApp, type RunningApp } from "../support/app.js";

const officer: TgUser = { id: 500001, first_name: "Наталья", language_code: "ru" };
const HER = "Иванова Наталья Сергеевна";

let running: RunningApp | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** 30 people in three departments, she among them; no role column (everyone «сотрудник» by default). */
function roster(): string {
  const departments = ["Комплаенс-служба", "Бухгалтерия", "Отдел закупок"];
  const rows = [`${HER};+7 701 000 00 01;Комплаенс-служба`];
  for (let i = 2; i <= 30; i++) rows.push(`Сотрудник${String.fromCharCode(0x430 + (i % 32))} Тест${i} Тестович;8701000${String(i).padStart(4, "0")};${departments[i % 3]}`);
  return ["ФИО;Телефон;Подразделение", ...rows].join("\n") + "\n";
}

async function text(user: TgUser, command: string, expected: RegExp) {
  const after = running!.emulator.currentMessageId(user.id);
  await running!.emulator.sendCommand(user, command);
  return running!.emulator.waitFor((m) => expected.test(m.text ?? ""), { chatId: user.id, after });
}

async function setup() {
  running = await startTestApp();
  expect(running.app.setupCode).toMatch(/^[A-Z2-9]{10}$/);
  return text(officer, `/setup ${running.app.setupCode}`, /Поделитесь, пожалуйста, номером телефона/);
}

async function importRoster(expectedSummary: RegExp) {
  const { emulator } = running!;
  await text(officer, "/import", /Пришлите файл со списком/);
  const after = emulator.currentMessageId(officer.id);
  await emulator.sendDocument(officer, { fileName: "staff.csv", mimeType: "text/csv", content: Buffer.from(roster(), "utf8") });
  const preview = await emulator.waitFor((m) => /Файл проверен: сотрудников — 30/.test(m.text ?? ""), { chatId: officer.id, after });
  await emulator.clickButton(officer, preview, /Загрузить список \(30\)/);
  return emulator.waitFor((m) => expectedSummary.test(m.text ?? ""), { chatId: officer.id, after });
}

async function share(phone: string, expected: RegExp) {
  const after = running!.emulator.currentMessageId(officer.id);
  await running!.emulator.sendContact(officer, phone);
  return running!.emulator.waitFor((m) => expected.test(m.text ?? ""), { chatId: officer.id, after });
}

async function expectCountedOnce() {
  const summary = (await text(officer, "/roster", /Сотрудники: зарегистрировано/)).text!;
  expect(summary).toContain("Сотрудники: зарегистрировано 1 из 30.");
  expect(summary).toContain("• Комплаенс-служба: 1 из 11");
  expect(summary).not.toContain("без подразделения");
  expect(summary).not.toContain("не связаны");
  const db = running!.db.prisma;
  const people = await db.user.findMany({ include: { department: true } });
  expect(people).toHaveLength(30);
  const her = people.filter((p) => p.fullName === HER);
  expect(her).toHaveLength(1);
  // Her account, her row's data, and still the compliance officer (the file says «сотрудник»).
  expect(her[0]).toMatchObject({ telegramId: BigInt(officer.id), phone: "77010000001", role: "compliance" });
  expect(her[0]!.department?.name).toBe("Комплаенс-служба");
  // A campaign for everyone: 30 in its ledger, none of them without a department.
  const def = await db.surveyDefinition.create({ data: { slug: `s${Date.now()}`, version: 1, title: "{}", content: "{}", checksum: "x", source: "test" } });
  const campaign = await db.campaign.create({ data: { definitionId: def.id, mode: "anonymous", status: "scheduled", opensOn: "2026-03-01", closesOn: "2026-03-20", audience: "{}" } });
  expect(await openCampaign(db, { ...campaign, audience: { kind: "all" } } as never)).toBe(30);
  expect(await db.campaignParticipant.count({ where: { campaignId: campaign.id, departmentId: null } })).toBe(0);
  // The people a plan's «responsible» column is matched against: her once.
  const assignable = await rosterForMatching(db);
  expect(assignable).toHaveLength(30);
  expect(assignable.filter((p) => p.fullName.includes("Наталья"))).toHaveLength(1);
}

describe("the officer who ran /setup is one person with her roster row", () => {
  it("shares her contact after the import: her account takes over her row", async () => {
    await setup();
    await importRoster(/Список загружен: добавлено — 30, обновлено — 0/);
    // Until she proves which row is hers she is told so, and /roster says who is not linked.
    await running!.emulator.waitFor((m) => /ещё не связана со строкой/.test(m.text ?? ""), { chatId: officer.id });
    const before = (await text(officer, "/roster", /Сотрудники: зарегистрировано/)).text!;
    expect(before).toContain("Зарегистрированы, но не связаны со строкой списка (1): Наталья.");

    await share("+7 701 000 00 01", new RegExp(`связана со строкой «${HER}»`));
    await expectCountedOnce();
    expect(await running!.db.prisma.auditLog.count({ where: { action: "user.linked_to_roster" } })).toBe(1);
    // Her contact again: registered, nothing changes.
    await share("+7 701 000 00 01", new RegExp(`Вы уже зарегистрированы как ${HER}`));
    // A second import of the same file changes nothing, her role included.
    await importRoster(/добавлено — 0, обновлено — 0, без изменений — 30/);
    await expectCountedOnce();
  });

  it("shares her contact at /setup: the import finds her by phone", async () => {
    await setup();
    await share("+7 701 000 00 01", /Номер сохранён/);
    await importRoster(/Список загружен: добавлено — 29, обновлено — 1/);
    await expectCountedOnce();
  });
});
