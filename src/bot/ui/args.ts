// Schemas of button arguments (callback data is untrusted input) and the nonces that tie a
// button to one flow, so that a button of an earlier flow is recognised as stale.
import { randomBytes } from "node:crypto";
import { z } from "zod";

/** A database row id: positive, within PostgreSQL's integer. */
export const rowId = z.coerce.number().int().positive().max(2_147_483_647);
/** A row id, or 0 for "none". */
export const rowIdOrNone = z.coerce.number().int().min(0).max(2_147_483_647);
/** A flow's nonce as it comes back in callback data. */
export const nonceArg = z.string().regex(/^[A-Za-z0-9_-]{6,12}$/);

/** A new flow nonce: 8 url-safe characters. */
export function newNonce(): string {
  return randomBytes(6).toString("base64url");
}
