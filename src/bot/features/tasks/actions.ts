// What a responsible person does with a due date: done (with the evidence the completion
// form asks for — a text or a file), or need more time (a reason and a proposed date that a
// compliance officer approves or refuses; the person is told either way).
import { InlineKeyboard, type Composer } from "grammy";
import { z } from "zod";
import { audit } from "../../../db/repositories/audit.js";
import { toIsoDate } from "../../../domain/calendar/time-zone.js";
import { isLang } from "../../../i18n.js";
import type { AdalContext, BotDeps } from "../../context.js";
import { deliver } from "../../notifications/index.js";
import { Pacer } from "../../notifications/pacer.js";
import { button, type Router } from "../../router.js";
import { formatDay, parseDateInput } from "../../../domain/dates.js";

const id = z.coerce.number().int().positive().max(2_147_483_647);
export const doneButton = button("tk.d", "registered", z.tuple([id]));
export const moreTimeButton = button("tk.x", "registered", z.tuple([id]));
export const approveButton = button("tk.xa", "managePlan", z.tuple([id]));
export const refuseButton = button("tk.xr", "managePlan", z.tuple([id]));

export const MAX_EVIDENCE_TEXT = 2000;
export const MAX_REASON = 1000;

export function taskActionsKeyboard(ctx: AdalContext, occurrenceId: number): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t("tasks.doneButton"), doneButton.encode([occurrenceId])).text(ctx.t("tasks.moreTimeButton"), moreTimeButton.encode([occurrenceId]));
}

