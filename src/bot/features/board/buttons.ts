// Every button of the board report's screens.
import { z } from "zod";
import { button } from "../../router.js";
import { nonceArg } from "../../ui/args.js";

/** "2026-Q3" or "2026" (periodKey in domain/plan/execution.ts). */
const period = z.string().regex(/^\d{4}(-Q[1-3])?$/);
const lang = z.enum(["kk", "ru"]);

/** The draft of a period (the reminders carry it too). */
export const boardPeriodButton = button("bd.p", "managePlan", z.tuple([period]));
/** The stored draft or approved report of a period in a language. */
export const boardFilesButton = button("bd.f", "managePlan", z.tuple([period, lang]));
/** Approves exactly the draft shown (its nonce) and tells the observers. */
export const boardApproveButton = button("bd.ok", "managePlan", z.tuple([period, nonceArg]));
/** An approved report's documents in a language (observers; compliance too). */
export const boardGetButton = button("bd.g", "viewSummaries", z.tuple([period, lang]));
/** A fresh draft of an approved period (re-approval). */
export const boardRedrawButton = button("bd.rd", "managePlan", z.tuple([period]));
/** Approves the redrawn draft named by its digest, replacing the approved report. */
export const boardReapproveButton = button("bd.ra", "managePlan", z.tuple([period, nonceArg]));
