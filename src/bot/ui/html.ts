/** Escapes text for Telegram's HTML parse mode. Every user- or file-supplied string goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Telegram's hard limit for one text message. */
export const MAX_MESSAGE_LENGTH = 4096;

/** Splits long text on line breaks so each part fits in one message. */
export function splitMessage(text: string, limit = MAX_MESSAGE_LENGTH - 96): string[] {
  const parts: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const piece = line.length > limit ? line.slice(0, limit - 1) + "…" : line;
    if (current && current.length + 1 + piece.length > limit) {
      parts.push(current);
      current = piece;
    } else current = current ? `${current}\n${piece}` : piece;
  }
  if (current) parts.push(current);
  return parts;
}
