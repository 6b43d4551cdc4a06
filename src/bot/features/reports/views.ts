// The keyboards of anonymous reports, as pure functions of `t` and data. The texts are in
// reporter-views.ts (what the reporter sees) and cases-view.ts (what a case handler sees).
import { InlineKeyboard } from "grammy";
import { canMoveTo, REPORT_CATEGORIES, REPORT_OUTCOMES, REPORT_STATUSES, type ReportCategory, type ReportStatus } from "../../../domain/reports/case.js";
import { INBOX_FILTERS, type InboxFilter } from "../../../domain/reports/inbox.js";
import type { TFunction } from "../../../i18n.js";
import type { CaseSummary } from "../../../services/reports.js";
import {
  assignMenuButton,
  assignToButton,
  backButton,
  cancelInputButton,
  decideButton,
  extendButton,
  filesButton,
  historyButton,
  inboxButton,
  noteButton,
  openCaseButton,
  replyButton,
  rpAddFile,
  rpAddFilesDone,
  rpAddText,
  rpCancel,
  rpCategory,
  rpContinue,
  rpDelete,
  rpEnd,
  rpFilesDone,
  rpManagement,
  rpNotify,
  rpRestart,
  rpResume,
  rpSkip,
  rpSubmit,
  rpWritten,
  statsButton,
  statsXlsxButton,
  statsYearButton,
  statusButton,
  statusMenuButton,
} from "./buttons.js";

// ── the reporter's side ──

export function noticeKeyboard(t: TFunction, n: string): InlineKeyboard {
  return new InlineKeyboard().text(t("reports.continueButton"), rpContinue.encode([n])).text(t("reports.cancelButton"), rpCancel.encode([n]));
}

export function unfinishedKeyboard(t: TFunction, n: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("reports.resumeButton"), rpResume.encode([n]))
    .text(t("reports.restartButton"), rpRestart.encode([n]))
    .row()
    .text(t("reports.cancelButton"), rpCancel.encode([n]));
}

export function categoryKeyboard(t: TFunction, n: string): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const c of REPORT_CATEGORIES) kb.text(t(`reportTerms.category.${c}`), rpCategory.encode([n, c as ReportCategory])).row();
  return kb.text(t("reports.cancelButton"), rpCancel.encode([n]));
}

export function managementKeyboard(t: TFunction, n: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("reports.yesButton"), rpManagement.encode([n, "y"]))
    .text(t("reports.noButton"), rpManagement.encode([n, "n"]))
    .row()
    .text(t("reports.cancelButton"), rpCancel.encode([n]));
}

export function skipKeyboard(t: TFunction, n: string, step: "unit" | "who"): InlineKeyboard {
  return new InlineKeyboard().text(t("reports.skipButton"), rpSkip.encode([n, step])).text(t("reports.cancelButton"), rpCancel.encode([n]));
}

export function cancelKeyboard(t: TFunction, n: string): InlineKeyboard {
  return new InlineKeyboard().text(t("reports.cancelButton"), rpCancel.encode([n]));
}

export function filesKeyboard(t: TFunction, n: string, count: number): InlineKeyboard {
  return new InlineKeyboard().text(count ? t("reports.filesDoneButton") : t("reports.noFilesButton"), rpFilesDone.encode([n])).text(t("reports.cancelButton"), rpCancel.encode([n]));
}

export function reviewKeyboard(t: TFunction, n: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("reports.submitButton"), rpSubmit.encode([n]))
    .row()
    .text(t("reports.restartButton"), rpRestart.encode([n]))
    .text(t("reports.cancelButton"), rpCancel.encode([n]));
}

export function writtenKeyboard(t: TFunction, n: string): InlineKeyboard {
  return new InlineKeyboard().text(t("reports.wroteItButton"), rpWritten.encode([n]));
}

/** After the receipt check: notify me, delete this report's messages, done. */
export function afterSubmitKeyboard(t: TFunction, n: string, opts: { subscribed: boolean; canDelete: boolean }): InlineKeyboard {
  const kb = new InlineKeyboard();
  kb.text(opts.subscribed ? t("reports.notifyOffButton") : t("reports.notifyOnButton"), rpNotify.encode([n, opts.subscribed ? "off" : "on"])).row();
  if (opts.canDelete) kb.text(t("reports.deleteButton"), rpDelete.encode([n])).row();
  return kb.text(t("reports.doneButton"), rpEnd.encode([n]));
}

export function caseKeyboard(t: TFunction, n: string, subscribed: boolean): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("reports.addTextButton"), rpAddText.encode([n]))
    .text(t("reports.addFileButton"), rpAddFile.encode([n]))
    .row()
    .text(subscribed ? t("reports.notifyOffButton") : t("reports.notifyOnButton"), rpNotify.encode([n, subscribed ? "off" : "on"]))
    .row()
    .text(t("reports.deleteButton"), rpDelete.encode([n]))
    .text(t("reports.closeButton"), rpEnd.encode([n]));
}

