import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { botStateStore, deleteBotStateOlderThan } from "../../../src/db/repositories/bot-state.js";
import { createKeyring } from "../../../src/domain/crypto.js";
import { TEST_KEY } from "../../support/harness.js";
import { createTestDatabase, type TestDatabase } from "../../support/db.js";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.destroy());

describe("bot state", () => {
  it("stores values encrypted under their namespace, and deletes them", async () => {
    const store = botStateStore<{ flow: string }>(db.prisma, createKeyring([TEST_KEY]), "session");
    await store.write("k1", { flow: "Ким Анна Петровна" });
    expect(await store.read("k1")).toEqual({ flow: "Ким Анна Петровна" });
    const row = await db.prisma.botState.findUniqueOrThrow({ where: { key: "session:k1" } });
    expect(row.value).not.toContain("Ким");
    await store.delete("k1");
    expect(await store.read("k1")).toBeUndefined();
  });

  it("deletes only the states not written since the cutoff", async () => {
    await db.prisma.botState.create({ data: { key: "session:old", value: "x", updatedAt: new Date("2026-01-01T00:00:00Z") } });
    await db.prisma.botState.create({ data: { key: "conv:old", value: "x", updatedAt: new Date("2026-01-02T00:00:00Z") } });
    await db.prisma.botState.create({ data: { key: "session:new", value: "x", updatedAt: new Date("2026-02-01T00:00:00Z") } });
    expect(await deleteBotStateOlderThan(db.prisma, new Date("2026-01-15T00:00:00Z"))).toBe(2);
    expect((await db.prisma.botState.findMany()).map((r) => r.key)).toEqual(["session:new"]);
  });
});
