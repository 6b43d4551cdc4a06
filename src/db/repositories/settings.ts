import type { Db } from "../client.js";

export async function getSetting(db: Db, key: string): Promise<string | null> {
  return (await db.setting.findUnique({ where: { key } }))?.value ?? null;
}

export async function setSetting(db: Db, key: string, value: string): Promise<void> {
  await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

/** Deletes the setting only if it still has `value`; true when this call removed it. */
export async function takeSetting(db: Db, key: string, value: string): Promise<boolean> {
  const { count } = await db.setting.deleteMany({ where: { key, value } });
  return count === 1;
}

export async function deleteSetting(db: Db, key: string): Promise<void> {
  await db.setting.deleteMany({ where: { key } });
}

/** Stores the setting unless it exists (of several instances starting at once, the first wins). */
export async function addSettingIfAbsent(db: Db, key: string, value: string): Promise<void> {
  try {
    await db.setting.create({ data: { key, value } });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
}
