// The one module that renders and sends what the jobs decided to send (types.ts), paced under
// Telegram's limits by one pacer for all of them.
import { GrammyError, type Api, type InlineKeyboard } from "grammy";
import type { I18n, TFunction } from "../../i18n.js";
import { HTML } from "../ui/html.js";
import { Pacer } from "./pacer.js";
import type { DeliveryOutcome, Notification, NotificationBase, NotificationKind, NotificationKinds, Notifier } from "../../domain/notifications.js";

export interface RenderedNotification {
  text: string;
  /** The text is HTML (every inserted value escaped). */
  html?: boolean;
  keyboard?: InlineKeyboard;
}

export type NotificationRenderer<K extends NotificationKind> = (notification: NotificationKinds[K], t: TFunction) => RenderedNotification;

export class Notifications implements Notifier {
  private readonly renderers = new Map<NotificationKind, NotificationRenderer<NotificationKind>>();

  constructor(
    private readonly api: Api,
    private readonly i18n: I18n,
    private readonly pacer: Pacer = new Pacer(),
  ) {}

  register<K extends NotificationKind>(kind: K, renderer: NotificationRenderer<K>): void {
    if (this.renderers.has(kind)) throw new Error(`notification ${String(kind)} registered twice`);
    this.renderers.set(kind, renderer as unknown as NotificationRenderer<NotificationKind>);
  }

  /** Renders one notification and sends it; a user who blocked the bot or deleted the account is "blocked". */
  async send(notification: Notification): Promise<DeliveryOutcome> {
    const n = notification as unknown as NotificationBase<NotificationKind>;
    const render = this.renderers.get(n.kind);
    if (!render) throw new Error(`no renderer for notification ${String(n.kind)}`);
    const message = render(n as never, this.i18n.t(n.lang));
    return deliver(this.api, this.pacer, n.chatId, message.text, { ...(message.html ? HTML : {}), ...(message.keyboard ? { reply_markup: message.keyboard } : {}) });
  }
}

/** Sends one message, paced; a user who blocked the bot or deleted the account is "blocked". */
export async function deliver(api: Api, pacer: Pacer, chatId: number, text: string, other?: Parameters<Api["sendMessage"]>[2]): Promise<DeliveryOutcome> {
  await pacer.wait(chatId);
  try {
    await api.sendMessage(chatId, text, other);
    return "sent";
  } catch (error) {
    if (error instanceof GrammyError && (error.error_code === 403 || (error.error_code === 400 && /chat not found/i.test(error.description)))) return "blocked";
    return "failed";
  }
}
