// Every column written with Keyring.encrypt, for key rotation: count the ciphertexts under a
// key, read a batch that is not under the current key yet, and replace a batch in one
// transaction. A ciphertext is "v1.<key id>.<iv>.<payload>", so "under key K" is a prefix
// match on both databases (key ids are lower-case hex: no LIKE wildcards).
import type { Db } from "../client.js";

interface ColumnSpec {
  /** Prisma model delegate name. */
  model: "report" | "reportEntry" | "reportMailbox" | "botState" | "reporterFlow" | "surveyDraft" | "answerPool" | "sealedBallot" | "surveyTotals" | "taskOccurrence" | "outboxMessage" | "inboxUpdate" | "boardReport";
  field: string;
  /** Primary key fields (AnswerPool's is composite). */
  key: string[];
  /** Fields rewritten with their own value, so that re-encryption leaves them as they were (`@updatedAt`: abandonment clocks). */
  keep?: string[];
  nullable?: boolean;
}

/** Table.column → where it is. A new column written with Keyring.encrypt must be added here, or rotation leaves it under the old key. */
export const ENCRYPTED_COLUMNS = {
  "Report.content": { model: "report", field: "content", key: ["id"] },
  "Report.extensionReason": { model: "report", field: "extensionReason", key: ["id"], nullable: true },
  "ReportEntry.body": { model: "reportEntry", field: "body", key: ["id"] },
  "ReportMailbox.chat": { model: "reportMailbox", field: "chat", key: ["tokenHash"] },
  "BotState.value": { model: "botState", field: "value", key: ["key"], keep: ["updatedAt"] },
  "ReporterFlow.value": { model: "reporterFlow", field: "value", key: ["key"] },
  "SurveyDraft.data": { model: "surveyDraft", field: "data", key: ["key"], keep: ["updatedAt"] },
  "AnswerPool.data": { model: "answerPool", field: "data", key: ["campaignId", "questionId", "groupKey"] },
  "SealedBallot.data": { model: "sealedBallot", field: "data", key: ["id"] },
  "SurveyTotals.data": { model: "surveyTotals", field: "data", key: ["campaignId"] },
  "SurveyTotals.texts": { model: "surveyTotals", field: "texts", key: ["campaignId"], nullable: true },
  "TaskOccurrence.evidence": { model: "taskOccurrence", field: "evidence", key: ["id"], nullable: true },
  "OutboxMessage.payload": { model: "outboxMessage", field: "payload", key: ["id"] },
  "InboxUpdate.payload": { model: "inboxUpdate", field: "payload", key: ["updateId"] },
  "BoardReport.snapshot": { model: "boardReport", field: "snapshot", key: ["id"] },
} as const satisfies Record<string, ColumnSpec>;

export type EncryptedColumn = keyof typeof ENCRYPTED_COLUMNS;
export const encryptedColumns = Object.keys(ENCRYPTED_COLUMNS) as EncryptedColumn[];

/** The few delegate methods used here, alike on every model. */
interface Delegate {
  count(args: { where: object }): Promise<number>;
  findMany(args: { where: object; select: object; orderBy: object[]; take: number }): Promise<Record<string, unknown>[]>;
  updateMany(args: { where: object; data: object }): ReturnType<Db["botState"]["updateMany"]>;
}

const spec = (column: EncryptedColumn): ColumnSpec => ENCRYPTED_COLUMNS[column];
const delegate = (db: Db, column: EncryptedColumn) => (db as unknown as Record<string, Delegate>)[spec(column).model]!;
const prefix = (keyId: string) => `v1.${keyId}.`;

function where(column: EncryptedColumn, filter: { under: string } | { notUnder: string } | "all"): object {
  const { field, nullable } = spec(column);
  const present = nullable ? { [field]: { not: null } } : {};
  if (filter === "all") return present;
  if ("under" in filter) return { [field]: { startsWith: prefix(filter.under) } };
  return { ...present, NOT: { [field]: { startsWith: prefix(filter.notUnder) } } };
}

/** Ciphertexts of the column: all of them, those under a key, or those not under it. */
export function countCiphertexts(db: Db, column: EncryptedColumn, filter: { under: string } | { notUnder: string } | "all"): Promise<number> {
  return delegate(db, column).count({ where: where(column, filter) });
}

export interface StoredCiphertext {
  /** The row's primary key fields. */
  key: Record<string, unknown>;
  /** Fields to write back unchanged. */
  keep: Record<string, unknown>;
  value: string;
}

/** Up to `limit` ciphertexts of the column that are not under `keyId`, in primary-key order. */
export async function ciphertextsNotUnder(db: Db, column: EncryptedColumn, keyId: string, limit: number): Promise<StoredCiphertext[]> {
  const { field, key, keep = [] } = spec(column);
  const select = Object.fromEntries([...key, ...keep, field].map((f) => [f, true]));
  const rows = await delegate(db, column).findMany({ where: where(column, { notUnder: keyId }), select, orderBy: key.map((f) => ({ [f]: "asc" })), take: limit });
  const pick = (row: Record<string, unknown>, fields: string[]) => Object.fromEntries(fields.map((f) => [f, row[f]]));
  return rows.map((row) => ({ key: pick(row, key), keep: pick(row, keep), value: row[field] as string }));
}

/**
 * Writes the new ciphertexts in one transaction. Each row is replaced only if it still holds
 * the ciphertext that was read (a row changed meanwhile is left for the next pass); returns
 * how many were replaced.
 */
export async function replaceCiphertexts(db: Db, column: EncryptedColumn, rows: (StoredCiphertext & { next: string })[]): Promise<number> {
  const { field } = spec(column);
  const d = delegate(db, column);
  const results = await db.$transaction(rows.map((r) => d.updateMany({ where: { ...r.key, [field]: r.value }, data: { ...r.keep, [field]: r.next } })));
  return results.reduce((sum, r) => sum + r.count, 0);
}

/** Report ids and encrypted contents after `afterId`, in id order (mailbox re-keying). */
export function reportContentsAfter(db: Db, afterId: number, limit: number): Promise<{ id: number; content: string }[]> {
  return db.report.findMany({ where: { id: { gt: afterId } }, select: { id: true, content: true }, orderBy: { id: "asc" }, take: limit });
}
