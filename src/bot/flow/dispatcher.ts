// One dispatcher for typed input. A chat is in at most one session flow (session.flow, see
// types.ts); starting one ends the previous one here, and /cancel ends whatever is active and
// says what (or, with nothing active, what is kept outside the flows: registerIdleNote). Every
// message that is not a command goes to the active flow's handler; what it passes on (and
// every message when none is active) goes to the external flows, then on.
//
// External flows keep their state in stores of their own: the anonymous report draft or case,
// which must not touch the session. They are durable drafts, like a survey's saved answers: a
// session flow started meanwhile takes the input first but does not throw a half-written report
// away.
//
// Starting an external flow (/report, /case) *suspends* the session flow instead of ending it.
// Ending it would change the session, and a changed session is written (session.ts): a BotState
// row under a hash of the chat id, with a timestamp (and on PostgreSQL a transaction id) right
// before the report is filed — the very trace the report flow's own store exists to avoid. So
// the session is left as it is; the external flow records the fingerprint of the session flow
// it began on top of (beginExternal returns it) and, while it still holds that fingerprint,
// it gets the input first (what it passes on goes to the session flow, then on), and /cancel
// ends it alone. A session flow started afterwards has another fingerprint and takes the input
// first again. When the external flow is over, the suspended session flow is what it was
// before /report (most expire on their own; /cancel ends it) — a flow coming back is the price
// of writing nothing in step with a report.
import { createHash } from "node:crypto";
import type { Filter, MiddlewareFn, NextFunction } from "grammy";
import { on } from "../middleware/on.js";
import type { TranslationKey } from "../../i18n.js";
import type { AdalContext } from "../context.js";
import type { Router } from "../router.js";
import type { Flow, FlowKind, FlowOf } from "./types.js";

export type MessageContext = Filter<AdalContext, "message">;

export interface FlowHandler<K extends FlowKind> {
  kind: K;
  /** i18n key of what /cancel names when it ends this flow ("flows.…"). */
  label(flow: FlowOf<K>): TranslationKey;
  /** A message (never a command) while this flow is active; call next() to pass it on. */
  onMessage(ctx: MessageContext, flow: FlowOf<K>, next: NextFunction): unknown;
  /** What /cancel says when it ends this flow, when «Cancelled: label» is not enough (what is kept, how to resume). */
  cancelled?(ctx: AdalContext, flow: FlowOf<K>): Promise<string>;
}

/**
 * Something kept outside the session flows that /cancel, with nothing active, names instead of
 * "nothing to cancel" (a questionnaire's saved answers): its text, or null when there is none.
 */
export type IdleNote = (ctx: AdalContext) => Promise<string | null>;

/** A flow whose state lives outside the session (anonymous reports). */
export interface ExternalFlow {
  id: string;
  /** Ends it; the i18n key of what was ended, or null when nothing was active. */
  end(ctx: AdalContext): Promise<TranslationKey | null>;
  /** A message (never a command) that no session flow took. */
  onMessage(ctx: MessageContext, next: NextFunction): unknown;
  /** Whether this external flow is active and began on top of the session flow with this fingerprint (see beginExternal). */
  suspends?(ctx: AdalContext, fingerprint: string): Promise<boolean>;
}

/** What identifies a session flow for the external flow that suspends it; it changes when the flow does. */
export function flowFingerprint(flow: Flow): string {
  return createHash("sha256").update(JSON.stringify(flow)).digest("base64url").slice(0, 16);
}

export class FlowDispatcher {
  private readonly handlers = new Map<FlowKind, FlowHandler<FlowKind>>();
  private readonly externals: ExternalFlow[] = [];
  private readonly idleNotes: IdleNote[] = [];

  register<K extends FlowKind>(handler: FlowHandler<K>): void {
    if (this.handlers.has(handler.kind)) throw new Error(`flow ${handler.kind} registered twice`);
    this.handlers.set(handler.kind, handler as unknown as FlowHandler<FlowKind>);
  }

  registerExternal(flow: ExternalFlow): void {
    this.externals.push(flow);
  }

  /** See IdleNote. */
  registerIdleNote(note: IdleNote): void {
    this.idleNotes.push(note);
  }

  /** The active flow if it is of this kind. */
  current<K extends FlowKind>(ctx: AdalContext, kind: K): FlowOf<K> | undefined {
    const flow = ctx.session.flow;
    return flow?.kind === kind ? (flow as FlowOf<K>) : undefined;
  }

