// Case handling of anonymous reports (PRODUCT.md §2) for compliance officers, and for
// observers on the cases routed past compliance: /cases (inbox with filters and pages), the
// case card, files (sent on by file id: a copy, never a forward), replies to the reporter,
// internal notes, forward-only statuses with the outcome of a decision, assignment, the one
// reasoned extension, the audit trail, and the statistics of a year (text and XLSX in kk or ru)
// for the analytic report. The service checks that a case belongs to the officer's audience
// and audit-logs every action; nothing here logs report content.
import { randomBytes } from "node:crypto";
import { InlineKeyboard, InputFile, type Composer } from "grammy";
import { z } from "zod";
import { toIsoDate } from "../../../domain/calendar/time-zone.js";
import { type IsoDate } from "../../../domain/calendar/days.js";
import { canMoveTo, checkExtension, checkText, REPORT_LIMITS, REPORT_OUTCOMES, REPORT_STATUSES, type ExtensionProblem, type ReportAudience, type ReportStatus } from "../../../domain/reports/case.js";
import { yearPeriod } from "../../../domain/reports/stats.js";
import { renderCaseStatsXlsx } from "../../../domain/reports/stats-xlsx.js";
import { reportAudienceOf } from "../../../domain/roles.js";
import { addNote, assign, CaseAccessError, caseAudit, caseById, caseStatistics, changeStatus, extend, handlersOf, inbox, inboxCounts, INBOX_FILTERS, INBOX_PAGE_SIZE, officerCase, reply, type CaseSummary, type InboxFilter, type Officer, type ReportServiceDeps } from "../../../services/reports.js";
import type { AdalContext, BotDeps, SessionData } from "../../context.js";
import type { MainMenu } from "../../menu.js";
import { button, hasAccess, type Router } from "../../router.js";
import { escapeHtml } from "../../ui/html.js";
import { splitMessage } from "../../ui/reply.js";
import { attachmentsOf, caseCardText, historyText, inboxText, statsText, type Names } from "./cases-view.js";
import { formatDay, parseDateInput } from "../../../domain/dates.js";

const id = z.coerce.number().int().positive().max(2_147_483_647);
const userIdOrNone = z.coerce.number().int().min(0).max(2_147_483_647);
const page = z.coerce.number().int().min(0).max(100_000);
const nonce = z.string().regex(/^[A-Za-z0-9_-]{6,12}$/);
const filter = z.enum(INBOX_FILTERS as unknown as [InboxFilter, ...InboxFilter[]]);
const status = z.enum(REPORT_STATUSES);
const outcome = z.enum(REPORT_OUTCOMES);
const year = z.coerce.number().int().min(2000).max(2100);
const lang = z.enum(["kk", "ru"]);

/** Inbox filter and page: edits the inbox message in place. */
export const inboxButton = button("rc.l", "handleReports", z.tuple([filter, page]));
/** Back to the inbox from a card or a confirmation: a new message, the card stays readable. */
export const backButton = button("rc.b", "handleReports", z.tuple([]));
export const openCaseButton = button("rc.o", "handleReports", z.tuple([id]));
export const filesButton = button("rc.f", "handleReports", z.tuple([id]));
export const replyButton = button("rc.r", "handleReports", z.tuple([id]));
export const noteButton = button("rc.n", "handleReports", z.tuple([id]));
export const statusMenuButton = button("rc.s", "handleReports", z.tuple([id]));
/** Case, the status it had when the button was drawn, the new status. */
export const statusButton = button("rc.st", "handleReports", z.tuple([id, status, status]));
/** Case, the status it had when the button was drawn, the outcome of the decision. */
export const decideButton = button("rc.dc", "handleReports", z.tuple([id, status, outcome]));
export const assignMenuButton = button("rc.a", "handleReports", z.tuple([id]));
/** Case, officer (0: nobody). */
export const assignToButton = button("rc.as", "handleReports", z.tuple([id, userIdOrNone]));
export const extendButton = button("rc.x", "handleReports", z.tuple([id]));
export const historyButton = button("rc.h", "handleReports", z.tuple([id]));
export const cancelInputButton = button("rc.c", "handleReports", z.tuple([nonce]));
/** Statistics of the current year, from the inbox: a new message. */
export const statsButton = button("rc.y", "handleReports", z.tuple([]));
/** Statistics of another year: edits the statistics message in place. */
export const statsYearButton = button("rc.yr", "handleReports", z.tuple([year]));
/** The statistics of a year as an XLSX file in the chosen language. */
export const statsXlsxButton = button("rc.yx", "handleReports", z.tuple([year, lang]));

