// What every screen of the reporter's side shares: replies whose ids join the flow's messages,
// the flow a button belongs to, and today's anonymous counters.
//
// Nothing identifying is stored or logged: the state of a flow is an encrypted value under
// the keyed hash of the chat id (reporter-state.ts), abuse counters are keyed by a daily
// rotating hash, content is copied by file id (never forwarded), and log lines carry no
// Telegram id, chat id, name, nor the report's id.
import type { InlineKeyboard } from "grammy";
import { countToday, incrementToday, type CounterPurpose } from "../../../db/repositories/daily-counters.js";
import { toIsoDate } from "../../../domain/calendar/time-zone.js";
import type { AdalContext } from "../../context.js";
import { quietly } from "../../ui/best-effort.js";
import { HTML } from "../../ui/html.js";
import { staleButton } from "../../ui/stale.js";
import { loadDetached, loadState, track, type DraftState, type DraftStep, type ReporterState } from "./reporter-state.js";

export const nowMs = (ctx: AdalContext) => ctx.deps.now().getTime();

/** A reply in HTML; its id joins the flow's messages (for "delete these messages"). */
export async function say(ctx: AdalContext, state: ReporterState | null, text: string, keyboard?: InlineKeyboard): Promise<void> {
  const sent = await ctx.reply(text, { ...HTML, ...(keyboard ? { reply_markup: keyboard } : {}) });
  if (state) track(state, sent.message_id);
}

/** Several messages, the keyboard under the last one; each id joins the flow's messages. */
export async function sayParts(ctx: AdalContext, state: ReporterState, parts: string[], keyboard?: InlineKeyboard): Promise<void> {
  for (const [i, part] of parts.entries()) await say(ctx, state, part, i === parts.length - 1 ? keyboard : undefined);
}

/** A reply in HTML outside the flow's messages (the flow is over or never began). */
export async function sayOnce(ctx: AdalContext, text: string): Promise<void> {
  await ctx.reply(text, HTML);
}

export const removeKeyboard = (ctx: AdalContext) => quietly(() => ctx.editMessageReplyMarkup());

/** The flow this button belongs to — the chat's, or the detached one of its token; otherwise the button is answered as stale. */
export async function flowFor(ctx: AdalContext, n: string): Promise<ReporterState | null> {
  const { state } = await loadState(ctx);
  if (state && state.nonce === n) return state;
  const detached = await loadDetached(ctx, n);
  if (detached) return detached;
  await staleButton(ctx);
  return null;
}

/** The draft this button belongs to, at one of these steps (any step when none is named). */
export async function draftAt(ctx: AdalContext, n: string, ...steps: DraftStep[]): Promise<DraftState | null> {
  const state = await flowFor(ctx, n);
  if (!state) return null;
  if (state.mode !== "draft" || (steps.length && !steps.includes(state.step))) {
    await staleButton(ctx);
    return null;
  }
  await ctx.answerCallbackQuery();
  await removeKeyboard(ctx);
  state.at = nowMs(ctx);
  return state;
}

// ── today's anonymous counters (daily-counters.ts) ──

const dayOf = (ctx: AdalContext) => toIsoDate(ctx.deps.now(), ctx.config.timeZone);

export const countedToday = (ctx: AdalContext, purpose: CounterPurpose) => countToday(ctx.deps.db.prisma, dayOf(ctx), purpose, ctx.from!.id);

/** Counts one more; the new count. */
export const countOneMore = (ctx: AdalContext, purpose: CounterPurpose) => incrementToday(ctx.deps.db.prisma, dayOf(ctx), purpose, ctx.from!.id);