export function addFilesKeyboard(t: TFunction, n: string): InlineKeyboard {
  return new InlineKeyboard().text(t("reports.filesDoneButton"), rpAddFilesDone.encode([n])).text(t("reports.closeButton"), rpEnd.encode([n]));
}

// ── the case handlers' side ──

export function inboxKeyboard(t: TFunction, v: { counts: Record<InboxFilter, number>; filter: InboxFilter; page: number; pages: number; cases: CaseSummary[] }): InlineKeyboard {
  const kb = new InlineKeyboard();
  INBOX_FILTERS.forEach((x, i) => {
    kb.text(`${x === v.filter ? "• " : ""}${t(`cases.filter.${x}`)} (${v.counts[x]})`, inboxButton.encode([x, 0]));
    if (i % 3 === 2) kb.row();
  });
  v.cases.forEach((c, i) => {
    kb.text(`${c.overdue.ack || c.overdue.decision ? "⚠️ " : ""}№ ${c.number}`, openCaseButton.encode([c.number]));
    if (i % 2 === 1) kb.row();
  });
  kb.row();
  if (v.page > 0) kb.text(t("cases.prevPage"), inboxButton.encode([v.filter, v.page - 1]));
  if (v.page + 1 < v.pages) kb.text(t("cases.nextPage"), inboxButton.encode([v.filter, v.page + 1]));
  return kb.row().text(t("cases.statsButton"), statsButton.encode([]));
}

export function caseCardKeyboard(t: TFunction, s: CaseSummary, files: number): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (files) kb.text(t("cases.filesButton", { count: files }), filesButton.encode([s.number]));
  kb.text(t("cases.replyButton"), replyButton.encode([s.number])).row();
  kb.text(t("cases.noteButton"), noteButton.encode([s.number]));
  if (s.status !== "decided") kb.text(t("cases.statusButton"), statusMenuButton.encode([s.number]));
  kb.row().text(t("cases.assignButton"), assignMenuButton.encode([s.number]));
  if (s.status !== "decided" && !s.extendedOn) kb.text(t("cases.extendButton"), extendButton.encode([s.number]));
  return kb.row().text(t("cases.historyButton"), historyButton.encode([s.number])).text(t("cases.backButton"), backButton.encode([]));
}

/** Under a confirmation: back to the case, or to the inbox. */
export function afterActionKeyboard(t: TFunction, number: string): InlineKeyboard {
  return new InlineKeyboard().text(t("cases.openButton"), openCaseButton.encode([number])).text(t("cases.backButton"), backButton.encode([]));
}

export function cancelInputKeyboard(t: TFunction, nonce: string): InlineKeyboard {
  return new InlineKeyboard().text(t("common.cancelButton"), cancelInputButton.encode([nonce]));
}

/** The statuses a case may move on to (forward only); a decision asks for its outcome next. */
export function statusMenuKeyboard(t: TFunction, s: CaseSummary): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const to of REPORT_STATUSES.filter((x) => canMoveTo(s.status, x))) {
    kb.text(to === "decided" ? t("cases.decideButton") : `➡️ ${t(`reportTerms.status.${to}`)}`, statusButton.encode([s.number, s.status, to])).row();
  }
  return kb;
}

export function outcomeKeyboard(t: TFunction, number: string, from: ReportStatus): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const o of REPORT_OUTCOMES) kb.text(t(`reportTerms.outcome.${o}`), decideButton.encode([number, from, o])).row();
  return kb;
}

export function assigneeKeyboard(s: CaseSummary, people: { id: number; fullName: string }[], t: TFunction): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const u of people) kb.text(`${u.id === s.assigneeId ? "✓ " : ""}${u.fullName}`.slice(0, 60), assignToButton.encode([s.number, u.id])).row();
  if (s.assigneeId !== null) kb.text(t("cases.unassignButton"), assignToButton.encode([s.number, 0])).row();
  return kb;
}

export function statsKeyboard(t: TFunction, year: number, currentYear: number): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (year > 2000) kb.text(t("cases.stats.prevYear", { year: year - 1 }), statsYearButton.encode([year - 1]));
  if (year < currentYear) kb.text(t("cases.stats.nextYear", { year: year + 1 }), statsYearButton.encode([year + 1]));
  kb.row().text(t("cases.stats.xlsxKk"), statsXlsxButton.encode([year, "kk"])).text(t("cases.stats.xlsxRu"), statsXlsxButton.encode([year, "ru"]));
  return kb.row().text(t("cases.backButton"), backButton.encode([]));
}
