// One chat's transaction rolls back while another chat writes: the other write must survive.
// On the embedded default both share one SQLite connection (src/db/sqlite-adapter.ts).
import { afterEach, beforeEach, expect, it } from "vitest";
import { directSql } from "../../src/db/direct-sql.js";
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

it("the direct path (db/direct-sql.ts): its writes outlive another transaction's rollback, and its own transaction rolls back whole", async () => {
  const direct = directSql(db.prisma)!;
  expect(direct).not.toBeNull();
  await db.prisma.setting.create({ data: { key: "other chat", value: "1" } });
  let entered!: () => void;
  const inside = new Promise<void>((resolve) => (entered = resolve));
  let letGo!: () => void;
  const gate = new Promise<void>((resolve) => (letGo = resolve));
  const rolledBack = direct
    .transaction(async (tx) => {
      await tx.execute(`INSERT INTO "Setting" ("key", "value") VALUES (?, ?)`, ["inside", "1"], ["string", "string"]);
      entered();
      await gate;
      throw new Error("already submitted");
    })
    .catch((error: Error) => error.message);
  await inside;
  // As a draft's or a session's write: on SQLite it waits for the open transaction, never joins it.
  const other = direct.executeRelaxed(`UPDATE "Setting" SET "value" = ? WHERE "key" = ?`, ["2", "other chat"], ["string", "string"]);
  const read = direct.query<{ value: string }>(`SELECT "value" FROM "Setting" WHERE "key" = ?`, ["inside"], ["string"]);
  await new Promise((resolve) => setTimeout(resolve, 50));
  letGo();
  expect(await rolledBack).toBe("already submitted");
  expect(await other).toBe(1);
  expect(await read).toEqual([]);
  expect(await db.prisma.setting.findUnique({ where: { key: "inside" } })).toBeNull();
  expect(await db.prisma.setting.findUnique({ where: { key: "other chat" } })).toMatchObject({ value: "2" });
  // A committed transaction of the direct path, and the connection still usable after both.
  await direct.transaction((tx) => tx.execute(`INSERT INTO "Setting" ("key", "value") VALUES (?, ?)`, ["committed", "3"], ["string", "string"]));
  expect(await direct.query(`SELECT "key", "value" FROM "Setting" WHERE "key" = ?`, ["committed"], ["string"])).toEqual([{ key: "committed", value: "3" }]);
});
