// Central registry of commands and inline buttons. Every entry declares who may use it;
// the router checks that before any handler runs, so no handler can forget it. Tests walk
// the registry and try every entry as a user without the right.
import { Composer, type Context, type Middleware, type MiddlewareFn } from "grammy";
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

/**
 * The command a message starts with, as grammY's `command()` filter reads it: a bot_command
 * entity at offset 0 of a message's (or channel post's) text, `/name` or `/name@thisbot`
 * (another bot's name: no command for us); `match` is the rest of the text.
 */
export function commandOf(ctx: Context): { name: string; match: string } | null {
  const msg = ctx.message ?? ctx.channelPost;
  const text = msg?.text;
  const entity = msg?.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (text === undefined || !entity) return null;
  const cmd = text.substring(1, entity.length);
  const match = text.substring(cmd.length + 1).trimStart();
  const at = cmd.indexOf("@");
  if (at === -1) return { name: cmd, match };
  if (cmd.substring(at + 1).toLowerCase() !== ctx.me.username.toLowerCase()) return null;
  return { name: cmd.substring(0, at), match };
}

export class Router {
  readonly commands: CommandSpec[] = [];
  readonly buttons: ButtonSpec<readonly (string | number)[]>[] = [];
  // One lookup per update, not one grammY filter per command (each filter costs a Composer per update: middleware/on.ts).
  private readonly commandHandlers = new Map<string, { spec: CommandSpec; handler: MiddlewareFn<AdalContext> }>();
  private readonly buttonHandlers = new Map<string, { spec: ButtonSpec<readonly (string | number)[]>; handler: (ctx: AdalContext, args: readonly (string | number)[]) => unknown }>();

  command(spec: CommandSpec, ...handlers: Middleware<AdalContext>[]): void {
    if (this.commands.some((c) => c.name === spec.name)) throw new Error(`command /${spec.name} defined twice`);
    if (!/^[a-z0-9_]{1,32}$/.test(spec.name)) throw new Error(`bad command name ${spec.name}`);
    this.commands.push(spec);
    this.commandHandlers.set(spec.name, { spec, handler: new Composer<AdalContext>(...handlers).middleware() });
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
  middleware(): MiddlewareFn<AdalContext> {
    return async (ctx, next) => {
      const command = commandOf(ctx);
      const commandEntry = command && this.commandHandlers.get(command.name);
      if (commandEntry) {
        ctx.match = command.match;
        if (!hasAccess(ctx, commandEntry.spec.access)) return denied(ctx, commandEntry.spec.access);
        return commandEntry.handler(ctx, next);
      }
      const data = ctx.callbackQuery?.data;
      if (data === undefined) return next();
      const [id, ...rest] = data.split(":");
      const entry = this.buttonHandlers.get(id ?? "");
      if (!entry) return staleButton(ctx);
      if (!hasAccess(ctx, entry.spec.access)) return denied(ctx, entry.spec.access);
      const parsed = entry.spec.args.safeParse(rest);
      if (!parsed.success) return staleButton(ctx);
      await entry.handler(ctx, parsed.data);
    };
  }
}

export async function denied(ctx: AdalContext, access: Access): Promise<void> {
  ctx.deps.logger.warn({ event: "access_denied", access, userId: ctx.user?.id ?? null }, "access denied");
  const text = ctx.user ? ctx.t("common.notAllowed") : ctx.t("common.registerFirst");
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
  else await ctx.reply(text);
}
