import { isLang } from "../../../domain/lang.js";
import { findUserById, reachableUsers } from "../../../db/repositories/users.js";
import { importRosterBy } from "../../../services/roster.js";
import { syncUserCommandsLogged } from "../../commands.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { bestEffort } from "../../ui/best-effort.js";
import { contactKeyboard } from "../../ui/contact.js";
import { replyInParts } from "../../ui/reply.js";
import { staleButton } from "../../ui/stale.js";
import { loadRoster } from "./roster-upload.js";
import { describeParseFailure, observersChangedText } from "./views.js";

/** The confirm button: the file is parsed again and stored in one transaction. */
export async function confirmRosterImport(ctx: AdalContext, nonce: string, kit: FeatureKit): Promise<void> {
  const { deps } = ctx;
  const pending = kit.flows.current(ctx, "rosterConfirm");
  if (!pending || pending.nonce !== nonce) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  kit.flows.end(ctx, "rosterConfirm");
  await bestEffort(deps.logger, "remove roster confirm buttons", () => ctx.editMessageReplyMarkup());
  // Parsed again from Telegram's copy of the file: the session holds no personal data.
  const parsed = await loadRoster(ctx, pending.fileId, pending.fileName, pending.mimeType);
  if (!parsed) return;
  if (!parsed.ok) return replyInParts(ctx, describeParseFailure(ctx.t, parsed));
  const observersBefore = await reachableUsers(deps.db.prisma, ["observer"]);
  const { summary, roleChangedUserIds, observers } = await importRosterBy(deps.db.prisma, parsed.rows, ctx.user!.id);
  for (const id of roleChangedUserIds) {
    const changed = await findUserById(deps.db.prisma, id);
    if (changed) await syncUserCommandsLogged(ctx.api, kit.router, changed, deps);
  }
  if (observers.added.length || observers.removed.length) await tellObservers(ctx, observersBefore, observers);
  deps.logger.info({ event: "roster_imported", ...summary }, "roster imported");
  await ctx.reply(ctx.t("roster.imported", { ...summary }));
  // An officer whom no row holds yet (after /setup) is asked for the proof that links her to hers.
  const importer = await findUserById(deps.db.prisma, ctx.user!.id);
  if (importer && importer.phone === null) await ctx.reply(ctx.t("onboarding.linkContactPrompt"), { reply_markup: contactKeyboard(ctx.t) });
}

/**
 * Observers handle the reports that involve compliance staff, so a compliance officer must
 * not be able to change who they are unnoticed: the observers before and after the import
 * are told who was added or removed, and by whom (the service audited the change).
 */
async function tellObservers(ctx: AdalContext, before: { telegramId: bigint | null; language: string | null }[], change: { added: string[]; removed: string[] }): Promise<void> {
  const { deps } = ctx;
  const after = await reachableUsers(deps.db.prisma, ["observer"]);
  const recipients = new Map([...before, ...after].map((u) => [Number(u.telegramId), u]));
  for (const [chatId, u] of recipients) {
    const t = deps.i18n.t(isLang(u.language) ? u.language : ctx.config.defaultLanguage);
    await ctx.api.sendMessage(chatId, observersChangedText(t, ctx.user!.fullName, change)).catch((e: Error) => deps.logger.warn({ event: "observer_notice_failed", message: e.message }, "observer notice failed"));
  }
}
