// services/board-report.ts: a draft is stored with its nonce and approved exactly as shown; a
// stale nonce and a second approval are refused; the observers are queued once, in the
// approval's transaction; the organisation's total is left out while the period runs.
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorkCalendar } from "../../src/domain/calendar/work-calendar.js";
import { createKeyring } from "../../src/domain/crypto.js";
import type { Notification, Notifier, QueuedNotification } from "../../src/domain/notifications.js";
import { createCampaign } from "../../src/db/repositories/campaigns.js";
import { saveDefinition } from "../../src/db/repositories/survey-definitions.js";
import { approveBoardReport, approvedBoardReport, boardReportForOfficer, campaignSummary, gatherBoardReport, reapproveBoardReport, redrawBoardReport, type BoardReportDeps } from "../../src/services/board-report.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { flowDefinition } from "../support/survey-fixture.js";

const keyring = createKeyring([randomBytes(32)]);
const labels = { yes: { kk: "Иә", ru: "Да" }, no: { kk: "Жоқ", ru: "Нет" }, other: { kk: "Басқа", ru: "Другое" } };
let db: TestDatabase;
let deps: BoardReportDeps;
let officer: { id: number; role: string; fullName: string };
let queued: Notification[];
const notifier: Notifier = {
  async queue(items: readonly (Notification | QueuedNotification)[]) {
    for (const item of items) queued.push("notification" in item ? item.notification : item);
  },
  onUndelivered() {},
};

beforeEach(async () => {
  queued = [];
  db = await createTestDatabase();
  deps = { db: db.prisma, keyring, calendar: createWorkCalendar(), labels };
  officer = { ...(await db.prisma.user.create({ data: { fullName: "Ким Анна", phone: "77010000001", role: "compliance", telegramId: 11n } })), role: "compliance" };
  await db.prisma.user.create({ data: { fullName: "Наблюдатель", phone: "77010000002", role: "observer", language: "kk", telegramId: 12n } });
  await db.prisma.user.create({ data: { fullName: "Наблюдатель без бота", phone: "77010000003", role: "observer" } });
  const report = { category: "gifts", content: "sealed", receivedOn: "2026-08-03", ackDueOn: "2026-08-06", decisionDueOn: "2026-08-24" };
  await db.prisma.report.create({ data: { ...report, number: "2026-0001", receiptHash: "a", audience: "compliance" } });
  await db.prisma.report.create({ data: { ...report, number: "2026-0002", receiptHash: "b", audience: "observer" } });
});
afterEach(() => db.destroy());

const q3 = { kind: "quarter" as const, year: 2026, quarter: 3 as const };

describe("the board report's data", () => {
  it("counts compliance's cases only, and the organisation's total once the period is over", async () => {
    const running = await gatherBoardReport(deps, officer, q3, "2026-09-15");
    expect(running.reports).toMatchObject({ received: 1, organisationTotal: null });
    const over = await gatherBoardReport(deps, officer, q3, "2026-10-01");
    expect(over.reports).toMatchObject({ received: 1, organisationTotal: 2 });
    expect(over.dueOn).toBe("2026-10-23");
  });
});

describe("a campaign's summary", () => {
  it("gives the last day answers were taken: the planned one when the dispatcher closed it the day after, the day it was closed early", async () => {
    const { record } = await saveDefinition(db.prisma, flowDefinition(), "upload", null);
    const campaign = await createCampaign(db.prisma, { definitionId: record.id, mode: "anonymous", opensOn: "2026-09-01", closesOn: "2026-09-14", audience: { kind: "all" }, reminderCap: 2, createdById: officer.id, today: "2026-09-01" });
    expect((await campaignSummary(deps, officer, { id: campaign.id, closedOn: "2026-09-15" }, "2026-10-01"))?.closesOn).toBe("2026-09-14");
    expect((await campaignSummary(deps, officer, { id: campaign.id, closedOn: "2026-09-10" }, "2026-10-01"))?.closesOn).toBe("2026-09-10");
    expect((await campaignSummary(deps, officer, { id: campaign.id, closedOn: null }, "2026-10-01"))?.closesOn).toBe("2026-09-14");
  });
});

