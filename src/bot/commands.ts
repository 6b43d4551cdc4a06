// Telegram's command menu per language and per role: everyone sees the public commands in
// their language; registered users get a chat-scoped list with what their role allows.
import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import { LANGUAGES, type Lang, isLang } from "../domain/lang.js";
import { registeredUsersInRoles, type UserRecord } from "../db/repositories/users.js";
import { can } from "../domain/roles.js";
import type { Logger } from "../logger.js";
import type { BotDeps } from "./context.js";
import type { CommandSpec, Router } from "./router.js";

function visibleTo(spec: CommandSpec, user: UserRecord | null): boolean {
  if (spec.hidden) return false;
  if (spec.access === "anyone") return true;
  if (!user) return false;
  if (spec.access === "registered") return true;
  return can(user.role, spec.access);
}

export function commandsFor(router: Router, deps: BotDeps, lang: Lang, user: UserRecord | null): BotCommand[] {
  const t = deps.i18n.t(lang);
  return router.commands.filter((c) => visibleTo(c, user)).map((c) => ({ command: c.name, description: t(c.descriptionKey).slice(0, 256) }));
}

const sameCommands = (a: BotCommand[], b: BotCommand[]) => a.length === b.length && a.every((c, i) => c.command === b[i]!.command && c.description === b[i]!.description);

/** Default lists for people the bot does not know yet, one per language; set only where Telegram's differ. */
export async function syncDefaultCommands(api: Api, router: Router, deps: BotDeps, defaultLang: Lang): Promise<void> {
  const targets: Array<{ lang: Lang; code?: Lang }> = [{ lang: defaultLang }, ...LANGUAGES.map((lang) => ({ lang, code: lang }))];
  for (const { lang, code } of targets) {
    const other = code ? { language_code: code } : {};
    const commands = commandsFor(router, deps, lang, null);
    if (!sameCommands(await api.getMyCommands(other), commands)) await api.setMyCommands(commands, other);
  }
}

/** The chat-scoped list of one registered user, in their language. */
export async function syncUserCommands(api: Api, router: Router, user: UserRecord, deps: BotDeps): Promise<void> {
  if (user.telegramId === null) return;
  const lang = isLang(user.language) ? user.language : "kk";
  await api.setMyCommands(commandsFor(router, deps, lang, user), { scope: { type: "chat", chat_id: Number(user.telegramId) } });
}

/** At start: chat-scoped lists for everyone whose role adds commands. */
export async function syncPrivilegedCommands(api: Api, router: Router, deps: BotDeps): Promise<number> {
  const users = await registeredUsersInRoles(deps.db.prisma, ["compliance", "officer", "observer"]);
  for (const user of users) await syncUserCommands(api, router, user, deps);
  return users.length;
}

/**
 * Waits for a command-menu sync and logs its failure (without chat ids) instead of failing:
 * the menu is a convenience, and a registration or import must not fail because of it.
 */
export async function logCommandsFailure(logger: Logger, sync: Promise<unknown>): Promise<void> {
  try {
    await sync;
  } catch (error) {
    logger.warn({ event: "set_commands_failed", message: (error as Error)?.message }, "setMyCommands failed");
  }
}

/** syncUserCommands whose failure is logged, not thrown: what handlers call after a change of role or language. */
export function syncUserCommandsLogged(api: Api, router: Router, user: UserRecord, deps: BotDeps): Promise<void> {
  return logCommandsFailure(deps.logger, syncUserCommands(api, router, user, deps));
}
