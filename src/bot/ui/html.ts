/** Escapes text for Telegram's HTML parse mode. Every user- or file-supplied string goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The one place the parse mode is named: texts with markup are sent `{ ...HTML, … }`. */
export const HTML = { parse_mode: "HTML" } as const;
