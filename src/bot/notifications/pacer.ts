// Bulk sending under Telegram's limits: about 30 messages per second overall and one per
// second per chat. Calls are spaced by this pacer; a 429 that still happens is retried by
// @grammyjs/auto-retry (installed on the Api) honouring retry_after.

export interface PacerOptions {
  perSecond: number;
  perChatIntervalMs: number;
}

export const TELEGRAM_LIMITS: PacerOptions = { perSecond: 25, perChatIntervalMs: 1_050 };

export class Pacer {
  private nextGlobal = 0;
  private readonly nextPerChat = new Map<number, number>();

  constructor(
    private readonly options: PacerOptions = TELEGRAM_LIMITS,
    private readonly clock: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when a message to `chatId` may be sent. */
  async wait(chatId: number): Promise<void> {
    const now = this.clock();
    const slot = Math.max(now, this.nextGlobal, this.nextPerChat.get(chatId) ?? 0);
    this.nextGlobal = slot + 1000 / this.options.perSecond;
    this.nextPerChat.set(chatId, slot + this.options.perChatIntervalMs);
    if (this.nextPerChat.size > 10_000) this.prune(now);
    if (slot > now) await this.sleep(slot - now);
  }

  private prune(now: number): void {
    for (const [chat, at] of this.nextPerChat) if (at < now) this.nextPerChat.delete(chat);
  }
}
