// The direct path follows Prisma's connection: after $disconnect, Prisma connects a new
// adapter at the next request, and so does the direct path (it never uses a disposed one).
import { afterEach, beforeEach, expect, it } from "vitest";
import { directSql } from "../../src/db/direct-sql.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => db.destroy());

it("reconnects after $disconnect, as Prisma does", async () => {
  const direct = directSql(db.prisma)!;
  await direct.execute(`INSERT INTO "Setting" ("key", "value") VALUES (?, ?)`, ["a", "1"], ["string", "string"]);
  await db.prisma.$disconnect();
  expect(await direct.query(`SELECT "value" FROM "Setting" WHERE "key" = ?`, ["a"], ["string"])).toEqual([{ value: "1" }]);
  await db.prisma.$disconnect();
  await direct.transaction((tx) => tx.execute(`UPDATE "Setting" SET "value" = ? WHERE "key" = ?`, ["2", "a"], ["string", "string"]));
  expect((await db.prisma.setting.findUnique({ where: { key: "a" } }))?.value).toBe("2");
  // The connection Prisma opened again wipes deleted rows too (secure_delete is per connection).
  if (db.provider === "sqlite") expect((await direct.query<{ secure_delete: unknown }>(`PRAGMA secure_delete`, [], [])).map((r) => Number(r.secure_delete))).toEqual([1]);
});
