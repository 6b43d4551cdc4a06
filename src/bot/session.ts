import { session, type MiddlewareFn } from "grammy";
import { botStateStore } from "../db/repositories/bot-state.js";
import type { AdalContext, BotDeps, SessionData } from "./context.js";

/**
 * Sessions are keyed by a keyed hash of the chat id and encrypted (see bot-state.ts): a flow
 * in progress holds what the user typed.
 */
export function sessionMiddleware(deps: BotDeps): MiddlewareFn<AdalContext> {
  const store = botStateStore<SessionData>(deps.db.prisma, deps.keyring, "session");
  return session<SessionData, AdalContext>({
    initial: () => ({}),
    getSessionKey: (ctx) => ctx.chatKey ?? undefined,
    storage: {
      ...store,
      // Only the flow slot is read back: a session saved before there was one slot carries the
      // old per-feature slots, whose input is dropped rather than kept in storage forever.
      async read(key) {
        const saved = await store.read(key);
        return saved && (saved.flow ? { flow: saved.flow } : {});
      },
    },
  });
}
