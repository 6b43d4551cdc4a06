// Importing an action plan from CSV/XLSX: the file is checked and previewed, then imported on
// confirmation — everything in one transaction, or nothing.
import type { NextFunction } from "grammy";
import { planFileErrorText, planIssueText } from "../../../domain/plan/describe.js";
import { MAX_PLAN_YEAR, MIN_PLAN_YEAR, parsePlanFile, parsePlanYear, type PlanItemDraft, type PlanParseResult } from "../../../domain/plan/import.js";
import { writtenDatesOnDaysOff } from "../../../domain/plan/policies.js";
import { MAX_TABLE_BYTES } from "../../../domain/tables.js";
import { analysisForPlan, dueDatesOf, importPlanBy, plannedOccurrences } from "../../../services/plan.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { downloadTelegramFile, FileTooLargeError } from "../../files.js";
import type { FlowDispatcher, MessageContext } from "../../flow/dispatcher.js";
import type { PlanUploadFlow } from "../../flow/types.js";
import { newNonce } from "../../ui/args.js";
import { bestEffort } from "../../ui/best-effort.js";
import { rejectedFileReport } from "../../ui/issues.js";
import { replyInParts } from "../../ui/reply.js";
import { staleButton } from "../../ui/stale.js";
import { planCancelButton, planConfirmButton, planImportButton } from "./buttons.js";
import { today } from "./today.js";
import { dayOffReason, planCancelKeyboard, planImportedText, planPreviewView, type PreviewRelative } from "./views.js";
import { takeUpload } from "../../flow/upload.js";


/** `/plan_import` (optionally with the year of dates written without one: `/plan_import 2027`), or the button. */
async function askPlan(ctx: AdalContext, flows: FlowDispatcher, args = ""): Promise<void> {
  let year: number | undefined;
  if (args.trim()) {
    const parsed = parsePlanYear(args);
    if (parsed === null) {
      await ctx.reply(ctx.t("tasks.planYearInvalid", { min: MIN_PLAN_YEAR, max: MAX_PLAN_YEAR }));
      return;
    }
    year = parsed;
  }
  await flows.start(ctx, { kind: "planUpload", since: ctx.deps.now().getTime(), ...(year ? { year } : {}) });
  const ask = ctx.t("tasks.sendPlan", { maxMb: MAX_TABLE_BYTES / 1024 / 1024 });
  await ctx.reply(year ? `${ask}\n\n${ctx.t("tasks.planYearSet", { year })}` : ask, { reply_markup: planCancelKeyboard(ctx.t) });
}

async function loadPlan(ctx: AdalContext, file: { fileId: string; fileName: string; mimeType?: string; year?: number }, reportedSize?: number): Promise<PlanParseResult | null> {
  try {
    const content = await downloadTelegramFile(ctx, file.fileId, MAX_TABLE_BYTES, reportedSize);
    return await parsePlanFile(content, file.fileName, file.mimeType, file.year ? { year: file.year } : {});
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      await ctx.reply(planFileErrorText(ctx.t, { code: "too_large" }));
      return null;
    }
    throw error;
  }
}

async function explainFailure(ctx: AdalContext, result: Exclude<PlanParseResult, { ok: true }>): Promise<void> {
  if ("fileError" in result) {
    await ctx.reply(planFileErrorText(ctx.t, result.fileError));
    return;
  }
  await replyInParts(ctx, rejectedFileReport(ctx.t, ctx.t("plan.rejected", { count: result.issues.length }), result.issues.map((i) => planIssueText(ctx.t, i))));
}

