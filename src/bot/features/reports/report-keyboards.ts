// Buttons of the reporter's side. Every one is open to anyone (reporters need not be
// registered) and carries the nonce of the chat's current report flow: a button from an
// older draft, another flow or forged data finds no matching state and changes nothing.
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { REPORT_CATEGORIES, type ReportCategory } from "../../../domain/reports/case.js";
import type { AdalContext } from "../../context.js";
import { button } from "../../router.js";

const nonce = z.string().regex(/^[A-Za-z0-9_-]{8}$/);

// ── writing a report ──
export const rpContinue = button("rp.go", "anyone", z.tuple([nonce]));
export const rpCancel = button("rp.x", "anyone", z.tuple([nonce]));
export const rpCategory = button("rp.c", "anyone", z.tuple([nonce, z.enum(REPORT_CATEGORIES)]));
export const rpManagement = button("rp.m", "anyone", z.tuple([nonce, z.enum(["y", "n"])]));
export const rpSkip = button("rp.s", "anyone", z.tuple([nonce, z.enum(["unit", "who"])]));
export const rpFilesDone = button("rp.f", "anyone", z.tuple([nonce]));
export const rpSubmit = button("rp.ok", "anyone", z.tuple([nonce]));
export const rpRestart = button("rp.re", "anyone", z.tuple([nonce]));
export const rpResume = button("rp.cn", "anyone", z.tuple([nonce]));
// ── after submitting ──
export const rpWritten = button("rp.w", "anyone", z.tuple([nonce]));
// ── after submitting, and a case opened with its receipt ──
export const rpNotify = button("rp.n", "anyone", z.tuple([nonce, z.enum(["on", "off"])]));
export const rpDelete = button("rp.d", "anyone", z.tuple([nonce]));
export const rpEnd = button("rp.e", "anyone", z.tuple([nonce]));
// ── a case opened with its receipt ──
export const rpAddText = button("rp.a", "anyone", z.tuple([nonce]));
export const rpAddFile = button("rp.af", "anyone", z.tuple([nonce]));
export const rpAddFilesDone = button("rp.fd", "anyone", z.tuple([nonce]));

export function noticeKeyboard(ctx: AdalContext, n: string): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t("reports.continueButton"), rpContinue.encode([n])).text(ctx.t("reports.cancelButton"), rpCancel.encode([n]));
}

export function unfinishedKeyboard(ctx: AdalContext, n: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t("reports.resumeButton"), rpResume.encode([n]))
    .text(ctx.t("reports.restartButton"), rpRestart.encode([n]))
    .row()
    .text(ctx.t("reports.cancelButton"), rpCancel.encode([n]));
}

export function categoryKeyboard(ctx: AdalContext, n: string): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const c of REPORT_CATEGORIES) kb.text(ctx.t(`reportTerms.category.${c}`), rpCategory.encode([n, c as ReportCategory])).row();
  return kb.text(ctx.t("reports.cancelButton"), rpCancel.encode([n]));
}

export function managementKeyboard(ctx: AdalContext, n: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t("reports.yesButton"), rpManagement.encode([n, "y"]))
    .text(ctx.t("reports.noButton"), rpManagement.encode([n, "n"]))
    .row()
    .text(ctx.t("reports.cancelButton"), rpCancel.encode([n]));
}

export function skipKeyboard(ctx: AdalContext, n: string, step: "unit" | "who"): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t("reports.skipButton"), rpSkip.encode([n, step])).text(ctx.t("reports.cancelButton"), rpCancel.encode([n]));
}

export function cancelKeyboard(ctx: AdalContext, n: string): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t("reports.cancelButton"), rpCancel.encode([n]));
}

export function filesKeyboard(ctx: AdalContext, n: string, count: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(count ? ctx.t("reports.filesDoneButton") : ctx.t("reports.noFilesButton"), rpFilesDone.encode([n]))
    .text(ctx.t("reports.cancelButton"), rpCancel.encode([n]));
}

export function reviewKeyboard(ctx: AdalContext, n: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t("reports.submitButton"), rpSubmit.encode([n]))
    .row()
    .text(ctx.t("reports.restartButton"), rpRestart.encode([n]))
    .text(ctx.t("reports.cancelButton"), rpCancel.encode([n]));
}

export function writtenKeyboard(ctx: AdalContext, n: string): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t("reports.wroteItButton"), rpWritten.encode([n]));
}

/** After the receipt check: notify me, delete this report's messages, done. */
export function afterSubmitKeyboard(ctx: AdalContext, n: string, opts: { subscribed: boolean; canDelete: boolean }): InlineKeyboard {
  const kb = new InlineKeyboard();
  kb.text(opts.subscribed ? ctx.t("reports.notifyOffButton") : ctx.t("reports.notifyOnButton"), rpNotify.encode([n, opts.subscribed ? "off" : "on"])).row();
  if (opts.canDelete) kb.text(ctx.t("reports.deleteButton"), rpDelete.encode([n])).row();
  return kb.text(ctx.t("reports.doneButton"), rpEnd.encode([n]));
}

export function caseKeyboard(ctx: AdalContext, n: string, subscribed: boolean): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t("reports.addTextButton"), rpAddText.encode([n]))
    .text(ctx.t("reports.addFileButton"), rpAddFile.encode([n]))
    .row()
    .text(subscribed ? ctx.t("reports.notifyOffButton") : ctx.t("reports.notifyOnButton"), rpNotify.encode([n, subscribed ? "off" : "on"]))
    .row()
    .text(ctx.t("reports.deleteButton"), rpDelete.encode([n]))
    .text(ctx.t("reports.closeButton"), rpEnd.encode([n]));
}

export function addFilesKeyboard(ctx: AdalContext, n: string): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t("reports.filesDoneButton"), rpAddFilesDone.encode([n])).text(ctx.t("reports.closeButton"), rpEnd.encode([n]));
}
