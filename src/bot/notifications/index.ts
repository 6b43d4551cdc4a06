// The one module through which the bot sends messages on its own: each kind's renderer is
// registered by the feature that owns it; messages are queued in the outbox (services/outbox.ts)
// and sent by the outbox sender (sender.ts) under the one pacer shared by every instance.
import type { Api, InlineKeyboard } from "grammy";
import type { I18n, TFunction } from "../../i18n.js";
import { HTML } from "../ui/html.js";
import type { Notification, NotificationBase, NotificationKind, NotificationKinds, Notifier, QueuedNotification } from "../../domain/notifications.js";

export interface RenderedNotification {
  text: string;
  /** The text is HTML (every inserted value escaped). */
  html?: boolean;
  keyboard?: InlineKeyboard;
}

export type NotificationRenderer<K extends NotificationKind> = (notification: NotificationKinds[K], t: TFunction) => RenderedNotification;

export class Notifications {
  private readonly renderers = new Map<NotificationKind, NotificationRenderer<NotificationKind>>();

  constructor(
    private readonly outbox: Notifier,
    private readonly i18n: I18n,
  ) {}

  register<K extends NotificationKind>(kind: K, renderer: NotificationRenderer<K>): void {
    if (this.renderers.has(kind)) throw new Error(`notification ${String(kind)} registered twice`);
    this.renderers.set(kind, renderer as unknown as NotificationRenderer<NotificationKind>);
  }

  /** Queues messages in the outbox (inside the caller's transaction when given). */
  queue(items: readonly (Notification | QueuedNotification)[], tx?: unknown): Promise<void> {
    return this.outbox.queue(items, tx);
  }

  /** The text and options of one notification, in its language. */
  render(notification: Notification): { text: string; other: Parameters<Api["sendMessage"]>[2] } {
    const n = notification as unknown as NotificationBase<NotificationKind>;
    const render = this.renderers.get(n.kind);
    if (!render) throw new Error(`no renderer for notification ${String(n.kind)}`);
    const message = render(n as never, this.i18n.t(n.lang));
    return { text: message.text, other: { ...(message.html ? HTML : {}), ...(message.keyboard ? { reply_markup: message.keyboard } : {}) } };
  }
}
