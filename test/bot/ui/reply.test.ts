// The one splitter for long replies and the multi-part reply built on it (src/bot/ui/reply.ts).
import { InlineKeyboard } from "grammy";
import { describe, expect, it } from "vitest";
import type { AdalContext } from "../../../src/bot/context.js";
import { MAX_MESSAGE_LENGTH, replyInParts, splitMessage } from "../../../src/bot/ui/reply.js";

const DEFAULT_LIMIT = MAX_MESSAGE_LENGTH - 96;
const line = (char: string, length: number) => char.repeat(length);

describe("splitMessage", () => {
  it("keeps a text that fits in one part, line breaks and empty lines included", () => {
    expect(splitMessage("one")).toEqual(["one"]);
    expect(splitMessage("one\n\ntwo\nthree")).toEqual(["one\n\ntwo\nthree"]);
    expect(splitMessage(line("a", DEFAULT_LIMIT))).toEqual([line("a", DEFAULT_LIMIT)]);
  });

  it("leaves room under Telegram's limit by default", () => {
    expect(DEFAULT_LIMIT).toBe(4000);
    expect(MAX_MESSAGE_LENGTH).toBe(4096);
  });

  it("splits between lines, never inside a line that fits, each part within the limit", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `${i}. ${line("x", 20 + (i % 37))}`);
    const text = lines.join("\n");
    const parts = splitMessage(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(DEFAULT_LIMIT);
    expect(parts.join("\n")).toBe(text);
    expect(parts.flatMap((p) => p.split("\n"))).toEqual(lines);
  });

  it("fills a part up to the limit exactly: the joining line break counts", () => {
    expect(splitMessage(`${line("a", 4)}\n${line("b", 5)}`, 10)).toEqual(["aaaa\nbbbbb"]);
    expect(splitMessage(`${line("a", 4)}\n${line("b", 6)}`, 10)).toEqual(["aaaa", "bbbbbb"]);
  });

  it("cuts a line longer than the limit, marking the cut with an ellipsis", () => {
    const parts = splitMessage(`short\n${line("z", 25)}\nend`, 10);
    expect(parts).toEqual(["short", "zzzzzzzzz…", "end"]);
    expect(parts[1]).toHaveLength(10);
    expect(splitMessage(line("y", DEFAULT_LIMIT + 1))).toEqual([line("y", DEFAULT_LIMIT - 1) + "…"]);
  });

  it("cuts a long HTML line outside its entities and tags and closes what it left open (Telegram refuses «&am» or an open <b>)", () => {
    // An escaped line of a figure's texts (300 «&» a field) is longer than a message.
    const escaped = `<b>Өзге</b>, 2023: ${"&amp;".repeat(900)}`;
    const [part] = splitMessage(escaped, DEFAULT_LIMIT, true);
    expect(part!.length).toBeLessThanOrEqual(DEFAULT_LIMIT);
    expect(part).toMatch(/^<b>Өзге<\/b>, 2023: (&amp;)+…$/);
    const [bold] = splitMessage(`<b>${"&lt;".repeat(30)}</b>`, 40, true);
    expect(bold).toMatch(/^<b>(&lt;)+<\/b>…$/);
    expect(bold!.length).toBeLessThanOrEqual(40);
    const [tag] = splitMessage(`${"x".repeat(36)}<a href="https://example.org">link</a>`, 40, true);
    expect(tag).toBe(`${"x".repeat(36)}…`);
  });

  it("gives no parts for an empty text", () => {
    expect(splitMessage("")).toEqual([]);
  });
});

describe("replyInParts", () => {
  function recordingContext() {
    const sent: Array<{ text: string; other: Record<string, unknown> }> = [];
    const ctx = {
      reply: async (text: string, other: Record<string, unknown> = {}) => {
        sent.push({ text, other });
        return { message_id: sent.length };
      },
    } as unknown as AdalContext;
    return { ctx, sent };
  }
  const long = Array.from({ length: 400 }, (_, i) => `line ${i} ${line("w", 30)}`).join("\n");

  it("sends every part in order, the keyboard under the last one only", async () => {
    const { ctx, sent } = recordingContext();
    const keyboard = new InlineKeyboard().text("OK", "ok:1");
    await replyInParts(ctx, long, { keyboard });
    expect(sent.map((s) => s.text)).toEqual(splitMessage(long));
    expect(sent.length).toBeGreaterThan(2);
    expect(sent.slice(0, -1).map((s) => s.other.reply_markup)).toEqual(sent.slice(0, -1).map(() => undefined));
    expect(sent.at(-1)!.other.reply_markup).toBe(keyboard);
  });

  it("sends every part as HTML when asked, and none otherwise", async () => {
    const html = recordingContext();
    await replyInParts(html.ctx, long, { html: true });
    expect(html.sent.map((s) => s.other)).toEqual(html.sent.map(() => ({ parse_mode: "HTML" })));
    const plain = recordingContext();
    await replyInParts(plain.ctx, long);
    expect(plain.sent.map((s) => s.other)).toEqual(plain.sent.map(() => ({})));
  });

  it("a short text is one message with both the keyboard and HTML", async () => {
    const { ctx, sent } = recordingContext();
    const keyboard = new InlineKeyboard().text("OK", "ok:1");
    await replyInParts(ctx, "<b>Hi</b>", { keyboard, html: true });
    expect(sent).toEqual([{ text: "<b>Hi</b>", other: { parse_mode: "HTML", reply_markup: keyboard } }]);
  });
});
