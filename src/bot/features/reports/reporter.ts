// The reporter's side of anonymous reports (PRODUCT.md §2), open to anyone who writes to
// the bot, registered or not. /report: the threat-model notice, then category, "involves the
// compliance service or top management?", unit, what happened, when and where, who, files,
// review, submit → a case number and a receipt code shown once, checked by its last five
// characters, then opt-in pings and deleting the report's messages from the chat. /case:
// opens a case with its receipt (from any account; wrong codes are rate-limited) to read
// status, deadlines and replies and to add information or files.
//
// Nothing identifying is stored or logged: the state of a flow is an encrypted value under
// the keyed hash of the chat id (reporter-state.ts), abuse counters are keyed by a daily
// rotating hash, content is copied by file id (never forwarded), and log lines carry no
// Telegram id, chat id, name, nor the report's id.
import { InlineKeyboard, type Composer } from "grammy";
import type { Message } from "grammy/types";
import { countToday, incrementToday } from "../../../db/repositories/daily-counters.js";
import { toIsoDate } from "../../../domain/calendar/time-zone.js";
import { MAX_WRONG_RECEIPTS_PER_DAY } from "../../../domain/reports/attempts.js";
import { checkAttachment, checkText, REPORT_LIMITS, type AttachmentProblem, type TextProblem } from "../../../domain/reports/case.js";
import { normalizeReceipt } from "../../../domain/reports/receipts.js";
import { addFromReporter, caseById, caseContent, caseEntries, fileReport, findByReceipt, isSubscribed, REPORTER_VISIBLE, subscribe, unsubscribe, type CaseSummary, type ReportServiceDeps } from "../../../services/reports.js";
import type { AdalContext, BotDeps } from "../../context.js";
import type { MainMenu } from "../../menu.js";
import type { Router } from "../../router.js";
import { staleButton } from "../../ui/stale.js";
import { addFilesKeyboard, afterSubmitKeyboard, cancelKeyboard, caseKeyboard, categoryKeyboard, filesKeyboard, managementKeyboard, noticeKeyboard, reviewKeyboard, rpAddFile, rpAddFilesDone, rpAddText, rpCancel, rpCategory, rpContinue, rpDelete, rpEnd, rpFilesDone, rpManagement, rpNotify, rpRestart, rpResume, rpSkip, rpSubmit, rpWritten, skipKeyboard, unfinishedKeyboard, writtenKeyboard } from "./report-keyboards.js";
import { awaitsInput, clearReporterState, DRAFT_STEPS, dropState, loadState, newNonce, purgeExpiredReporterStates, saveState, track, type CaseState, type DraftState, type DraftStep, type FiledState, type ReporterState, type TextStep } from "./reporter-state.js";
import { casePieces, draftContent, incomingFile, kindName, MB, packMessages, reviewPieces } from "./reporter-views.js";
import { formatDay } from "../../../domain/dates.js";

export { clearReporterState, purgeExpiredReporterStates };

const L = REPORT_LIMITS;
/** Telegram's deleteMessages takes at most 100 ids per call. */
const DELETE_CHUNK = 100;

const TEXT_STEPS: readonly DraftStep[] = ["unit", "what", "whenWhere", "who"];
const maxFor = (step: TextStep) => (step === "unit" || step === "who" ? L.maxShortChars : L.maxTextChars);

