// Deadlines in the bot. Compliance officers: /plan (overview; import an action plan from
// CSV/XLSX — preview, then everything in one transaction; create an analysis from its
// period — the milestones of seed 002 with their deadlines). Responsible people: /tasks
// (their open due dates, soonest first, overdue marked).
import { randomBytes } from "node:crypto";
import { InlineKeyboard, type Composer } from "grammy";
import { z } from "zod";
import { audit } from "../../../db/repositories/audit.js";
import { toIsoDate } from "../../../domain/calendar/time-zone.js";
import { type IsoDate } from "../../../domain/calendar/days.js";
import { MAX_PLAN_TEXT_LENGTH, parsePlanFile, splitResponsible, type PlanParseResult } from "../../../domain/plan/import.js";
import { parseDeadline } from "../../../domain/plan/deadlines.js";
import { matchResponsible } from "../../../domain/plan/responsible.js";
import { buildAnalysisSchedule, ScheduleError } from "../../../domain/schedule.js";
import { MAX_TABLE_BYTES } from "../../../domain/tables.js";
import { planFileErrorText, planIssueText } from "../../../domain/plan/describe.js";
import { searchUsers } from "../../../db/repositories/users.js";
import { createAnalysis, dueDatesOf, importPlan, openTasksOf, recordAnalysisEvent } from "../../../services/plan.js";
import type { AdalContext, BotDeps } from "../../context.js";
import { downloadTelegramFile, FileTooLargeError } from "../../files.js";
import type { MainMenu } from "../../menu.js";
import { button, hasAccess, type Router } from "../../router.js";
import { splitMessage } from "../../ui/reply.js";
import { rejectedFileReport } from "../../ui/issues.js";
import { openTaskButton } from "../../../jobs/task-reminders.js";
import { installTaskActions, taskActionsKeyboard } from "./actions.js";
import { taskTitle } from "./titles.js";
import { formatDay, parseDateInput } from "../../../domain/dates.js";

const nonce = z.string().regex(/^[A-Za-z0-9_-]{6,12}$/);
export const planImportButton = button("pl.imp", "managePlan", z.tuple([]));
export const planConfirmButton = button("pl.ok", "managePlan", z.tuple([nonce]));
export const planCancelButton = button("pl.no", "managePlan", z.tuple([]));
export const analysisNewButton = button("an.new", "managePlan", z.tuple([]));
export const itemNewButton = button("pl.add", "managePlan", z.tuple([]));
export const assignButton = button("tk.as", "managePlan", z.tuple([z.coerce.number().int().positive().max(2_147_483_647)]));
export const assignPersonButton = button("tk.asp", "managePlan", z.tuple([z.coerce.number().int().positive().max(2_147_483_647), z.coerce.number().int().positive().max(2_147_483_647)]));
export const unassignedButton = button("pl.un", "managePlan", z.tuple([]));
export const itemConfirmButton = button("pl.addok", "managePlan", z.tuple([nonce]));
export const analysisConfirmButton = button("an.ok", "managePlan", z.tuple([nonce]));

const UPLOAD_WAIT_MS = 30 * 60 * 1000;

export { taskTitle };

