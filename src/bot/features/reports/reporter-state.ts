// The reporter's state in one chat (PRODUCT.md §2), kept out of the grammY session: one
// encrypted value in ReporterFlow, under a keyed hash of the chat id that differs from the
// session's, in a table without timestamps (db/repositories/reporter-flows.ts).
// A chat is in at most one of three modes — writing a report (draft), just filed (receipt
// check and after-submit options), or following a case opened with its receipt — and every
// mode expires: drafts after 24 h without a change, the after-submit state (which holds the
// receipt until it is confirmed) 1 h after filing, an open case after 10 minutes idle.
// Nothing here holds a Telegram id, chat id or name.
//
// A state is under the chat's key only while the chat must be found from a typed message (a
// draft, the receipt check, a case waiting for its code, a text or files). Once a report's
// state is reached only through buttons — the options after the receipt was confirmed, a case
// shown and waiting for a button — it is *detached*: moved under a keyed hash of a random
// 72-bit token that only its buttons carry, and the chat's row is deleted. Someone with the
// database and the key can hash every roster id and find a chat's row; a detached row is
// under nothing they can compute. So after a report is filed and its receipt confirmed, no
// row under that chat's key remains (and no session row was written: session.ts).
import { randomBytes } from "node:crypto";
import type { Attachment, ReportCategory } from "../../../domain/reports/case.js";
import type { Db } from "../../../db/client.js";
import { reporterFlowKey, reporterFlowStore, type ReporterFlowStore } from "../../../db/repositories/reporter-flows.js";
import type { Keyring } from "../../../domain/crypto.js";
import type { AdalContext } from "../../context.js";

export const DRAFT_TTL_MS = 24 * 60 * 60 * 1000;
export const FILED_TTL_MS = 60 * 60 * 1000;
/** An open case (with its report id, under the chat's key while it waits for typed input) lives this long idle. */
export const CASE_TTL_MS = 10 * 60 * 1000;
/** Message ids remembered per flow (for "delete these messages"); older ones are dropped. */
const MAX_TRACKED = 400;

export const DRAFT_STEPS = ["notice", "category", "management", "unit", "what", "whenWhere", "who", "files", "review"] as const;
export type DraftStep = (typeof DRAFT_STEPS)[number];
export type TextStep = "unit" | "what" | "whenWhere" | "who";

interface Base {
  /** Random; carried in this flow's buttons, so buttons of another flow or an older draft are stale. A detached state's token. */
  nonce: string;
  /** Ids of the user's and the bot's messages of this flow, for "delete these messages". */
  messageIds: number[];
  /** Stored under the token `nonce`, not under the chat (see the head of this file). */
  detached?: boolean;
  /** The fingerprint of the session flow this flow suspends (flow/dispatcher.ts, beginExternal). */
  over?: string;
}

export interface DraftState extends Base {
  mode: "draft";
  /** Last change (ms): a draft untouched for 24 h is gone. */
  at: number;
  step: DraftStep;
  category?: ReportCategory;
  involvesManagement?: boolean;
  unit?: string;
  what?: string;
  whenWhere?: string;
  who?: string;
  /** The message each typed answer came from (editing it edits the answer). */
  sources?: Partial<Record<TextStep, number>>;
  attachments: Attachment[];
}

export interface FiledState extends Base {
  mode: "filed";
  /** When the report was filed (ms): the state, and the receipt in it, live 1 h. */
  since: number;
  reportId: number;
  number: string;
  /** Held only until the reporter proved they wrote it down. */
  receipt?: string;
  awaitingCheck: boolean;
  confirmed: boolean;
  subscribed: boolean;
  /** The report's messages were deleted from the chat. */
  cleaned?: boolean;
}

export interface CaseState extends Base {
  mode: "case";
  /** Last action (ms): 10 minutes idle and the code must be entered again. */
  at: number;
  /** null while waiting for the code. */
  reportId: number | null;
  awaiting: "code" | "text" | "file" | null;
  /** Files sent in the current "add a file" round. */
  files: number;
}

export type ReporterState = DraftState | FiledState | CaseState;

export function reporterStore(ctx: AdalContext): ReporterFlowStore<ReporterState> {
  return reporterFlowStore<ReporterState>(ctx.deps.db.prisma, ctx.deps.keyring);
}

/** This chat's flow key; null for updates without a chat. */
const flowKey = (ctx: AdalContext): string | null => (ctx.chatId !== undefined ? reporterFlowKey(ctx.deps.keyring, ctx.chatId) : null);

/** The key of a detached state: from its token only, nothing of the chat. */
export const detachedKey = (keyring: Keyring, token: string): string => keyring.hash("chat-key", `reporter-token:${token}`);

/** A detached state's token: 12 url-safe characters (72 bits), carried only in its buttons. */
export const newToken = (): string => randomBytes(9).toString("base64url");

export function isExpired(state: ReporterState, now: number): boolean {
  switch (state.mode) {
    case "draft":
      return now - state.at > DRAFT_TTL_MS;
    case "filed":
      return now - state.since > FILED_TTL_MS;
    case "case":
      return now - state.at > CASE_TTL_MS;
  }
}

