// One chat's transaction rolls back while another chat writes: the other write must survive.
// On the embedded default both share one SQLite connection (src/db/sqlite-adapter.ts).
import { afterEach, beforeEach, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => db.destroy());

it("a write made while another transaction is open outlives that transaction's rollback", async () => {
  await db.prisma.setting.create({ data: { key: "other chat", value: "1" } });
  let entered!: () => void;
  const inside = new Promise<void>((resolve) => (entered = resolve));
  let letGo!: () => void;
  const gate = new Promise<void>((resolve) => (letGo = resolve));
  const rolledBack = db.prisma
    .$transaction(async (tx) => {
      await tx.setting.create({ data: { key: "inside", value: "1" } });
      entered();
      await gate;
      throw new Error("already submitted");
    })
    .catch((error: Error) => error.message);
  await inside;
  // A single-statement write (as a draft's or a session's update is): no transaction of its
  // own. (Prisma's promises are lazy: `then` starts it now.)
  const other = db.prisma.$executeRawUnsafe(`UPDATE "Setting" SET "value" = '2' WHERE "key" = 'other chat'`).then((n) => n);
  await new Promise((resolve) => setTimeout(resolve, 50)); // the other write is under way
  letGo();
  expect(await rolledBack).toBe("already submitted");
  await other;
  expect(await db.prisma.setting.findUnique({ where: { key: "inside" } })).toBeNull();
  expect(await db.prisma.setting.findUnique({ where: { key: "other chat" } })).toMatchObject({ value: "2" });
});

it("reads and writes outside transactions still run while none is open, and a failing query does not hold the lock", async () => {
  await expect(db.prisma.$executeRawUnsafe("SELECT * FROM no_such_table")).rejects.toThrow();
  await db.prisma.setting.create({ data: { key: "a", value: "1" } });
  await db.prisma.$transaction(async (tx) => tx.setting.update({ where: { key: "a" }, data: { value: "2" } }));
  expect((await db.prisma.setting.findUnique({ where: { key: "a" } }))!.value).toBe("2");
});