  /** Makes `flow` the active session flow, ending the one before (external drafts stay). */
  async start(ctx: AdalContext, flow: Flow): Promise<void> {
    ctx.session.flow = flow;
  }

  /** Ends the session flow (only if it is of `kind`, when given); true if one was ended. */
  end(ctx: AdalContext, kind?: FlowKind): boolean {
    const flow = ctx.session.flow;
    if (!flow || (kind && flow.kind !== kind)) return false;
    delete ctx.session.flow;
    return true;
  }

  /**
   * An external flow begins: the other external flows end, and the session flow is suspended,
   * not ended (the session is not touched; see the head of this file). Returns the fingerprint
   * of the session flow it suspends, for the external flow to keep in its state; undefined when
   * there is none.
   */
  async beginExternal(ctx: AdalContext, id: string): Promise<string | undefined> {
    await this.endExternals(ctx, id);
    const flow = ctx.session.flow;
    return flow ? flowFingerprint(flow) : undefined;
  }

  /** Whether an active external flow suspends this session flow. */
  private async suspended(ctx: AdalContext, flow: Flow): Promise<boolean> {
    const fingerprint = flowFingerprint(flow);
    for (const external of this.externals) if (external.suspends && (await external.suspends(ctx, fingerprint))) return true;
    return false;
  }

  /** Ends everything active; what to say about each thing ended. A suspended session flow stays (it would write the session). */
  async cancel(ctx: AdalContext): Promise<string[]> {
    const ended: string[] = [];
    const flow = ctx.session.flow;
    if (flow && !(await this.suspended(ctx, flow))) {
      // A kind no handler knows (a session saved by another version) is named generically.
      const handler = this.handlers.get(flow.kind);
      delete ctx.session.flow;
      ended.push(handler?.cancelled ? await handler.cancelled(ctx, flow as never) : this.cancelledText(ctx, handler?.label(flow as never) ?? "flows.unknown"));
    }
    for (const key of await this.endExternals(ctx)) ended.push(this.cancelledText(ctx, key));
    return ended;
  }

  private cancelledText(ctx: AdalContext, key: TranslationKey): string {
    return ctx.t("flows.cancelled", { what: ctx.t(key) });
  }

  /** With nothing active: what the idle notes have to say, else "nothing to cancel". */
  private async idle(ctx: AdalContext): Promise<string> {
    const notes: string[] = [];
    for (const note of this.idleNotes) {
      const text = await note(ctx);
      if (text) notes.push(text);
    }
    return notes.length ? notes.join("\n") : ctx.t("flows.nothingToCancel");
  }

  /** /cancel: ends whatever is active and says what it ended. */
  installCancel(router: Router): void {
    router.command({ name: "cancel", access: "anyone", descriptionKey: "commands.cancel" }, async (ctx) => {
      const ended = await this.cancel(ctx);
      const text = ended.length ? ended.join("\n") : await this.idle(ctx);
      await ctx.reply(text, { reply_markup: { remove_keyboard: true } });
    });
  }

  middleware(): MiddlewareFn<AdalContext> {
    return on("message", async (ctx, next) => {
      if (ctx.message.text?.startsWith("/")) return next();
      const flow = ctx.session.flow;
      const handler = flow && this.handlers.get(flow.kind);
      const toExternals = () => this.external(ctx, 0, next) as Promise<void>;
      if (!flow || !handler) return toExternals();
      // Suspended by an external flow begun on top of it: the external flow first.
      if (await this.suspended(ctx, flow)) return this.external(ctx, 0, () => handler.onMessage(ctx, flow as never, next) as Promise<void>);
      return handler.onMessage(ctx, flow as never, toExternals);
    });
  }

  private async external(ctx: MessageContext, i: number, next: NextFunction): Promise<unknown> {
    const flow = this.externals[i];
    if (!flow) return next();
    return flow.onMessage(ctx, () => this.external(ctx, i + 1, next) as Promise<void>);
  }

  private async endExternals(ctx: AdalContext, except?: string): Promise<TranslationKey[]> {
    const ended: TranslationKey[] = [];
    for (const flow of this.externals) {
      if (flow.id === except) continue;
      const key = await flow.end(ctx);
      if (key) ended.push(key);
    }
    return ended;
  }
}
