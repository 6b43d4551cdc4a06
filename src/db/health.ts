import type { Db } from "./client.js";

/** The health check's probe: one round trip to the database (throws when it is unreachable). */
export async function pingDatabase(db: Db): Promise<void> {
  await db.$queryRawUnsafe("SELECT 1");
}
