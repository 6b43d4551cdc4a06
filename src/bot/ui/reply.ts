// Replies longer than one Telegram message: one splitter, one multi-part reply.
import type { InlineKeyboard } from "grammy";
import type { AdalContext } from "../context.js";
import { HTML } from "./html.js";

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

export interface PartsOptions {
  /** Buttons under the last part. */
  keyboard?: InlineKeyboard;
  /** The text is HTML (escaped where it carries user input). */
  html?: boolean;
}

/** Sends text in as many messages as it needs, the keyboard under the last one. */
export async function replyInParts(ctx: AdalContext, text: string, options: PartsOptions = {}): Promise<void> {
  const parts = splitMessage(text);
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    await ctx.reply(part, { ...(options.html ? HTML : {}), ...(last && options.keyboard ? { reply_markup: options.keyboard } : {}) });
  }
}
