// Sessions keep only the one flow slot, and are written only when their content changed: a
// session saved by the version with per-feature slots is read back without them (they go at
// the next change), and an update that changes nothing writes nothing.
import { afterEach, describe, expect, it } from "vitest";
import { botStateStore } from "../../src/db/repositories/bot-state.js";
import type { SessionData } from "../../src/bot/context.js";
import { createUnitHarness, type UnitHarness } from "../support/unit-harness.js";

let h: UnitHarness;
afterEach(async () => h?.destroy());

const rows = async () => (await h.db.prisma.botState.findMany({ orderBy: { key: "asc" } })).map((r) => ({ key: r.key, value: r.value, updatedAt: r.updatedAt.getTime() }));

describe("session", () => {
  it("reads back only the flow slot; the old slots go at the next change", async () => {
    h = await createUnitHarness();
    const store = botStateStore<Record<string, unknown>>(h.db.prisma, h.deps.keyring, "session");
    const user = { id: 880001, first_name: "Әсел", language_code: "kk" };
    const key = h.deps.keyring.hash("chat-key", String(user.id));
    const waiting = { kind: "rosterUpload", since: h.deps.now().getTime() };
    await store.write(key, { pendingInviteSearch: true, campaignDraft: { nonce: "abcdefgh", awaitingDates: true }, flow: waiting });
    const before = await rows();

    // A text is not the file the upload waits for: the flow stays, and nothing is written.
    await h.text(user, "hello");
    expect(await rows()).toEqual(before);
    // /cancel ends the flow: the session is now empty, and its row goes, old slots and all.
    await h.command(user, "cancel");
    expect(await store.read(key)).toBeUndefined();

    const sessions = botStateStore<SessionData>(h.db.prisma, h.deps.keyring, "session");
    await sessions.write(key, { pendingUpload: { kind: "roster", since: 1 } } as unknown as SessionData);
    await h.text(user, "hello");
    // Read back as {} (no flow): unchanged, so not written.
    expect(await store.read(key)).toEqual({ pendingUpload: { kind: "roster", since: 1 } });
  });

  it("writes only when the content changed; creates no row for an empty session", async () => {
    h = await createUnitHarness();
    const user = { id: 880002, first_name: "Дана", language_code: "ru" };
    await h.command(user, "start");
    await h.text(user, "hello");
    await h.command(user, "menu");
    await h.command(user, "help");
    expect(await rows()).toEqual([]);
  });
});