/** A typed reply, note or extension waits this long for its text. */
export const CASE_INPUT_WAIT_MS = 60 * 60 * 1000;

/** Forgets a reply, note or extension in progress (for /cancel); true if there was one. */
export function clearCaseInput(ctx: AdalContext): boolean {
  const had = ctx.session.caseInput !== undefined;
  delete ctx.session.caseInput;
  return had;
}

type CaseInput = NonNullable<SessionData["caseInput"]>;

export function installCases(composer: Composer<AdalContext>, router: Router, menu: MainMenu, deps: BotDeps, svc: ReportServiceDeps): void {
  const db = svc.db;
  const officer = (ctx: AdalContext): Officer => ({ id: ctx.user!.id, role: ctx.user!.role });
  const today = (): IsoDate => toIsoDate(svc.now(), svc.timeZone);

  async function namesOf(ids: (number | null | undefined)[]): Promise<Names> {
    const wanted = [...new Set(ids.filter((i): i is number => typeof i === "number"))];
    if (!wanted.length) return new Map();
    const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, fullName: true } });
    return new Map(users.map((u) => [u.id, escapeHtml(u.fullName)]));
  }

  /** Answers a button, or replies to a message, with a short notice. */
  async function notice(ctx: AdalContext, text: string): Promise<void> {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
    else await ctx.reply(text);
  }

  /** The case, if this officer's role handles it; otherwise the button is answered and null returned. No audit (nothing of the content is read). */
  async function ownSummary(ctx: AdalContext, reportId: number): Promise<CaseSummary | null> {
    const summary = await caseById(svc, reportId);
    if (!summary || reportAudienceOf(ctx.user?.role) !== summary.audience) {
      await notice(ctx, ctx.t("cases.unavailable"));
      return null;
    }
    return summary;
  }

  /** Runs a service call; a case of another audience (or gone) is explained, never shown. */
  async function guarded<T>(ctx: AdalContext, run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      if (!(error instanceof CaseAccessError)) throw error;
      await notice(ctx, ctx.t("cases.unavailable"));
      return { ok: false };
    }
  }

  async function sendParts(ctx: AdalContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
    const parts = splitMessage(text);
    for (const [i, part] of parts.entries()) {
      await ctx.reply(part, { parse_mode: "HTML", ...(i === parts.length - 1 && keyboard ? { reply_markup: keyboard } : {}) });
    }
  }

  const afterActionKeyboard = (ctx: AdalContext, reportId: number) =>
    new InlineKeyboard().text(ctx.t("cases.openButton"), openCaseButton.encode([reportId])).text(ctx.t("cases.backButton"), backButton.encode([]));

  // ── Inbox ──

  async function showInbox(ctx: AdalContext, f: InboxFilter, p: number, edit: boolean): Promise<void> {
    const me = officer(ctx);
    const audience = reportAudienceOf(me.role) as ReportAudience;
    const counts = await inboxCounts(svc, me);
    const pages = Math.ceil(counts[f] / INBOX_PAGE_SIZE);
    const current = Math.max(0, Math.min(p, pages - 1));
    const { cases } = await inbox(svc, me, f, current);
    const names = await namesOf(cases.map((c) => c.assigneeId));
    const text = inboxText(ctx.t, { audienceName: ctx.t(`reportTerms.audience.${audience}`), counts, filter: f, page: current, pages, cases, names });

    const kb = new InlineKeyboard();
    INBOX_FILTERS.forEach((x, i) => {
      kb.text(`${x === f ? "• " : ""}${ctx.t(`cases.filter.${x}`)} (${counts[x]})`, inboxButton.encode([x, 0]));
      if (i % 3 === 2) kb.row();
    });
    cases.forEach((c, i) => {
      kb.text(`${c.overdue.ack || c.overdue.decision ? "⚠️ " : ""}№ ${c.number}`, openCaseButton.encode([c.id]));
      if (i % 2 === 1) kb.row();
    });
    kb.row();
    if (current > 0) kb.text(ctx.t("cases.prevPage"), inboxButton.encode([f, current - 1]));
    if (current + 1 < pages) kb.text(ctx.t("cases.nextPage"), inboxButton.encode([f, current + 1]));
    kb.row().text(ctx.t("cases.statsButton"), statsButton.encode([]));

    const parts = splitMessage(text);
    if (edit && ctx.callbackQuery && parts.length === 1) {
      const edited = await ctx.editMessageText(parts[0]!, { parse_mode: "HTML", reply_markup: kb }).then(
        () => true,
        () => false,
      );
      if (edited) return;
    }
    await sendParts(ctx, text, kb);
  }

  const openInbox = async (ctx: AdalContext) => {
    clearCaseInput(ctx);
    await showInbox(ctx, "open", 0, false);
  };
  router.command({ name: "cases", access: "handleReports", descriptionKey: "commands.cases" }, openInbox);
  menu.add({ id: "cases", labelKey: "menu.cases", access: "handleReports", run: openInbox });

  router.button(inboxButton, async (ctx, [f, p]) => {
    await ctx.answerCallbackQuery();
    await showInbox(ctx, f, p, true);
  });
  router.button(backButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await showInbox(ctx, "open", 0, false);
  });

  // ── The case card ──

  async function showCase(ctx: AdalContext, reportId: number): Promise<void> {
    const got = await guarded(ctx, () => officerCase(svc, officer(ctx), reportId));
    if (!got.ok) return;
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    const c = got.value;
    const s = c.summary;
    const names = await namesOf([s.assigneeId, ...c.entries.map((e) => e.authorId), ...c.entries.map((e) => (e.body.kind === "assign" ? e.body.assigneeId : null))]);
    const files = attachmentsOf(c.content, c.entries).length;
    const kb = new InlineKeyboard();
    if (files) kb.text(ctx.t("cases.filesButton", { count: files }), filesButton.encode([s.id]));
    kb.text(ctx.t("cases.replyButton"), replyButton.encode([s.id])).row();
    kb.text(ctx.t("cases.noteButton"), noteButton.encode([s.id]));
    if (s.status !== "decided") kb.text(ctx.t("cases.statusButton"), statusMenuButton.encode([s.id]));
    kb.row().text(ctx.t("cases.assignButton"), assignMenuButton.encode([s.id]));
    if (s.status !== "decided" && !s.extendedOn) kb.text(ctx.t("cases.extendButton"), extendButton.encode([s.id]));
    kb.row().text(ctx.t("cases.historyButton"), historyButton.encode([s.id])).text(ctx.t("cases.backButton"), backButton.encode([]));
    await sendParts(ctx, caseCardText(ctx.t, c, names), kb);
  }

  router.button(openCaseButton, async (ctx, [reportId]) => {
    clearCaseInput(ctx);
    await showCase(ctx, reportId);
  });

  // ── Files: copies by file id ──

  router.button(filesButton, async (ctx, [reportId]) => {
    const got = await guarded(ctx, () => officerCase(svc, officer(ctx), reportId));
    if (!got.ok) return;
    const files = attachmentsOf(got.value.content, got.value.entries);
    if (!files.length) return void (await ctx.answerCallbackQuery({ text: ctx.t("cases.noFiles"), show_alert: true }));
    await ctx.answerCallbackQuery();
    const number = got.value.summary.number;
    for (const [i, file] of files.entries()) {
      const caption = ctx.t("cases.fileCaption", { number, index: i + 1, total: files.length });
      if (file.kind === "photo") await ctx.replyWithPhoto(file.fileId, { caption });
      else if (file.kind === "voice") await ctx.replyWithVoice(file.fileId, { caption });
      else await ctx.replyWithDocument(file.fileId, { caption });
    }
  });

  // ── Typed input: reply, note, extension ──

  async function ask(ctx: AdalContext, input: Omit<CaseInput, "nonce" | "since">, text: string): Promise<void> {
    const n = randomBytes(6).toString("base64url");
    ctx.session.caseInput = { ...input, nonce: n, since: svc.now().getTime() };
    await ctx.reply(text, { parse_mode: "HTML", reply_markup: new InlineKeyboard().text(ctx.t("common.cancelButton"), cancelInputButton.encode([n])) });
  }

  router.button(replyButton, async (ctx, [reportId]) => {
    const s = await ownSummary(ctx, reportId);
    if (!s) return;
    await ctx.answerCallbackQuery();
    await ask(ctx, { kind: "reply", reportId }, ctx.t("cases.askReply", { number: escapeHtml(s.number), max: REPORT_LIMITS.maxTextChars }));
  });

  router.button(noteButton, async (ctx, [reportId]) => {
    const s = await ownSummary(ctx, reportId);
    if (!s) return;
    await ctx.answerCallbackQuery();
    await ask(ctx, { kind: "note", reportId }, ctx.t("cases.askNote", { number: escapeHtml(s.number), max: REPORT_LIMITS.maxTextChars }));
  });

  const latestExtension = (s: CaseSummary) => svc.calendar.addWorkingDays(s.decisionDueOn, svc.policy.maxExtensionDays);
  const extensionProblemText = (ctx: AdalContext, problem: ExtensionProblem, s: CaseSummary) =>
    ctx.t(`cases.extendProblem.${problem}`, { due: formatDay(s.decisionDueOn), latest: formatDay(latestExtension(s)), days: svc.policy.maxExtensionDays });

  router.button(extendButton, async (ctx, [reportId]) => {
    const s = await ownSummary(ctx, reportId);
    if (!s) return;
    if (s.status === "decided") return void (await ctx.answerCallbackQuery({ text: extensionProblemText(ctx, "decided", s), show_alert: true }));
    if (s.extendedOn) return void (await ctx.answerCallbackQuery({ text: extensionProblemText(ctx, "alreadyExtended", s), show_alert: true }));
    await ctx.answerCallbackQuery();
    await ask(
      ctx,
      { kind: "extendDate", reportId },
      ctx.t("cases.askExtendDate", { number: escapeHtml(s.number), due: formatDay(s.decisionDueOn), latest: formatDay(latestExtension(s)), days: svc.policy.maxExtensionDays }),
    );
  });

  router.button(cancelInputButton, async (ctx, [n]) => {
    if (ctx.session.caseInput?.nonce !== n) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.staleButton"), show_alert: true }));
    delete ctx.session.caseInput;
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(ctx.t("common.cancelled"));
  });

  composer.on("message:text", async (ctx, next) => {
    const input = ctx.session.caseInput;
    if (!input || ctx.message.text.startsWith("/")) return next();
    if (!hasAccess(ctx, "handleReports")) {
      delete ctx.session.caseInput;
      return next();
    }
    if (svc.now().getTime() - input.since > CASE_INPUT_WAIT_MS) {
      delete ctx.session.caseInput;
      return void (await ctx.reply(ctx.t("cases.inputExpired")));
    }
    const raw = ctx.message.text;

    if (input.kind === "extendDate") {
      const s = await caseById(svc, input.reportId);
      if (!s || reportAudienceOf(ctx.user!.role) !== s.audience) {
        delete ctx.session.caseInput;
        return void (await ctx.reply(ctx.t("cases.unavailable")));
      }
      const date = parseDateInput(raw);
      if (!date) return void (await ctx.reply(ctx.t("cases.dateInvalid", { latest: formatDay(latestExtension(s)) })));
      const problem = checkExtension(svc.calendar, s, date, svc.policy);
      if (problem) {
        if (problem === "decided" || problem === "alreadyExtended") delete ctx.session.caseInput;
        return void (await ctx.reply(extensionProblemText(ctx, problem, s)));
      }
      if (date < today()) return void (await ctx.reply(ctx.t("cases.datePassed", { latest: formatDay(latestExtension(s)) })));
      ctx.session.caseInput = { ...input, kind: "extendReason", date };
      return void (await ctx.reply(ctx.t("cases.askExtendReason", { date: formatDay(date), max: REPORT_LIMITS.maxTextChars }), { parse_mode: "HTML" }));
    }

    const checked = checkText(raw, REPORT_LIMITS.maxTextChars);
    if (!checked.ok) return void (await ctx.reply(ctx.t(checked.problem === "empty" ? "cases.textEmpty" : "cases.textTooLong", { max: checked.max })));
    const me = officer(ctx);
    const reportId = input.reportId;

    if (input.kind === "reply" || input.kind === "note") {
      const kind = input.kind;
      const done = await guarded(ctx, () => (kind === "reply" ? reply(svc, me, reportId, checked.text) : addNote(svc, me, reportId, checked.text)));
      delete ctx.session.caseInput;
      if (!done.ok) return;
      const s = await caseById(svc, reportId);
      await ctx.reply(ctx.t(kind === "reply" ? "cases.replied" : "cases.noted", { number: escapeHtml(s?.number ?? "") }), { parse_mode: "HTML", reply_markup: afterActionKeyboard(ctx, reportId) });
      return;
    }

    // extendReason
    const date = input.date;
    if (!date) {
      delete ctx.session.caseInput;
      return void (await ctx.reply(ctx.t("common.staleButton")));
    }
    const done = await guarded(ctx, () => extend(svc, me, reportId, date, checked.text));
    if (!done.ok) {
      delete ctx.session.caseInput;
      return;
    }
    const s = await caseById(svc, reportId);
    if (done.value) {
      // The case changed meanwhile (decided, extended by someone else, or the date no longer fits).
      if (done.value === "decided" || done.value === "alreadyExtended" || !s) delete ctx.session.caseInput;
      else ctx.session.caseInput = { ...input, kind: "extendDate" };
      return void (await ctx.reply(s ? extensionProblemText(ctx, done.value, s) : ctx.t("cases.unavailable")));
    }
    delete ctx.session.caseInput;
    await ctx.reply(ctx.t("cases.extended", { number: escapeHtml(s?.number ?? ""), date: formatDay(date) }), { parse_mode: "HTML", reply_markup: afterActionKeyboard(ctx, reportId) });
  });

  // ── Status: forward only; a decision needs its outcome ──

  router.button(statusMenuButton, async (ctx, [reportId]) => {
    const s = await ownSummary(ctx, reportId);
    if (!s) return;
    const next = REPORT_STATUSES.filter((x) => canMoveTo(s.status, x));
    if (!next.length) return void (await ctx.answerCallbackQuery({ text: ctx.t("cases.statusFinal"), show_alert: true }));
    await ctx.answerCallbackQuery();
    const kb = new InlineKeyboard();
    for (const to of next) kb.text(to === "decided" ? ctx.t("cases.decideButton") : `➡️ ${ctx.t(`reportTerms.status.${to}`)}`, statusButton.encode([s.id, s.status, to])).row();
    await ctx.reply(ctx.t("cases.chooseStatus", { number: escapeHtml(s.number), status: ctx.t(`reportTerms.status.${s.status}`) }), { parse_mode: "HTML", reply_markup: kb });
  });

  /** The case still has the status the button was drawn for. */
  async function unchanged(ctx: AdalContext, reportId: number, from: ReportStatus): Promise<CaseSummary | null> {
    const s = await ownSummary(ctx, reportId);
    if (!s) return null;
    if (s.status !== from) {
      await ctx.answerCallbackQuery({ text: ctx.t("cases.statusChanged", { status: ctx.t(`reportTerms.status.${s.status}`) }), show_alert: true });
      return null;
    }
    return s;
  }

  router.button(statusButton, async (ctx, [reportId, from, to]) => {
    const s = await unchanged(ctx, reportId, from);
    if (!s) return;
    if (!canMoveTo(from, to)) return void (await ctx.answerCallbackQuery({ text: ctx.t("cases.statusBackwards"), show_alert: true }));
    if (to === "decided") {
      await ctx.answerCallbackQuery();
      const kb = new InlineKeyboard();
      for (const o of REPORT_OUTCOMES) kb.text(ctx.t(`reportTerms.outcome.${o}`), decideButton.encode([s.id, from, o])).row();
      await ctx.reply(ctx.t("cases.chooseOutcome", { number: escapeHtml(s.number) }), { parse_mode: "HTML", reply_markup: kb });
      return;
    }
    await moveStatus(ctx, s, to);
  });

  router.button(decideButton, async (ctx, [reportId, from, o]) => {
    const s = await unchanged(ctx, reportId, from);
    if (!s) return;
    await moveStatus(ctx, s, "decided", o);
  });

  async function moveStatus(ctx: AdalContext, s: CaseSummary, to: ReportStatus, o?: (typeof REPORT_OUTCOMES)[number]): Promise<void> {
    const done = await guarded(ctx, () => changeStatus(svc, officer(ctx), s.id, to, o));
    if (!done.ok) return;
    if (done.value === "backwards") return void (await ctx.answerCallbackQuery({ text: ctx.t("cases.statusBackwards"), show_alert: true }));
    if (done.value === "outcomeRequired") return void (await ctx.answerCallbackQuery({ text: ctx.t("cases.outcomeRequired"), show_alert: true }));
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const label = ctx.t(`reportTerms.status.${to}`) + (o ? ` — ${ctx.t(`reportTerms.outcome.${o}`)}` : "");
    await ctx.reply(ctx.t("cases.statusSet", { number: escapeHtml(s.number), status: label }), { parse_mode: "HTML", reply_markup: afterActionKeyboard(ctx, s.id) });
  }

  // ── Assignment ──

  router.button(assignMenuButton, async (ctx, [reportId]) => {
    const s = await ownSummary(ctx, reportId);
    if (!s) return;
    await ctx.answerCallbackQuery();
    const people = await handlersOf(svc, s.audience);
    const kb = new InlineKeyboard();
    for (const u of people) kb.text(`${u.id === s.assigneeId ? "✓ " : ""}${u.fullName}`.slice(0, 60), assignToButton.encode([s.id, u.id])).row();
    if (s.assigneeId !== null) kb.text(ctx.t("cases.unassignButton"), assignToButton.encode([s.id, 0])).row();
    await ctx.reply(ctx.t("cases.chooseAssignee", { number: escapeHtml(s.number) }), { parse_mode: "HTML", reply_markup: kb });
  });

  router.button(assignToButton, async (ctx, [reportId, userId]) => {
    const s = await ownSummary(ctx, reportId);
    if (!s) return;
    const assigneeId = userId === 0 ? null : userId;
    if (assigneeId === s.assigneeId) return void (await ctx.answerCallbackQuery({ text: ctx.t("cases.assignUnchanged"), show_alert: true }));
    const done = await guarded(ctx, () => assign(svc, officer(ctx), reportId, assigneeId));
    if (!done.ok) return;
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const names = await namesOf([assigneeId]);
    const text = assigneeId === null ? ctx.t("cases.unassigned", { number: escapeHtml(s.number) }) : ctx.t("cases.assigned", { number: escapeHtml(s.number), who: names.get(assigneeId) ?? "—" });
    await ctx.reply(text, { parse_mode: "HTML", reply_markup: afterActionKeyboard(ctx, reportId) });
  });

  // ── Statistics for the analytic report ──

  const currentYear = () => Number(today().slice(0, 4));

  /** A year that has not begun has no statistics (a forged or stale button); answered and false. */
  async function yearStarted(ctx: AdalContext, y: number): Promise<boolean> {
    if (y <= currentYear()) return true;
    await ctx.answerCallbackQuery({ text: ctx.t("cases.stats.future", { year: y }), show_alert: true });
    return false;
  }

  async function showStats(ctx: AdalContext, y: number, edit: boolean): Promise<void> {
    const got = await guarded(ctx, () => caseStatistics(svc, officer(ctx), yearPeriod(y)));
    if (!got.ok) return;
    await ctx.answerCallbackQuery();
    const stats = got.value;
    const text = statsText(ctx.t, y, stats, ctx.t(`reportTerms.audience.${stats.audience}`));
    const kb = new InlineKeyboard();
    if (y > 2000) kb.text(ctx.t("cases.stats.prevYear", { year: y - 1 }), statsYearButton.encode([y - 1]));
    if (y < currentYear()) kb.text(ctx.t("cases.stats.nextYear", { year: y + 1 }), statsYearButton.encode([y + 1]));
    kb.row().text(ctx.t("cases.stats.xlsxKk"), statsXlsxButton.encode([y, "kk"])).text(ctx.t("cases.stats.xlsxRu"), statsXlsxButton.encode([y, "ru"]));
    kb.row().text(ctx.t("cases.backButton"), backButton.encode([]));
    const parts = splitMessage(text);
    if (edit && parts.length === 1) {
      const edited = await ctx.editMessageText(parts[0]!, { parse_mode: "HTML", reply_markup: kb }).then(
        () => true,
        () => false,
      );
      if (edited) return;
    }
    await sendParts(ctx, text, kb);
  }

  router.button(statsButton, async (ctx) => {
    clearCaseInput(ctx);
    await showStats(ctx, currentYear(), false);
  });

  router.button(statsYearButton, async (ctx, [y]) => {
    if (await yearStarted(ctx, y)) await showStats(ctx, y, true);
  });

  router.button(statsXlsxButton, async (ctx, [y, fileLang]) => {
    if (!(await yearStarted(ctx, y))) return;
    const got = await guarded(ctx, () => caseStatistics(svc, officer(ctx), yearPeriod(y)));
    if (!got.ok) return;
    await ctx.answerCallbackQuery();
    await ctx.replyWithChatAction("upload_document");
    const t = deps.i18n.t(fileLang);
    const stats = got.value;
    await ctx.replyWithDocument(new InputFile(await renderCaseStatsXlsx(stats, fileLang, t), `reports-${y}-${fileLang}.xlsx`), {
      caption: ctx.t("cases.stats.fileCaption", { year: y, audience: ctx.t(`reportTerms.audience.${stats.audience}`) }),
    });
  });

  // ── Audit trail ──

  router.button(historyButton, async (ctx, [reportId]) => {
    const got = await guarded(ctx, () => caseAudit(svc, officer(ctx), reportId));
    if (!got.ok) return;
    const s = await caseById(svc, reportId);
    await ctx.answerCallbackQuery();
    const rows = got.value;
    const ids = rows.flatMap((r) => {
      const out = [r.actorUserId];
      if (r.action === "report.assigned" && r.details) {
        try {
          const d = JSON.parse(r.details) as { assigneeId?: unknown };
          if (typeof d.assigneeId === "number") out.push(d.assigneeId);
        } catch {
          // Unreadable details: shown without the name.
        }
      }
      return out;
    });
    const names = await namesOf(ids);
    const text = historyText(
      ctx.t,
      s?.number ?? "",
      rows.map((r) => ({ actorUserId: r.actorUserId, action: r.action, details: r.details, on: toIsoDate(r.createdAt, svc.timeZone) })),
      names,
    );
    await sendParts(ctx, text, new InlineKeyboard().text(ctx.t("cases.openButton"), openCaseButton.encode([reportId])).text(ctx.t("cases.backButton"), backButton.encode([])));
  });

}
