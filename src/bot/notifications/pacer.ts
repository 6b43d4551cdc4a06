// Telegram's limits on what a bot sends: about 30 messages a second in all and one a second
// to a chat. Every message the bot sends on its own goes through the outbox sender, whose
// slots come from one pacer in the database (SendPacer), shared by every job and instance.
// Replies to people's own messages and taps are not held back: they are counted here and
// charged to the pacer, so bulk messages make room for them (interactive replies go first).

export interface PacerOptions {
  /** Messages per second for all chats together. */
  perSecond: number;
  /** Gap between two messages to one chat. */
  perChatIntervalMs: number;
}

export const TELEGRAM_LIMITS: PacerOptions = { perSecond: 30, perChatIntervalMs: 1_050 };

/** Methods that put a message into a chat (what Telegram's limits count). */
export const MESSAGE_METHODS = new Set(["sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup", "sendVoice", "sendAudio", "sendVideo", "sendAnimation", "sendSticker", "copyMessage", "copyMessages", "forwardMessage", "forwardMessages", "sendContact", "sendLocation", "sendPoll"]);

/**
 * Interactive sends of this instance not yet charged to the shared pacer, and Telegram's 429s
 * seen on them (the sender pauses every instance for the retry_after).
 */
export class InteractiveLoad {
  private sends: number[] = [];
  private pauseUntil = 0;

  constructor(private readonly clock: () => number = () => Date.now()) {}

  /** An interactive message went out. */
  sent(): void {
    if (this.sends.length < 1_000) this.sends.push(this.clock());
  }

  /** Telegram answered 429 to an interactive message. */
  rateLimited(retryAfterSeconds: number): void {
    this.pauseUntil = Math.max(this.pauseUntil, this.clock() + retryAfterSeconds * 1000);
  }

  /** Sends of the last second not charged yet (older ones no longer weigh on the rate). */
  takeCharge(): number {
    const since = this.clock() - 1000;
    const n = this.sends.filter((t) => t >= since).length;
    this.sends = [];
    return n;
  }

  /** A pause to share with every instance, once. */
  takePause(): number {
    const until = this.pauseUntil;
    this.pauseUntil = 0;
    return until > this.clock() ? until : 0;
  }
}
