// Rows stored under a keyed hash of a chat or a person (sessions, chat languages, reporter
// flows, survey drafts): after a key rotation they are under a hash of an older key until the
// chat comes back, when they move to the hash under the current key (services/keys.ts).
import { isUniqueViolation, type Db } from "../client.js";

export type KeyedTable = "session" | "chatLanguage" | "reporterFlow" | "surveyDraft";

/** The stored key of the row, or null when none of `keys` is stored. */
async function findKey(db: Db, table: KeyedTable, keys: string[]): Promise<string | null> {
  switch (table) {
    case "session":
      return (await db.botState.findFirst({ where: { key: { in: keys } }, select: { key: true } }))?.key ?? null;
    case "chatLanguage":
      return (await db.chatLanguage.findFirst({ where: { chatKey: { in: keys } }, select: { chatKey: true } }))?.chatKey ?? null;
    case "reporterFlow":
      return (await db.reporterFlow.findFirst({ where: { key: { in: keys } }, select: { key: true } }))?.key ?? null;
    case "surveyDraft":
      return (await db.surveyDraft.findFirst({ where: { key: { in: keys } }, select: { key: true } }))?.key ?? null;
  }
}

async function renameKey(db: Db, table: KeyedTable, from: string, to: string): Promise<void> {
  switch (table) {
    case "session":
      return void (await db.botState.updateMany({ where: { key: from }, data: { key: to } }));
    case "chatLanguage":
      return void (await db.chatLanguage.updateMany({ where: { chatKey: from }, data: { chatKey: to } }));
    case "reporterFlow":
      return void (await db.reporterFlow.updateMany({ where: { key: from }, data: { key: to } }));
    case "surveyDraft":
      return void (await db.surveyDraft.updateMany({ where: { key: from }, data: { key: to } }));
  }
}

async function deleteKeys(db: Db, table: KeyedTable, keys: string[]): Promise<void> {
  const where = { key: { in: keys } };
  if (table === "session") await db.botState.deleteMany({ where });
  else if (table === "chatLanguage") await db.chatLanguage.deleteMany({ where: { chatKey: { in: keys } } });
  else if (table === "reporterFlow") await db.reporterFlow.deleteMany({ where });
  else await db.surveyDraft.deleteMany({ where });
}

/**
 * Moves the row stored under one of `from` (hashes under older keys) to `to` (the hash under
 * the current key). When a row under `to` exists already it wins and the old ones go. True
 * when a row was moved.
 */
export async function rekeyRow(db: Db, table: KeyedTable, from: string[], to: string): Promise<boolean> {
  if (from.length === 0) return false;
  const old = await findKey(db, table, from);
  if (old === null) return false;
  if ((await findKey(db, table, [to])) !== null) {
    await deleteKeys(db, table, from);
    return false;
  }
  try {
    await renameKey(db, table, old, to);
    return true;
  } catch (error) {
    // Another instance wrote under the current key meanwhile: its row wins.
    if (!isUniqueViolation(error)) throw error;
    await deleteKeys(db, table, from);
    return false;
  }
}

/** Campaigns that have drafts in progress (a person's draft key includes the campaign). */
export async function campaignsWithDrafts(db: Db): Promise<number[]> {
  return (await db.surveyDraft.findMany({ distinct: ["campaignId"], select: { campaignId: true } })).map((r) => r.campaignId);
}
