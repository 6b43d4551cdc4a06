// Invite deep links: https://t.me/<bot>?start=<token>. Telegram allows 64 characters of
// [A-Za-z0-9_-] in a start parameter; the token is 128 random bits, stored only as a keyed
// hash so a database reader cannot register as somebody else.
import { randomBytes } from "node:crypto";

export const INVITE_PREFIX = "i_";
export const INVITE_VALIDITY_DAYS = [1, 7, 30, 90] as const;

export function newInviteToken(): string {
  return INVITE_PREFIX + randomBytes(16).toString("base64url");
}

export function looksLikeInviteToken(payload: string): boolean {
  return /^i_[A-Za-z0-9_-]{22}$/.test(payload);
}

export function inviteLink(botUsername: string, token: string): string {
  return `https://t.me/${botUsername}?start=${token}`;
}

export type InviteState = "active" | "expired" | "revoked" | "used_up";

export function inviteState(invite: { expiresAt: Date; revokedAt: Date | null; maxUses: number | null; usedCount: number }, now: Date): InviteState {
  if (invite.revokedAt) return "revoked";
  if (invite.expiresAt.getTime() <= now.getTime()) return "expired";
  if (invite.maxUses !== null && invite.usedCount >= invite.maxUses) return "used_up";
  return "active";
}
