import { session, type MiddlewareFn } from "grammy";
import { botStateStore } from "../db/repositories/bot-state.js";
import type { AdalContext, BotDeps, SessionData } from "./context.js";

/**
 * Sessions are keyed by a keyed hash of the chat id and encrypted (see bot-state.ts): a flow
 * in progress holds what the user typed.
 */
export function sessionMiddleware(deps: BotDeps): MiddlewareFn<AdalContext> {
  return session<SessionData, AdalContext>({
    initial: () => ({}),
    getSessionKey: (ctx) => ctx.chatKey ?? undefined,
    storage: botStateStore<SessionData>(deps.db.prisma, deps.keyring, "session"),
  });
}
