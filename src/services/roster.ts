// The roster: an import replaces what the file says about each person in one transaction and
// is audited with every role it changed. Observers handle the reports that involve compliance
// staff, so a change of who they are is audited on its own as well.
import type { Db } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { importRoster, linkAccountToRosterEntry, type RosterImportResult } from "../db/repositories/roster.js";
import type { UserRecord } from "../db/repositories/users.js";
import type { RosterRow } from "../domain/roster.js";

export async function importRosterBy(db: Db, rows: RosterRow[], actorUserId: number): Promise<RosterImportResult> {
  const result = await importRoster(db, rows, actorUserId);
  await audit(db, { actorUserId, action: "roster.imported", details: { ...result.summary, rows: rows.length } });
  for (const change of result.roleChanges) await audit(db, { actorUserId, action: "user.role_changed", subject: `user:${change.userId}`, details: { from: change.from, to: change.to } });
  if (result.observers.added.length || result.observers.removed.length) await audit(db, { actorUserId, action: "observers.changed", details: result.observers });
  return result;
}

/**
 * A registered person proved, by sharing their contact, that the unregistered roster entry
 * with that phone is theirs: the two records become one (repositories/roster.ts), audited.
 */
export async function linkAccountToRosterEntryBy(db: Db, accountId: number, entryId: number): Promise<UserRecord | null> {
  const linked = await linkAccountToRosterEntry(db, accountId, entryId);
  if (linked) await audit(db, { actorUserId: accountId, action: "user.linked_to_roster", subject: `user:${accountId}`, details: { entry: entryId } });
  return linked;
}
