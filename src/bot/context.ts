import type { Context, SessionFlavor } from "grammy";
import type { ConversationFlavor } from "@grammyjs/conversations";
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

export interface SessionData {
  /** The multi-step input this chat is in (flow/types.ts); one at a time. */
  flow?: Flow;
  /** A file the user was asked to send next (e.g. the roster after /import). */
  pendingUpload?: { kind: "roster" | "survey"; since: number };
  /** A validated roster file waiting for the officer's confirmation. */
  pendingRoster?: { fileId: string; fileName: string; mimeType?: string; nonce: string };
  /** The next text message is a search for the person to invite. */
  pendingInviteSearch?: boolean;
  /** Campaign whose questionnaire this chat is answering (typed answers go there). */
  activeSurvey?: number;
  /** A campaign being set up by a compliance officer. */
  campaignDraft?: CampaignDraft;
  /** A case handler's next text: a reply to the reporter, an internal note, or an extension (date, then reason). */
  caseInput?: { kind: "reply" | "note" | "extendDate" | "extendReason"; reportId: number; nonce: string; since: number; date?: string };
}

export interface CampaignDraft {
  definitionId?: number;
  mode?: "anonymous" | "attributed";
  audience?: { kind: "all" } | { kind: "departments"; ids: number[] } | { kind: "roles"; roles: ("employee" | "officer" | "compliance" | "observer")[] };
  opensOn?: string;
  closesOn?: string;
  /** Waiting for the dates typed as text. */
  awaitingDates?: boolean;
  nonce: string;
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

export type BaseContext = Context & AdalFlavor & SessionFlavor<SessionData>;
export type AdalContext = ConversationFlavor<BaseContext>;
/** Context inside conversations: plain grammY context (plugins there are installed per conversation). */
export type ConvContext = Context;

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
}
