// The case card, its files (sent on by file id: a copy, never a forward) and its audit trail.
import { toIsoDate } from "../../../domain/calendar/time-zone.js";
import { caseAudit, caseById, officerCase } from "../../../services/reports.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { replyInParts } from "../../ui/reply.js";
import { filesButton, historyButton, openCaseButton } from "./buttons.js";
import { alert, guarded, namesOf, officerOf, withCase } from "./case-common.js";
import { attachmentsOf, caseCardText, historyText } from "./cases-view.js";
import { serviceOf } from "./service.js";
import { afterActionKeyboard, caseCardKeyboard } from "./views.js";

async function showCase(ctx: AdalContext, reportId: number): Promise<void> {
  const got = await guarded(ctx, () => officerCase(serviceOf(ctx), officerOf(ctx), reportId));
  if (!got.ok) return;
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  const c = got.value;
  const s = c.summary;
  const names = await namesOf(ctx, [s.assigneeId, ...c.entries.map((e) => e.authorId), ...c.entries.map((e) => (e.body.kind === "assign" ? e.body.assigneeId : null))]);
  const keyboard = caseCardKeyboard(ctx.t, s, attachmentsOf(c.content, c.entries).length);
  await replyInParts(ctx, caseCardText(ctx.t, c, names), { keyboard, html: true });
}

async function sendFiles(ctx: AdalContext, reportId: number): Promise<void> {
  const got = await guarded(ctx, () => officerCase(serviceOf(ctx), officerOf(ctx), reportId));
  if (!got.ok) return;
  const files = attachmentsOf(got.value.content, got.value.entries);
  if (!files.length) return void (await alert(ctx, ctx.t("cases.noFiles")));
  await ctx.answerCallbackQuery();
  const number = got.value.summary.number;
  for (const [i, file] of files.entries()) {
    const caption = ctx.t("cases.fileCaption", { number, index: i + 1, total: files.length });
    if (file.kind === "photo") await ctx.replyWithPhoto(file.fileId, { caption });
    else if (file.kind === "voice") await ctx.replyWithVoice(file.fileId, { caption });
    else await ctx.replyWithDocument(file.fileId, { caption });
  }
}

/** The officers an audit row names: who acted, and whom a case was assigned to. */
function actorsOf(row: { actorUserId: number | null; action: string; details: string | null }): (number | null)[] {
  const out = [row.actorUserId];
  if (row.action === "report.assigned" && row.details) {
    try {
      const d = JSON.parse(row.details) as { assigneeId?: unknown };
      if (typeof d.assigneeId === "number") out.push(d.assigneeId);
    } catch {
      // Unreadable details: shown without the name.
    }
  }
  return out;
}

async function showHistory(ctx: AdalContext, reportId: number): Promise<void> {
  const svc = serviceOf(ctx);
  const got = await guarded(ctx, () => caseAudit(svc, officerOf(ctx), reportId));
  if (!got.ok) return;
  const s = await caseById(svc, reportId);
  await ctx.answerCallbackQuery();
  const rows = got.value;
  const names = await namesOf(ctx, rows.flatMap(actorsOf));
  const audit = rows.map((r) => ({ actorUserId: r.actorUserId, action: r.action, details: r.details, on: toIsoDate(r.createdAt, svc.timeZone) }));
  await replyInParts(ctx, historyText(ctx.t, s?.number ?? "", audit, names), { keyboard: afterActionKeyboard(ctx.t, s?.number ?? ""), html: true });
}

export function installCaseCard(kit: FeatureKit): void {
  kit.router.button(openCaseButton, (ctx, [number]) =>
    withCase(ctx, number, async (reportId) => {
      kit.flows.end(ctx, "caseInput");
      await showCase(ctx, reportId);
    }),
  );
  kit.router.button(filesButton, (ctx, [number]) => withCase(ctx, number, (reportId) => sendFiles(ctx, reportId)));
  kit.router.button(historyButton, (ctx, [number]) => withCase(ctx, number, (reportId) => showHistory(ctx, reportId)));
}

