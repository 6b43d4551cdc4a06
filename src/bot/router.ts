// Central registry of commands and inline buttons. Every entry declares who may use it;
// the router checks that before any handler runs, so no handler can forget it. Tests walk
// the registry and try every entry as a user without the right.
import { Composer, type Middleware } from "grammy";
import type { z } from "zod";
import { can, type Capability } from "../domain/roles.js";
import type { TranslationKey } from "../i18n.js";
import type { AdalContext } from "./context.js";
import { staleButton } from "./ui/stale.js";

/** "anyone": also people outside the roster (anonymous reporters); "registered": any employee. */
export type Access = "anyone" | "registered" | Capability;

export function hasAccess(ctx: AdalContext, access: Access): boolean {
  if (access === "anyone") return true;
  const user = ctx.user;
  if (!user || !user.active || user.telegramId === null) return false;
  if (access === "registered") return true;
  return can(user.role, access);
}

export interface CommandSpec {
  name: string;
  access: Access;
  /** i18n key of the short description shown in Telegram's command menu and /help. */
  descriptionKey: TranslationKey;
  /** Hidden commands work but are not advertised (e.g. /setup). */
  hidden?: boolean;
}

export interface ButtonSpec<A> {
  /** Short prefix before ":" in callback_data; unique. */
  id: string;
  access: Access;
  args: z.ZodType<A>;
  encode(args: A): string;
}

const MAX_CALLBACK_BYTES = 64;

export function button<A extends readonly (string | number)[]>(id: string, access: Access, args: z.ZodType<A>): ButtonSpec<A> {
  if (!/^[a-z][a-z0-9.]*$/.test(id)) throw new Error(`bad button id ${id}`);
  return {
    id,
    access,
    args,
    encode(values) {
      const data = [id, ...values.map(String)].join(":");
      if (Buffer.byteLength(data) > MAX_CALLBACK_BYTES) throw new Error(`callback data too long: ${data}`);
      return data;
    },
  };
}

export class Router {
  readonly commands: CommandSpec[] = [];
  readonly buttons: ButtonSpec<readonly (string | number)[]>[] = [];
  private readonly composer = new Composer<AdalContext>();
  private readonly buttonHandlers = new Map<string, { spec: ButtonSpec<readonly (string | number)[]>; handler: (ctx: AdalContext, args: readonly (string | number)[]) => unknown }>();

  command(spec: CommandSpec, ...handlers: Middleware<AdalContext>[]): void {
    if (this.commands.some((c) => c.name === spec.name)) throw new Error(`command /${spec.name} defined twice`);
    this.commands.push(spec);
    this.composer.command(spec.name, async (ctx, next) => {
      if (!hasAccess(ctx, spec.access)) return denied(ctx, spec.access);
      await new Composer<AdalContext>(...handlers).middleware()(ctx, next);
    });
  }

  button<A extends readonly (string | number)[]>(spec: ButtonSpec<A>, handler: (ctx: AdalContext, args: A) => unknown): void {
    if (this.buttonHandlers.has(spec.id)) throw new Error(`button ${spec.id} defined twice`);
    this.buttons.push(spec as unknown as ButtonSpec<readonly (string | number)[]>);
    this.buttonHandlers.set(spec.id, {
      spec: spec as unknown as ButtonSpec<readonly (string | number)[]>,
      handler: handler as (ctx: AdalContext, args: readonly (string | number)[]) => unknown,
    });
  }

  /** Commands run first; then buttons; unknown or forged callback data is answered, never ignored. */
  middleware(): Middleware<AdalContext> {
    const buttons = new Composer<AdalContext>();
    buttons.on("callback_query:data", async (ctx) => {
      const [id, ...rest] = ctx.callbackQuery.data.split(":");
      const entry = this.buttonHandlers.get(id ?? "");
      if (!entry) return staleButton(ctx);
      if (!hasAccess(ctx, entry.spec.access)) return denied(ctx, entry.spec.access);
      const parsed = entry.spec.args.safeParse(rest);
      if (!parsed.success) return staleButton(ctx);
      await entry.handler(ctx, parsed.data);
    });
    return new Composer<AdalContext>(this.composer, buttons).middleware();
  }
}

export async function denied(ctx: AdalContext, access: Access): Promise<void> {
  ctx.deps.logger.warn({ event: "access_denied", access, userId: ctx.user?.id ?? null }, "access denied");
  const text = ctx.user ? ctx.t("common.notAllowed") : ctx.t("common.registerFirst");
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
  else await ctx.reply(text);
}
