// pino logger. Rule: log ids of our own records and event names, never message contents,
// names, phones or Telegram identifiers (anonymity is tested against captured logs).
import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: "adal" },
      // Defence in depth: should a field like these slip into a log call, it is removed.
      redact: {
        paths: ["*.text", "*.caption", "*.phone", "*.phone_number", "*.first_name", "*.last_name", "*.username", "*.from", "*.chat", "*.token", "*.botToken", "*.encryptionKey", "*.encryptionKeys", "*.password"],
        remove: true,
      },
    },
    destination ?? pino.destination(1),
  );
}
