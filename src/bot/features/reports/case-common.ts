// What every screen of case handling shares. The service checks that a case belongs to the
// officer's audience (domain/reports/policies.ts) and audit-logs every action; nothing here
// logs report content.
import type { InlineKeyboard } from "grammy";
import { fullNamesOf } from "../../../db/repositories/reports.js";
import { caseVisibleTo } from "../../../domain/reports/policies.js";
import { CaseAccessError, caseById, caseIdByNumber, type CaseSummary, type Officer } from "../../../services/reports.js";
import type { AdalContext } from "../../context.js";
import { escapeHtml, HTML } from "../../ui/html.js";
import { replyInParts, splitMessage } from "../../ui/reply.js";
import type { Names } from "./cases-view.js";
import { serviceOf } from "./service.js";

export const officerOf = (ctx: AdalContext): Officer => ({ id: ctx.user!.id, role: ctx.user!.role });

/** Officers' names by id, escaped for HTML. */
export async function namesOf(ctx: AdalContext, ids: (number | null | undefined)[]): Promise<Names> {
  const wanted = [...new Set(ids.filter((i): i is number => typeof i === "number"))];
  if (!wanted.length) return new Map();
  const users = await fullNamesOf(ctx.deps.db.prisma, wanted);
  return new Map(users.map((u) => [u.id, escapeHtml(u.fullName)]));
}

/** Answers a button, or replies to a message, with a short notice. */
export async function notice(ctx: AdalContext, text: string): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
  else await ctx.reply(text);
}

/** Answers a button with an alert. */
export const alert = (ctx: AdalContext, text: string) => ctx.answerCallbackQuery({ text, show_alert: true });

/** The case, if this officer's role handles it; otherwise the button is answered and null returned. No audit (nothing of the content is read). */
export async function ownSummary(ctx: AdalContext, reportId: number): Promise<CaseSummary | null> {
  const summary = await caseById(serviceOf(ctx), reportId);
  if (!caseVisibleTo(ctx.user?.role, summary)) {
    await notice(ctx, ctx.t("cases.unavailable"));
    return null;
  }
  return summary;
}

/** Runs a service call; a case of another audience (or gone) is explained, never shown. */
export async function guarded<T>(ctx: AdalContext, run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (!(error instanceof CaseAccessError)) throw error;
    await notice(ctx, ctx.t("cases.unavailable"));
    return { ok: false };
  }
}

/**
 * The id of the case a button names by its number, when this officer's role handles it;
 * otherwise (another audience's case, or none) the button is answered and null returned.
 */
export async function caseOfButton(ctx: AdalContext, number: string): Promise<number | null> {
  const got = await guarded(ctx, () => caseIdByNumber(serviceOf(ctx), officerOf(ctx), number));
  return got.ok ? got.value : null;
}

/** Runs `then` with the id of the case the button names (see caseOfButton). */
export async function withCase(ctx: AdalContext, number: string, then: (reportId: number) => Promise<unknown>): Promise<void> {
  const id = await caseOfButton(ctx, number);
  if (id !== null) await then(id);
}

/** Edits the message of the pressed button when the text fits one message; otherwise (or when the edit fails) sends it anew. */
export async function editOrReply(ctx: AdalContext, text: string, keyboard: InlineKeyboard, edit: boolean): Promise<void> {
  const parts = splitMessage(text);
  if (edit && ctx.callbackQuery && parts.length === 1) {
    const edited = await ctx.editMessageText(parts[0]!, { ...HTML, reply_markup: keyboard }).then(
      () => true,
      () => false,
    );
    if (edited) return;
  }
  await replyInParts(ctx, text, { keyboard, html: true });
}
