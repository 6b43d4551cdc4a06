// /cases: the inbox of the officer's audience, with filters and pages.
import type { ReportAudience } from "../../../domain/reports/case.js";
import { INBOX_PAGE_SIZE, type InboxFilter } from "../../../domain/reports/inbox.js";
import { handledAudience } from "../../../domain/reports/policies.js";
import { inbox, inboxCounts } from "../../../services/reports.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { backButton, inboxButton } from "./buttons.js";
import { editOrReply, namesOf, officerOf } from "./case-common.js";
import { inboxText } from "./cases-view.js";
import { serviceOf } from "./service.js";
import { inboxKeyboard } from "./views.js";

export async function showInbox(ctx: AdalContext, filter: InboxFilter, page: number, edit: boolean): Promise<void> {
  const me = officerOf(ctx);
  const svc = serviceOf(ctx);
  const audience = handledAudience(me.role) as ReportAudience;
  const counts = await inboxCounts(svc, me);
  const pages = Math.ceil(counts[filter] / INBOX_PAGE_SIZE);
  const current = Math.max(0, Math.min(page, pages - 1));
  const { cases } = await inbox(svc, me, filter, current);
  const names = await namesOf(ctx, cases.map((c) => c.assigneeId));
  const view = { counts, filter, page: current, pages, cases };
  const text = inboxText(ctx.t, { ...view, audienceName: ctx.t(`reportTerms.audience.${audience}`), names });
  await editOrReply(ctx, text, inboxKeyboard(ctx.t, view), edit);
}

export function installInbox(kit: FeatureKit): void {
  const { router, menu, flows } = kit;
  const openInbox = async (ctx: AdalContext) => {
    flows.end(ctx, "caseInput");
    await showInbox(ctx, "open", 0, false);
  };
  router.command({ name: "cases", access: "handleReports", descriptionKey: "commands.cases" }, openInbox);
  menu.add({ id: "cases", labelKey: "menu.cases", access: "handleReports", run: openInbox });
  router.button(inboxButton, async (ctx, [filter, page]) => {
    await ctx.answerCallbackQuery();
    await showInbox(ctx, filter, page, true);
  });
  router.button(backButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showInbox(ctx, "open", 0, false);
  });
}
