import type { MiddlewareFn } from "grammy";
import { botStateRowKey, botStateStore, decryptState } from "../db/repositories/bot-state.js";
import type { AdalContext, BotDeps, SessionData } from "./context.js";

/** The session row's key for a chat key: read by the context middleware together with the user. */
export function sessionRowKey(chatKey: string): string {
  return botStateRowKey("session", chatKey);
}

/** The chat's session row (still encrypted; null: none) as read with the user, for sessionMiddleware. */
const prefetched = new WeakMap<object, string | null>();

export function prefetchSession(ctx: AdalContext, value: string | null): void {
  prefetched.set(ctx, value);
}

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
    // Read with the user in the same round trip (middleware/context.ts); decrypted when first used.
    const row = prefetched.has(ctx) ? prefetched.get(ctx)! : undefined;
    const fetched = row === undefined ? await store.read(key) : undefined;
    const exists = row === undefined ? fetched !== undefined : row !== null;
    let session: SessionData | undefined;
    let before: string | undefined;
    const load = (): SessionData => {
      const saved = row === undefined ? fetched : row === null ? undefined : decryptState<SessionData>(deps.keyring, row);
      // Only the flow slot is read back: a session saved before there was one slot carries the
      // old per-feature slots, whose input is dropped at the next change (or by housekeeping).
      session = saved?.flow ? { flow: saved.flow } : {};
      before = JSON.stringify(session);
      return session;
    };
    Object.defineProperty(ctx, "session", {
      configurable: true,
      enumerable: true,
      get: () => session ?? load(),
      set: (value: SessionData | undefined) => {
        if (before === undefined) load();
        session = value ?? {};
      },
    });
    // No catch: nothing is written back when the update fails (as grammY's session() does).
    await next();
    if (before === undefined) return;
    const after = JSON.stringify(session ?? {});
    if (after === before) return;
    if (after === "{}") {
      if (exists) await store.delete(key);
      return;
    }
    await store.write(key, JSON.parse(after) as SessionData);
  };
}
