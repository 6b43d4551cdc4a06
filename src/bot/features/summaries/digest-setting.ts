// The weekly digest off (the button under each digest, or on /dashboard) and on again (the
// same button, turned, or on /dashboard): the person's own setting, audited by the service.
import { setDigest } from "../../../services/summaries.js";
import type { AdalContext } from "../../context.js";
import { bestEffort } from "../../ui/best-effort.js";
import { withDigestSwitch } from "./views.js";

export async function switchDigest(ctx: AdalContext, on: boolean): Promise<void> {
  await setDigest(ctx.deps.db.prisma, ctx.user!.id, on);
  await ctx.answerCallbackQuery();
  const rows = ctx.callbackQuery?.message?.reply_markup?.inline_keyboard;
  if (rows) await bestEffort(ctx.deps.logger, "turn the digest switch", ctx.editMessageReplyMarkup({ reply_markup: withDigestSwitch(ctx.t, rows, on) }));
  await ctx.reply(ctx.t(on ? "summaries.digestTurnedOn" : "summaries.digestTurnedOff"));
}
