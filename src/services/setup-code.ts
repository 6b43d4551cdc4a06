// First start without a configured compliance officer: print a one-time code; whoever
// sends /setup <code> to the bot becomes the first compliance officer. Only a keyed hash
// of the code is stored, and it is consumed on use.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.js";
import { setSetting } from "../db/repositories/settings.js";
import { countRegisteredComplianceOfficers } from "../db/repositories/users.js";
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
