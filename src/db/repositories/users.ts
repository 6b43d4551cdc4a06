import type { Db } from "../client.js";
import type { Keyring } from "../../domain/crypto.js";
import { directSql } from "../direct-sql.js";
import { respondentStateFromRow, respondentStateSql, type RespondentState } from "./survey-answers.js";
import type { Lang } from "../../domain/lang.js";
import type { Role } from "../../domain/roles.js";

export interface UserRecord {
  id: number;
  telegramId: bigint | null;
  fullName: string;
  phone: string | null;
  position: string | null;
  role: string;
  language: string | null;
  departmentId: number | null;
  active: boolean;
  registeredAt: Date | null;
}

export function findUserByTelegramId(db: Db, telegramId: number): Promise<UserRecord | null> {
  return db.user.findUnique({ where: { telegramId: BigInt(telegramId) } });
}

type UserWithStateRow = { [K in keyof UserRecord]: unknown } & { state: string | null };

const USER_WITH_STATE = `
  SELECT u."id", u."telegramId", u."fullName", u."phone", u."position", u."role", u."language", u."departmentId", u."active", u."registeredAt", s."value" AS "state"
  FROM (SELECT 1 AS "one") AS o
  LEFT JOIN "User" AS u ON u."telegramId" = ?
  LEFT JOIN "BotState" AS s ON s."key" = ?`;

const RESPONDENT = respondentStateSql(`u."id"`);
const USER_WITH_STATE_AND_RESPONDENT = USER_WITH_STATE.replace(` AS "state"\n`, ` AS "state",\n    ${RESPONDENT.columns}\n`) + `\n  ${RESPONDENT.joins}`;

/** A questionnaire's rows to read with the user (bot/prefetch.ts): that user's ledger line and draft. */
export interface RespondentLookup {
  keyring: Keyring;
  campaignId: number;
  draftKey: string;
  now: Date;
}

/**
 * The user bound to a Telegram account (null when none or no id) and the value of one
 * BotState row (the chat's session, still encrypted; null when none or no key), in one round
 * trip: every update needs both. With `respondent`, the same statement also reads that
 * user's campaign, ledger line and draft (survey-answers.ts), which a questionnaire button
 * needs next. One statement on the direct path (db/direct-sql.ts: Prisma 6.19 compiles every
 * request anew), a left join on a one-row table so the row always exists.
 */
export async function findUserWithState(
  db: Db,
  telegramId: number | null,
  stateKey: string | null,
  respondent?: RespondentLookup,
): Promise<{ user: UserRecord | null; state: string | null; respondent?: RespondentState }> {
  const direct = directSql(db);
  if (!direct) {
    const [user, state] = await Promise.all([telegramId === null ? null : findUserByTelegramId(db, telegramId), stateKey === null ? null : db.botState.findUnique({ where: { key: stateKey } })]);
    return { user, state: state?.value ?? null };
  }
  const telegram = telegramId === null ? null : String(telegramId);
  if (respondent) {
    const [row] = await direct.query<UserWithStateRow & Parameters<typeof respondentStateFromRow>[1]>(
      USER_WITH_STATE_AND_RESPONDENT,
      [telegram, stateKey, respondent.campaignId, respondent.campaignId, respondent.draftKey],
      ["bigint", "string", "int", "int", "string"],
    );
    if (!row) return { user: null, state: null };
    return { user: row.id === null ? null : userFromRaw(row), state: row.state ?? null, respondent: respondentStateFromRow(respondent.keyring, row, respondent.now) };
  }
  const [row] = await direct.query<UserWithStateRow>(USER_WITH_STATE, [telegram, stateKey], ["bigint", "string"]);
  if (!row) return { user: null, state: null };
  return { user: row.id === null ? null : userFromRaw(row), state: row.state ?? null };
}

/** A User row as a raw query returns it (SQLite gives booleans as 0/1 and may give ids as bigint). */
function userFromRaw(r: { [K in keyof UserRecord]: unknown }): UserRecord {
  const opt = <T>(v: unknown, f: (v: unknown) => T): T | null => (v === null || v === undefined ? null : f(v));
  return {
    id: Number(r.id),
    telegramId: opt(r.telegramId, (v) => BigInt(v as number | bigint | string)),
    fullName: String(r.fullName),
    phone: opt(r.phone, String),
    position: opt(r.position, String),
    role: String(r.role),
    language: opt(r.language, String),
    departmentId: opt(r.departmentId, Number),
    active: r.active === true || r.active === 1 || r.active === 1n || r.active === "1" || r.active === "true",
    registeredAt: opt(r.registeredAt, (v) => new Date(v as string | number | Date)),
  };
}

export function findUserById(db: Db, id: number): Promise<UserRecord | null> {
  return db.user.findUnique({ where: { id } });
}

export function findUserByPhone(db: Db, phone: string): Promise<UserRecord | null> {
  return db.user.findUnique({ where: { phone } });
}

export function setUserLanguage(db: Db, id: number, language: Lang): Promise<UserRecord> {
  return db.user.update({ where: { id }, data: { language } });
}

/**
 * Binds a roster entry to a Telegram account. Conditional on the entry being unbound so
 * two people racing for one entry cannot both win; returns null when someone else did.
 */
export async function bindTelegramAccount(db: Db, userId: number, telegramId: number, language: Lang | null, now: Date): Promise<UserRecord | null> {
  const { count } = await db.user.updateMany({
    where: { id: userId, telegramId: null },
    data: { telegramId: BigInt(telegramId), registeredAt: now, ...(language ? { language } : {}) },
  });
  return count === 1 ? findUserById(db, userId) : null;
}

