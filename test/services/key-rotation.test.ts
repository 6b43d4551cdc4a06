// Key rotation on real data (both databases): a report with entries, a reply, an extension
// and a mailbox, a survey draft, a session with a flow in progress (a department invite asking
// the full name), an invite link, sealed ballots and totals, task evidence. After re-encrypting
// under a new key: every ciphertext is under it, the old receipt opens its case in the bot,
// the invite made before works, the session and the draft resume; an interrupted rotation
// completes when run again; an old key cannot be retired while ciphertexts are under it.
import { afterEach, describe, expect, it } from "vitest";
import { reportServiceDeps } from "../../src/bot/features/reports/index.js";
import { botStateStore } from "../../src/db/repositories/bot-state.js";
import { draftKey, loadDraft, saveDraft } from "../../src/db/repositories/survey-answers.js";
import { createKeyring, keyId } from "../../src/domain/crypto.js";
import { issueInvite } from "../../src/services/invites.js";
import { checkRetire, keyCensus, reencryptDatabase } from "../../src/services/key-rotation.js";
import { KeyMismatchError, verifyKey } from "../../src/services/keys.js";
import { addFromReporter, extend, fileReport, isSubscribed, reply, subscribe } from "../../src/services/reports.js";
import { TEST_KEY } from "../support/harness.js";
import { createUnitHarness, type TgUser, type UnitHarness } from "../support/unit-harness.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

const NEW_KEY = Buffer.alloc(32, 42);
const officer: TgUser = { id: 500001, first_name: "Анна", language_code: "ru" };
const newcomer: TgUser = { id: 600077, first_name: "Новичок", language_code: "ru" };
const respondent: TgUser = { id: 600088, first_name: "Респондент", language_code: "ru" };
const caseReader: TgUser = { id: 600099, first_name: "Other", language_code: "ru" };

let db: TestDatabase | undefined;
const harnesses: UnitHarness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.destroy();
  await db?.destroy();
  db = undefined;
});

async function harness(keys: Buffer[]): Promise<UnitHarness> {
  const h = await createUnitHarness({ db: db!, keys, config: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) } });
  harnesses.push(h);
  return h;
}

/** Everything that holds ciphertexts or keyed hashes, written by the old key's bot and services. */
async function seed(h: UnitHarness) {
  const p = h.db.prisma;
  const svc = reportServiceDeps(h.deps, h.config);
  await verifyKey(p, h.deps.keyring);
  await h.text(officer, "/start");
  const officerRow = await p.user.findFirstOrThrow({ where: { role: "compliance" } });
  const dept = await p.department.create({ data: { name: "Служба закупок" } });
  const filed = await fileReport(svc, { category: "bribery", involvesManagement: false, content: { what: "Взятка за акт приёмки", whenWhere: "кабинет 305", attachments: [] } });
  await addFromReporter(svc, filed.id, { text: "Дополнение заявителя" });
  await reply(svc, { id: officerRow.id, role: "compliance" }, filed.id, "Проверка начата");
  expect(await extend(svc, { id: officerRow.id, role: "compliance" }, filed.id, "2026-04-10", "Ждём заключения эксперта")).toBeNull();
  await subscribe(svc, filed.id, { chatId: 777000111, lang: "ru" });
  // A department invite, and a newcomer whose name is being asked (a session flow) when the key rotates.
  const invite = await issueInvite(p, h.deps.keyring, { kind: "department", targetId: dept.id, validDays: 7, actorUserId: officerRow.id, now: h.deps.now() });
  const laterInvite = await issueInvite(p, h.deps.keyring, { kind: "department", targetId: dept.id, validDays: 7, actorUserId: officerRow.id, now: h.deps.now() });
  await h.text(newcomer, `/start ${invite.token}`);
  expect(h.lastReply(newcomer.id)).toMatch(/«Служба закупок»/);
  const draft = { campaignId: 9, definitionId: 1, answers: { q1: { code: "yes" } }, current: "q2", lang: "ru" as const, step: 3 };
  await saveDraft(p, h.deps.keyring, draftKey(h.deps.keyring, 9, respondent.id), draft, new Date("2026-03-20T00:00:00Z"));
  await p.sealedBallot.create({ data: { id: "b1", campaignId: 9, data: h.deps.keyring.encrypt(JSON.stringify({ q1: "yes" })) } });
  await p.surveyTotals.create({ data: { campaignId: 9, data: h.deps.keyring.encrypt(JSON.stringify({ counts: { "q1|yes": 5 } })), texts: h.deps.keyring.encrypt(JSON.stringify(["свободный ответ"])) } });
  await p.answerPool.create({ data: { campaignId: 9, questionId: "q3", groupKey: "*", kind: "text", data: h.deps.keyring.encrypt(JSON.stringify(["свободный ответ"])) } });
  const task = await p.task.create({ data: { kind: "plan", title: "Мера", deadline: "{}" } });
  await p.taskOccurrence.create({ data: { taskId: task.id, dueOn: "2026-03-10", status: "done", evidence: h.deps.keyring.encrypt(JSON.stringify({ text: "акт" })) } });
  return { filed, draft, laterInvite, dept };
}

