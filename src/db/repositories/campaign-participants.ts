// The participation ledger as the survey dispatcher walks it: who is due an invitation or a
// reminder, the claims that keep two instances from sending the same message twice, and what
// each delivery did to the row.
import type { Db, DbOrTx } from "../client.js";
import type { CampaignRecord } from "./campaigns.js";

/** A ledger row as claimed: the fields the claim compares, so that a changed row is not taken. */
export interface InvitationDue {
  id: number;
  userId: number;
  inviteStatus: string;
  inviteClaimedAt: Date | null;
}

export interface ReminderCandidate {
  id: number;
  userId: number;
  remindersSent: number;
  invitedOn: string | null;
  lastRemindedOn: string | null;
  reminderClaimedAt: Date | null;
}

/** The people the bot can write to among these users (registered and active), by user id. */
export async function messageableUsersById(db: Db, ids: number[]): Promise<Map<number, { id: number; telegramId: bigint | null; language: string | null }>> {
  const users = await db.user.findMany({ where: { id: { in: ids }, telegramId: { not: null }, active: true }, select: { id: true, telegramId: true, language: true } });
  return new Map(users.map((u) => [u.id, u]));
}

/** Ledger rows after `cursor` still to be invited (pending, or a claim older than `staleBefore`), in id order. */
export function invitationsDue(db: Db, campaignId: number, cursor: number, staleBefore: Date, take: number): Promise<InvitationDue[]> {
  return db.campaignParticipant.findMany({
    where: { campaignId, id: { gt: cursor }, OR: [{ inviteStatus: "pending" }, { inviteStatus: "sending", inviteClaimedAt: { lt: staleBefore } }] },
    select: { id: true, userId: true, inviteStatus: true, inviteClaimedAt: true },
    orderBy: { id: "asc" },
    take,
  });
}

/** Claims one invitation; false when another instance changed the row first. */
export async function claimInvitation(db: Db, row: InvitationDue, now: Date): Promise<boolean> {
  const claimed = await db.campaignParticipant.updateMany({
    where: { id: row.id, inviteStatus: row.inviteStatus, inviteClaimedAt: row.inviteClaimedAt },
    data: { inviteStatus: "sending", inviteClaimedAt: now },
  });
  return claimed.count === 1;
}

/** Records what an invitation did. Blocked: not retried (failed). Any other failure: pending again, retried next tick. */
export async function recordInvitation(db: DbOrTx, id: number, outcome: "sent" | "blocked" | "failed", today: string): Promise<void> {
  await db.campaignParticipant.update({
    where: { id },
    data: outcome === "sent" ? { inviteStatus: "sent", invitedOn: today, inviteClaimedAt: null } : { inviteStatus: outcome === "blocked" ? "failed" : "pending", inviteClaimedAt: null },
  });
}

/** Invited people after `cursor` who have not finished and may still be reminded (under the cap, not claimed), in id order. */
export function reminderCandidates(db: Db, campaign: CampaignRecord, cursor: number, staleBefore: Date, take: number): Promise<ReminderCandidate[]> {
  return db.campaignParticipant.findMany({
    where: {
      campaignId: campaign.id,
      id: { gt: cursor },
      inviteStatus: "sent",
      completedOn: null,
      remindersSent: { lt: campaign.reminderCap },
      OR: [{ reminderClaimedAt: null }, { reminderClaimedAt: { lt: staleBefore } }],
    },
    select: { id: true, userId: true, remindersSent: true, invitedOn: true, lastRemindedOn: true, reminderClaimedAt: true },
    orderBy: { id: "asc" },
    take,
  });
}

/** Claims one reminder; false when another instance (or a submission) changed the row first. */
export async function claimReminder(db: Db, row: ReminderCandidate, now: Date): Promise<boolean> {
  const claimed = await db.campaignParticipant.updateMany({
    where: { id: row.id, remindersSent: row.remindersSent, completedOn: null, reminderClaimedAt: row.reminderClaimedAt },
    data: { reminderClaimedAt: now },
  });
  return claimed.count === 1;
}

/**
 * Records what a reminder did. Sent, or blocked (counts, so someone who blocked the bot is not
 * hammered); a temporary failure does not count and is retried on the next tick.
 */
export async function recordReminder(db: DbOrTx, id: number, outcome: "sent" | "blocked" | "failed", today: string): Promise<void> {
  await db.campaignParticipant.update({
    where: { id },
    data: outcome === "failed" ? { reminderClaimedAt: null } : { remindersSent: { increment: 1 }, lastRemindedOn: today, reminderClaimedAt: null },
  });
}

/** Name, department and position of the respondents of an attributed interview, by user id. */
export async function respondentProfiles(db: Db, userIds: number[]): Promise<Map<number, { fullName: string; department: { name: string } | null; position: string | null }>> {
  const users = await db.user.findMany({ where: { id: { in: userIds } }, include: { department: true } });
  return new Map(users.map((u) => [u.id, u]));
}