export function installTasks(composer: Composer<AdalContext>, router: Router, menu: MainMenu, deps: BotDeps, timeZone: string): void {
  const db = deps.db.prisma;
  const today = (): IsoDate => toIsoDate(deps.now(), timeZone);

  // ── /tasks: my due dates ──
  const myTasks = async (ctx: AdalContext) => {
    const tasks = await openTasksOf(db, ctx.user!.id);
    if (tasks.length === 0) {
      await ctx.reply(ctx.t("tasks.none"));
      return;
    }
    const now = today();
    const lines = [ctx.t("tasks.title"), ""];
    for (const task of tasks) {
      const overdue = task.dueOn < now;
      lines.push(`${overdue ? "⚠️" : task.dueOn === now ? "⏰" : "📌"} ${tasks.indexOf(task) < 10 ? `${tasks.indexOf(task) + 1}) ` : ""}${formatDay(task.dueOn)} — ${taskTitle(ctx.t, task)}`);
      if (overdue) lines.push(`   ${ctx.t("tasks.overdue", { days: deps.calendar.workingDaysBetween(task.dueOn, now) })}`);
      if (task.completionForm) lines.push(`   ${ctx.t("tasks.completionForm", { form: task.completionForm })}`);
    }
    // Buttons open an item (details, done, need more time): the first ten, soonest first.
    const kb = new InlineKeyboard();
    tasks.slice(0, 10).forEach((task, i) => {
      kb.text(`${i + 1}. ${formatDay(task.dueOn)}`, openTaskButton.encode([task.occurrenceId]));
      if (i % 2 === 1) kb.row();
    });
    const parts = splitMessage(lines.join("\n"));
    for (const [i, part] of parts.entries()) await ctx.reply(part, i === parts.length - 1 ? { reply_markup: kb } : {});
  };
  router.command({ name: "tasks", access: "registered", descriptionKey: "commands.tasks" }, myTasks);
  menu.add({ id: "tasks", labelKey: "menu.tasks", access: "ownTasks", run: myTasks });

  const titleOf = async (ctx: AdalContext, taskId: number) => {
    const task = await db.task.findUnique({ where: { id: taskId } });
    return task ? taskTitle(ctx.t, task) : "—";
  };
  installTaskActions(composer, router, deps, timeZone, titleOf);

  // ── one due date, from a reminder's button ──
  router.button(openTaskButton, async (ctx, [occurrenceId]) => {
    const o = await db.taskOccurrence.findUnique({ where: { id: occurrenceId }, include: { task: { include: { assignees: true } } } });
    const mine = o?.task.assignees.some((a) => a.userId === ctx.user!.id);
    if (!o || (!mine && !hasAccess(ctx, "managePlan") && !hasAccess(ctx, "viewSummaries"))) {
      await ctx.answerCallbackQuery({ text: ctx.t("common.staleButton"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    const task = o.task;
    const title = taskTitle(ctx.t, task);
    const lines = [`📌 ${title}`, ctx.t("tasks.detail.due", { date: formatDay(o.dueOn) }), ctx.t(`tasks.detail.status.${o.status === "open" && o.dueOn < today() ? "overdue" : o.status}`)];
    if (task.risk) lines.push(ctx.t("tasks.detail.risk", { risk: task.risk }));
    if (task.completionForm) lines.push(ctx.t("tasks.completionForm", { form: task.completionForm }));
    if (task.responsibleText) lines.push(ctx.t("tasks.detail.responsible", { who: task.responsibleText }));
    if (task.deadlineText) lines.push(ctx.t("tasks.detail.deadlineText", { text: task.deadlineText }));
    if (task.expectedResult) lines.push(ctx.t("tasks.detail.result", { result: task.expectedResult }));
    const manager = hasAccess(ctx, "managePlan");
    if (manager) {
      const people = await db.user.findMany({ where: { id: { in: task.assignees.map((a) => a.userId) } }, select: { fullName: true } });
      lines.push(ctx.t("tasks.detail.assignees", { who: people.map((p) => p.fullName).join(", ") || "—" }));
    }
    const keyboard = mine && o.status === "open" ? taskActionsKeyboard(ctx, o.id) : new InlineKeyboard();
    if (manager) keyboard.row().text(ctx.t("tasks.assignButton"), assignButton.encode([task.id]));
    const parts = splitMessage(lines.join("\n"));
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      await ctx.reply(part, last && keyboard.inline_keyboard.flat().length ? { reply_markup: keyboard } : {});
    }
  });

  // ── assigning responsible people by hand (what the plan named but the roster lacked) ──
  router.button(assignButton, async (ctx, [taskId]) => {
    if (!(await db.task.findUnique({ where: { id: taskId } }))) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.staleButton"), show_alert: true }));
    await ctx.answerCallbackQuery();
    ctx.session.assignSearch = { taskId };
    await ctx.reply(ctx.t("invites.askPerson"));
  });

  composer.on("message:text", async (ctx, next) => {
    const search = ctx.session.assignSearch;
    if (!search || ctx.message.text.startsWith("/") || !hasAccess(ctx, "managePlan")) return next();
    const found = await searchUsers(db, ctx.message.text.trim().slice(0, 100), 10);
    if (!found.length) return void (await ctx.reply(ctx.t("invites.personNotFound")));
    delete ctx.session.assignSearch;
    const kb = new InlineKeyboard();
    for (const u of found) kb.text(`${u.fullName}${u.position ? ` — ${u.position}` : ""}`.slice(0, 60), assignPersonButton.encode([search.taskId, u.id])).row();
    await ctx.reply(ctx.t("invites.choosePerson"), { reply_markup: kb });
  });

  router.button(assignPersonButton, async (ctx, [taskId, userId]) => {
    const [task, person] = await Promise.all([db.task.findUnique({ where: { id: taskId } }), db.user.findUnique({ where: { id: userId } })]);
    if (!task || !person || !person.active) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.staleButton"), show_alert: true }));
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await db.taskAssignee.upsert({ where: { taskId_userId: { taskId, userId } }, create: { taskId, userId }, update: {} });
    await audit(db, { actorUserId: ctx.user!.id, action: "task.assigned", subject: `task:${taskId}`, details: { userId } });
    await ctx.reply(ctx.t("tasks.assigned", { who: person.fullName, title: taskTitle(ctx.t, task) }));
  });

  router.button(unassignedButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    const tasks = await db.task.findMany({ where: { status: "active", assignees: { none: {} } }, include: { occurrences: { where: { status: "open" }, orderBy: { dueOn: "asc" }, take: 1 } }, orderBy: { id: "asc" }, take: 20 });
    if (!tasks.length) return void (await ctx.reply(ctx.t("tasks.noUnassigned")));
    const kb = new InlineKeyboard();
    const lines = [ctx.t("tasks.unassignedTitle")];
    tasks.forEach((t, i) => {
      lines.push(`${i + 1}) ${taskTitle(ctx.t, t)}${t.responsibleText ? ` — ${t.responsibleText}` : ""}`);
      kb.text(`👤 ${i + 1}`, assignButton.encode([t.id]));
      if (i % 4 === 3) kb.row();
    });
    for (const part of splitMessage(lines.join("\n"))) await ctx.reply(part, { reply_markup: kb });
  });

  // ── /plan: overview for compliance ──
  const overview = async (ctx: AdalContext) => {
    const now = today();
    const [plan, milestones, open, overdue, next] = await Promise.all([
      db.task.count({ where: { kind: "plan", status: "active" } }),
      db.task.count({ where: { kind: "milestone", status: "active" } }),
      db.taskOccurrence.count({ where: { status: "open", task: { status: "active" } } }),
      db.taskOccurrence.count({ where: { status: "open", dueOn: { lt: now }, task: { status: "active" } } }),
      db.taskOccurrence.findMany({ where: { status: "open", dueOn: { gte: now }, task: { status: "active" } }, include: { task: true }, orderBy: { dueOn: "asc" }, take: 10 }),
    ]);
    const unassigned = await db.task.count({ where: { status: "active", assignees: { none: {} } } });
    const lines = [ctx.t("tasks.overview", { plan, milestones, open, overdue }), ...(unassigned ? [ctx.t("tasks.unassignedCount", { count: unassigned })] : []), ""];
    if (next.length) lines.push(ctx.t("tasks.upcoming"));
    for (const o of next) {
      lines.push(`📌 ${formatDay(o.dueOn)} — ${taskTitle(ctx.t, o.task)}`);
    }
    const parts = splitMessage(lines.join("\n"));
    for (const [i, part] of parts.entries()) {
      await ctx.reply(
        part,
        i === parts.length - 1
          ? {
              reply_markup: new InlineKeyboard()
                .text(ctx.t("tasks.importButton"), planImportButton.encode([]))
                .text(ctx.t("tasks.addButton"), itemNewButton.encode([]))
                .row()
                .text(ctx.t("tasks.analysisButton"), analysisNewButton.encode([]))
                .text(ctx.t("tasks.unassignedButton"), unassignedButton.encode([])),
            }
          : {},
      );
    }
  };
  router.command({ name: "plan", access: "managePlan", descriptionKey: "commands.plan" }, overview);
  menu.add({ id: "plan", labelKey: "menu.plan", access: "managePlan", run: overview });

  // ── import an action plan ──
  const askPlan = async (ctx: AdalContext) => {
    ctx.session.pendingUpload = { kind: "plan", since: deps.now().getTime() };
    delete ctx.session.pendingPlan;
    await ctx.reply(ctx.t("tasks.sendPlan", { maxMb: MAX_TABLE_BYTES / 1024 / 1024 }), {
      reply_markup: new InlineKeyboard().text(ctx.t("common.cancelButton"), planCancelButton.encode([])),
    });
  };
  router.command({ name: "plan_import", access: "managePlan", descriptionKey: "commands.plan_import" }, askPlan);
  router.button(planImportButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await askPlan(ctx);
  });
  router.button(planCancelButton, async (ctx) => {
    delete ctx.session.pendingUpload;
    delete ctx.session.pendingPlan;
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("common.cancelled")).catch(() => undefined);
  });

  async function loadPlan(ctx: AdalContext, fileId: string, fileName: string, mimeType?: string): Promise<PlanParseResult | null> {
    try {
      const content = await downloadTelegramFile(ctx, fileId, MAX_TABLE_BYTES);
      return await parsePlanFile(content, fileName, mimeType);
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
    const text = rejectedFileReport(ctx.t, ctx.t("plan.rejected", { count: result.issues.length }), result.issues.map((i) => planIssueText(ctx.t, i)));
    for (const part of splitMessage(text)) await ctx.reply(part);
  }

  composer.on("message:document", async (ctx, next) => {
    const pending = ctx.session.pendingUpload;
    if (pending?.kind !== "plan") return next();
    delete ctx.session.pendingUpload;
    if (!hasAccess(ctx, "managePlan") || deps.now().getTime() - pending.since > UPLOAD_WAIT_MS) return next();
    const doc = ctx.message.document;
    const fileName = doc.file_name ?? "plan";
    const parsed = await loadPlan(ctx, doc.file_id, fileName, doc.mime_type);
    if (!parsed) return;
    if (!parsed.ok) return explainFailure(ctx, parsed);
    const n = randomBytes(6).toString("base64url");
    ctx.session.pendingPlan = { fileId: doc.file_id, fileName, ...(doc.mime_type ? { mimeType: doc.mime_type } : {}), nonce: n };
    const now = today();
    const dated = parsed.items.filter((i) => dueDatesOf(i.deadline, now).length > 0).length;
    const recurring = parsed.items.filter((i) => i.deadline.kind === "recurring").length;
    await ctx.reply(ctx.t("tasks.planPreview", { items: parsed.items.length, dated, recurring, event: parsed.items.length - dated }), {
      reply_markup: new InlineKeyboard().text(ctx.t("tasks.planConfirm", { count: parsed.items.length }), planConfirmButton.encode([n])).text(ctx.t("common.cancelButton"), planCancelButton.encode([])),
    });
  });

  router.button(planConfirmButton, async (ctx, [n]) => {
    const pending = ctx.session.pendingPlan;
    if (!pending || pending.nonce !== n) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.staleButton"), show_alert: true }));
    delete ctx.session.pendingPlan;
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    // Parsed again from Telegram's copy: the session holds no plan content.
    const parsed = await loadPlan(ctx, pending.fileId, pending.fileName, pending.mimeType);
    if (!parsed) return;
    if (!parsed.ok) return explainFailure(ctx, parsed);
    const summary = await importPlan(db, parsed.items, { createdById: ctx.user!.id, today: today() });
    await audit(db, { actorUserId: ctx.user!.id, action: "plan.imported", subject: `batch:${summary.batch}`, details: { tasks: summary.tasks, occurrences: summary.occurrences } });
    const lines = [ctx.t("tasks.planImported", { tasks: summary.tasks, occurrences: summary.occurrences, assigned: summary.assigned, withoutDate: summary.withoutDate })];
    if (summary.unmatched.length) {
      lines.push("", ctx.t("tasks.unmatched"));
      for (const u of summary.unmatched.slice(0, 30)) lines.push(`• ${u.text} (${u.items})`);
    }
    for (const part of splitMessage(lines.join("\n"))) await ctx.reply(part);
  });

  // ── one plan item typed in the bot: measure → deadline → responsible → confirm ──
  const startItem = async (ctx: AdalContext) => {
    ctx.session.planItemDraft = { nonce: randomBytes(6).toString("base64url"), step: "measure" };
    await ctx.reply(ctx.t("tasks.askMeasure", { max: MAX_PLAN_TEXT_LENGTH }));
  };
  router.button(itemNewButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await startItem(ctx);
  });
  router.command({ name: "plan_add", access: "managePlan", descriptionKey: "commands.plan_add" }, startItem);

  composer.on("message:text", async (ctx, next) => {
    const draft = ctx.session.planItemDraft;
    if (!draft || draft.step === "confirm" || ctx.message.text.startsWith("/") || !hasAccess(ctx, "managePlan")) return next();
    const text = ctx.message.text.trim();
    if (draft.step === "measure") {
      if (!text || text.length > MAX_PLAN_TEXT_LENGTH) return void (await ctx.reply(ctx.t("tasks.askMeasure", { max: MAX_PLAN_TEXT_LENGTH })));
      draft.measure = text;
      draft.step = "deadline";
      await ctx.reply(ctx.t("tasks.askDeadline"));
      return;
    }
    if (draft.step === "deadline") {
      const parsed = parseDeadline(text, { year: Number(today().slice(0, 4)) });
      if (parsed.kind === "unknown") return void (await ctx.reply(ctx.t(`plan.deadlineReason.${parsed.reason}`, { detail: parsed.detail ?? text })));
      draft.deadlineText = text;
      draft.step = "responsible";
      await ctx.reply(ctx.t("tasks.askResponsible"));
      return;
    }
    // step === "responsible"
    const names = splitResponsible(text);
    if (!names.length) return void (await ctx.reply(ctx.t("tasks.askResponsible")));
    const roster = await db.user.findMany({ where: { active: true }, select: { id: true, fullName: true, position: true, role: true } });
    const match = matchResponsible(names, roster);
    draft.responsible = names;
    draft.step = "confirm";
    const people = roster.filter((u) => match.userIds.includes(u.id)).map((u) => u.fullName);
    const deadline = parseDeadline(draft.deadlineText!, { year: Number(today().slice(0, 4)) });
    const dates = deadline.kind === "unknown" ? [] : dueDatesOf(deadline, today());
    await ctx.reply(
      ctx.t("tasks.itemSummary", {
        measure: draft.measure,
        deadline: draft.deadlineText,
        dates: dates.length ? dates.slice(0, 6).map(formatDay).join(", ") + (dates.length > 6 ? " …" : "") : ctx.t("tasks.noDate"),
        people: people.join(", ") || "—",
        unmatched: match.unmatched.join(", ") || "—",
      }),
      { reply_markup: new InlineKeyboard().text(ctx.t("tasks.createAnalysis"), itemConfirmButton.encode([draft.nonce])).text(ctx.t("common.cancelButton"), planCancelButton.encode([])) },
    );
  });

  router.button(itemConfirmButton, async (ctx, [n]) => {
    const draft = ctx.session.planItemDraft;
    if (!draft || draft.nonce !== n || draft.step !== "confirm" || !draft.measure || !draft.deadlineText || !draft.responsible) {
      return void (await ctx.answerCallbackQuery({ text: ctx.t("common.staleButton"), show_alert: true }));
    }
    delete ctx.session.planItemDraft;
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const deadline = parseDeadline(draft.deadlineText, { year: Number(today().slice(0, 4)) });
    if (deadline.kind === "unknown") return;
    const number = String((await db.task.count({ where: { kind: "plan" } })) + 1);
    const summary = await importPlan(db, [{ rowNumber: 0, number, section: null, risk: "", measure: draft.measure, completionForm: null, responsible: draft.responsible, deadline, deadlineText: draft.deadlineText, expectedResult: null }], { createdById: ctx.user!.id, today: today() });
    await audit(db, { actorUserId: ctx.user!.id, action: "plan.item_added", subject: `batch:${summary.batch}` });
    await ctx.reply(ctx.t("tasks.itemAdded", { number, occurrences: summary.occurrences }));
  });

  // ── a new analysis from its period ──
  router.button(analysisNewButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    ctx.session.analysisDraft = { nonce: randomBytes(6).toString("base64url"), awaitingPeriod: true };
    await ctx.reply(ctx.t("tasks.askPeriod"));
  });
  router.command({ name: "analysis", access: "managePlan", descriptionKey: "commands.analysis" }, async (ctx) => {
    ctx.session.analysisDraft = { nonce: randomBytes(6).toString("base64url"), awaitingPeriod: true };
    await ctx.reply(ctx.t("tasks.askPeriod"));
  });

  composer.on("message:text", async (ctx, next) => {
    const draft = ctx.session.analysisDraft;
    if (!draft?.awaitingPeriod || ctx.message.text.startsWith("/") || !hasAccess(ctx, "managePlan")) return next();
    const parts = ctx.message.text.split(/\s*[–—-]\s*(?=\d)|\s+/).filter(Boolean);
    const start = parts[0] ? parseDateInput(parts[0]) : null;
    const end = parts[1] ? parseDateInput(parts[1]) : null;
    if (parts.length !== 2 || !start || !end) {
      await ctx.reply(ctx.t("tasks.periodInvalid"));
      return;
    }
    let milestones;
    try {
      milestones = buildAnalysisSchedule({ start, end }, deps.calendar);
    } catch (error) {
      if (error instanceof ScheduleError) {
        await ctx.reply(ctx.t(`tasks.scheduleError.${error.code}`));
        return;
      }
      throw error;
    }
    draft.awaitingPeriod = false;
    draft.start = start;
    draft.end = end;
    const lines = [ctx.t("tasks.schedulePreview", { start: formatDay(start), end: formatDay(end) }), ""];
    for (const m of milestones) lines.push(`📌 ${formatDay(m.due)} — ${ctx.t(m.titleKey, m.titleParams ?? {})}`);
    const text = lines.join("\n");
    const parts2 = splitMessage(text);
    for (const [i, part] of parts2.entries()) {
      await ctx.reply(part, i === parts2.length - 1 ? { reply_markup: new InlineKeyboard().text(ctx.t("tasks.createAnalysis"), analysisConfirmButton.encode([draft.nonce])).text(ctx.t("common.cancelButton"), planCancelButton.encode([])) } : {});
    }
  });

  // ── actual dates: the report was signed, the plan approved ──
  for (const [name, event] of [["report_signed", "reportSignedOn"], ["plan_approved", "planApprovedOn"]] as const) {
    router.command({ name, access: "managePlan", descriptionKey: `commands.${name}` }, async (ctx) => {
      const date = parseDateInput(typeof ctx.match === "string" ? ctx.match : "");
      if (!date) return void (await ctx.reply(ctx.t("tasks.eventUsage", { command: `/${name}` })));
      let result;
      try {
        result = await recordAnalysisEvent(db, deps.calendar, event, date);
      } catch (error) {
        if (error instanceof ScheduleError) return void (await ctx.reply(ctx.t(`tasks.scheduleError.${error.code}`)));
        throw error;
      }
      if (!result) return void (await ctx.reply(ctx.t("tasks.noAnalysis")));
      await audit(db, { actorUserId: ctx.user!.id, action: `analysis.${name}`, subject: `analysis:${result.analysisId}`, details: { date } });
      const lines = [ctx.t("tasks.eventRecorded", { date: formatDay(date) })];
      for (const m of result.moved) lines.push(`📌 ${ctx.t(m.titleKey, m.titleParams)}: ${formatDay(m.from)} → ${formatDay(m.to)}`);
      for (const part of splitMessage(lines.join("\n"))) await ctx.reply(part);
    });
  }

  router.button(analysisConfirmButton, async (ctx, [n]) => {
    const draft = ctx.session.analysisDraft;
    if (!draft || draft.nonce !== n || !draft.start || !draft.end) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.staleButton"), show_alert: true }));
    delete ctx.session.analysisDraft;
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const { analysisId, milestones } = await createAnalysis(db, deps.calendar, { start: draft.start, end: draft.end }, { createdById: ctx.user!.id, assigneeIds: [ctx.user!.id] });
    await audit(db, { actorUserId: ctx.user!.id, action: "analysis.created", subject: `analysis:${analysisId}`, details: { start: draft.start, end: draft.end } });
    await ctx.reply(ctx.t("tasks.analysisCreated", { milestones }));
  });
}
