import type { Db } from "../client.js";
import { keptRole, type RosterRow } from "../../domain/roster.js";
import type { Role } from "../../domain/roles.js";
import type { UserRecord } from "./users.js";

export interface RosterImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  departmentsCreated: number;
}

export interface RosterImportResult {
  summary: RosterImportSummary;
  /** Registered people whose role changed: their Telegram command menus need refreshing. */
  roleChangedUserIds: number[];
  /** Every role change of someone already in the roster, for the audit log. */
  roleChanges: { userId: number; from: string; to: string }[];
  /**
   * Who became or stopped being an observer. Observers receive the reports that involve
   * compliance staff, so the observers are told of every change made by a roster import.
   */
  observers: { added: string[]; removed: string[] };
}

/**
 * Upserts the roster by phone in ONE transaction: either every row lands or none does.
 * People missing from the file are left as they are (a roster file may cover one unit).
 * A Telegram binding and a language the person chose themselves are never overwritten. A
 * registered person whose phone is known (shared as their contact) is their row: the
 * officer who ran /setup and shared her contact is updated in place, not added again. The
 * importer does not lose the compliance role through her own row (keptRole).
 */
export async function importRoster(db: Db, rows: RosterRow[], importerId: number | null = null): Promise<RosterImportResult> {
  return db.$transaction(
    async (tx) => {
      const summary: RosterImportSummary = { created: 0, updated: 0, unchanged: 0, departmentsCreated: 0 };
      const roleChangedUserIds: number[] = [];
      const roleChanges: RosterImportResult["roleChanges"] = [];
      const observers: RosterImportResult["observers"] = { added: [], removed: [] };
      const departments = new Map((await tx.department.findMany()).map((d) => [d.name.toLocaleLowerCase("ru"), d.id]));
      for (const name of new Set(rows.map((r) => r.department).filter((d): d is string => !!d))) {
        if (departments.has(name.toLocaleLowerCase("ru"))) continue;
        const d = await tx.department.create({ data: { name } });
        departments.set(name.toLocaleLowerCase("ru"), d.id);
        summary.departmentsCreated++;
      }
      const existing = new Map((await tx.user.findMany({ where: { phone: { in: rows.map((r) => r.phone) } } })).map((u) => [u.phone, u]));
      const toCreate: { fullName: string; phone: string; position: string | null; role: string; language: string | null; departmentId: number | null }[] = [];
      for (const row of rows) {
        const departmentId = row.department ? departments.get(row.department.toLocaleLowerCase("ru"))! : null;
        const current = existing.get(row.phone);
        if (!current) {
          if (row.role === "observer") observers.added.push(row.fullName);
          toCreate.push({ fullName: row.fullName, phone: row.phone, position: row.position, role: row.role, language: row.language, departmentId });
          continue;
        }
        const role = current.id === importerId ? keptRole(current.role, row.role) : row.role;
        const data = {
          fullName: row.fullName,
          position: row.position,
          role,
          departmentId,
          active: true,
          language: current.language ?? row.language,
        };
        const changed = (Object.keys(data) as (keyof typeof data)[]).some((k) => current[k] !== data[k]);
        if (!changed) {
          summary.unchanged++;
          continue;
        }
        await tx.user.update({ where: { id: current.id }, data });
        if (current.role !== role) {
          roleChanges.push({ userId: current.id, from: current.role, to: role });
          if (current.telegramId !== null) roleChangedUserIds.push(current.id);
          if (role === "observer") observers.added.push(row.fullName);
          if (current.role === "observer") observers.removed.push(current.fullName);
        }
        summary.updated++;
      }
      // One statement per batch instead of one per person (5,000 rows: seconds → tenths).
      for (let i = 0; i < toCreate.length; i += 500) {
        summary.created += (await tx.user.createMany({ data: toCreate.slice(i, i + 500) })).count;
      }
      return { summary, roleChangedUserIds, roleChanges, observers };
    },
    { timeout: 60_000 },
  );
}