/** The canonical characters of what someone typed as (part of) a receipt. */
const canonicalPart = (s: string) =>
  s
    .toUpperCase()
    .replace(/[\s\-_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");

export function installReporter(composer: Composer<AdalContext>, router: Router, menu: MainMenu, deps: BotDeps, svc: ReportServiceDeps): void {
  const db = deps.db.prisma;
  const now = () => deps.now().getTime();
  const dayOf = (ctx: AdalContext) => toIsoDate(deps.now(), ctx.config.timeZone);

  /** A reply in HTML; its id joins the flow's messages (for "delete these messages"). */
  async function say(ctx: AdalContext, state: ReporterState | null, text: string, keyboard?: InlineKeyboard): Promise<void> {
    const sent = await ctx.reply(text, { parse_mode: "HTML", ...(keyboard ? { reply_markup: keyboard } : {}) });
    if (state) track(state, sent.message_id);
  }

  async function sayParts(ctx: AdalContext, state: ReporterState, parts: string[], keyboard?: InlineKeyboard): Promise<void> {
    for (const [i, part] of parts.entries()) await say(ctx, state, part, i === parts.length - 1 ? keyboard : undefined);
  }

  const removeKeyboard = (ctx: AdalContext) => ctx.editMessageReplyMarkup().catch(() => undefined);

  /**
   * Another feature waiting for typed input would take the reporter's texts first (features
   * run in order): starting a report or opening a case ends those waits. Survey drafts stay
   * saved and are resumed from /surveys.
   */
  function releaseOtherInputs(ctx: AdalContext): void {
    const s = ctx.session;
    if (!s) return;
    delete s.activeSurvey;
    delete s.pendingInviteSearch;
    delete s.pendingUpload;
    // The deadline inputs now live in the one flow slot; an analysis ends only while it waits for its period.
    const flow = s.flow;
    if (flow && (["taskInput", "assignSearch", "planItem", "planUpload"].includes(flow.kind) || (flow.kind === "analysis" && flow.awaitingPeriod))) delete s.flow;
    if (s.campaignDraft?.awaitingDates) delete s.campaignDraft.awaitingDates;
  }

  const textProblem = (ctx: AdalContext, problem: TextProblem, max: number, length: number) =>
    problem === "empty" ? ctx.t("reports.problem.empty") : ctx.t("reports.problem.tooLong", { max, length });
  const fileProblem = (ctx: AdalContext, problem: AttachmentProblem) =>
    problem === "tooMany" ? ctx.t("reports.fileProblem.tooMany", { max: L.maxAttachments }) : problem === "tooLarge" ? ctx.t("reports.fileProblem.tooLarge", { mb: MB }) : ctx.t("reports.fileProblem.unsupported", { mb: MB });

  // ── writing a report ──

  /** Shows the current step of a draft. */
  async function prompt(ctx: AdalContext, d: DraftState, prefix?: string): Promise<void> {
    const p = (text: string) => (prefix ? `${prefix}\n\n${text}` : text);
    switch (d.step) {
      case "notice":
        return say(ctx, d, p(ctx.t("reports.notice", { days: svc.policy.decisionDays })), noticeKeyboard(ctx, d.nonce));
      case "category":
        return say(ctx, d, p(ctx.t("reports.ask.category")), categoryKeyboard(ctx, d.nonce));
      case "management":
        return say(ctx, d, p(ctx.t("reports.ask.management")), managementKeyboard(ctx, d.nonce));
      case "unit":
        return say(ctx, d, p(ctx.t("reports.ask.unit", { max: L.maxShortChars })), skipKeyboard(ctx, d.nonce, "unit"));
      case "what":
        return say(ctx, d, p(ctx.t("reports.ask.what", { max: L.maxTextChars })), cancelKeyboard(ctx, d.nonce));
      case "whenWhere":
        return say(ctx, d, p(ctx.t("reports.ask.whenWhere", { max: L.maxTextChars })), cancelKeyboard(ctx, d.nonce));
      case "who":
        return say(ctx, d, p(ctx.t("reports.ask.who", { max: L.maxShortChars })), skipKeyboard(ctx, d.nonce, "who"));
      case "files":
        return say(ctx, d, p(ctx.t("reports.ask.files", { max: L.maxAttachments, mb: MB })), filesKeyboard(ctx, d.nonce, d.attachments.length));
      case "review": {
        const parts = packMessages([...(prefix ? [{ html: prefix }, { html: "" }] : []), ...reviewPieces(ctx, d)]);
        return sayParts(ctx, d, parts, reviewKeyboard(ctx, d.nonce));
      }
    }
  }

  const nextStep = (step: DraftStep): DraftStep => DRAFT_STEPS[Math.min(DRAFT_STEPS.indexOf(step) + 1, DRAFT_STEPS.length - 1)]!;

  const reportsToday = (ctx: AdalContext) => countToday(db, dayOf(ctx), "report", ctx.from!.id);

  const startReport = async (ctx: AdalContext) => {
    if (!ctx.chatKey || !ctx.from) return;
    releaseOtherInputs(ctx);
    const { state } = await loadState(ctx);
    if (state?.mode === "draft" && state.step !== "notice") {
      track(state, ctx.message?.message_id);
      state.at = now();
      await say(ctx, state, ctx.t("reports.unfinished"), unfinishedKeyboard(ctx, state.nonce));
      await saveState(ctx, state);
      return;
    }
    if ((await reportsToday(ctx)) >= L.maxReportsPerDay) {
      await ctx.reply(ctx.t("reports.tooManyReports", { max: L.maxReportsPerDay }), { parse_mode: "HTML" });
      return;
    }
    const d: DraftState = { mode: "draft", nonce: newNonce(), at: now(), step: "notice", attachments: [], messageIds: [] };
    track(d, ctx.message?.message_id);
    await prompt(ctx, d);
    await saveState(ctx, d);
  };
  router.command({ name: "report", access: "anyone", descriptionKey: "commands.report" }, startReport);
  menu.add({ id: "report", labelKey: "menu.report", access: "anyone", run: startReport });

  /** The chat's flow if this button belongs to it; otherwise the button is answered as stale. */
  async function flowFor(ctx: AdalContext, n: string): Promise<ReporterState | null> {
    const { state } = await loadState(ctx);
    if (!state || state.nonce !== n) {
      await staleButton(ctx);
      return null;
    }
    return state;
  }

  /** The draft this button belongs to, at one of these steps. */
  async function draftAt(ctx: AdalContext, n: string, ...steps: DraftStep[]): Promise<DraftState | null> {
    const state = await flowFor(ctx, n);
    if (!state) return null;
    if (state.mode !== "draft" || (steps.length && !steps.includes(state.step))) {
      await staleButton(ctx);
      return null;
    }
    await ctx.answerCallbackQuery();
    await removeKeyboard(ctx);
    state.at = now();
    return state;
  }

  async function goTo(ctx: AdalContext, d: DraftState, step: DraftStep, prefix?: string): Promise<void> {
    d.step = step;
    await prompt(ctx, d, prefix);
    await saveState(ctx, d);
  }

  router.button(rpContinue, async (ctx, [n]) => {
    const d = await draftAt(ctx, n, "notice");
    if (d) await goTo(ctx, d, "category");
  });

  router.button(rpResume, async (ctx, [n]) => {
    const d = await draftAt(ctx, n);
    if (d) await goTo(ctx, d, d.step);
  });

  router.button(rpRestart, async (ctx, [n]) => {
    const d = await draftAt(ctx, n);
    if (!d) return;
    // A new nonce: buttons of the first attempt go stale.
    const fresh: DraftState = { mode: "draft", nonce: newNonce(), at: now(), step: "category", attachments: [], messageIds: d.messageIds };
    await goTo(ctx, fresh, "category");
  });

  router.button(rpCancel, async (ctx, [n]) => {
    const d = await draftAt(ctx, n);
    if (!d) return;
    await dropState(ctx);
    await ctx.reply(ctx.t("reports.cancelled"), { parse_mode: "HTML" });
  });

  router.button(rpCategory, async (ctx, [n, category]) => {
    const d = await draftAt(ctx, n, "category");
    if (!d) return;
    d.category = category;
    await goTo(ctx, d, "management", ctx.t("reports.chosenCategory", { category: ctx.t(`reportTerms.category.${category}`) }));
  });

  router.button(rpManagement, async (ctx, [n, answer]) => {
    const d = await draftAt(ctx, n, "management");
    if (!d) return;
    d.involvesManagement = answer === "y";
    await goTo(ctx, d, "unit", d.involvesManagement ? ctx.t("reports.routedToObserver") : ctx.t("reports.routedToCompliance"));
  });

  router.button(rpSkip, async (ctx, [n, step]) => {
    const d = await draftAt(ctx, n, step);
    if (!d) return;
    delete d[step];
    await goTo(ctx, d, nextStep(step));
  });

  router.button(rpFilesDone, async (ctx, [n]) => {
    const d = await draftAt(ctx, n, "files");
    if (d) await goTo(ctx, d, "review");
  });

  router.button(rpSubmit, async (ctx, [n]) => {
    const state = await flowFor(ctx, n);
    if (!state) return;
    if (state.mode !== "draft" || state.step !== "review" || !state.category || state.involvesManagement === undefined || !state.what || !state.whenWhere) return staleButton(ctx);
    const d = state;
    if ((await reportsToday(ctx)) >= L.maxReportsPerDay) {
      await ctx.answerCallbackQuery();
      d.at = now();
      await say(ctx, d, ctx.t("reports.tooManyReportsDraftKept", { max: L.maxReportsPerDay }));
      await saveState(ctx, d);
      return;
    }
    await ctx.answerCallbackQuery();
    await removeKeyboard(ctx);
    const filed = await fileReport(svc, { category: d.category!, involvesManagement: d.involvesManagement!, content: draftContent(d) });
    // Deliberately no log line: its timestamp would give the time of day of a report that
    // officers see only by date.
    const f: FiledState = {
      mode: "filed",
      nonce: newNonce(),
      since: now(),
      reportId: filed.id,
      number: filed.number,
      receipt: filed.receipt,
      awaitingCheck: false,
      confirmed: false,
      subscribed: false,
      messageIds: d.messageIds,
    };
    // The draft gives way to the filed state at once: should anything below fail, pressing
    // Submit again finds no draft to file twice.
    await saveState(ctx, f);
    await incrementToday(db, dayOf(ctx), "report", ctx.from!.id);
    await say(
      ctx,
      f,
      ctx.t("reports.filed", {
        number: filed.number,
        audience: ctx.t(`reportTerms.audience.${filed.audience}`),
        receipt: filed.receipt,
        ackDue: formatDay(filed.ackDueOn),
        decisionDue: formatDay(filed.decisionDueOn),
      }),
      writtenKeyboard(ctx, f.nonce),
    );
    // The draft is gone with it: the state now holds only the receipt until it is checked.
    await saveState(ctx, f);
  });

  // ── after submitting: the receipt check and the options ──

  router.button(rpWritten, async (ctx, [n]) => {
    const f = await flowFor(ctx, n);
    if (!f) return;
    if (f.mode !== "filed" || f.confirmed) return staleButton(ctx);
    await ctx.answerCallbackQuery();
    await removeKeyboard(ctx);
    f.awaitingCheck = true;
    await say(ctx, f, ctx.t("reports.askLast5"));
    await saveState(ctx, f);
  });

  async function onCheck(ctx: AdalContext, f: FiledState, msg: Message): Promise<void> {
    track(f, msg.message_id);
    const canonical = f.receipt ? normalizeReceipt(f.receipt) : null;
    if (msg.text === undefined || !canonical) {
      await say(ctx, f, ctx.t("reports.last5TextExpected"));
    } else if (canonicalPart(msg.text) === canonical.slice(-5)) {
      f.confirmed = true;
      f.awaitingCheck = false;
      delete f.receipt;
      await say(ctx, f, `${ctx.t("reports.last5Right")}\n\n${ctx.t("reports.afterOptions")}`, afterSubmitKeyboard(ctx, f.nonce, { subscribed: f.subscribed, canDelete: true }));
    } else {
      await say(ctx, f, ctx.t("reports.last5Wrong"));
    }
    await saveState(ctx, f);
  }

  router.button(rpNotify, async (ctx, [n, mode]) => {
    const state = await flowFor(ctx, n);
    if (!state) return;
    const reportId = state.mode === "filed" && state.confirmed ? state.reportId : state.mode === "case" ? state.reportId : null;
    if (reportId === null || !ctx.chat) return staleButton(ctx);
    if (state.mode === "case") state.at = now();
    if (mode === "on") await subscribe(svc, reportId, { chatId: ctx.chat.id, lang: ctx.lang });
    else await unsubscribe(svc, reportId);
    const on = mode === "on";
    await ctx.answerCallbackQuery({ text: on ? ctx.t("reports.notifyOnShort") : ctx.t("reports.notifyOffShort") });
    if (state.mode === "filed") {
      state.subscribed = on;
      await ctx.editMessageReplyMarkup({ reply_markup: afterSubmitKeyboard(ctx, state.nonce, { subscribed: on, canDelete: !state.cleaned }) }).catch(() => undefined);
    } else await ctx.editMessageReplyMarkup({ reply_markup: caseKeyboard(ctx, state.nonce, on) }).catch(() => undefined);
    await say(ctx, state, on ? ctx.t("reports.notifyOn") : ctx.t("reports.notifyOff"));
    await saveState(ctx, state);
  });

  /** Deletes the flow's messages; some may be too old or already gone, which is fine. */
  async function deleteFlowMessages(ctx: AdalContext, state: ReporterState): Promise<void> {
    const ids = [...new Set([...state.messageIds, ...(ctx.callbackQuery?.message ? [ctx.callbackQuery.message.message_id] : [])])].sort((a, b) => a - b);
    for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
      await ctx.api.deleteMessages(ctx.chat!.id, ids.slice(i, i + DELETE_CHUNK)).catch(() => undefined);
    }
    state.messageIds = [];
  }

  router.button(rpDelete, async (ctx, [n]) => {
    const state = await flowFor(ctx, n);
    if (!state) return;
    if (!(state.mode === "filed" && state.confirmed) && !(state.mode === "case" && state.reportId !== null)) return staleButton(ctx);
    await ctx.answerCallbackQuery();
    await deleteFlowMessages(ctx, state);
    if (state.mode === "filed") {
      state.cleaned = true;
      await say(ctx, state, ctx.t("reports.deletedFiled"), afterSubmitKeyboard(ctx, state.nonce, { subscribed: state.subscribed, canDelete: false }));
      await saveState(ctx, state);
    } else {
      await dropState(ctx);
      await ctx.reply(ctx.t("reports.case.deleted"), { parse_mode: "HTML" });
    }
  });

  router.button(rpEnd, async (ctx, [n]) => {
    const state = await flowFor(ctx, n);
    if (!state) return;
    if (state.mode === "draft" || (state.mode === "filed" && !state.confirmed)) return staleButton(ctx);
    await ctx.answerCallbackQuery();
    await removeKeyboard(ctx);
    await dropState(ctx);
    await ctx.reply(state.mode === "filed" ? ctx.t("reports.finished") : ctx.t("reports.case.closed"), { parse_mode: "HTML" });
  });

  // ── following a case with its receipt ──

  const wrongToday = (ctx: AdalContext) => countToday(db, dayOf(ctx), "wrong-receipt", ctx.from!.id);

  const startCase = async (ctx: AdalContext, arg: string) => {
    if (!ctx.chatKey || !ctx.from) return;
    const { state } = await loadState(ctx);
    if (state?.mode === "draft" && state.step !== "notice") {
      await ctx.reply(ctx.t("reports.follow.draftInProgress"), { parse_mode: "HTML" });
      return;
    }
    releaseOtherInputs(ctx);
    const prev = state?.mode === "case" ? state : undefined;
    if (arg.trim() && ctx.message) return openByCode(ctx, arg, ctx.message.message_id, prev);
    if ((await wrongToday(ctx)) >= MAX_WRONG_RECEIPTS_PER_DAY) {
      await ctx.reply(ctx.t("reports.follow.tooManyAttempts"), { parse_mode: "HTML" });
      return;
    }
    const c: CaseState = { mode: "case", nonce: newNonce(), at: now(), reportId: null, awaiting: "code", files: 0, messageIds: prev?.messageIds ?? [] };
    track(c, ctx.message?.message_id);
    await say(ctx, c, ctx.t("reports.follow.askCode"));
    await saveState(ctx, c);
  };
  router.command({ name: "case", access: "anyone", descriptionKey: "commands.case" }, (ctx) => startCase(ctx, typeof ctx.match === "string" ? ctx.match : ""));
  // Menu ids are lower-case letters only (menu.ts).
  menu.add({ id: "followup", labelKey: "menu.followUp", access: "anyone", run: (ctx) => startCase(ctx, "") });

  /** A typed receipt: the message goes at once; wrong codes count against today's attempts. */
  async function openByCode(ctx: AdalContext, typed: string, messageId: number, prev?: CaseState): Promise<void> {
    const deleted = await ctx.api.deleteMessage(ctx.chat!.id, messageId).then(
      () => true,
      () => false,
    );
    const note = deleted ? ctx.t("reports.follow.codeDeleted") : ctx.t("reports.follow.codeNotDeleted");
    const base: CaseState = prev ?? { mode: "case", nonce: newNonce(), at: now(), reportId: null, awaiting: "code", files: 0, messageIds: [] };
    base.at = now();
    if ((await wrongToday(ctx)) >= MAX_WRONG_RECEIPTS_PER_DAY) {
      await ctx.reply(`${note}\n${ctx.t("reports.follow.tooManyAttempts")}`, { parse_mode: "HTML" });
      if (base.reportId === null) await dropState(ctx);
      else await saveState(ctx, base);
      return;
    }
    if (!normalizeReceipt(typed)) {
      await say(ctx, base, `${note}\n${ctx.t("reports.follow.notACode")}`);
      await saveState(ctx, base);
      return;
    }
    const found = await findByReceipt(svc, typed);
    if (!found) {
      const wrong = await incrementToday(db, dayOf(ctx), "wrong-receipt", ctx.from!.id);
      const left = Math.max(0, MAX_WRONG_RECEIPTS_PER_DAY - wrong);
      await say(ctx, base, `${note}\n${left ? ctx.t("reports.follow.wrongCode", { left }) : ctx.t("reports.follow.tooManyAttempts")}`);
      if (!left && base.reportId === null) await dropState(ctx);
      else await saveState(ctx, base);
      return;
    }
    const c: CaseState = { mode: "case", nonce: newNonce(), at: now(), reportId: found.id, awaiting: null, files: 0, messageIds: base.messageIds };
    await showCase(ctx, c, found, note);
  }

  async function showCase(ctx: AdalContext, c: CaseState, summary?: CaseSummary, prefix?: string): Promise<void> {
    const s = summary ?? (c.reportId !== null ? await caseById(svc, c.reportId) : null);
    if (!s) return caseGone(ctx);
    const [content, entries, subscribed] = await Promise.all([caseContent(svc, s.id), caseEntries(svc, s.id, REPORTER_VISIBLE), isSubscribed(svc, s.id)]);
    const parts = packMessages([...(prefix ? [{ html: prefix }, { html: "" }] : []), ...casePieces(ctx, s, content, entries, subscribed)]);
    await sayParts(ctx, c, parts, caseKeyboard(ctx, c.nonce, subscribed));
    await saveState(ctx, c);
  }

  async function caseGone(ctx: AdalContext): Promise<void> {
    await dropState(ctx);
    await ctx.reply(ctx.t("reports.case.gone"), { parse_mode: "HTML" });
  }

  /** The open case this button belongs to. */
  async function openCase(ctx: AdalContext, n: string): Promise<(CaseState & { reportId: number }) | null> {
    const state = await flowFor(ctx, n);
    if (!state) return null;
    if (state.mode !== "case" || state.reportId === null) {
      await staleButton(ctx);
      return null;
    }
    state.at = now();
    return state as CaseState & { reportId: number };
  }

  router.button(rpAddText, async (ctx, [n]) => {
    const c = await openCase(ctx, n);
    if (!c) return;
    await ctx.answerCallbackQuery();
    c.awaiting = "text";
    await say(ctx, c, ctx.t("reports.case.askAddition", { max: L.maxTextChars }));
    await saveState(ctx, c);
  });

  router.button(rpAddFile, async (ctx, [n]) => {
    const c = await openCase(ctx, n);
    if (!c) return;
    await ctx.answerCallbackQuery();
    c.awaiting = "file";
    // Not reset per round: at most maxAttachments files while the case is open in this chat.
    await say(ctx, c, ctx.t("reports.case.askFiles", { max: L.maxAttachments, mb: MB }), addFilesKeyboard(ctx, c.nonce));
    await saveState(ctx, c);
  });

  router.button(rpAddFilesDone, async (ctx, [n]) => {
    const c = await openCase(ctx, n);
    if (!c) return;
    if (c.awaiting !== "file") return staleButton(ctx);
    await ctx.answerCallbackQuery();
    await removeKeyboard(ctx);
    c.awaiting = null;
    await say(ctx, c, ctx.t("reports.case.filesAdded", { count: c.files }), caseKeyboard(ctx, c.nonce, await isSubscribed(svc, c.reportId)));
    await saveState(ctx, c);
  });

  const additionsToday = (ctx: AdalContext) => countToday(db, dayOf(ctx), "addition", ctx.from!.id);
  /** When today's additions are used up: says so, stops waiting, and returns true. */
  const additionsUsedUp = async (ctx: AdalContext, c: CaseState & { reportId: number }): Promise<boolean> => {
    if ((await additionsToday(ctx)) < L.maxAdditionsPerDay) return false;
    c.awaiting = null;
    await say(ctx, c, ctx.t("reports.case.tooManyAdditions", { max: L.maxAdditionsPerDay }), caseKeyboard(ctx, c.nonce, await isSubscribed(svc, c.reportId)));
    await saveState(ctx, c);
    return true;
  };
  const recordAddition = async (ctx: AdalContext, reportId: number, addition: Parameters<typeof addFromReporter>[2]) => {
    await addFromReporter(svc, reportId, addition);
    await incrementToday(db, dayOf(ctx), "addition", ctx.from!.id);
  };

  async function onAddition(ctx: AdalContext, c: CaseState & { reportId: number }, msg: Message): Promise<void> {
    track(c, msg.message_id);
    const file = incomingFile(msg);
    const summary = await caseById(svc, c.reportId);
    if (!summary) return caseGone(ctx);
    if (c.awaiting === "text") {
      if (file) {
        await say(ctx, c, ctx.t("reports.case.textExpected"));
        return saveState(ctx, c);
      }
      const checked = checkText(msg.text ?? "", L.maxTextChars);
      if (!checked.ok) {
        await say(ctx, c, textProblem(ctx, checked.problem, checked.max, [...(msg.text ?? "").trim()].length));
        return saveState(ctx, c);
      }
      if (await additionsUsedUp(ctx, c)) return;
      await recordAddition(ctx, c.reportId, { text: checked.text });
      c.awaiting = null;
      await say(ctx, c, ctx.t("reports.case.additionSaved", { number: summary.number }), caseKeyboard(ctx, c.nonce, await isSubscribed(svc, c.reportId)));
      return saveState(ctx, c);
    }
    // awaiting a file
    if (!file) {
      await say(ctx, c, ctx.t("reports.case.fileExpected"), addFilesKeyboard(ctx, c.nonce));
      return saveState(ctx, c);
    }
    const problem = checkAttachment(c.files, { kind: file.kind, ...(file.size !== undefined ? { size: file.size } : {}) });
    if (problem || !file.attachment) {
      await say(ctx, c, fileProblem(ctx, problem ?? "unsupported"), addFilesKeyboard(ctx, c.nonce));
      return saveState(ctx, c);
    }
    if (await additionsUsedUp(ctx, c)) return;
    await recordAddition(ctx, c.reportId, { attachment: file.attachment });
    c.files++;
    const caption = msg.caption ? `\n${ctx.t("reports.captionIgnored")}` : "";
    await say(ctx, c, `${ctx.t("reports.case.fileSaved", { kind: kindName(ctx, file.attachment.kind), count: c.files, max: L.maxAttachments })}${caption}`, addFilesKeyboard(ctx, c.nonce));
    await saveState(ctx, c);
  }

  // ── what the reporter types or sends ──

  async function onDraftMessage(ctx: AdalContext, d: DraftState, msg: Message): Promise<void> {
    track(d, msg.message_id);
    d.at = now();
    const file = incomingFile(msg);
    if (TEXT_STEPS.includes(d.step)) {
      const step = d.step as TextStep;
      if (file) {
        await say(ctx, d, ctx.t("reports.textExpected"));
        return saveState(ctx, d);
      }
      const checked = checkText(msg.text ?? "", maxFor(step));
      if (!checked.ok) {
        await say(ctx, d, textProblem(ctx, checked.problem, checked.max, [...(msg.text ?? "").trim()].length));
        return saveState(ctx, d);
      }
      d[step] = checked.text;
      return goTo(ctx, d, nextStep(step));
    }
    if (d.step === "files") {
      if (!file) {
        await say(ctx, d, ctx.t("reports.filesExpected"), filesKeyboard(ctx, d.nonce, d.attachments.length));
        return saveState(ctx, d);
      }
      const problem = checkAttachment(d.attachments.length, { kind: file.kind, ...(file.size !== undefined ? { size: file.size } : {}) });
      if (problem || !file.attachment) {
        await say(ctx, d, fileProblem(ctx, problem ?? "unsupported"), filesKeyboard(ctx, d.nonce, d.attachments.length));
        return saveState(ctx, d);
      }
      d.attachments.push(file.attachment);
      const caption = msg.caption ? `\n${ctx.t("reports.captionIgnored")}` : "";
      await say(ctx, d, `${ctx.t("reports.fileAdded", { kind: kindName(ctx, file.attachment.kind), count: d.attachments.length, max: L.maxAttachments })}${caption}`, filesKeyboard(ctx, d.nonce, d.attachments.length));
      return saveState(ctx, d);
    }
    // The notice, the category, the management question and the review are answered with buttons.
    await prompt(ctx, d, ctx.t("reports.useButtons"));
    await saveState(ctx, d);
  }

  composer.on("message", async (ctx, next) => {
    const msg = ctx.message;
    if (!ctx.chatKey || ctx.chat.type !== "private" || msg.text?.startsWith("/")) return next();
    const { state, expired } = await loadState(ctx);
    if (!state) {
      // A receipt typed without /case (or after the wait for it expired): open it all the same.
      if (msg.text !== undefined && normalizeReceipt(msg.text)) return openByCode(ctx, msg.text, msg.message_id);
      if (expired && awaitsInput(expired)) {
        const key = expired.mode === "draft" ? "reports.expired.draft" : expired.mode === "filed" ? "reports.expired.filed" : "reports.expired.case";
        await ctx.reply(ctx.t(key), { parse_mode: "HTML" });
        return;
      }
      return next();
    }
    if (state.mode === "draft") return onDraftMessage(ctx, state, msg);
    if (state.mode === "filed") return state.awaitingCheck ? onCheck(ctx, state, msg) : next();
    // An open case, or waiting for its code.
    if (state.awaiting === "code") {
      if (msg.text === undefined) {
        track(state, msg.message_id);
        await say(ctx, state, ctx.t("reports.follow.codeTextExpected"));
        return saveState(ctx, state);
      }
      return openByCode(ctx, msg.text, msg.message_id, state);
    }
    if (state.reportId !== null && (state.awaiting === "text" || state.awaiting === "file")) {
      state.at = now();
      return onAddition(ctx, state as CaseState & { reportId: number }, msg);
    }
    if (msg.text !== undefined && normalizeReceipt(msg.text)) return openByCode(ctx, msg.text, msg.message_id, state);
    return next();
  });
}