/** Stores the phone a registered person proved by sharing their contact; false when they have one already or it is someone else's. */
export async function setVerifiedPhone(db: Db, userId: number, phone: string): Promise<boolean> {
  try {
    const { count } = await db.user.updateMany({ where: { id: userId, phone: null }, data: { phone } });
    return count === 1;
  } catch (error) {
    // The phone is unique: an import or another account took it meanwhile.
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

/** Active roster entries nobody has registered as yet, in one department: a newcomer by a department link may be one of them. */
export function unregisteredEntriesInDepartment(db: Db, departmentId: number): Promise<{ id: number; fullName: string }[]> {
  return db.user.findMany({ where: { departmentId, active: true, telegramId: null, phone: { not: null } }, select: { id: true, fullName: true } });
}

/** Whether the roster has entries nobody has registered as yet (then a registered person without a row may be one of them). */
export async function hasUnregisteredEntries(db: Db): Promise<boolean> {
  return (await db.user.findFirst({ where: { active: true, telegramId: null, phone: { not: null } }, select: { id: true } })) !== null;
}

export function createRegisteredUser(
  db: Db,
  data: { telegramId: number; fullName: string; role: Role; language: Lang | null; departmentId: number | null; now: Date },
): Promise<UserRecord> {
  return db.user.create({
    data: {
      telegramId: BigInt(data.telegramId),
      fullName: data.fullName,
      role: data.role,
      language: data.language,
      departmentId: data.departmentId,
      registeredAt: data.now,
    },
  });
}

/** Bootstrap from configuration: the listed Telegram ids are compliance officers. */
export async function ensureComplianceOfficer(db: Db, telegramId: number, fullName: string, language: Lang | null, now: Date): Promise<UserRecord> {
  const existing = await findUserByTelegramId(db, telegramId);
  if (existing) {
    if (existing.role === "compliance" && existing.active) return existing;
    return db.user.update({ where: { id: existing.id }, data: { role: "compliance", active: true, ...(existing.language ? {} : { language }) } });
  }
  return createRegisteredUser(db, { telegramId, fullName, role: "compliance", language, departmentId: null, now });
}

export function setUserRole(db: Db, id: number, role: Role): Promise<UserRecord> {
  return db.user.update({ where: { id }, data: { role } });
}

/** Active people of these roles whom the bot can write to (registered in Telegram). */
export function reachableUsers(db: Db, roles: readonly string[]): Promise<{ id: number; telegramId: bigint | null; language: string | null }[]> {
  return db.user.findMany({ where: { active: true, role: { in: [...roles] }, telegramId: { not: null } }, select: { id: true, telegramId: true, language: true }, orderBy: { id: "asc" } });
}

/** Active, registered people of these roles, as full records (their command menus are synced at start). */
export function registeredUsersInRoles(db: Db, roles: readonly string[]): Promise<UserRecord[]> {
  return db.user.findMany({ where: { active: true, telegramId: { not: null }, role: { in: [...roles] } } });
}

/** Active compliance officers registered in Telegram. */
export function countRegisteredComplianceOfficers(db: Db): Promise<number> {
  return db.user.count({ where: { role: "compliance", active: true, telegramId: { not: null } } });
}

/**
 * Case-insensitive search by name or phone digits. Done in JS because SQLite's LIKE folds
 * only ASCII case and names are Cyrillic; a roster has thousands of rows, not millions.
 */
export async function searchUsers(db: Db, query: string, limit = 10): Promise<(UserRecord & { department: { name: string } | null })[]> {
  const needle = query.trim().toLocaleLowerCase("ru");
  const digits = query.replace(/\D/g, "");
  if (!needle) return [];
  const all = await db.user.findMany({ where: { active: true }, include: { department: { select: { name: true } } }, orderBy: { fullName: "asc" } });
  return all
    .filter((u) => u.fullName.toLocaleLowerCase("ru").includes(needle) || (digits.length >= 4 && (u.phone ?? "").includes(digits)))
    .slice(0, limit);
}

export interface RosterStats {
  departments: { name: string; total: number; registered: number }[];
  total: number;
  registered: number;
  /** Registered people no roster row holds (no proven phone), while the roster has unregistered rows: counted above, and maybe once more as one of those rows until they share their contact. */
  unlinked: string[];
}

export async function rosterStats(db: Db): Promise<RosterStats> {
  const [departments, users, unlinked] = await Promise.all([
    db.department.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.user.groupBy({ by: ["departmentId"], where: { active: true }, _count: { _all: true, telegramId: true } }),
    // Only while some row is unregistered: otherwise none of them can be counted twice.
    hasUnregisteredEntries(db).then((some) => (some ? db.user.findMany({ where: { active: true, telegramId: { not: null }, phone: null }, select: { fullName: true }, orderBy: { fullName: "asc" } }) : [])),
  ]);
  const byDept = new Map(users.map((u) => [u.departmentId, u._count]));
  const rows = departments.map((d) => ({ name: d.name, total: byDept.get(d.id)?._all ?? 0, registered: byDept.get(d.id)?.telegramId ?? 0 }));
  const none = byDept.get(null);
  if (none) rows.push({ name: "", total: none._all, registered: none.telegramId });
  return {
    departments: rows,
    total: rows.reduce((s, r) => s + r.total, 0),
    registered: rows.reduce((s, r) => s + r.registered, 0),
    unlinked: unlinked.map((u) => u.fullName),
  };
}
