// One person, one record: linking a registered account to its unregistered roster entry moves
// what pointed at the entry to the account and leaves one record, whatever was there before.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openCampaign } from "../../../src/db/repositories/campaigns.js";
import { linkAccountToRosterEntry } from "../../../src/db/repositories/roster.js";
import { setVerifiedPhone } from "../../../src/db/repositories/users.js";
import { createTestDatabase, type TestDatabase } from "../../support/db.js";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.destroy());

async function campaign(status: "scheduled" | "open") {
  const p = db.prisma;
  const def = await p.surveyDefinition.create({ data: { slug: `s${Math.random()}`, version: 1, title: "{}", content: "{}", checksum: "x", source: "test" } });
  return p.campaign.create({ data: { definitionId: def.id, mode: "anonymous", status, opensOn: "2026-03-01", closesOn: "2026-03-20", audience: JSON.stringify({ kind: "all" }) } });
}

describe("linking an account to its roster entry", () => {
  it("leaves one person in the campaign ledger (with the entry's department), the tasks and the roster", async () => {
    const p = db.prisma;
    const dept = await p.department.create({ data: { name: "Комплаенс-служба" } });
    const account = await p.user.create({ data: { fullName: "Наталья", telegramId: 500001n, role: "compliance", language: "ru", registeredAt: new Date() } });
    const entry = await p.user.create({ data: { fullName: "Иванова Наталья Сергеевна", phone: "77010000001", role: "employee", departmentId: dept.id, position: "Комплаенс-офицер" } });
    // A campaign opened while she was two records: both in the ledger.
    const both = await campaign("scheduled");
    expect(await openCampaign(p, { ...both, audience: { kind: "all" } } as never)).toBe(2);
    // Another one, only her entry in it (e.g. launched for her department).
    const entryOnly = await campaign("open");
    await p.campaignParticipant.create({ data: { campaignId: entryOnly.id, userId: entry.id, departmentId: dept.id } });
    // Plan tasks: one assigned to both records, one to the entry only.
    const task = (title: string) => p.task.create({ data: { kind: "plan", title, deadline: "{}" } });
    const shared = await task("shared");
    const hers = await task("hers");
    await p.taskAssignee.createMany({ data: [{ taskId: shared.id, userId: account.id }, { taskId: shared.id, userId: entry.id }, { taskId: hers.id, userId: entry.id }] });
    const invite = await p.invite.create({ data: { tokenHash: "h", kind: "person", userId: entry.id, expiresAt: new Date(Date.now() + 86_400_000) } });

    const linked = await linkAccountToRosterEntry(p, account.id, entry.id);
    expect(linked).toMatchObject({ id: account.id, fullName: "Иванова Наталья Сергеевна", phone: "77010000001", departmentId: dept.id, position: "Комплаенс-офицер", role: "compliance", language: "ru" });
    expect(await p.user.count()).toBe(1);
    const lines = await p.campaignParticipant.findMany({ orderBy: { campaignId: "asc" } });
    expect(lines.map((l) => [l.campaignId, l.userId, l.departmentId])).toEqual([
      [both.id, account.id, dept.id],
      [entryOnly.id, account.id, dept.id],
    ]);
    const assignees = await p.taskAssignee.findMany({ orderBy: { taskId: "asc" } });
    expect(assignees.map((a) => [a.taskId, a.userId])).toEqual([
      [shared.id, account.id],
      [hers.id, account.id],
    ]);
    expect(await p.invite.findUnique({ where: { id: invite.id } })).toBeNull();
  });

  it("refuses when either side is not what it was: a bound entry, an account with a phone", async () => {
    const p = db.prisma;
    const account = await p.user.create({ data: { fullName: "A", telegramId: 1n, registeredAt: new Date() } });
    const bound = await p.user.create({ data: { fullName: "B", phone: "77010000002", telegramId: 2n } });
    const linkedAlready = await p.user.create({ data: { fullName: "C", phone: "77010000003", telegramId: 3n } });
    const free = await p.user.create({ data: { fullName: "D", phone: "77010000004" } });
    expect(await linkAccountToRosterEntry(p, account.id, bound.id)).toBeNull();
    expect(await linkAccountToRosterEntry(p, linkedAlready.id, free.id)).toBeNull();
    expect(await p.user.count()).toBe(4);
  });

  it("keeps a proven phone once: not over another, not someone else's", async () => {
    const p = db.prisma;
    const account = await p.user.create({ data: { fullName: "A", telegramId: 1n } });
    await p.user.create({ data: { fullName: "B", phone: "77010000002" } });
    expect(await setVerifiedPhone(p, account.id, "77010000002")).toBe(false);
    expect(await setVerifiedPhone(p, account.id, "77010000001")).toBe(true);
    expect(await setVerifiedPhone(p, account.id, "77010000009")).toBe(false);
    expect((await p.user.findUnique({ where: { id: account.id } }))!.phone).toBe("77010000001");
  });
});
