// What the background jobs hand to the bot to send: plain data, no grammY. A job decides who
// is told what (and records it); the bot renders the text and buttons in the person's language
// and sends it (notifications/index.ts).
//
// Each feature adds its kinds by declaration merging, next to its renderer:
//   declare module "../../notifications/types.js" { interface NotificationKinds { taskReminder: TaskReminderNotice } }
import type { Lang } from "../../domain/lang.js";

export interface NotificationKinds {}

export type NotificationKind = keyof NotificationKinds;
export type Notification = NotificationKinds[NotificationKind];

/** Every notification names its kind, the chat it goes to and the language to render it in. */
export interface NotificationBase<K extends PropertyKey> {
  kind: K;
  chatId: number;
  lang: Lang;
}

/** sent; blocked: the person blocked the bot or the chat is gone; failed: try again later. */
export type DeliveryOutcome = "sent" | "blocked" | "failed";

/** Sends notifications; the jobs see only this. */
export interface Notifier {
  send(notification: Notification): Promise<DeliveryOutcome>;
}
