// The roster: an import replaces what the file says about each person in one transaction and
// is audited with every role it changed. Observers handle the reports that involve compliance
// staff, so a change of who they are is audited on its own as well.
import type { Db } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { importRoster, type RosterImportResult } from "../db/repositories/roster.js";
import type { RosterRow } from "../domain/roster.js";

export async function importRosterBy(db: Db, rows: RosterRow[], actorUserId: number): Promise<RosterImportResult> {
  const result = await importRoster(db, rows);
  await audit(db, { actorUserId, action: "roster.imported", details: { ...result.summary, rows: rows.length } });
  for (const change of result.roleChanges) await audit(db, { actorUserId, action: "user.role_changed", subject: `user:${change.userId}`, details: { from: change.from, to: change.to } });
  if (result.observers.added.length || result.observers.removed.length) await audit(db, { actorUserId, action: "observers.changed", details: result.observers });
  return result;
}