/**
 * One person, one record: a registered account that no roster row holds (the officer who ran
 * /setup, someone who joined by a department link) takes over the unregistered roster entry
 * with the phone the person proved by sharing their contact. The entry's name, phone,
 * department and position move to the account and the entry is deleted; whatever pointed at
 * the entry (campaign ledger lines, task assignments, reminders) points at the account, and
 * where both had one the account's stays. The account keeps its id, so its history (audit,
 * cases, plans it made) stays whole. Null when either side changed meanwhile.
 */
export async function linkAccountToRosterEntry(db: Db, accountId: number, entryId: number): Promise<UserRecord | null> {
  return db.$transaction(async (tx) => {
    const [account, entry] = await Promise.all([tx.user.findUnique({ where: { id: accountId } }), tx.user.findUnique({ where: { id: entryId } })]);
    if (!account || !entry || account.telegramId === null || account.phone !== null || entry.telegramId !== null || !entry.active || entry.phone === null) return null;
    const moveRows = async <K extends string | number>(
      list: (userId: number) => Promise<{ key: K; id: number }[]>,
      drop: (id: number) => Promise<unknown>,
      move: (id: number) => Promise<unknown>,
    ) => {
      const mine = new Set((await list(accountId)).map((r) => r.key));
      for (const row of await list(entryId)) await (mine.has(row.key) ? drop(row.id) : move(row.id));
    };
    // A campaign that has both: the account's line stays (only it can have been invited or have
    // answered), with the entry's department where it had none, so no «department not stated» row.
    const lines = await tx.campaignParticipant.findMany({ where: { userId: { in: [accountId, entryId] } }, select: { id: true, campaignId: true, userId: true, departmentId: true } });
    for (const line of lines.filter((l) => l.userId === entryId)) {
      const own = lines.find((l) => l.userId === accountId && l.campaignId === line.campaignId);
      if (!own) await tx.campaignParticipant.update({ where: { id: line.id }, data: { userId: accountId } });
      else {
        await tx.campaignParticipant.delete({ where: { id: line.id } });
        if (own.departmentId === null) await tx.campaignParticipant.update({ where: { id: own.id }, data: { departmentId: line.departmentId } });
      }
    }
    await moveRows(
      async (userId) => (await tx.interviewResponse.findMany({ where: { userId }, select: { id: true, campaignId: true } })).map((r) => ({ key: r.campaignId, id: r.id })),
      (id) => tx.interviewResponse.delete({ where: { id } }),
      (id) => tx.interviewResponse.update({ where: { id }, data: { userId: accountId } }),
    );
    await moveRows(
      async (userId) => (await tx.taskReminder.findMany({ where: { userId }, select: { id: true, occurrenceId: true, kind: true, forDay: true } })).map((r) => ({ key: `${r.occurrenceId}/${r.kind}/${r.forDay}`, id: r.id })),
      (id) => tx.taskReminder.delete({ where: { id } }),
      (id) => tx.taskReminder.update({ where: { id }, data: { userId: accountId } }),
    );
    const assigned = new Set((await tx.taskAssignee.findMany({ where: { userId: accountId }, select: { taskId: true } })).map((a) => a.taskId));
    const entryTasks = (await tx.taskAssignee.findMany({ where: { userId: entryId }, select: { taskId: true } })).map((a) => a.taskId);
    await tx.taskAssignee.deleteMany({ where: { userId: entryId } });
    const moved = entryTasks.filter((taskId) => !assigned.has(taskId));
    if (moved.length) await tx.taskAssignee.createMany({ data: moved.map((taskId) => ({ taskId, userId: accountId })) });
    // The entry's personal invite links go with it (cascade): the person is registered now.
    await tx.user.delete({ where: { id: entryId } });
    return tx.user.update({
      where: { id: accountId },
      data: {
        fullName: entry.fullName,
        phone: entry.phone,
        position: entry.position,
        departmentId: entry.departmentId,
        role: keptRole(account.role, entry.role as Role),
        language: account.language ?? entry.language,
        active: true,
      },
    });
  });
}
