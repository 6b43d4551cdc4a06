import type { Db } from "../client.js";
import type { Role } from "../../domain/roles.js";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type Audience = { kind: "all" } | { kind: "departments"; ids: number[] } | { kind: "roles"; roles: Role[] };
export type CampaignStatus = "scheduled" | "open" | "closed";

export interface CampaignRecord {
  id: number;
  definitionId: number;
  mode: "anonymous" | "attributed";
  status: CampaignStatus;
  opensOn: string;
  closesOn: string;
  audience: Audience;
  reminderCap: number;
  closedOn: string | null;
}

export type CampaignRow = { id: number; definitionId: number; mode: string; status: string; opensOn: string; closesOn: string; audience: string; reminderCap: number; closedOn: string | null };

export function toRecord(r: CampaignRow): CampaignRecord {
  return { ...r, mode: r.mode as CampaignRecord["mode"], status: r.status as CampaignStatus, audience: JSON.parse(r.audience) as Audience };
}

export async function createCampaign(
  db: Db,
  data: { definitionId: number; mode: CampaignRecord["mode"]; opensOn: string; closesOn: string; audience: Audience; reminderCap: number; createdById: number; today: string },
): Promise<CampaignRecord> {
  const row = await db.campaign.create({
    data: {
      definitionId: data.definitionId,
      mode: data.mode,
      status: "scheduled",
      opensOn: data.opensOn,
      closesOn: data.closesOn,
      audience: JSON.stringify(data.audience),
      reminderCap: data.reminderCap,
      createdById: data.createdById,
    },
  });
  return toRecord(row);
}

export async function getCampaign(db: Db, id: number): Promise<CampaignRecord | null> {
  const row = await db.campaign.findUnique({ where: { id } });
  return row ? toRecord(row) : null;
}

export async function listCampaigns(db: Db, limit = 20): Promise<CampaignRecord[]> {
  return (await db.campaign.findMany({ orderBy: { id: "desc" }, take: limit })).map(toRecord);
}

export async function campaignsWithStatus(db: Db, status: CampaignStatus): Promise<CampaignRecord[]> {
  return (await db.campaign.findMany({ where: { status } })).map(toRecord);
}

function audienceFilter(audience: Audience) {
  if (audience.kind === "departments") return { departmentId: { in: audience.ids } };
  if (audience.kind === "roles") return { role: { in: audience.roles } };
  return {};
}

/**
 * Opens a scheduled campaign: writes the participation ledger for its audience (active
 * people in the roster) and marks it open. Conditional on the status, so two instances
 * opening it at once do it once.
 */
export async function openCampaign(db: Db, campaign: CampaignRecord, prepare?: (tx: Tx) => Promise<void>): Promise<number | null> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.campaign.updateMany({ where: { id: campaign.id, status: "scheduled" }, data: { status: "open" } });
    if (count !== 1) return null;
    // Only the instance that opened the campaign prepares it, inside the same transaction.
    if (prepare) await prepare(tx);
    const people = await tx.user.findMany({ where: { active: true, ...audienceFilter(campaign.audience) }, select: { id: true, departmentId: true } });
    if (people.length) {
      await tx.campaignParticipant.createMany({ data: people.map((p) => ({ campaignId: campaign.id, userId: p.id, departmentId: p.departmentId })) });
    }
    return people.length;
  }, { timeout: 60_000 });
}

/**
 * Adds people who joined the audience after launch (e.g. registered later). Pages through the
 * audience by id, so no query carries more than a page of ids (SQLite and Prisma refuse long
 * `IN` lists; a campaign of thousands must not stop the dispatcher).
 */
