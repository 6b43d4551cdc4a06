// Talking to the real app through the emulator, as a person would: do something, then wait
// for the bot's answer that matches (the e2e tests' shared vocabulary).
import type { BotApiEmulator, SentMessage, TgUser } from "./bot-api-emulator.js";

export type Match = (m: SentMessage) => boolean;

export interface Conversation {
  /** The bot's first message in the user's chat after `after` that matches. */
  next(user: TgUser, after: number, match?: Match, timeoutMs?: number): Promise<SentMessage>;
  /** Does something as `user` and waits for the bot's answer that matches; on a timeout, says what the bot did answer. */
  act(user: TgUser, action: () => Promise<unknown>, match?: Match): Promise<SentMessage>;
  /** A message whose text (or caption) matches. */
  has(re: RegExp): Match;
  /** A message with an inline button whose text matches. */
  withButton(re: RegExp): Match;
}

/** `emulator` is a getter: a test may restart the app on another emulator. */
export function conversation(emulator: () => BotApiEmulator): Conversation {
  const next: Conversation["next"] = (user, after, match = () => true, timeoutMs = 10_000) =>
    emulator().waitFor((m) => m.sentVia !== "user" && match(m), { chatId: user.id, after, timeoutMs });
  return {
    next,
    async act(user, action, match = () => true) {
      const mark = emulator().currentMessageId(user.id);
      await action();
      try {
        return await next(user, mark, match);
      } catch (error) {
        const said = emulator()
          .sentMessages(user.id)
          .filter((m) => m.message_id > mark)
          .map((m) => `${m.text ?? m.caption ?? ""} ${JSON.stringify(emulator().inlineButtons(m).map((b) => b.text))}`);
        throw new Error(`${(error as Error).message}; the bot said: ${said.join(" | ") || "nothing"}`);
      }
    },
    has: (re) => (m) => re.test(m.text ?? m.caption ?? ""),
    withButton: (re) => (m) => emulator().inlineButtons(m).some((b) => re.test(b.text)),
  };
}