const oldId = keyId(TEST_KEY);
const newId = keyId(NEW_KEY);

describe("rotating the key of a database with data", () => {
  it("re-encrypts everything; old receipts, invite links, sessions and drafts keep working", async () => {
    db = await createTestDatabase();
    const before = await harness([TEST_KEY]);
    const { filed, draft, laterInvite, dept } = await seed(before);
    const rotated = createKeyring([NEW_KEY, TEST_KEY]);
    const census = await keyCensus(db.prisma, rotated);
    expect(census.pending).toBeGreaterThanOrEqual(12);
    expect(census.keyCheck).toBe(oldId);
    expect(await checkRetire(db.prisma, rotated, oldId)).toMatchObject({ ok: false, reason: "in-use" });

    const result = await reencryptDatabase(db.prisma, rotated, { batch: 2 });
    const rows = Object.fromEntries(result.columns.map((c) => [c.column, c.rows]));
    expect(rows).toMatchObject({ "Report.content": 1, "Report.extensionReason": 1, "ReportEntry.body": 3, "ReportMailbox.chat": 1, "SurveyDraft.data": 1, "SealedBallot.data": 1, "SurveyTotals.data": 1, "SurveyTotals.texts": 1, "AnswerPool.data": 1, "TaskOccurrence.evidence": 1 });
    expect(rows["BotState.value"]).toBeGreaterThanOrEqual(1);
    expect(result.mailboxesRekeyed).toBe(1);
    const after = await keyCensus(db.prisma, rotated);
    expect(after.pending).toBe(0);
    expect(after.columns.every((c) => c.byKey[oldId] === 0 && c.unknown === 0)).toBe(true);
    expect(after.keyCheck).toBe(newId);
    // The old key alone can no longer start on this database.
    await expect(verifyKey(db.prisma, createKeyring([TEST_KEY]))).rejects.toBeInstanceOf(KeyMismatchError);
    expect(await db.prisma.auditLog.count({ where: { action: "keys.rotated" } })).toBe(1);

    const h = await harness([NEW_KEY, TEST_KEY]);
    // The receipt handed out before the rotation opens its case (and moves to the new key's hash).
    await h.text(caseReader, `/case ${filed.receipt}`);
    expect(h.replies(caseReader.id).join("\n")).toMatch(new RegExp(`Сообщение № ${filed.number}`));
    expect((await db.prisma.report.findFirstOrThrow()).receiptHash).toBe(rotated.hash("receipt-hash", filed.receipt.replace(/-/g, "")));
    expect(await isSubscribed(reportServiceDeps(h.deps, h.config), filed.id)).toBe(true);
    // The newcomer's session (asking the full name) resumes; the invite made before works.
    await h.text(newcomer, "Ержанов Ержан Ержанович");
    const registered = await db.prisma.user.findFirst({ where: { telegramId: BigInt(newcomer.id) } });
    expect(registered).toMatchObject({ fullName: "Ержанов Ержан Ержанович", departmentId: dept.id });
    const third: TgUser = { id: 600111, first_name: "Третий", language_code: "ru" };
    await h.text(third, `/start ${laterInvite.token}`);
    expect(h.lastReply(third.id)).toMatch(/«Служба закупок»/);
    // The survey draft resumes once the respondent writes again.
    await h.text(respondent, "/help");
    expect(await loadDraft(db.prisma, rotated, draftKey(rotated, 9, respondent.id), new Date("2026-03-05T00:00:00Z"))).toEqual(draft);
    // Registration ended the flow: the session is empty, so no row is left under either key.
    expect(await botStateStore(db.prisma, rotated, "session").read(rotated.hash("chat-key", String(newcomer.id)))).toBeUndefined();
    expect(await botStateStore(db.prisma, createKeyring([TEST_KEY]), "session").read(createKeyring([TEST_KEY]).hash("chat-key", String(newcomer.id)))).toBeUndefined();

    // No ciphertext under the old key: it may go (the CLI still asks for --force: keyed hashes).
    expect(await checkRetire(db.prisma, rotated, oldId)).toEqual({ ok: true });
    expect(await checkRetire(db.prisma, rotated, newId)).toMatchObject({ ok: false, reason: "current" });
  });

  it("interrupted half way, the database still opens with the key list, and a second run completes", async () => {
    db = await createTestDatabase();
    const { filed } = await seed(await harness([TEST_KEY]));
    const rotated = createKeyring([NEW_KEY, TEST_KEY]);
    let columns = 0;
    const crash = new Error("killed");
    await expect(
      reencryptDatabase(db.prisma, rotated, {
        batch: 1,
        onColumn: () => {
          if (++columns === 3) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const half = await keyCensus(db.prisma, rotated);
    expect(half.pending).toBeGreaterThan(0);
    expect(half.columns.find((c) => c.column === "Report.content")!.byKey[newId]).toBe(1);
    expect(half.keyCheck).toBe(oldId);
    // The bot with the key list starts on the half-rotated database and reads both kinds.
    expect(await verifyKey(db.prisma, rotated)).toBe("previous");
    const h = await harness([NEW_KEY, TEST_KEY]);
    await h.text(caseReader, `/case ${filed.receipt}`);
    expect(h.replies(caseReader.id).join("\n")).toMatch(/Дополнение заявителя/);

    const second = await reencryptDatabase(db.prisma, rotated);
    expect(second.columns.find((c) => c.column === "Report.content")!.rows).toBe(0);
    // Killed after the third column (ReportEntry.body): the ones after it are done now.
    expect(second.columns.find((c) => c.column === "ReportEntry.body")!.rows).toBe(0);
    expect(second.columns.find((c) => c.column === "ReportMailbox.chat")!.rows).toBe(1);
    expect(second.columns.find((c) => c.column === "SealedBallot.data")!.rows).toBe(1);
    const done = await keyCensus(db.prisma, rotated);
    expect(done.pending).toBe(0);
    expect(done.keyCheck).toBe(newId);
  });

  it("stops, naming the key, at a ciphertext under a key that is not in the list", async () => {
    db = await createTestDatabase();
    const stranger = createKeyring([Buffer.alloc(32, 99)]);
    await db.prisma.reporterFlow.create({ data: { key: "k", value: stranger.encrypt("{}") } });
    await expect(reencryptDatabase(db.prisma, createKeyring([NEW_KEY, TEST_KEY]))).rejects.toThrow(new RegExp(stranger.currentKeyId));
  });
});
