// Composer.on without its per-update cost. grammY's on/command/filter go through branch and
// lazy, which build a new Composer (and its closures) for every update each filter sees: with
// every command a filter of its own, that was a fifth of the allocations of a survey answer.
// Here the filter query is compiled once (grammY's own matchFilter) and tested per update.
import { matchFilter, type Filter, type FilterQuery, type MiddlewareFn, type NextFunction } from "grammy";
import type { AdalContext } from "../context.js";

/** Runs `handler` for updates matching `query` (as `composer.on(query, handler)`); others go on. */
export function on<Q extends FilterQuery>(query: Q | Q[], handler: (ctx: Filter<AdalContext, Q>, next: NextFunction) => unknown): MiddlewareFn<AdalContext> {
  const matches = matchFilter(query);
  return async (ctx, next) => {
    if (matches(ctx)) await handler(ctx as Filter<AdalContext, Q>, next);
    else await next();
  };
}
