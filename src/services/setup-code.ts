// First start without a configured compliance officer: print a one-time code; whoever
// sends /setup <code> to the bot becomes the first compliance officer. Only a keyed hash
// of the code is stored, and it is consumed on use.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { getSetting, setSetting, takeSetting } from "../db/repositories/settings.js";
import { countRegisteredComplianceOfficers, ensureComplianceOfficer, type UserRecord } from "../db/repositories/users.js";
import type { Lang } from "../domain/lang.js";
import type { Keyring } from "../domain/crypto.js";

export const SETUP_CODE_SETTING = "setup_code_hash";

/** Returns a fresh code when the bot has no compliance officer, else null. */
export async function prepareSetupCode(db: Db, keyring: Keyring, configuredIds: number[]): Promise<string | null> {
  if (configuredIds.length > 0) return null;
  if ((await countRegisteredComplianceOfficers(db)) > 0) return null;
  // 10 characters of an unambiguous alphabet: ~50 bits, entered by hand once.
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(10);
  const code = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
  await setSetting(db, SETUP_CODE_SETTING, keyring.hash("invite-token", code));
  return code;
}

/**
 * /setup CODE: the right code, used once, makes the sender the first compliance officer
 * (audited); null for a wrong or used code.
 */
export async function redeemSetupCode(db: Db, keyring: Keyring, code: string, person: { telegramId: number; fullName: string; lang: Lang }, now: Date): Promise<UserRecord | null> {
  const stored = await getSetting(db, SETUP_CODE_SETTING);
  // Under every key: a code printed before a key rotation still works.
  if (!stored || !code || !keyring.hashes("invite-token", code).includes(stored)) return null;
  // Consumed with a conditional delete: of two instances given the same code, one wins.
  if (!(await takeSetting(db, SETUP_CODE_SETTING, stored))) return null;
  const user = await ensureComplianceOfficer(db, person.telegramId, person.fullName, person.lang, now);
  await audit(db, { actorUserId: user.id, action: "setup.compliance_bootstrapped", subject: `user:${user.id}` });
  return user;
}