export async function addNewParticipants(db: Db, campaign: CampaignRecord, pageSize = 500): Promise<number> {
  let added = 0;
  for (let after = 0; ; ) {
    const people = await db.user.findMany({
      where: { active: true, ...audienceFilter(campaign.audience), id: { gt: after } },
      select: { id: true, departmentId: true },
      orderBy: { id: "asc" },
      take: pageSize,
    });
    if (!people.length) return added;
    after = people.at(-1)!.id;
    const known = new Set((await db.campaignParticipant.findMany({ where: { campaignId: campaign.id, userId: { in: people.map((p) => p.id) } }, select: { userId: true } })).map((p) => p.userId));
    for (const p of people.filter((x) => !known.has(x.id))) {
      // One by one, tolerating a duplicate: another instance may add the same person at once.
      try {
        await db.campaignParticipant.create({ data: { campaignId: campaign.id, userId: p.id, departmentId: p.departmentId } });
        added++;
      } catch (error) {
        if ((error as { code?: string }).code !== "P2002") throw error;
      }
    }
  }
}

/**
 * Closes a campaign; `finalize` (the final fold of an anonymous campaign's ballot box) runs in
 * the same transaction, so a closed campaign never shows unfinished totals.
 */
export async function closeCampaign(db: Db, id: number, today: string, finalize?: (tx: Tx) => Promise<unknown>): Promise<boolean> {
  return db.$transaction(
    async (tx) => {
      const { count } = await tx.campaign.updateMany({ where: { id, status: { in: ["open", "scheduled"] } }, data: { status: "closed", closedOn: today } });
      if (count !== 1) return false;
      if (finalize) await finalize(tx);
      return true;
    },
    { timeout: 60_000 },
  );
}

export async function findParticipant(db: Db, campaignId: number, userId: number) {
  return db.campaignParticipant.findUnique({ where: { campaignId_userId: { campaignId, userId } } });
}

/** Open campaigns this person may answer and has not completed. */
export async function openCampaignsFor(db: Db, userId: number): Promise<{ campaign: CampaignRecord; title: string }[]> {
  const rows = await db.campaignParticipant.findMany({
    where: { userId, completedOn: null, campaign: { status: "open" } },
    include: { campaign: { include: { definition: { select: { title: true } } } } },
    orderBy: { campaignId: "desc" },
  });
  return rows.map((r) => ({ campaign: toRecord(r.campaign), title: r.campaign.definition.title }));
}

export interface ResponseRate {
  invited: number;
  completed: number;
  notReachable: number;
  byDepartment: { departmentId: number | null; name: string; invited: number; completed: number }[];
}

/** Response rate from the ledger: invited = invitation delivered. */
export async function responseRate(db: Db, campaignId: number): Promise<ResponseRate> {
  // Counted by the database (a campaign of 100k people is not read row by row): reached are
  // those whose invitation was sent and those who answered (an answer proves it arrived).
  const [done, waiting, notReachable, departments] = await Promise.all([
    db.campaignParticipant.groupBy({ by: ["departmentId"], where: { campaignId, completedOn: { not: null } }, _count: { _all: true } }),
    db.campaignParticipant.groupBy({ by: ["departmentId"], where: { campaignId, completedOn: null, inviteStatus: "sent" }, _count: { _all: true } }),
    db.campaignParticipant.count({ where: { campaignId, completedOn: null, NOT: { inviteStatus: "sent" } } }),
    db.department.findMany({ select: { id: true, name: true } }),
  ]);
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const by = new Map<number | null, { invited: number; completed: number }>();
  const entry = (departmentId: number | null) => by.get(departmentId) ?? by.set(departmentId, { invited: 0, completed: 0 }).get(departmentId)!;
  for (const r of done) {
    entry(r.departmentId).invited += r._count._all;
    entry(r.departmentId).completed += r._count._all;
  }
  for (const r of waiting) entry(r.departmentId).invited += r._count._all;
  const rows = [...by.entries()];
  return {
    invited: rows.reduce((n, [, v]) => n + v.invited, 0),
    completed: rows.reduce((n, [, v]) => n + v.completed, 0),
    notReachable,
    byDepartment: rows.map(([departmentId, v]) => ({ departmentId, name: departmentId === null ? "" : names.get(departmentId) ?? "", ...v })).sort((a, b) => a.name.localeCompare(b.name, "ru")),
  };
}
