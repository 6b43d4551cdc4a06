// Invite links: issued and revoked by compliance officers, audited. Only a keyed hash of the
// token is stored; the token itself is returned once, to be shown in the link.
import type { Db } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { createInvite, revokeInvite } from "../db/repositories/invites.js";
import type { Keyring } from "../domain/crypto.js";
import { newInviteToken } from "../domain/invites.js";

export interface IssueInviteInput {
  kind: "person" | "department";
  /** The person (kind person) or the department (kind department). */
  targetId: number;
  validDays: number;
  actorUserId: number;
  now: Date;
}

export async function issueInvite(db: Db, keyring: Keyring, input: IssueInviteInput): Promise<{ token: string; expiresAt: Date; id: number }> {
  const token = newInviteToken();
  const { kind, targetId, validDays, actorUserId } = input;
  const invite = await createInvite(db, {
    tokenHash: keyring.hash("invite-token", token),
    kind,
    ...(kind === "person" ? { userId: targetId } : { departmentId: targetId }),
    role: "employee",
    expiresAt: new Date(input.now.getTime() + validDays * 86_400_000),
    maxUses: kind === "person" ? 1 : null,
    createdById: actorUserId,
  });
  await audit(db, { actorUserId, action: "invite.created", subject: `invite:${invite.id}`, details: { kind, targetId, validDays } });
  return { token, expiresAt: invite.expiresAt, id: invite.id };
}

/** False when the link was revoked already. */
export async function revokeInviteBy(db: Db, inviteId: number, actorUserId: number, now: Date): Promise<boolean> {
  if (!(await revokeInvite(db, inviteId, now))) return false;
  await audit(db, { actorUserId, action: "invite.revoked", subject: `invite:${inviteId}` });
  return true;
}