/** The file after /plan_import: checked, previewed, waiting for confirmation. */
async function onPlanFile(ctx: MessageContext, flows: FlowDispatcher, flow: PlanUploadFlow, next: NextFunction): Promise<unknown> {
  const doc = takeUpload(ctx, flows, flow, "managePlan");
  if (!doc) return next();
  const fileName = doc.file_name ?? "plan";
  const file = { fileId: doc.file_id, fileName, ...(doc.mime_type ? { mimeType: doc.mime_type } : {}), ...(flow.year ? { year: flow.year } : {}) };
  const parsed = await loadPlan(ctx, file, doc.file_size);
  if (!parsed) return;
  if (!parsed.ok) return explainFailure(ctx, parsed);
  const nonce = newNonce();
  await flows.start(ctx, { kind: "planConfirm", ...file, nonce });
  const now = today(ctx);
  const dated = parsed.items.filter((i) => dueDatesOf(i.deadline, now, parsed.year).length > 0).length;
  const count = (kind: string) => parsed.items.filter((i) => i.deadline.kind === kind).length;
  const relative = await previewRelative(ctx, parsed.items, parsed.year);
  const daysOff = writtenDatesOnDaysOff(parsed.items, ctx.deps.calendar).map((d) => ({ ...d, why: dayOffReason(ctx.deps.calendar, d.date, ctx.lang) }));
  const view = planPreviewView(ctx.t, { items: parsed.items.length, dated, recurring: count("recurring"), event: count("event"), relative, daysOff }, nonce);
  await replyInParts(ctx, view.text, { keyboard: view.keyboard });
}

/** The items counted from the analysis, dated by the latest analysis when there is one (as the import will). */
async function previewRelative(ctx: AdalContext, items: PlanItemDraft[], year: number | null): Promise<PreviewRelative[]> {
  const relative = items.flatMap((i) => (i.deadline.kind === "relative" ? [{ number: i.number, deadline: i.deadline }] : []));
  if (!relative.length) return [];
  const analysis = await analysisForPlan(ctx.deps.db.prisma, { year });
  return relative.map((r) => {
    const [due] = analysis ? plannedOccurrences(r.deadline, { today: today(ctx), analysis, calendar: ctx.deps.calendar }) : [];
    return { ...r, dated: analysis && due ? { start: analysis.startOn, end: analysis.endOn, due: due.dueOn } : null };
  });
}

async function confirmPlan(ctx: AdalContext, flows: FlowDispatcher, nonce: string): Promise<void> {
  const pending = flows.current(ctx, "planConfirm");
  if (!pending || pending.nonce !== nonce) return staleButton(ctx);
  flows.end(ctx, "planConfirm");
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "remove the plan preview buttons", ctx.editMessageReplyMarkup());
  // Parsed again from Telegram's copy: the session holds no plan content.
  const parsed = await loadPlan(ctx, pending);
  if (!parsed) return;
  if (!parsed.ok) return explainFailure(ctx, parsed);
  const summary = await importPlanBy(ctx.deps.db.prisma, parsed.items, { actorUserId: ctx.user!.id, today: today(ctx), year: parsed.year, calendar: ctx.deps.calendar });
  await replyInParts(ctx, planImportedText(ctx.t, summary));
}

/** Cancel under the upload request or the preview. */
async function cancelPlan(ctx: AdalContext, flows: FlowDispatcher): Promise<void> {
  flows.end(ctx, "planUpload");
  flows.end(ctx, "planConfirm");
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "replace the message by «cancelled»", ctx.editMessageText(ctx.t("common.cancelled")));
}

export function installPlanImport(kit: FeatureKit): void {
  kit.flows.register({ kind: "planUpload", label: () => "flows.planUpload", onMessage: (ctx, flow, next) => onPlanFile(ctx, kit.flows, flow, next) });
  kit.flows.register({ kind: "planConfirm", label: () => "flows.planConfirm", onMessage: (_ctx, _flow, next) => next() });
  kit.router.command({ name: "plan_import", access: "managePlan", descriptionKey: "commands.plan_import" }, (ctx) => askPlan(ctx, kit.flows, typeof ctx.match === "string" ? ctx.match : ""));
  kit.router.button(planImportButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await askPlan(ctx, kit.flows);
  });
  kit.router.button(planConfirmButton, (ctx, [nonce]) => confirmPlan(ctx, kit.flows, nonce));
  kit.router.button(planCancelButton, (ctx) => cancelPlan(ctx, kit.flows));
}
