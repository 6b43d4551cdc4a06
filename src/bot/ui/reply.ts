// Replies longer than one Telegram message: one splitter, one multi-part reply.
import type { InlineKeyboard } from "grammy";
import type { AdalContext } from "../context.js";
import { HTML } from "./html.js";

/** Telegram's hard limit for one text message. */
export const MAX_MESSAGE_LENGTH = 4096;

/**
 * A line of HTML cut to `length` characters: never inside an entity («&amp;» cut to «&am») or a
 * tag, and the tags left open closed, so Telegram can still parse the part.
 */
function cutHtml(line: string, length: number): string {
  const cut = line.slice(0, length).replace(/&[#a-zA-Z0-9]*$/, "").replace(/<[^>]*$/, "");
  const open: string[] = [];
  for (const [, closing, name] of cut.matchAll(/<(\/?)([a-zA-Z-]+)[^>]*>/g)) {
    if (!closing) open.push(name!);
    else if (open.at(-1) === name) open.pop();
  }
  return cut + open.reverse().map((name) => `</${name}>`).join("");
}

/** cutHtml no longer than `max` with the closing tags it adds. */
function cutHtmlWithin(line: string, max: number): string {
  let length = max;
  let cut = cutHtml(line, length);
  while (cut.length > max) cut = cutHtml(line, (length -= cut.length - max));
  return cut;
}

/** Splits long text on line breaks so each part fits in one message (`html`: a cut line stays valid HTML). */
export function splitMessage(text: string, limit = MAX_MESSAGE_LENGTH - 96, html = false): string[] {
  const parts: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const piece = line.length <= limit ? line : `${html ? cutHtmlWithin(line, limit - 1) : line.slice(0, limit - 1)}…`;
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
  const parts = splitMessage(text, undefined, options.html);
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    await ctx.reply(part, { ...(options.html ? HTML : {}), ...(last && options.keyboard ? { reply_markup: options.keyboard } : {}) });
  }
}
