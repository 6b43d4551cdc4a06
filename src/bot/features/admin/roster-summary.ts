// Roster for compliance officers: summary (/roster) and import from CSV/XLSX (/import →
// send the file → preview with every bad row → confirm). Nothing is stored until the
// officer confirms, and then all rows are stored in one transaction or none.
import { rosterStats } from "../../../db/repositories/users.js";
import type { AdalContext } from "../../context.js";
import { replyInParts } from "../../ui/reply.js";
import { rosterImportKeyboard, rosterSummaryText } from "./views.js";

/** /roster: people and registrations per department, with the import button. */
export async function showRosterSummary(ctx: AdalContext): Promise<void> {
  const stats = await rosterStats(ctx.deps.db.prisma);
  await replyInParts(ctx, rosterSummaryText(ctx.t, stats), { keyboard: rosterImportKeyboard(ctx.t) });
}
