import type { Db } from "../client.js";
import { type Lang, isLang } from "../../domain/lang.js";

// Keyed by a keyed hash of the Telegram id, never the id itself (see models.prisma).
export async function getChatLanguage(db: Db, chatKey: string): Promise<Lang | null> {
  const row = await db.chatLanguage.findUnique({ where: { chatKey } });
  return row && isLang(row.language) ? row.language : null;
}

export async function setChatLanguage(db: Db, chatKey: string, language: Lang): Promise<void> {
  await db.chatLanguage.upsert({ where: { chatKey }, create: { chatKey, language }, update: { language } });
}

/** Whether this chat has chosen a language (any stored row, even one no longer supported). */
export async function hasChatLanguage(db: Db, chatKey: string): Promise<boolean> {
  return (await db.chatLanguage.findUnique({ where: { chatKey } })) !== null;
}
