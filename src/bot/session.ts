import type { MiddlewareFn } from "grammy";
import { botStateStore } from "../db/repositories/bot-state.js";
import type { AdalContext, BotDeps, SessionData } from "./context.js";

/**
 * Sessions are keyed by a keyed hash of the chat id and encrypted (see bot-state.ts): a flow
 * in progress holds what the user typed.
 *
 * A session is written back only when its content changed. grammY's session() writes it after
 * every update that read it, and the flow dispatcher reads it on every message, so every
 * reporter's message (a report typed step by step, a /case follow-up, an opt-in) would rewrite
 * the chat's BotState row: its `updatedAt`, and on PostgreSQL its transaction id, would then
 * sit next to the Report insert, and a holder of the key can compute whose row it is. Here the
 * serialized value after the update is compared with the one read: unchanged, nothing is
 * written; empty (`{}`), the row is deleted if there was one, and none is created. The reporter's
 * paths never change the session (see flow/dispatcher.ts, beginExternal), so they never write it.
 */
export function sessionMiddleware(deps: BotDeps): MiddlewareFn<AdalContext> {
  const store = botStateStore<SessionData>(deps.db.prisma, deps.keyring, "session");
  return async (ctx, next) => {
    const key = ctx.chatKey;
    if (!key) {
      // No chat (nothing of ours arrives without one in a private chat): a session for this update only.
      ctx.session = {};
      return next();
    }
    const saved = await store.read(key);
    // Only the flow slot is read back: a session saved before there was one slot carries the
    // old per-feature slots, whose input is dropped at the next change (or by housekeeping).
    const session: SessionData = saved?.flow ? { flow: saved.flow } : {};
    const before = JSON.stringify(session);
    ctx.session = session;
    // No catch: nothing is written back when the update fails (as grammY's session() does).
    await next();
    const after = JSON.stringify(ctx.session ?? {});
    if (after === before) return;
    if (after === "{}") {
      if (saved !== undefined) await store.delete(key);
      return;
    }
    await store.write(key, JSON.parse(after) as SessionData);
  };
}