describe("approval", () => {
  it("approves exactly the draft shown, tells each reachable observer once, and refuses a second approval", async () => {
    const first = await boardReportForOfficer(deps, officer, q3, "2026-10-20");
    const second = await boardReportForOfficer(deps, officer, q3, "2026-10-21");
    if (first.state !== "draft" || second.state !== "draft") throw new Error("expected drafts");
    expect(await approveBoardReport(deps, notifier, officer, "2026-Q3", first.nonce, "2026-10-21", "ru")).toEqual({ ok: false, reason: "changed" });
    const ok = await approveBoardReport(deps, notifier, officer, "2026-Q3", second.nonce, "2026-10-21", "ru");
    expect(ok).toMatchObject({ ok: true, observers: 1, approval: { by: "Ким Анна", on: "2026-10-21" } });
    expect(queued).toEqual([{ kind: "boardApproved", chatId: 12, lang: "kk", periodKey: "2026-Q3", by: "Ким Анна", on: "2026-10-21" }]);
    expect(await approveBoardReport(deps, notifier, officer, "2026-Q3", second.nonce, "2026-10-22", "ru")).toMatchObject({ ok: false, reason: "approved", approval: { on: "2026-10-21" } });
    expect(queued).toHaveLength(1);
    // The snapshot is what was approved (as of the 21st), and a new look does not redraw it.
    const stored = await approvedBoardReport(deps, "2026-Q3");
    expect(stored?.data.asOf).toBe("2026-10-21");
    const later = await boardReportForOfficer(deps, officer, q3, "2026-11-02");
    expect(later).toMatchObject({ state: "approved", data: { asOf: "2026-10-21" } });
    expect(await db.prisma.auditLog.count({ where: { action: "board.approved" } })).toBe(1);
  });

  it("re-approves a redrawn draft only as shown, replacing the snapshot and telling the observers again", async () => {
    const first = await boardReportForOfficer(deps, officer, q3, "2026-10-20");
    if (first.state !== "draft") throw new Error("expected a draft");
    await approveBoardReport(deps, notifier, officer, "2026-Q3", first.nonce, "2026-10-20", "ru");
    // Nothing changed: the redrawn draft is the approved one.
    const same = await redrawBoardReport(deps, officer, q3, "2026-10-20");
    expect(await reapproveBoardReport(deps, notifier, officer, q3, same.digest, "2026-10-20", "ru")).toMatchObject({ ok: false, reason: "approved" });
    // A day later a report was decided: a new draft; a stale digest is refused.
    const later = await redrawBoardReport(deps, officer, q3, "2026-10-22");
    await db.prisma.report.updateMany({ where: { number: "2026-0001" }, data: { status: "decided", outcome: "referred", decidedOn: "2026-10-22" } });
    expect(await reapproveBoardReport(deps, notifier, officer, q3, later.digest, "2026-10-22", "ru")).toEqual({ ok: false, reason: "changed" });
    const fresh = await redrawBoardReport(deps, officer, q3, "2026-10-22");
    const ok = await reapproveBoardReport(deps, notifier, officer, q3, fresh.digest, "2026-10-22", "ru");
    expect(ok).toMatchObject({ ok: true, observers: 1, approval: { on: "2026-10-22" } });
    expect((await approvedBoardReport(deps, "2026-Q3"))?.data.reports.byOutcome.referred).toBe(1);
    expect(queued.map((n) => n.kind === "boardApproved" && n.on)).toEqual(["2026-10-20", "2026-10-22"]);
    expect(await reapproveBoardReport(deps, notifier, officer, q3, fresh.digest, "2026-10-22", "ru")).toMatchObject({ ok: false, reason: "approved" });
  });

  it("is refused to anyone but compliance", async () => {
    await expect(boardReportForOfficer(deps, { id: 2, role: "observer" }, q3, "2026-10-20")).rejects.toThrow();
    await expect(approveBoardReport(deps, notifier, { id: 2, role: "observer", fullName: "x" }, "2026-Q3", "abcdef", "2026-10-20", "ru")).rejects.toThrow();
  });
});
