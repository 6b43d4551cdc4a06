// What the execution reports read: the action plan's due dates first due within a period, with
// their items, and the names of the people responsible and of who marked them done.
import type { Db } from "../client.js";

/** Due dates of active plan items first due in [from, to] (before any extension moved them), in plan order. */
export async function planOccurrencesFirstDueBetween(db: Db, from: string, to: string) {
  const rows = await db.taskOccurrence.findMany({
    where: {
      task: { kind: "plan", status: "active" },
      OR: [{ originalDueOn: { gte: from, lte: to } }, { originalDueOn: null, dueOn: { gte: from, lte: to } }],
    },
    include: { task: { include: { assignees: true } } },
    orderBy: [{ taskId: "asc" }, { dueOn: "asc" }],
  });
  const ids = [...new Set(rows.flatMap((r) => [...r.task.assignees.map((a) => a.userId), ...(r.doneById !== null ? [r.doneById] : [])]))];
  const people = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true } }) : [];
  return { rows, names: new Map(people.map((p) => [p.id, p.fullName])) };
}
