import type { Context, SessionFlavor } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Config } from "../config.js";
import type { Lang } from "../domain/lang.js";
import type { Database } from "../db/client.js";
import type { UserRecord } from "../db/repositories/users.js";
import type { Keyring } from "../domain/crypto.js";
import type { I18n, TFunction } from "../i18n.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { Flow } from "./flow/types.js";
import type { WorkCalendar } from "../domain/calendar/work-calendar.js";
import type { Notifier } from "../domain/notifications.js";
import type { InteractiveLoad } from "./notifications/pacer.js";

export interface SessionData {
  /** The multi-step input this chat is in (flow/types.ts); one at a time. */
  flow?: Flow;
}

export interface BotDeps {
  db: Database;
  keyring: Keyring;
  i18n: I18n;
  logger: Logger;
  metrics: Metrics;
  /** Working days of Kazakhstan (reminders, deadlines). */
  calendar: WorkCalendar;
  /** Injectable clock for tests. */
  now: () => Date;
  /** Where messages the bot sends on its own are queued (services/outbox.ts). */
  outbox: Notifier;
}

interface AdalFlavor {
  deps: BotDeps;
  config: Config;
  /** Language of this update's user; fixed for the whole update. */
  lang: Lang;
  t: TFunction;
  /** The roster entry bound to this Telegram account, if any. */
  user: UserRecord | null;
  /** Keyed hash of the chat id: lets us store per-chat data without the id. */
  chatKey: string | null;
}

export type AdalContext = Context & AdalFlavor & SessionFlavor<SessionData>;

/** Calls from the bot into the layers above it (main.ts binds them to the jobs). */
export interface BotHooks {
  /** A campaign opened: invitations go out without waiting for the next tick. */
  campaignOpened(campaignId: number): void;
}

export interface CreateBotDeps extends BotDeps {
  hooks?: BotHooks;
  botInfo?: UserFromGetMe;
  /** Test hook: where Bot API requests go instead of the network (grammY's client option). */
  fetch?: typeof fetch;
  /** Interactive sends of this instance, charged to the shared pacer by the outbox sender. */
  load?: InteractiveLoad;
}