export function installTaskActions(composer: Composer<AdalContext>, router: Router, deps: BotDeps, timeZone: string, titleOf: (ctx: AdalContext, taskId: number) => Promise<string>): void {
  const db = deps.db.prisma;
  const pacer = new Pacer();
  const today = () => toIsoDate(deps.now(), timeZone);

  /** The open due date, if this user is responsible for it; answers the button otherwise. */
  async function ownOpen(ctx: AdalContext, occurrenceId: number) {
    const o = await db.taskOccurrence.findUnique({ where: { id: occurrenceId }, include: { task: { include: { assignees: true } } } });
    if (!o || !o.task.assignees.some((a) => a.userId === ctx.user!.id)) {
      await ctx.answerCallbackQuery({ text: ctx.t("common.staleButton"), show_alert: true });
      return null;
    }
    if (o.status !== "open" || o.task.status !== "active") {
      await ctx.answerCallbackQuery({ text: ctx.t("tasks.alreadyClosed"), show_alert: true });
      return null;
    }
    return o;
  }

  /** A message to every compliance officer, each in their language. */
  async function tellCompliance(ctx: AdalContext, text: (lang: "kk" | "ru") => string, keyboard?: (lang: "kk" | "ru") => InlineKeyboard): Promise<void> {
    const officers = await db.user.findMany({ where: { role: "compliance", active: true, telegramId: { not: null } } });
    for (const o of officers) {
      const lang = isLang(o.language) ? o.language : "kk";
      await deliver(ctx.api, pacer, Number(o.telegramId), text(lang), keyboard ? { reply_markup: keyboard(lang) } : {});
    }
  }

  router.button(doneButton, async (ctx, [occurrenceId]) => {
    const o = await ownOpen(ctx, occurrenceId);
    if (!o) return;
    await ctx.answerCallbackQuery();
    ctx.session.taskInput = { kind: "done", occurrenceId };
    await ctx.reply(ctx.t("tasks.askEvidence", { form: o.task.completionForm ?? "—", max: MAX_EVIDENCE_TEXT }));
  });

  router.button(moreTimeButton, async (ctx, [occurrenceId]) => {
    const o = await ownOpen(ctx, occurrenceId);
    if (!o) return;
    await ctx.answerCallbackQuery();
    const pending = await db.extensionRequest.count({ where: { occurrenceId, status: "pending" } });
    if (pending) {
      await ctx.reply(ctx.t("tasks.extensionPending"));
      return;
    }
    ctx.session.taskInput = { kind: "reason", occurrenceId };
    await ctx.reply(ctx.t("tasks.askReason", { max: MAX_REASON }));
  });

  const finishDone = async (ctx: AdalContext, occurrenceId: number, evidence: { text?: string; fileId?: string; fileName?: string }) => {
    const o = await db.taskOccurrence.findUnique({ where: { id: occurrenceId }, include: { task: true } });
    const { count } = await db.taskOccurrence.updateMany({
      where: { id: occurrenceId, status: "open" },
      data: { status: "done", doneOn: today(), doneById: ctx.user!.id, evidence: deps.keyring.encrypt(JSON.stringify(evidence)) },
    });
    delete ctx.session.taskInput;
    if (count !== 1 || !o) {
      await ctx.reply(ctx.t("tasks.alreadyClosed"));
      return;
    }
    await audit(db, { actorUserId: ctx.user!.id, action: "task.done", subject: `occurrence:${occurrenceId}` });
    const title = await titleOf(ctx, o.taskId);
    await ctx.reply(ctx.t("tasks.doneConfirmed", { title, date: formatDay(o.dueOn) }));
    const who = ctx.user!.fullName;
    await tellCompliance(ctx, (lang) => deps.i18n.t(lang)("tasks.doneNotice", { title, date: formatDay(o.dueOn), who }));
  };

  composer.on(["message:text", "message:document", "message:photo"], async (ctx, next) => {
    const input = ctx.session.taskInput;
    if (!input || !ctx.user) return next();
    const text = ctx.message.text;
    if (text?.startsWith("/")) return next();
    if (input.kind === "done") {
      if (ctx.message.document) return finishDone(ctx, input.occurrenceId, { fileId: ctx.message.document.file_id, fileName: ctx.message.document.file_name ?? "file", ...(ctx.message.caption ? { text: ctx.message.caption.slice(0, MAX_EVIDENCE_TEXT) } : {}) });
      if (ctx.message.photo) return finishDone(ctx, input.occurrenceId, { fileId: ctx.message.photo.at(-1)!.file_id, fileName: "photo.jpg", ...(ctx.message.caption ? { text: ctx.message.caption.slice(0, MAX_EVIDENCE_TEXT) } : {}) });
      const value = (text ?? "").trim();
      if (!value || value.length > MAX_EVIDENCE_TEXT) return void (await ctx.reply(ctx.t("tasks.evidenceInvalid", { max: MAX_EVIDENCE_TEXT })));
      return finishDone(ctx, input.occurrenceId, { text: value });
    }
    if (input.kind === "reason") {
      const value = (text ?? "").trim();
      if (!value || value.length > MAX_REASON) return void (await ctx.reply(ctx.t("tasks.reasonInvalid", { max: MAX_REASON })));
      ctx.session.taskInput = { kind: "date", occurrenceId: input.occurrenceId, reason: value };
      await ctx.reply(ctx.t("tasks.askNewDate"));
      return;
    }
    // kind === "date"
    const o = await db.taskOccurrence.findUnique({ where: { id: input.occurrenceId }, include: { task: true } });
    if (!o || o.status !== "open") {
      delete ctx.session.taskInput;
      return void (await ctx.reply(ctx.t("tasks.alreadyClosed")));
    }
    const proposed = parseDateInput(text ?? "");
    if (!proposed || proposed <= o.dueOn || proposed < today()) return void (await ctx.reply(ctx.t("tasks.newDateInvalid", { date: formatDay(o.dueOn) })));
    const request = await db.extensionRequest.create({ data: { occurrenceId: o.id, requestedById: ctx.user.id, reason: input.reason ?? "", proposedDueOn: proposed } });
    delete ctx.session.taskInput;
    await audit(db, { actorUserId: ctx.user.id, action: "task.extension_requested", subject: `extension:${request.id}` });
    await ctx.reply(ctx.t("tasks.extensionSent", { date: formatDay(proposed) }));
    const title = await titleOf(ctx, o.taskId);
    const who = ctx.user.fullName;
    await tellCompliance(
      ctx,
      (lang) => deps.i18n.t(lang)("tasks.extensionNotice", { title, who, from: formatDay(o.dueOn), to: formatDay(proposed), reason: input.reason ?? "" }),
      (lang) => new InlineKeyboard().text(deps.i18n.t(lang)("tasks.approveButton"), approveButton.encode([request.id])).text(deps.i18n.t(lang)("tasks.refuseButton"), refuseButton.encode([request.id])),
    );
  });

  const decide = async (ctx: AdalContext, requestId: number, approve: boolean) => {
    const request = await db.extensionRequest.findUnique({ where: { id: requestId } });
    if (!request || request.status !== "pending") return void (await ctx.answerCallbackQuery({ text: ctx.t("tasks.alreadyDecided"), show_alert: true }));
    const occurrence = await db.taskOccurrence.findUnique({ where: { id: request.occurrenceId } });
    if (!occurrence) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.staleButton"), show_alert: true }));
    const decided = await db.$transaction(async (tx) => {
      const { count } = await tx.extensionRequest.updateMany({ where: { id: requestId, status: "pending" }, data: { status: approve ? "approved" : "refused", decidedById: ctx.user!.id, decidedOn: today() } });
      if (count !== 1) return false;
      if (approve) {
        await tx.taskOccurrence.update({ where: { id: occurrence.id }, data: { dueOn: request.proposedDueOn, originalDueOn: occurrence.originalDueOn ?? occurrence.dueOn } });
        // Reminders planned for the old date are void.
        await tx.taskReminder.updateMany({ where: { occurrenceId: occurrence.id, status: "pending" }, data: { status: "skipped" } });
      }
      return true;
    }).catch((error: { code?: string }) => {
      // The task already has a due date on the proposed day (a recurring item).
      if (error.code === "P2002") return "conflict" as const;
      throw error;
    });
    if (decided === "conflict") return void (await ctx.answerCallbackQuery({ text: ctx.t("tasks.extensionConflict"), show_alert: true }));
    if (!decided) return void (await ctx.answerCallbackQuery({ text: ctx.t("tasks.alreadyDecided"), show_alert: true }));
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await audit(db, { actorUserId: ctx.user!.id, action: approve ? "task.extension_approved" : "task.extension_refused", subject: `extension:${requestId}` });
    await ctx.reply(ctx.t(approve ? "tasks.approvedNote" : "tasks.refusedNote"));
    const requester = await db.user.findUnique({ where: { id: request.requestedById } });
    if (requester?.telegramId) {
      const lang = isLang(requester.language) ? requester.language : "kk";
      const title = await titleOf(ctx, occurrence.taskId);
      await deliver(ctx.api, pacer, Number(requester.telegramId), deps.i18n.t(lang)(approve ? "tasks.extensionApproved" : "tasks.extensionRefused", { title, to: formatDay(request.proposedDueOn), from: formatDay(occurrence.dueOn) }));
    }
  };
  router.button(approveButton, (ctx, [requestId]) => decide(ctx, requestId, true));
  router.button(refuseButton, (ctx, [requestId]) => decide(ctx, requestId, false));
}