/** Whether the state was waiting for something the user types or sends. */
export function awaitsInput(state: ReporterState): boolean {
  switch (state.mode) {
    case "draft":
      return ["unit", "what", "whenWhere", "who", "files"].includes(state.step);
    case "filed":
      return state.awaitingCheck;
    case "case":
      return state.awaiting !== null;
  }
}

export interface Loaded {
  state?: ReporterState;
  /** The state that was there but has expired (now deleted). */
  expired?: ReporterState;
}

/** The chat's state; an expired one is deleted and reported as such. */
export async function loadState(ctx: AdalContext): Promise<Loaded> {
  const key = flowKey(ctx);
  if (!key) return {};
  const store = reporterStore(ctx);
  const state = await store.read(key);
  if (!state) return {};
  if (isExpired(state, ctx.deps.now().getTime())) {
    await store.delete(key);
    return { expired: state };
  }
  return { state };
}

/** The detached state of this token, if it is live (an expired one is deleted). */
export async function loadDetached(ctx: AdalContext, token: string): Promise<ReporterState | undefined> {
  const store = reporterStore(ctx);
  const key = detachedKey(ctx.deps.keyring, token);
  const state = await store.read(key);
  if (!state?.detached || state.nonce !== token) return undefined;
  if (isExpired(state, ctx.deps.now().getTime())) {
    await store.delete(key);
    return undefined;
  }
  return state;
}

/** Saves the state where it lives: under its token when detached, else under the chat. */
export async function saveState(ctx: AdalContext, state: ReporterState): Promise<void> {
  const key = state.detached ? detachedKey(ctx.deps.keyring, state.nonce) : flowKey(ctx);
  if (!key) return;
  if (state.messageIds.length > MAX_TRACKED) state.messageIds = state.messageIds.slice(-MAX_TRACKED);
  await reporterStore(ctx).write(key, state);
}

/**
 * Moves the state under its token (filed and case states get a token as their nonce when they
 * are created) and deletes the chat's row; save it afterwards.
 */
export async function detach(ctx: AdalContext, state: FiledState | CaseState): Promise<void> {
  if (state.detached) return;
  const key = flowKey(ctx);
  if (key) await reporterStore(ctx).delete(key);
  state.detached = true;
}

/** Brings a detached state back under the chat (it waits for typed input); its buttons stay valid. */
export async function attach(ctx: AdalContext, state: ReporterState): Promise<void> {
  if (!state.detached) return;
  await reporterStore(ctx).delete(detachedKey(ctx.deps.keyring, state.nonce));
  delete state.detached;
}

/** Deletes the chat's state and, when given a detached one, that one too. */
export async function dropState(ctx: AdalContext, state?: ReporterState): Promise<void> {
  const key = flowKey(ctx);
  if (key) await reporterStore(ctx).delete(key);
  if (state?.detached) await reporterStore(ctx).delete(detachedKey(ctx.deps.keyring, state.nonce));
}

/** Whether the chat's flow is live and suspends the session flow with this fingerprint. */
export async function suspendsSessionFlow(ctx: AdalContext, fingerprint: string): Promise<boolean> {
  const { state } = await loadState(ctx);
  return state?.over === fingerprint;
}

/**
 * Forgets whatever report flow this chat is in (for /cancel, or when another flow starts);
 * returns it unless there was none or it had expired anyway. A filed report stays filed:
 * only the transient state (draft, receipt check, open case) goes.
 */
export async function endReporterFlow(ctx: AdalContext): Promise<ReporterState | null> {
  const key = flowKey(ctx);
  if (!key) return null;
  const store = reporterStore(ctx);
  const state = await store.read(key);
  if (!state) return null;
  await store.delete(key);
  return isExpired(state, ctx.deps.now().getTime()) ? null : state;
}

/** Forgets whatever report flow this chat is in; whether there was one (see endReporterFlow). */
export async function clearReporterState(ctx: AdalContext): Promise<boolean> {
  return (await endReporterFlow(ctx)) !== null;
}

/**
 * Deletes expired reporter states (and unreadable ones) without waiting for their chat to
 * come back: a receipt waiting for its check must not outlive its hour. For a periodic job.
 */
export async function purgeExpiredReporterStates(db: Db, keyring: Keyring, now: Date): Promise<number> {
  const store = reporterFlowStore<ReporterState>(db, keyring);
  let purged = 0;
  for (const key of await store.keys()) {
    const state = await store.read(key);
    if (!state || isExpired(state, now.getTime())) {
      await store.delete(key);
      purged++;
    }
  }
  return purged;
}

/** Records the session flow this flow now suspends (none: none). */
export function setOver(state: ReporterState, over: string | undefined): void {
  if (over) state.over = over;
  else delete state.over;
}

export function track(state: ReporterState, ...ids: (number | undefined)[]): void {
  for (const id of ids) if (typeof id === "number" && !state.messageIds.includes(id)) state.messageIds.push(id);
}
