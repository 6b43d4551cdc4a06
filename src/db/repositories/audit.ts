import type { Db, DbOrTx } from "../client.js";

/** Records an officer action. `details` must not contain anything from anonymous reports. */
export async function audit(db: DbOrTx, entry: { actorUserId: number | null; action: string; subject?: string; details?: Record<string, unknown> }): Promise<void> {
  await db.auditLog.create({
    data: {
      actorUserId: entry.actorUserId,
      action: entry.action,
      subject: entry.subject ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    },
  });
}

export function recentAudit(db: Db, limit = 20) {
  return db.auditLog.findMany({ orderBy: { id: "desc" }, take: limit });
}
