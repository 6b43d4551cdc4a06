import type { Db } from "../client.js";
import type { Role } from "../../domain/roles.js";

export interface InviteRecord {
  id: number;
  tokenHash: string;
  kind: string;
  userId: number | null;
  departmentId: number | null;
  role: string;
  expiresAt: Date;
  revokedAt: Date | null;
  maxUses: number | null;
  usedCount: number;
  createdAt: Date;
}

export function createInvite(
  db: Db,
  data: { tokenHash: string; kind: "person" | "department"; userId?: number; departmentId?: number; role: Role; expiresAt: Date; maxUses: number | null; createdById: number },
): Promise<InviteRecord> {
  return db.invite.create({ data: { ...data, userId: data.userId ?? null, departmentId: data.departmentId ?? null } });
}

/** The invite under any of these hashes (the token under every key, current first). */
export function findInviteByTokenHash(db: Db, tokenHashes: string[]): Promise<InviteRecord | null> {
  return db.invite.findFirst({ where: { tokenHash: { in: tokenHashes } } });
}

/** Moves an invite to its token's hash under the current key (found under an older one). */
export async function rekeyInvite(db: Db, id: number, from: string, to: string): Promise<void> {
  await db.invite.updateMany({ where: { id, tokenHash: from }, data: { tokenHash: to } });
}

export function findInviteById(db: Db, id: number): Promise<InviteRecord | null> {
  return db.invite.findUnique({ where: { id } });
}

export function listActiveInvites(db: Db, now: Date) {
  return db.invite.findMany({
    where: { revokedAt: null, expiresAt: { gt: now } },
    include: { user: { select: { fullName: true } }, department: { select: { name: true } } },
    orderBy: { id: "desc" },
    take: 30,
  });
}

/** Revokes an invite; false when it was already revoked or does not exist. */
export async function revokeInvite(db: Db, id: number, now: Date): Promise<boolean> {
  const { count } = await db.invite.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  return count === 1;
}

/**
 * Counts one use, atomically and only while the invite is still valid, so a link with
 * maxUses 1 cannot be used twice by two people at the same moment.
 */
export async function consumeInvite(db: Db, invite: InviteRecord, now: Date): Promise<boolean> {
  const { count } = await db.invite.updateMany({
    where: {
      id: invite.id,
      revokedAt: null,
      expiresAt: { gt: now },
      usedCount: invite.usedCount,
      ...(invite.maxUses !== null ? { usedCount: { lt: invite.maxUses, equals: invite.usedCount } } : {}),
    },
    data: { usedCount: { increment: 1 } },
  });
  return count === 1;
}
