// Sessions keep only the one flow slot: a session saved by the version with per-feature slots
// is read back without them, so their old input is not carried along in storage.
import { afterEach, describe, expect, it } from "vitest";
import { botStateStore } from "../../src/db/repositories/bot-state.js";
import type { SessionData } from "../../src/bot/context.js";
import { createUnitHarness, type UnitHarness } from "../support/unit-harness.js";

let h: UnitHarness;
afterEach(async () => h?.destroy());

describe("session", () => {
  it("drops the slots of sessions saved before the flow slot, and keeps the flow", async () => {
    h = await createUnitHarness();
    const store = botStateStore<Record<string, unknown>>(h.db.prisma, h.deps.keyring, "session");
    const user = { id: 880001, first_name: "Әсел", language_code: "kk" };
    const key = h.deps.keyring.hash("chat-key", String(user.id));
    const waiting = { kind: "rosterUpload", since: h.deps.now().getTime() };
    await store.write(key, { pendingInviteSearch: true, campaignDraft: { nonce: "abcdefgh", awaitingDates: true }, flow: waiting });

    // A text is not the file the upload waits for: the flow stays, the old slots go.
    await h.text(user, "hello");
    expect(await store.read(key)).toEqual({ flow: waiting });

    const sessions = botStateStore<SessionData>(h.db.prisma, h.deps.keyring, "session");
    await sessions.write(key, { pendingUpload: { kind: "roster", since: 1 } } as unknown as SessionData);
    await h.text(user, "hello");
    expect(await store.read(key)).toEqual({});
  });
});
