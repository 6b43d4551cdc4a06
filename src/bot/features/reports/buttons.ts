// The buttons of anonymous reports. The reporter's (rp.*) are open to anyone (reporters need
// not be registered) and carry the nonce of the chat's current report flow: a button from an
// older draft, another flow or forged data finds no matching state and changes nothing. The
// case handlers' (rc.*) need handleReports; the service checks the case's audience.
import { z } from "zod";
import { REPORT_CATEGORIES, REPORT_OUTCOMES, REPORT_STATUSES } from "../../../domain/reports/case.js";
import { INBOX_FILTERS, type InboxFilter } from "../../../domain/reports/inbox.js";
import { button } from "../../router.js";
import { nonceArg, rowIdOrNone } from "../../ui/args.js";

// ── writing a report ──
export const rpContinue = button("rp.go", "anyone", z.tuple([nonceArg]));
export const rpCancel = button("rp.x", "anyone", z.tuple([nonceArg]));
export const rpCategory = button("rp.c", "anyone", z.tuple([nonceArg, z.enum(REPORT_CATEGORIES)]));
export const rpManagement = button("rp.m", "anyone", z.tuple([nonceArg, z.enum(["y", "n"])]));
export const rpSkip = button("rp.s", "anyone", z.tuple([nonceArg, z.enum(["unit", "who"])]));
export const rpFilesDone = button("rp.f", "anyone", z.tuple([nonceArg]));
export const rpSubmit = button("rp.ok", "anyone", z.tuple([nonceArg]));
export const rpRestart = button("rp.re", "anyone", z.tuple([nonceArg]));
export const rpResume = button("rp.cn", "anyone", z.tuple([nonceArg]));
// ── after submitting ──
export const rpWritten = button("rp.w", "anyone", z.tuple([nonceArg]));
// ── after submitting, and a case opened with its receipt ──
export const rpNotify = button("rp.n", "anyone", z.tuple([nonceArg, z.enum(["on", "off"])]));
export const rpDelete = button("rp.d", "anyone", z.tuple([nonceArg]));
export const rpEnd = button("rp.e", "anyone", z.tuple([nonceArg]));
// ── a case opened with its receipt ──
export const rpAddText = button("rp.a", "anyone", z.tuple([nonceArg]));
export const rpAddFile = button("rp.af", "anyone", z.tuple([nonceArg]));
export const rpAddFilesDone = button("rp.fd", "anyone", z.tuple([nonceArg]));

// ── case handling ──
const page = z.coerce.number().int().min(0).max(100_000);
const filter = z.enum(INBOX_FILTERS as unknown as [InboxFilter, ...InboxFilter[]]);
const status = z.enum(REPORT_STATUSES);
const outcome = z.enum(REPORT_OUTCOMES);
const year = z.coerce.number().int().min(2000).max(2100);
const lang = z.enum(["kk", "ru"]);
/** A case number (receipts.ts, caseNumber). An old button with a row id fails this and is answered as stale. */
export const caseRef = z.string().regex(/^\d{4}-R?\d{4,7}$/);

/** Inbox filter and page: edits the inbox message in place. */
export const inboxButton = button("rc.l", "handleReports", z.tuple([filter, page]));
/** Back to the inbox from a card or a confirmation: a new message, the card stays readable. */
export const backButton = button("rc.b", "handleReports", z.tuple([]));
export const openCaseButton = button("rc.o", "handleReports", z.tuple([caseRef]));
export const filesButton = button("rc.f", "handleReports", z.tuple([caseRef]));
export const replyButton = button("rc.r", "handleReports", z.tuple([caseRef]));
export const noteButton = button("rc.n", "handleReports", z.tuple([caseRef]));
export const statusMenuButton = button("rc.s", "handleReports", z.tuple([caseRef]));
/** Case, the status it had when the button was drawn, the new status. */
export const statusButton = button("rc.st", "handleReports", z.tuple([caseRef, status, status]));
/** Case, the status it had when the button was drawn, the outcome of the decision. */
export const decideButton = button("rc.dc", "handleReports", z.tuple([caseRef, status, outcome]));
export const assignMenuButton = button("rc.a", "handleReports", z.tuple([caseRef]));
/** Case, officer (its User id; 0: nobody). */
export const assignToButton = button("rc.as", "handleReports", z.tuple([caseRef, rowIdOrNone]));
export const extendButton = button("rc.x", "handleReports", z.tuple([caseRef]));
export const historyButton = button("rc.h", "handleReports", z.tuple([caseRef]));
export const cancelInputButton = button("rc.c", "handleReports", z.tuple([nonceArg]));
/** Statistics of the current year, from the inbox: a new message. */
export const statsButton = button("rc.y", "handleReports", z.tuple([]));
/** Statistics of another year: edits the statistics message in place. */
export const statsYearButton = button("rc.yr", "handleReports", z.tuple([year]));
/** The statistics of a year as an XLSX file in the chosen language. */
export const statsXlsxButton = button("rc.yx", "handleReports", z.tuple([year, lang]));
