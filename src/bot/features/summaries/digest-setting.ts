// The weekly digest off (the button under each digest, or on /dashboard) and on again (on
// /dashboard): the person's own setting, audited by the service.
import { setDigest } from "../../../services/summaries.js";
import type { AdalContext } from "../../context.js";
import { bestEffort } from "../../ui/best-effort.js";

export async function switchDigest(ctx: AdalContext, on: boolean): Promise<void> {
  await setDigest(ctx.deps.db.prisma, ctx.user!.id, on);
  await ctx.answerCallbackQuery();
  // The button pressed no longer applies.
  await bestEffort(ctx.deps.logger, "remove the digest switch", ctx.editMessageReplyMarkup());
  await ctx.reply(ctx.t(on ? "summaries.digestTurnedOn" : "summaries.digestTurnedOff"));
}
