import { describe, expect, it } from "vitest";
import { inviteLink, inviteState, looksLikeInviteToken, newInviteToken } from "../../src/domain/invites.js";

describe("invite tokens", () => {
  it("fit Telegram's start parameter and carry 128 random bits", () => {
    const tokens = new Set(Array.from({ length: 200 }, newInviteToken));
    expect(tokens.size).toBe(200);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      expect(looksLikeInviteToken(t)).toBe(true);
    }
    expect(looksLikeInviteToken("i_short")).toBe(false);
    expect(inviteLink("adal_bot", "i_x")).toBe("https://t.me/adal_bot?start=i_x");
  });

  it("knows when an invite can no longer be used", () => {
    const now = new Date("2026-05-01T00:00:00Z");
    const base = { expiresAt: new Date("2026-05-02T00:00:00Z"), revokedAt: null, maxUses: 1, usedCount: 0 };
    expect(inviteState(base, now)).toBe("active");
    expect(inviteState({ ...base, usedCount: 1 }, now)).toBe("used_up");
    expect(inviteState({ ...base, revokedAt: now }, now)).toBe("revoked");
    expect(inviteState({ ...base, expiresAt: now }, now)).toBe("expired");
    expect(inviteState({ ...base, maxUses: null, usedCount: 50 }, now)).toBe("active");
  });
});
