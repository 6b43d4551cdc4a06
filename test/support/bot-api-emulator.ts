/**
 * Local Telegram Bot API emulator for end-to-end tests.
 *
 * It speaks the real HTTP shape of https://api.telegram.org so the production
 * bot can be pointed at it with grammY's `client.apiRoot` option:
 *
 *   POST|GET {apiRoot}/bot<token>/<method>     JSON, urlencoded or multipart body
 *   GET      {apiRoot}/file/bot<token>/<path>  file download
 *
 * Simulated users produce updates (`sendText`, `clickButton`, `sendDocument`…),
 * which are delivered by long polling (`getUpdates`) or, after `setWebhook`,
 * POSTed to the webhook. Everything the bot does is recorded for assertions
 * (`calls`, `sentMessages`, `waitFor`…).
 *
 * Only Node built-ins are used. Note: Node 20's `Request#formData()` cannot
 * parse the multipart bodies grammY produces (`content-disposition:form-data;…`
 * without spaces, unquoted `filename=`), hence the small tolerant parser below.
 */
import http from "node:http";
import https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import type { UserFromGetMe } from "grammy/types";

// ---------------------------------------------------------------------------
// Wire types (the subset of the Bot API the emulator produces)
// ---------------------------------------------------------------------------

/** A simulated Telegram user as tests describe it. */
export interface TgUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** `User` as it appears on the wire. */
export interface TgWireUser extends TgUser {
  is_bot: boolean;
}

export interface TgChat {
  id: number;
  type: "private" | "group" | "supergroup" | "channel";
  first_name?: string;
  last_name?: string;
  username?: string;
  title?: string;
}

export interface TgMessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
}

export interface TgPhotoSize {
  file_id: string;
  file_unique_id: string;
  width: number;
  height: number;
  file_size?: number;
}

export interface TgDocument {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

export interface TgVoice {
  file_id: string;
  file_unique_id: string;
  duration: number;
  mime_type?: string;
  file_size?: number;
}

export interface TgAudio extends TgVoice {
  file_name?: string;
}

export interface TgVideo extends TgAudio {
  width: number;
  height: number;
}

export interface TgContact {
  phone_number: string;
  first_name: string;
  last_name?: string;
  user_id?: number;
}

export interface TgInlineKeyboardButton {
  text: string;
  callback_data?: string;
  url?: string;
  web_app?: { url: string };
  copy_text?: { text: string };
  switch_inline_query?: string;
  switch_inline_query_current_chat?: string;
}

export interface TgInlineKeyboardMarkup {
  inline_keyboard: TgInlineKeyboardButton[][];
}

export interface TgKeyboardButton {
  text: string;
  request_contact?: boolean;
  request_location?: boolean;
  web_app?: { url: string };
}

export interface TgReplyKeyboardMarkup {
  keyboard: (TgKeyboardButton | string)[][];
  is_persistent?: boolean;
  resize_keyboard?: boolean;
  one_time_keyboard?: boolean;
  input_field_placeholder?: string;
  selective?: boolean;
}

export interface TgReplyKeyboardRemove {
  remove_keyboard: true;
  selective?: boolean;
}

export interface TgForceReply {
  force_reply: true;
  input_field_placeholder?: string;
  selective?: boolean;
}

export type TgReplyMarkup = TgInlineKeyboardMarkup | TgReplyKeyboardMarkup | TgReplyKeyboardRemove | TgForceReply;

export interface TgMessageOrigin {
  type: "user";
  date: number;
  sender_user: TgWireUser;
}

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgWireUser;
  edit_date?: number;
  reply_to_message?: TgMessage;
  forward_origin?: TgMessageOrigin;
  text?: string;
  entities?: TgMessageEntity[];
  caption?: string;
  caption_entities?: TgMessageEntity[];
  /** The album a message belongs to (sendMediaGroup). */
  media_group_id?: string;
  document?: TgDocument;
  photo?: TgPhotoSize[];
  voice?: TgVoice;
  audio?: TgAudio;
  video?: TgVideo;
  contact?: TgContact;
  /** Telegram only echoes inline keyboards here; see `SentMessage.sentReplyMarkup`. */
  reply_markup?: TgInlineKeyboardMarkup;
}

/** What Telegram sends for messages it can no longer show (date is 0). */
export interface TgInaccessibleMessage {
  chat: TgChat;
  message_id: number;
  date: 0;
}

export interface TgCallbackQuery {
  id: string;
  from: TgWireUser;
  message?: TgMessage | TgInaccessibleMessage;
  chat_instance: string;
  data?: string;
}

export interface TgChatMember {
  status: "member" | "kicked";
  user: TgWireUser;
  until_date?: number;
}

export interface TgChatMemberUpdated {
  chat: TgChat;
  from: TgWireUser;
  date: number;
  old_chat_member: TgChatMember;
  new_chat_member: TgChatMember;
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  callback_query?: TgCallbackQuery;
  my_chat_member?: TgChatMemberUpdated;
}

export interface TgBotCommand {
  command: string;
  description: string;
}

export interface TgMenuButton {
  type: string;
  text?: string;
  web_app?: { url: string };
}

// ---------------------------------------------------------------------------
// Emulator-specific public types
// ---------------------------------------------------------------------------

/**
 * A message stored by the emulator. Bot-sent messages are live objects: edits
 * are applied in place and deletions only set `deleted`, so a reference kept
 * by a test always shows the current state.
 */
export interface SentMessage extends TgMessage {
  /** Set once the bot deleted it (deleteMessage/deleteMessages). */
  deleted: boolean;
  /** Number of successful edit* calls on this message. */
  editCount: number;
  /** API method that created the message (sendMessage, copyMessage…), or "user" for simulated-user messages. */
  sentVia: string;
  /** The reply_markup exactly as the bot sent it, including reply keyboards / force_reply / remove_keyboard (which Telegram does not echo in `reply_markup`). */
  sentReplyMarkup?: TgReplyMarkup;
}

export type ApiResponse =
  | { ok: true; result: unknown; description?: string }
  | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };

/** A file part of a multipart request. */
export interface UploadPart {
  /** Multipart part name (grammY uses a random id referenced as `attach://<id>`). */
  field: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export interface ApiCall {
  method: string;
  /** Normalized payload: JSON-valued fields (reply_markup, entities…) parsed, integer/boolean fields coerced. */
  payload: Record<string, unknown>;
  /** File parts of a multipart request. */
  files: UploadPart[];
  /** Arrival time (ms since epoch). */
  at: number;
  token: string;
  /** Set when the call has been answered. Long polls stay unanswered while they hang. */
  response?: ApiResponse;
}

export type FileKind = "document" | "photo" | "voice" | "audio" | "video";

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  /** Path for `GET {apiRoot}/file/bot<token>/<filePath>`. */
  filePath: string;
  kind: FileKind;
  fileName?: string;
  mimeType?: string;
  bytes: Buffer;
  uploadedBy: "user" | "bot";
  /** The object that was put into the message (document / photo sizes / voice…). */
  media: TgDocument | TgPhotoSize[] | TgVoice | TgAudio | TgVideo;
}

export interface UploadedFile {
  fileId: string;
  fileName?: string;
  mimeType?: string;
  bytes: Buffer;
  method: string;
  chatId: number;
  messageId: number;
}

export interface DownloadedFile {
  fileId: string;
  filePath: string;
  fileName?: string;
  bytes: Buffer;
  token: string;
}

export interface WebhookDelivery {
  updateId: number;
  /** HTTP status of the webhook's answer; 0 for network errors/timeouts. */
  status: number;
  attempt: number;
  at: number;
  error?: string;
}

export interface InlineButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface RateLimitOptions {
  globalPerSecond: number;
  perChatPerSecond: number;
  /** Seconds reported in retry_after (default 1). */
  retryAfter?: number;
}

export interface BotApiEmulatorOptions {
  /** Enables 429 flood control for send* methods, copyMessage and forwardMessage (not sendChatAction). */
  rateLimit?: RateLimitOptions;
  botInfo?: Partial<UserFromGetMe>;
  webhook?: {
    /** Delivery attempts per update before it is dropped (default 3). */
    maxAttempts?: number;
    /** Delay before retry n is n * retryDelayMs (default 100). */
    retryDelayMs?: number;
    /** Per-attempt timeout (default 10000). */
    timeoutMs?: number;
    /** Updates delivered at once (Telegram: up to max_connections, default 40); default 1, in order. */
    parallel?: number;
    /** Each update posted this many times at once (Telegram repeats a delivery it saw no answer to). */
    repeat?: number;
  };
  /**
   * What to do when the bot addresses a chat the emulator has never seen:
   * "create" (default) makes up a private chat (group for negative ids),
   * "error" answers 400 "chat not found" like Telegram does for users who never
   * started the bot.
   */
  unknownChats?: "create" | "error";
  /**
   * Telegram refuses the answer to a callback query that comes too late ("query is too old and
   * response timeout expired"). Answers later than this after the press are refused (0: every
   * answer is late, as after a restart; default: never).
   */
  callbackAnswerWindowMs?: number;
  /**
   * Faults after Telegram executed a call: "5xx" answers 502 Bad Gateway, "drop" closes the
   * connection without an answer (as a proxy or a lost network does) — the message was sent.
   */
  faultAfterExecution?: (method: string, payload: Record<string, unknown>) => "5xx" | "drop" | undefined;
  /** Delay before each answer (a network round trip to Telegram). */
  latencyMs?: number;
  /** The only bot token accepted; any other is answered 401 Unauthorized, as Telegram does (default: any). */
  token?: string;
}

/** A message-producing call Telegram executed, when, and to which chat. */
export interface Delivery {
  method: string;
  chatId: number;
  at: number;
  text?: string;
}

export interface WaitForOptions {
  timeoutMs?: number;
  chatId?: number;
  /** Only consider messages with message_id > after. */
  after?: number;
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number },
  ) {
    super(description);
  }
}

const badRequest = (message: string): ApiError => new ApiError(400, `Bad Request: ${message}`);
const cantParse = (message: string): ApiError => badRequest(`can't parse entities: ${message}`);
const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/** Lets a handler attach the `description` Telegram adds to some ok answers. */
class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

// ---------------------------------------------------------------------------
// Request body parsing
// ---------------------------------------------------------------------------

type Payload = Record<string, unknown>;

// Multipart/urlencoded values are always strings; these fields are converted
// back so handlers and `calls` see the same shapes as with JSON bodies.
const JSON_FIELDS = new Set([
  "reply_markup", "entities", "caption_entities", "allowed_updates", "commands", "scope", "menu_button",
  "message_ids", "link_preview_options", "reply_parameters", "media", "results", "reaction",
]);
const INT_FIELDS = new Set([
  "chat_id", "from_chat_id", "message_id", "offset", "limit", "timeout", "reply_to_message_id",
  "message_thread_id", "user_id", "cache_time", "max_connections", "duration", "width", "height",
]);
const BOOL_FIELDS = new Set([
  "show_alert", "disable_notification", "protect_content", "drop_pending_updates", "has_spoiler",
  "disable_content_type_detection", "allow_sending_without_reply", "disable_web_page_preview",
  "show_caption_above_media", "allow_paid_broadcast",
]);

function coerceField(key: string, value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (JSON_FIELDS.has(key)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  if (INT_FIELDS.has(key) && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  if (BOOL_FIELDS.has(key) && (value === "true" || value === "false")) return value === "true";
  return value;
}

function parseHeaderParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (const m of value.matchAll(re)) {
    const key = (m[1] ?? "").toLowerCase();
    let val = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? "").trim();
    if (key.endsWith("*")) {
      // RFC 5987: utf-8''percent-encoded
      const idx = val.indexOf("''");
      try {
        val = decodeURIComponent(idx >= 0 ? val.slice(idx + 2) : val);
      } catch {
        /* keep raw */
      }
      params.set(key.slice(0, -1), val);
    } else if (!params.has(key)) {
      params.set(key, val);
    }
  }
  return params;
}

interface ParsedBody {
  fields: Payload;
  files: Map<string, UploadPart>;
}

/** Tolerant multipart/form-data parser (accepts grammY's compact header style); the in-process harness uses it too. */
export function parseMultipart(body: Buffer, boundary: string): ParsedBody {
  const fields: Payload = {};
  const files = new Map<string, UploadPart>();
  const first = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(first);
  if (pos < 0) throw badRequest("can't parse multipart/form-data body");
  pos += first.length;
  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // closing "--"
    const lineEnd = body.indexOf("\r\n", pos);
    if (lineEnd < 0) break;
    const headerStart = lineEnd + 2;
    let contentStart: number;
    let rawHeaders: string;
    if (body[headerStart] === 0x0d && body[headerStart + 1] === 0x0a) {
      rawHeaders = "";
      contentStart = headerStart + 2;
    } else {
      const headerEnd = body.indexOf("\r\n\r\n", headerStart);
      if (headerEnd < 0) throw badRequest("can't parse multipart/form-data body");
      rawHeaders = body.subarray(headerStart, headerEnd).toString("utf8");
      contentStart = headerEnd + 4;
    }
    const next = body.indexOf(delimiter, contentStart);
    if (next < 0) throw badRequest("can't parse multipart/form-data body");
    const content = body.subarray(contentStart, next);
    pos = next + delimiter.length;

    const headers = new Map<string, string>();
    for (const line of rawHeaders.split("\r\n")) {
      const idx = line.indexOf(":");
      if (idx > 0) headers.set(line.slice(0, idx).trim().toLowerCase(), line.slice(idx + 1).trim());
    }
    const disposition = headers.get("content-disposition") ?? "";
    const params = parseHeaderParams(`;${disposition.replace(/^[^;]*/, "")}`);
    const name = params.get("name");
    if (name === undefined) continue;
    // grammY sends `filename=<raw name>` unquoted and last, so a ";" in the name must not end it.
    const unquoted = /;\s*filename\s*=\s*(?!")(.*)$/i.exec(disposition)?.[1];
    const fileName = unquoted !== undefined ? unquoted.trim() : params.get("filename");
    if (fileName !== undefined) {
      files.set(name, {
        field: name,
        fileName,
        contentType: headers.get("content-type") ?? "application/octet-stream",
        bytes: Buffer.from(content),
      });
    } else {
      fields[name] = content.toString("utf8");
    }
  }
  return { fields, files };
}

function parseBody(contentType: string | undefined, body: Buffer, query: URLSearchParams): ParsedBody {
  const fields: Payload = {};
  for (const [k, v] of query) fields[k] = v;
  let files = new Map<string, UploadPart>();
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (body.length > 0) {
    if (type === "application/json") {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString("utf8"));
      } catch {
        throw badRequest("can't parse JSON object");
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw badRequest("JSON object expected");
      }
      Object.assign(fields, parsed);
    } else if (type === "application/x-www-form-urlencoded") {
      for (const [k, v] of new URLSearchParams(body.toString("utf8"))) fields[k] = v;
    } else if (type === "multipart/form-data") {
      const boundary = parseHeaderParams(`;${(contentType ?? "").replace(/^[^;]*/, "")}`).get("boundary");
      if (!boundary) throw badRequest("multipart boundary is missing");
      const parsed = parseMultipart(body, boundary);
      Object.assign(fields, parsed.fields);
      files = parsed.files;
    }
  }
  const payload: Payload = {};
  for (const [k, v] of Object.entries(fields)) payload[k] = coerceField(k, v);
  return { fields: payload, files };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

// ---------------------------------------------------------------------------
// Payload accessors
// ---------------------------------------------------------------------------

function optInt(p: Payload, key: string): number | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === "") return undefined;
  const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw badRequest(`field "${key}" must be of type Integer`);
  return n;
}

function optStr(p: Payload, key: string): string | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw badRequest(`field "${key}" must be of type String`);
}

function optBool(p: Payload, key: string): boolean {
  const v = p[key];
  return v === true || v === "true" || v === 1 || v === "1";
}

const unixNow = (): number => Math.floor(Date.now() / 1000);

// ---------------------------------------------------------------------------
// Text formatting (parse_mode) and automatic entities
// ---------------------------------------------------------------------------

interface FormattedText {
  text: string;
  entities: TgMessageEntity[];
}

const byteOffset = (s: string, i: number): number => Buffer.byteLength(s.slice(0, i), "utf8");

/** Telegram trims surrounding whitespace; entity offsets follow (UTF-16 units, like JS strings). */
function finalizeText(raw: string, entities: TgMessageEntity[]): FormattedText {
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  const out: TgMessageEntity[] = [];
  for (const e of entities) {
    const start = Math.max(0, e.offset - lead);
    const end = Math.min(text.length, e.offset + e.length - lead);
    if (end > start) out.push({ ...e, offset: start, length: end - start });
  }
  out.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities: out };
}

const HTML_TAGS: Record<string, string> = {
  b: "bold", strong: "bold", i: "italic", em: "italic", u: "underline", ins: "underline",
  s: "strikethrough", strike: "strikethrough", del: "strikethrough", span: "spoiler", "tg-spoiler": "spoiler",
  a: "text_link", code: "code", pre: "pre", blockquote: "blockquote", "tg-emoji": "custom_emoji",
};

function decodeHtmlEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g, (m, name: string, dec?: string, hex?: string) => {
    if (dec !== undefined) return String.fromCodePoint(Number(dec));
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    return ({ lt: "<", gt: ">", amp: "&", quot: '"' } as Record<string, string>)[name] ?? m;
  });
}

function parseHtmlAttrs(s: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const m of s.matchAll(re)) {
    attrs.set((m[1] ?? "").toLowerCase(), decodeHtmlEntities(m[2] ?? m[3] ?? m[4] ?? ""));
  }
  return attrs;
}

function parseHtml(src: string): FormattedText {
  interface Open {
    tag: string;
    type: string;
    start: number;
    attrs: Map<string, string>;
  }
  let out = "";
  const entities: TgMessageEntity[] = [];
  const stack: Open[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === "<") {
      const end = src.indexOf(">", i);
      if (end < 0) throw cantParse(`Can't find end of the tag starting at byte offset ${byteOffset(src, i)}`);
      const inner = src.slice(i + 1, end);
      if (inner.startsWith("/")) {
        const name = inner.slice(1).trim().toLowerCase();
        const top = stack.pop();
        if (!top) throw cantParse(`Unexpected end tag at byte offset ${byteOffset(src, i)}`);
        if (top.tag !== name) {
          throw cantParse(
            `Unmatched end tag at byte offset ${byteOffset(src, i)}, expected "</${top.tag}>", found "</${name}>"`,
          );
        }
        const parent = stack[stack.length - 1];
        const length = out.length - top.start;
        if (top.tag === "code" && parent?.tag === "pre") {
          // <pre><code class="language-x"> is one pre entity with a language.
          const lang = /^language-(.+)$/.exec(top.attrs.get("class") ?? "")?.[1];
          if (lang) parent.attrs.set("language", lang);
        } else if (length > 0) {
          const entity: TgMessageEntity = { type: top.type, offset: top.start, length };
          if (top.type === "text_link") {
            const href = top.attrs.get("href");
            if (href) entities.push({ ...entity, url: href });
          } else if (top.type === "pre") {
            const language = top.attrs.get("language");
            entities.push(language ? { ...entity, language } : entity);
          } else if (top.type === "blockquote") {
            entities.push(top.attrs.has("expandable") ? { ...entity, type: "expandable_blockquote" } : entity);
          } else if (top.type === "custom_emoji") {
            entities.push({ ...entity, custom_emoji_id: top.attrs.get("emoji-id") ?? "" });
          } else {
            entities.push(entity);
          }
        }
      } else {
        const name = (/^([a-zA-Z][a-zA-Z0-9-]*)/.exec(inner)?.[1] ?? "").toLowerCase();
        const type = HTML_TAGS[name];
        if (!type) throw cantParse(`Unsupported start tag "${name || inner}" at byte offset ${byteOffset(src, i)}`);
        const attrs = parseHtmlAttrs(inner.slice(name.length));
        if (name === "span" && attrs.get("class") !== "tg-spoiler") {
          throw cantParse(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(src, i)}`);
        }
        stack.push({ tag: name, type, start: out.length, attrs });
      }
      i = end + 1;
    } else if (c === "&") {
      const m = /^&(?:lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/.exec(src.slice(i, i + 12));
      if (m) {
        out += decodeHtmlEntities(m[0]);
        i += m[0].length;
      } else {
        out += c;
        i++;
      }
    } else {
      out += c;
      i++;
    }
  }
  const open = stack[stack.length - 1];
  if (open) throw cantParse(`Can't find end tag corresponding to start tag "${open.tag}"`);
  return finalizeText(out, entities);
}

const MDV2_RESERVED = new Set("_*[]()~`>#+-=|{}.!");
const MD_ENTITY_NAMES: Record<string, string> = {
  bold: "Bold", italic: "Italic", underline: "Underline", strikethrough: "Strikethrough",
  spoiler: "Spoiler", text_link: "TextUrl", custom_emoji: "CustomEmoji", code: "Code", pre: "Pre",
};

/** Index of the next unescaped `needle` at or after `from` (backslash escapes). */
function findUnescaped(src: string, needle: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    if (src[i] === "\\") {
      i++;
      continue;
    }
    if (src.startsWith(needle, i)) return i;
  }
  return -1;
}

const unescapeMd = (s: string): string => s.replace(/\\([\u0001-\u007e])/g, "$1");

function parseMarkdownV2(src: string): FormattedText {
  interface Open {
    type: string;
    start: number;
    srcPos: number;
  }
  let out = "";
  const entities: TgMessageEntity[] = [];
  const stack: Open[] = [];
  let quote: { start: number; expandable: boolean } | undefined;
  const closeQuote = (): void => {
    if (!quote) return;
    const end = out.endsWith("\n") ? out.length - 1 : out.length;
    if (end > quote.start) {
      entities.push({
        type: quote.expandable ? "expandable_blockquote" : "blockquote",
        offset: quote.start,
        length: end - quote.start,
      });
    }
    quote = undefined;
  };
  const toggle = (type: string, srcPos: number): void => {
    const top = stack[stack.length - 1];
    if (top?.type === type) {
      stack.pop();
      if (out.length > top.start) entities.push({ type, offset: top.start, length: out.length - top.start });
      return;
    }
    const crossing = stack.find((o) => o.type === type);
    if (crossing) {
      throw cantParse(
        `Can't find end of ${MD_ENTITY_NAMES[type] ?? type} entity at byte offset ${byteOffset(src, crossing.srcPos)}`,
      );
    }
    stack.push({ type, start: out.length, srcPos });
  };

  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? "";
    if (i === 0 || src[i - 1] === "\n") {
      if (src.startsWith("**>", i) || c === ">") {
        if (!quote) quote = { start: out.length, expandable: c === "*" };
        i += c === "*" ? 3 : 1;
        continue;
      }
      closeQuote();
    }
    if (c === "\\") {
      const next = src[i + 1];
      if (next !== undefined && next.charCodeAt(0) >= 1 && next.charCodeAt(0) <= 126) {
        out += next;
        i += 2;
      } else {
        out += c;
        i++;
      }
      continue;
    }
    if (c === "`") {
      if (src.startsWith("```", i)) {
        const close = findUnescaped(src, "```", i + 3);
        if (close < 0) throw cantParse(`Can't find end of Pre entity at byte offset ${byteOffset(src, i)}`);
        let body = src.slice(i + 3, close);
        let language = "";
        const nl = body.indexOf("\n");
        if (nl >= 0) {
          language = body.slice(0, nl).trim();
          body = body.slice(nl + 1);
        }
        const content = unescapeMd(body);
        if (content.length > 0) {
          entities.push({ type: "pre", offset: out.length, length: content.length, ...(language ? { language } : {}) });
        }
        out += content;
        i = close + 3;
      } else {
        const close = findUnescaped(src, "`", i + 1);
        if (close < 0) throw cantParse(`Can't find end of Code entity at byte offset ${byteOffset(src, i)}`);
        const content = unescapeMd(src.slice(i + 1, close));
        if (content.length > 0) entities.push({ type: "code", offset: out.length, length: content.length });
        out += content;
        i = close + 1;
      }
      continue;
    }
    if (c === "*") {
      toggle("bold", i);
      i++;
      continue;
    }
    if (c === "_") {
      if (src[i + 1] === "_" && stack[stack.length - 1]?.type !== "italic") {
        toggle("underline", i);
        i += 2;
      } else {
        toggle("italic", i);
        i++;
      }
      continue;
    }
    if (c === "~") {
      toggle("strikethrough", i);
      i++;
      continue;
    }
    if (c === "|" && src[i + 1] === "|") {
      toggle("spoiler", i);
      i += 2;
      continue;
    }
    if (c === "[" || (c === "!" && src[i + 1] === "[")) {
      stack.push({ type: c === "[" ? "text_link" : "custom_emoji", start: out.length, srcPos: i });
      i += c === "[" ? 1 : 2;
      continue;
    }
    if (c === "]") {
      const top = stack[stack.length - 1];
      if ((top?.type === "text_link" || top?.type === "custom_emoji") && src[i + 1] === "(") {
        const close = findUnescaped(src, ")", i + 2);
        if (close < 0) throw cantParse(`Can't find end of a URL at byte offset ${byteOffset(src, i + 2)}`);
        const url = unescapeMd(src.slice(i + 2, close));
        stack.pop();
        const length = out.length - top.start;
        if (length > 0) {
          if (top.type === "text_link") {
            entities.push({ type: "text_link", offset: top.start, length, url });
          } else {
            const id = /[?&]id=(\d+)/.exec(url)?.[1] ?? "";
            entities.push({ type: "custom_emoji", offset: top.start, length, custom_emoji_id: id });
          }
        }
        i = close + 1;
        continue;
      }
    }
    if (MDV2_RESERVED.has(c)) {
      throw cantParse(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
    }
    out += c;
    i++;
  }
  closeQuote();
  const open = stack[stack.length - 1];
  if (open) {
    throw cantParse(
      `Can't find end of ${MD_ENTITY_NAMES[open.type] ?? open.type} entity at byte offset ${byteOffset(src, open.srcPos)}`,
    );
  }
  return finalizeText(out, entities);
}

/** Legacy "Markdown" mode: no nesting, no reserved characters. */
function parseMarkdownLegacy(src: string): FormattedText {
  let out = "";
  const entities: TgMessageEntity[] = [];
  const unterminated = (i: number): ApiError =>
    cantParse(`Can't find end of the entity starting at byte offset ${byteOffset(src, i)}`);
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? "";
    const next = src[i + 1];
    if (c === "\\" && next !== undefined && "_*`[".includes(next)) {
      out += next;
      i += 2;
    } else if (c === "*" || c === "_") {
      const close = src.indexOf(c, i + 1);
      if (close < 0) throw unterminated(i);
      const content = src.slice(i + 1, close);
      if (content) entities.push({ type: c === "*" ? "bold" : "italic", offset: out.length, length: content.length });
      out += content;
      i = close + 1;
    } else if (src.startsWith("```", i)) {
      const close = src.indexOf("```", i + 3);
      if (close < 0) throw unterminated(i);
      let content = src.slice(i + 3, close);
      let language = "";
      const nl = content.indexOf("\n");
      if (nl >= 0) {
        language = content.slice(0, nl).trim();
        content = content.slice(nl + 1);
      }
      if (content) {
        entities.push({ type: "pre", offset: out.length, length: content.length, ...(language ? { language } : {}) });
      }
      out += content;
      i = close + 3;
    } else if (c === "`") {
      const close = src.indexOf("`", i + 1);
      if (close < 0) throw unterminated(i);
      const content = src.slice(i + 1, close);
      if (content) entities.push({ type: "code", offset: out.length, length: content.length });
      out += content;
      i = close + 1;
    } else if (c === "[") {
      const closeText = src.indexOf("]", i + 1);
      const closeUrl = closeText >= 0 && src[closeText + 1] === "(" ? src.indexOf(")", closeText + 2) : -1;
      if (closeUrl < 0) throw unterminated(i);
      const content = src.slice(i + 1, closeText);
      if (content) {
        entities.push({ type: "text_link", offset: out.length, length: content.length, url: src.slice(closeText + 2, closeUrl) });
      }
      out += content;
      i = closeUrl + 1;
    } else {
      out += c;
      i++;
    }
  }
  return finalizeText(out, entities);
}

// Entities Telegram detects on its own (in user and bot messages). Not
// detected inside code/pre/links, like the real server.
const AUTO_ENTITY_PATTERNS: [string, RegExp][] = [
  ["url", /\bhttps?:\/\/[^\s<>"«»]+/gi],
  ["email", /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g],
  ["bot_command", /(?<![\w/])\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z][A-Za-z0-9_]{2,31})?(?![\w@/])/g],
  ["mention", /(?<![\w@.])@[A-Za-z][A-Za-z0-9_]{3,31}(?!\w)/g],
  ["hashtag", /(?<![\w#])#[\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*/gu],
];
// Auto-detection skips spans already covered by these (incl. entities detected earlier, e.g. on a copied message).
const NO_AUTO_INSIDE = new Set([
  "code", "pre", "text_link", "custom_emoji", "text_mention", "url", "email", "bot_command", "mention", "hashtag",
  "cashtag", "phone_number",
]);

function withAutoEntities(text: string, explicit: TgMessageEntity[]): TgMessageEntity[] {
  const result = [...explicit];
  const taken: [number, number][] = explicit
    .filter((e) => NO_AUTO_INSIDE.has(e.type))
    .map((e) => [e.offset, e.offset + e.length]);
  for (const [type, re] of AUTO_ENTITY_PATTERNS) {
    for (const m of text.matchAll(re)) {
      let value = m[0];
      if (type === "url") value = value.replace(/[.,;:!?)\]}'"]+$/, "");
      const start = m.index ?? 0;
      const end = start + value.length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      result.push({ type, offset: start, length: value.length });
    }
  }
  return result.sort((a, b) => a.offset - b.offset || b.length - a.length);
}

// ---------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------

const MIME_TYPES: Record<string, string> = {
  csv: "text/csv", txt: "text/plain", json: "application/json", pdf: "application/pdf", zip: "application/zip",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xls: "application/vnd.ms-excel",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", ogg: "audio/ogg", oga: "audio/ogg",
  mp3: "audio/mpeg", mp4: "video/mp4", html: "text/html", xml: "application/xml",
};

const extensionOf = (name: string | undefined): string => /\.([A-Za-z0-9]+)$/.exec(name ?? "")?.[1]?.toLowerCase() ?? "";

/** Reads width/height from PNG or JPEG headers; undefined for anything else. */
function imageSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let pos = 2;
    while (pos + 9 < bytes.length) {
      if (bytes[pos] !== 0xff) return undefined;
      const marker = bytes[pos + 1] ?? 0;
      const length = bytes.readUInt16BE(pos + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: bytes.readUInt16BE(pos + 5), width: bytes.readUInt16BE(pos + 7) };
      }
      pos += 2 + length;
    }
  }
  return undefined;
}

const FILE_ID_PREFIX: Record<FileKind, string> = {
  document: "BQACAgIAAxkBAAI",
  photo: "AgACAgIAAxkBAAI",
  voice: "AwACAgIAAxkBAAI",
  audio: "CQACAgIAAxkBAAI",
  video: "BAACAgIAAxkBAAI",
};
const FILE_DIR: Record<FileKind, string> = {
  document: "documents",
  photo: "photos",
  voice: "voice",
  audio: "music",
  video: "videos",
};

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------------------
// Misc helpers
// ---------------------------------------------------------------------------

interface ChatState {
  chat: TgChat;
  lastMessageId: number;
  messages: Map<number, SentMessage>;
  /** Reply keyboard currently shown to the user (Telegram clients keep it until removed). */
  keyboard?: TgReplyKeyboardMarkup;
}

interface Poller {
  limit: number;
  resolve: (updates: TgUpdate[]) => void;
  reject: (err: ApiError) => void;
  timer: NodeJS.Timeout;
}

interface Waiter {
  check: () => boolean;
  fail: (err: Error) => void;
}

interface WebhookConfig {
  url: string;
  secretToken?: string;
  maxConnections: number;
  allowedUpdates?: unknown;
  token: string;
}

interface CallContext {
  payload: Payload;
  files: Map<string, UploadPart>;
  token: string;
  signal?: AbortSignal;
}

type Handler = (ctx: CallContext) => unknown;

/** Strips the emulator's bookkeeping fields, giving what Telegram would send. */
function wire(message: SentMessage): TgMessage {
  const { deleted: _d, editCount: _e, sentVia: _s, sentReplyMarkup: _r, ...rest } = message;
  return structuredClone(rest);
}

function wireUser(user: TgUser, isBot = false): TgWireUser {
  return {
    id: user.id,
    is_bot: isBot,
    first_name: user.first_name,
    ...(user.last_name !== undefined ? { last_name: user.last_name } : {}),
    ...(user.username !== undefined ? { username: user.username } : {}),
    ...(user.language_code !== undefined ? { language_code: user.language_code } : {}),
  };
}

const isInlineMarkup = (m: TgReplyMarkup | undefined): m is TgInlineKeyboardMarkup =>
  m !== undefined && "inline_keyboard" in m;

const textMatches = (value: string, pattern: string | RegExp): boolean =>
  typeof pattern === "string" ? value === pattern : pattern.test(value);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const DEFAULT_BOT_INFO: UserFromGetMe = {
  id: 7000000001,
  is_bot: true,
  first_name: "Adal Test Bot",
  username: "adal_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

const RATE_LIMITED_METHODS = new Set([
  "sendMessage", "sendDocument", "sendPhoto", "sendVoice", "sendAudio", "sendVideo", "copyMessage", "forwardMessage",
]);

const CHAT_ACTIONS = new Set([
  "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document",
  "choose_sticker", "find_location", "record_video_note", "upload_video_note",
]);

const INLINE_BUTTON_ACTIONS = [
  "url", "callback_data", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay",
];

// ---------------------------------------------------------------------------
// The emulator
// ---------------------------------------------------------------------------

export class BotApiEmulator {
  /** e.g. http://127.0.0.1:34567 — pass as grammY `client.apiRoot`. */
  readonly apiRoot: string;
  readonly botInfo: UserFromGetMe;

  /** Every API request in arrival order (cleared by reset()). */
  readonly calls: ApiCall[] = [];
  /** Every update produced by simulated users, in order. */
  readonly updates: TgUpdate[] = [];
  /** One entry per webhook POST attempt. */
  readonly webhookDeliveries: WebhookDelivery[] = [];
  /** Files the bot uploaded (multipart InputFile). */
  readonly uploadedFiles: UploadedFile[] = [];
  /** Files the bot downloaded via {apiRoot}/file/bot<token>/<path>. */
  readonly downloadedFiles: DownloadedFile[] = [];
  /** Every bot token seen in a request. */
  readonly tokens = new Set<string>();

  private rateLimitedCount = 0;
  private mediaGroups = 0;
  /** Every message-producing call executed, in order, with its time (pacing and duplicates). */
  readonly deliveries: Delivery[] = [];
  private stopped = false;
  private readonly handlers: Map<string, { name: string; fn: Handler }>;
  private readonly chats = new Map<number, ChatState>();
  private readonly botMessageLog: SentMessage[] = [];
  private readonly files = new Map<string, StoredFile>();
  private readonly filesByPath = new Map<string, StoredFile>();
  private fileCounter = 0;
  private nextUpdateId = 100_000_001;
  private pending: TgUpdate[] = [];
  private poller: Poller | undefined;
  private webhook: WebhookConfig | undefined;
  private webhookLastError: { date: number; message: string } | undefined;
  private webhookPumping = false;
  private readonly deliveryWaiters = new Map<number, () => void>();
  private readonly webhookRequests = new Set<http.ClientRequest>();
  private readonly waiters = new Set<Waiter>();
  private readonly blocked = new Set<number>();
  private readonly callbackQueries = new Map<string, { answered: boolean; answer?: Payload; at: number }>();
  private readonly commandSets = new Map<string, TgBotCommand[]>();
  private readonly menuButtons = new Map<string, TgMenuButton>();
  private readonly descriptions = new Map<string, string>();
  private readonly shortDescriptions = new Map<string, string>();
  private readonly names = new Map<string, string>();
  private globalSends: number[] = [];
  private readonly chatSends = new Map<number, number[]>();
  private activeRequests = 0;
  private readonly idleListeners = new Set<() => void>();

  private constructor(
    private readonly server: http.Server,
    private readonly options: BotApiEmulatorOptions,
  ) {
    const { port } = server.address() as AddressInfo;
    this.apiRoot = `http://127.0.0.1:${port}`;
    this.botInfo = { ...DEFAULT_BOT_INFO, ...options.botInfo, is_bot: true };
    const table = this.buildHandlers();
    this.handlers = new Map(Object.entries(table).map(([name, fn]) => [name.toLowerCase(), { name, fn }]));
  }

  static async start(options: BotApiEmulatorOptions = {}): Promise<BotApiEmulator> {
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const emulator = new BotApiEmulator(server, options);
    server.on("request", (req: IncomingMessage, res: ServerResponse) => void emulator.onRequest(req, res));
    return emulator;
  }

  /** Answers hanging long polls with [], aborts webhook deliveries, rejects pending waits, closes the server. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.poller) this.finishPoller(this.poller, []);
    for (const req of this.webhookRequests) req.destroy(new Error("emulator stopped"));
    for (const resolve of this.deliveryWaiters.values()) resolve();
    this.deliveryWaiters.clear();
    for (const waiter of [...this.waiters]) waiter.fail(new Error("BotApiEmulator stopped while waiting"));
    this.waiters.clear();
    // Let in-flight answers (e.g. the [] for long polls) reach the clients first.
    if (this.activeRequests > 0) {
      await Promise.race([
        new Promise<void>((resolve) => this.idleListeners.add(resolve)),
        sleep(1000),
      ]);
    }
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Clears recorded calls, messages, files lists, deliveries, pending updates and bot settings; keeps the server, botInfo, webhook and id counters. */
  reset(): void {
    this.deliveries.length = 0;
    this.calls.length = 0;
    this.updates.length = 0;
    this.webhookDeliveries.length = 0;
    this.uploadedFiles.length = 0;
    this.downloadedFiles.length = 0;
    this.botMessageLog.length = 0;
    for (const state of this.chats.values()) {
      state.messages.clear();
      delete state.keyboard;
    }
    this.pending = [];
    this.rateLimitedCount = 0;
    this.globalSends = [];
    this.chatSends.clear();
    this.blocked.clear();
    this.callbackQueries.clear();
    this.commandSets.clear();
    this.menuButtons.clear();
    this.descriptions.clear();
    this.shortDescriptions.clear();
    this.names.clear();
    this.webhookLastError = undefined;
  }

  /** Number of requests rejected with 429. */
  get rateLimited(): number {
    return this.rateLimitedCount;
  }

  /** Updates not yet confirmed by getUpdates (or not yet delivered to the webhook). */
  get pendingUpdateCount(): number {
    return this.pending.length;
  }

  // -------------------------------------------------------------------------
  // Simulated users
  // -------------------------------------------------------------------------

  /**
   * A user sends a text message. Entities Telegram would detect (bot_command,
   * url, mention, hashtag, email) are attached. In polling mode the promise
   * resolves once queued; in webhook mode once delivered (retries included).
   */
  async sendText(from: TgUser, text: string, opts: { chatId?: number; replyTo?: number } = {}): Promise<TgUpdate> {
    const entities = withAutoEntities(text, []);
    return this.userMessage(from, opts, { text, ...(entities.length > 0 ? { entities } : {}) });
  }

  /** `sendCommand(u, "start")` or `sendCommand(u, "/start payload")`. */
  async sendCommand(from: TgUser, command: string, opts: { chatId?: number } = {}): Promise<TgUpdate> {
    return this.sendText(from, command.startsWith("/") ? command : `/${command}`, opts);
  }

  /** Presses an inline button: callback_query carrying the stored copy of the bot message (or an inaccessible-message stub). */
  async sendCallback(
    from: TgUser,
    data: string,
    messageId: number,
    opts: { chatId?: number } = {},
  ): Promise<TgUpdate> {
    const chatId = opts.chatId ?? from.id;
    const state = this.chats.get(chatId) ?? this.userChat(from, chatId);
    const stored = state.messages.get(messageId);
    const message: TgMessage | TgInaccessibleMessage = stored
      ? wire(stored)
      : { chat: { ...state.chat }, message_id: messageId, date: 0 };
    const id = BigInt(`0x${randomBytes(8).toString("hex")}`).toString();
    this.callbackQueries.set(id, { answered: false, at: Date.now() });
    return this.pushUpdate({
      callback_query: {
        id,
        from: wireUser(from),
        message,
        chat_instance: (BigInt(chatId) * 7919n + 104729n).toString(),
        data,
      },
    });
  }

  /** Shares a contact (as the "request_contact" keyboard button does when userId is omitted). */
  async sendContact(
    from: TgUser,
    phoneNumber: string,
    opts: { userId?: number; firstName?: string; lastName?: string; chatId?: number } = {},
  ): Promise<TgUpdate> {
    const own = opts.userId === undefined || opts.userId === from.id;
    const lastName = opts.lastName ?? (own ? from.last_name : undefined);
    const contact: TgContact = {
      phone_number: phoneNumber,
      first_name: opts.firstName ?? from.first_name,
      ...(lastName !== undefined ? { last_name: lastName } : {}),
      user_id: opts.userId ?? from.id,
    };
    return this.userMessage(from, opts, { contact });
  }

  async sendDocument(
    from: TgUser,
    doc: { fileName: string; mimeType: string; content: Buffer; caption?: string },
    opts: { chatId?: number } = {},
  ): Promise<TgUpdate> {
    const file = this.storeFile("document", doc.content, "user", { fileName: doc.fileName, mimeType: doc.mimeType });
    return this.userMessage(from, opts, { document: file.media as TgDocument, ...this.userCaption(doc.caption) });
  }

  /** Sends a photo; dimensions are read from PNG/JPEG headers (or given, default 1280×960). */
  async sendPhoto(
    from: TgUser,
    photo: { content: Buffer; caption?: string; width?: number; height?: number },
    opts: { chatId?: number } = {},
  ): Promise<TgUpdate> {
    const file = this.storeFile("photo", photo.content, "user", { width: photo.width, height: photo.height });
    return this.userMessage(from, opts, { photo: file.media as TgPhotoSize[], ...this.userCaption(photo.caption) });
  }

  async sendVoice(
    from: TgUser,
    voice: { content: Buffer; duration: number; mimeType?: string },
    opts: { chatId?: number } = {},
  ): Promise<TgUpdate> {
    const file = this.storeFile("voice", voice.content, "user", {
      mimeType: voice.mimeType ?? "audio/ogg",
      duration: voice.duration,
    });
    return this.userMessage(from, opts, { voice: file.media as TgVoice });
  }

  /** Clicks an inline button (by exact text or regex) of the current version of `message`. */
  async clickButton(from: TgUser, message: TgMessage, textOrRegex: string | RegExp): Promise<TgUpdate> {
    const current = this.chats.get(message.chat.id)?.messages.get(message.message_id);
    if (!current) throw new Error(`clickButton: message #${message.message_id} in chat ${message.chat.id} is unknown`);
    if (current.deleted) throw new Error(`clickButton: message #${message.message_id} was deleted by the bot`);
    const buttons = this.inlineButtons(current);
    const button = buttons.find((b) => textMatches(b.text, textOrRegex));
    if (!button) {
      throw new Error(
        `clickButton: no button ${String(textOrRegex)} on message #${current.message_id}; buttons: ${JSON.stringify(buttons.map((b) => b.text))}`,
      );
    }
    if (button.callback_data === undefined) {
      throw new Error(`clickButton: button "${button.text}" has no callback_data (url: ${button.url ?? "-"})`);
    }
    return this.sendCallback(from, button.callback_data, current.message_id, { chatId: current.chat.id });
  }

  /**
   * Presses a button of the reply keyboard currently shown in the chat: sends
   * its text, or the user's contact for request_contact buttons.
   */
  async pressKeyboardButton(
    from: TgUser,
    textOrRegex: string | RegExp,
    opts: { chatId?: number; phoneNumber?: string } = {},
  ): Promise<TgUpdate> {
    const chatId = opts.chatId ?? from.id;
    const state = this.chats.get(chatId);
    const keyboard = state?.keyboard;
    const buttons = (keyboard?.keyboard ?? []).flat().map((b) => (typeof b === "string" ? { text: b } : b));
    const button = buttons.find((b) => textMatches(b.text, textOrRegex));
    if (!state || !button) {
      throw new Error(
        `pressKeyboardButton: no reply keyboard button ${String(textOrRegex)} in chat ${chatId}; buttons: ${JSON.stringify(buttons.map((b) => b.text))}`,
      );
    }
    if (keyboard?.one_time_keyboard) delete state.keyboard;
    if (button.request_contact) {
      const phone = opts.phoneNumber ?? `7700${String(from.id).padStart(7, "0").slice(-7)}`;
      return this.sendContact(from, phone, { chatId });
    }
    return this.sendText(from, button.text, { chatId });
  }

  /**
   * Makes sendMessage & co. to this chat fail with 403 "bot was blocked by the
   * user". With notify, also emits the my_chat_member update Telegram sends.
   */
  async blockChat(chatId: number, opts: { notify?: boolean } = {}): Promise<void> {
    this.blocked.add(chatId);
    if (opts.notify) await this.chatMemberUpdate(chatId, "member", "kicked");
  }

  async unblockChat(chatId: number, opts: { notify?: boolean } = {}): Promise<void> {
    this.blocked.delete(chatId);
    if (opts.notify) await this.chatMemberUpdate(chatId, "kicked", "member");
  }

  // -------------------------------------------------------------------------
  // Inspection
  // -------------------------------------------------------------------------

  /** Bot-sent messages in send order (live objects, deleted ones included). */
  sentMessages(chatId?: number): SentMessage[] {
    return this.botMessageLog.filter((m) => chatId === undefined || m.chat.id === chatId);
  }

  /** The most recent bot-sent message in the chat (possibly deleted — check `deleted`). */
  lastMessage(chatId: number): SentMessage | undefined {
    const list = this.sentMessages(chatId);
    return list[list.length - 1];
  }

  /** Any stored message (bot- or user-sent). */
  message(chatId: number, messageId: number): SentMessage | undefined {
    return this.chats.get(chatId)?.messages.get(messageId);
  }

  /** Last message_id allocated in the chat (0 if none) — handy as `waitFor(…, { after })`. */
  currentMessageId(chatId: number): number {
    return this.chats.get(chatId)?.lastMessageId ?? 0;
  }

  /** Reply keyboard currently displayed in the chat, if any. */
  replyKeyboard(chatId: number): TgReplyKeyboardMarkup | undefined {
    return this.chats.get(chatId)?.keyboard;
  }

  file(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  /** How the bot answered a callback query (undefined if not answered). */
  callbackAnswer(callbackQueryId: string): { text?: string; show_alert?: boolean; url?: string } | undefined {
    const answer = this.callbackQueries.get(callbackQueryId)?.answer;
    if (!answer) return undefined;
    const text = optStr(answer, "text");
    const url = optStr(answer, "url");
    return {
      ...(text !== undefined ? { text } : {}),
      ...(answer.show_alert !== undefined ? { show_alert: optBool(answer, "show_alert") } : {}),
      ...(url !== undefined ? { url } : {}),
    };
  }

  myCommands(opts: { scope?: Record<string, unknown>; languageCode?: string } = {}): TgBotCommand[] {
    return this.commandSets.get(BotApiEmulator.commandKey(opts.scope, opts.languageCode)) ?? [];
  }

  menuButton(chatId?: number): TgMenuButton {
    return this.menuButtons.get(String(chatId ?? "default")) ?? this.menuButtons.get("default") ?? { type: "commands" };
  }

  myDescription(languageCode = ""): string {
    return this.descriptions.get(languageCode) ?? "";
  }

  myShortDescription(languageCode = ""): string {
    return this.shortDescriptions.get(languageCode) ?? "";
  }

  webhookConfig(): { url: string; secretToken?: string } | undefined {
    if (!this.webhook) return undefined;
    const { url, secretToken } = this.webhook;
    return secretToken !== undefined ? { url, secretToken } : { url };
  }

  inlineButtons(message: TgMessage): InlineButton[] {
    return (message.reply_markup?.inline_keyboard ?? []).flat().map((b) => ({
      text: b.text,
      ...(b.callback_data !== undefined ? { callback_data: b.callback_data } : {}),
      ...(b.url !== undefined ? { url: b.url } : {}),
    }));
  }

  buttonByText(message: TgMessage, textOrRegex: string | RegExp): InlineButton | undefined {
    return this.inlineButtons(message).find((b) => textMatches(b.text, textOrRegex));
  }

  /**
   * Resolves with the most recent bot-sent message matching `predicate`,
   * re-checking whenever a message is sent, edited or deleted. Already-sent
   * messages count (use `after` to skip them). Predicate exceptions count as
   * "no match" and are reported on timeout.
   */
  waitFor(predicate: (m: SentMessage) => boolean, opts: WaitForOptions = {}): Promise<SentMessage> {
    const { timeoutMs = 5000, chatId, after } = opts;
    let lastError: unknown;
    const find = (): SentMessage | undefined => {
      for (let i = this.botMessageLog.length - 1; i >= 0; i--) {
        const m = this.botMessageLog[i];
        if (!m || (chatId !== undefined && m.chat.id !== chatId) || (after !== undefined && m.message_id <= after)) {
          continue;
        }
        try {
          if (predicate(m)) return m;
        } catch (err) {
          lastError = err;
        }
      }
      return undefined;
    };
    return this.waitUntil(find, timeoutMs, () => {
      const scope = [chatId !== undefined ? `chat ${chatId}` : "", after !== undefined ? `after #${after}` : ""]
        .filter(Boolean)
        .join(", ");
      const predicateError = lastError !== undefined ? `\nlast predicate error: ${String(lastError)}` : "";
      return `waitFor: no matching bot message${scope ? ` (${scope})` : ""} within ${timeoutMs} ms${predicateError}\n${this.describeRecent(chatId)}`;
    });
  }

  /** Resolves with the most recent answered call of `method` matching `predicate` (already-recorded calls count). */
  waitForCall(method: string, predicate?: (call: ApiCall) => boolean, timeoutMs = 5000): Promise<ApiCall> {
    const wanted = method.toLowerCase();
    const find = (): ApiCall | undefined => {
      for (let i = this.calls.length - 1; i >= 0; i--) {
        const call = this.calls[i];
        if (call?.response && call.method.toLowerCase() === wanted && (!predicate || predicate(call))) return call;
      }
      return undefined;
    };
    return this.waitUntil(
      find,
      timeoutMs,
      () => `waitForCall: no matching ${method} call within ${timeoutMs} ms\n${this.describeRecent()}`,
    );
  }

  // -------------------------------------------------------------------------
  // HTTP layer
  // -------------------------------------------------------------------------

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.activeRequests++;
    try {
      const url = new URL(req.url ?? "/", this.apiRoot);
      const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
      if (fileMatch && (req.method === "GET" || req.method === "HEAD")) {
        this.serveFile(decodeURIComponent(fileMatch[1] ?? ""), decodeURIComponent(fileMatch[2] ?? ""), req, res);
        return;
      }
      const match = /^\/bot([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
      if (!match) {
        sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
        return;
      }
      const token = decodeURIComponent(match[1] ?? "");
      const method = match[2] ?? "";
      let parsed: ParsedBody;
      try {
        parsed = parseBody(req.headers["content-type"], await readBody(req), url.searchParams);
      } catch (err) {
        const e = err instanceof ApiError ? err : badRequest(String(err));
        sendJson(res, e.code, { ok: false, error_code: e.code, description: e.description });
        return;
      }
      // A client giving up (grammY aborting a long poll on bot.stop()) must free its slot.
      const abort = new AbortController();
      res.once("close", () => {
        if (!res.writableFinished) abort.abort();
      });
      if (this.options.latencyMs) await new Promise((r) => setTimeout(r, this.options.latencyMs));
      const response = await this.execute(method, parsed.fields, parsed.files, token, abort.signal);
      if (response.ok && RATE_LIMITED_METHODS.has(method)) {
        const result = response.result as { chat?: { id?: number }; text?: string };
        this.deliveries.push({ method, chatId: Number(result.chat?.id ?? parsed.fields.chat_id), at: Date.now(), ...(typeof result.text === "string" ? { text: result.text } : {}) });
      }
      const fault = response.ok ? this.options.faultAfterExecution?.(method, parsed.fields as Record<string, unknown>) : undefined;
      if (fault === "drop") return void res.destroy();
      if (fault === "5xx") return void sendJson(res, 502, { ok: false, error_code: 502, description: "Bad Gateway" });
      if (!res.destroyed && !res.writableEnded) sendJson(res, response.ok ? 200 : response.error_code, response);
    } catch (err) {
      if (!res.headersSent && !res.destroyed) {
        sendJson(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(err)}` });
      }
    } finally {
      this.activeRequests--;
      if (this.activeRequests === 0) {
        for (const listener of this.idleListeners) listener();
        this.idleListeners.clear();
      }
    }
  }

  private serveFile(token: string, filePath: string, req: IncomingMessage, res: ServerResponse): void {
    this.tokens.add(token);
    const file = this.filesByPath.get(filePath);
    if (!file) {
      sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    if (req.method === "GET") {
      this.downloadedFiles.push({
        fileId: file.fileId,
        filePath,
        ...(file.fileName !== undefined ? { fileName: file.fileName } : {}),
        bytes: file.bytes,
        token,
      });
    }
    res.writeHead(200, { "Content-Type": file.mimeType ?? "application/octet-stream", "Content-Length": file.bytes.length });
    res.end(req.method === "HEAD" ? undefined : file.bytes);
  }

  /** Runs one API method; used for HTTP requests and webhook replies alike. */
  private async execute(
    rawMethod: string,
    payload: Payload,
    files: Map<string, UploadPart>,
    token: string,
    signal?: AbortSignal,
  ): Promise<ApiResponse> {
    this.tokens.add(token);
    // Telegram method names are case-insensitive.
    const handler = this.handlers.get(rawMethod.toLowerCase());
    const call: ApiCall = {
      method: handler?.name ?? rawMethod,
      payload,
      files: [...files.values()],
      at: Date.now(),
      token,
    };
    this.calls.push(call);
    let response: ApiResponse;
    if (this.options.token !== undefined && token !== this.options.token) {
      response = { ok: false, error_code: 401, description: "Unauthorized" };
    } else if (!handler) {
      response = { ok: false, error_code: 404, description: "Not Found: method not found" };
    } else {
      try {
        const result = await handler.fn({ payload, files, token, ...(signal ? { signal } : {}) });
        response =
          result instanceof Described
            ? { ok: true, result: result.result, description: result.description }
            : { ok: true, result };
      } catch (err) {
        if (err instanceof ApiError) {
          response = {
            ok: false,
            error_code: err.code,
            description: err.description,
            ...(err.parameters ? { parameters: err.parameters } : {}),
          };
        } else {
          response = { ok: false, error_code: 500, description: `Internal Server Error: ${String(err)}` };
        }
      }
    }
    call.response = response;
    this.notify();
    return response;
  }

  // -------------------------------------------------------------------------
  // Bot API methods
  // -------------------------------------------------------------------------

  private buildHandlers(): Record<string, Handler> {
    return {
      getMe: () => this.botInfo,
      logOut: () => true,
      close: () => true,

      getUpdates: ({ payload, signal }) => this.getUpdates(payload, signal),
      setWebhook: ({ payload, token }) => this.setWebhook(payload, token),
      deleteWebhook: ({ payload }) => {
        const had = this.webhook !== undefined;
        this.webhook = undefined;
        if (optBool(payload, "drop_pending_updates")) this.pending = [];
        // Updates still waiting for the webhook go back to the getUpdates queue.
        for (const resolve of this.deliveryWaiters.values()) resolve();
        this.deliveryWaiters.clear();
        return new Described(true, had ? "Webhook was deleted" : "Webhook is already deleted");
      },
      getWebhookInfo: () => ({
        url: this.webhook?.url ?? "",
        has_custom_certificate: false,
        pending_update_count: this.pending.length,
        ...(this.webhook ? { max_connections: this.webhook.maxConnections, ip_address: "127.0.0.1" } : {}),
        ...(this.webhook?.allowedUpdates !== undefined ? { allowed_updates: this.webhook.allowedUpdates } : {}),
        ...(this.webhookLastError
          ? { last_error_date: this.webhookLastError.date, last_error_message: this.webhookLastError.message }
          : {}),
      }),

      sendMessage: ({ payload }) => {
        const state = this.sendTarget(payload, "sendMessage");
        const formatted = this.formatText(payload, "text");
        const markup = this.parseReplyMarkup(payload.reply_markup);
        const reply = this.replyTarget(state, payload);
        return wire(
          this.addBotMessage(state, "sendMessage", { text: formatted.text, ...entitiesField("entities", formatted) }, markup, reply),
        );
      },
      sendDocument: (ctx) => this.sendMedia(ctx, "sendDocument", "document"),
      sendPhoto: (ctx) => this.sendMedia(ctx, "sendPhoto", "photo"),
      sendVoice: (ctx) => this.sendMedia(ctx, "sendVoice", "voice"),
      sendAudio: (ctx) => this.sendMedia(ctx, "sendAudio", "audio"),
      sendVideo: (ctx) => this.sendMedia(ctx, "sendVideo", "video"),
      sendMediaGroup: (ctx) => this.sendMediaGroup(ctx),
      sendChatAction: ({ payload }) => {
        this.sendTarget(payload, "sendChatAction");
        const action = optStr(payload, "action");
        if (!action || !CHAT_ACTIONS.has(action)) throw badRequest("wrong parameter action in request");
        return true;
      },
      copyMessage: ({ payload }) => {
        const source = this.sourceMessage(payload, "message to copy not found");
        if (!source.text && !source.caption && !hasMedia(source) && !source.contact) {
          throw badRequest("message can't be copied");
        }
        const state = this.sendTarget(payload, "copyMessage");
        const content = copyContent(source);
        if (payload.caption !== undefined && hasMedia(source)) {
          const caption = this.formatText(payload, "caption");
          delete content.caption;
          delete content.caption_entities;
          if (caption.text) Object.assign(content, { caption: caption.text }, entitiesField("caption_entities", caption));
        }
        const markup = this.parseReplyMarkup(payload.reply_markup);
        const message = this.addBotMessage(state, "copyMessage", content, markup, this.replyTarget(state, payload));
        return { message_id: message.message_id };
      },
      forwardMessage: ({ payload }) => {
        const source = this.sourceMessage(payload, "message to forward not found");
        const state = this.sendTarget(payload, "forwardMessage");
        const origin: TgMessageOrigin = {
          type: "user",
          date: source.date,
          sender_user: source.from ?? wireUser(this.botInfo, true),
        };
        return wire(this.addBotMessage(state, "forwardMessage", { ...copyContent(source), forward_origin: origin }));
      },

      editMessageText: ({ payload }) => {
        const message = this.editableMessage(payload);
        if (message.text === undefined) throw badRequest("there is no text in the message to edit");
        const formatted = this.formatText(payload, "text");
        const entities = withAutoEntities(formatted.text, formatted.entities);
        const markup = this.parseInlineMarkupForEdit(payload.reply_markup);
        if (
          formatted.text === message.text &&
          sameJson(entities, message.entities ?? []) &&
          sameJson(markup, message.reply_markup)
        ) {
          throw badRequest(NOT_MODIFIED);
        }
        message.text = formatted.text;
        setOrDelete(message, "entities", entities.length > 0 ? entities : undefined);
        this.applyEdit(message, markup);
        return wire(message);
      },
      editMessageCaption: ({ payload }) => {
        const message = this.editableMessage(payload);
        if (!hasMedia(message)) throw badRequest("there is no caption in the message to edit");
        const formatted = this.formatText(payload, "caption");
        const markup = this.parseInlineMarkupForEdit(payload.reply_markup);
        if (
          formatted.text === (message.caption ?? "") &&
          sameJson(formatted.entities, message.caption_entities ?? []) &&
          sameJson(markup, message.reply_markup)
        ) {
          throw badRequest(NOT_MODIFIED);
        }
        setOrDelete(message, "caption", formatted.text || undefined);
        setOrDelete(message, "caption_entities", formatted.entities.length > 0 ? formatted.entities : undefined);
        this.applyEdit(message, markup);
        return wire(message);
      },
      editMessageReplyMarkup: ({ payload }) => {
        const message = this.editableMessage(payload);
        const markup = this.parseInlineMarkupForEdit(payload.reply_markup);
        if (sameJson(markup, message.reply_markup)) throw badRequest(NOT_MODIFIED);
        this.applyEdit(message, markup);
        return wire(message);
      },
      deleteMessage: ({ payload }) => {
        const state = this.resolveChat(payload);
        const message = state.messages.get(optInt(payload, "message_id") ?? 0);
        if (!message || message.deleted) throw badRequest("message to delete not found");
        message.deleted = true;
        this.notify();
        return true;
      },
      deleteMessages: ({ payload }) => {
        const state = this.resolveChat(payload);
        const ids = payload.message_ids;
        if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) {
          throw badRequest("message_ids must be an array of 1-100 message identifiers");
        }
        // Like Telegram: ids that can't be found are skipped silently.
        for (const id of ids) {
          const message = state.messages.get(Number(id));
          if (message) message.deleted = true;
        }
        this.notify();
        return true;
      },
      answerCallbackQuery: ({ payload }) => {
        const id = optStr(payload, "callback_query_id") ?? "";
        const query = this.callbackQueries.get(id);
        const window = this.options.callbackAnswerWindowMs;
        if (!query || query.answered || (window !== undefined && Date.now() - query.at >= window)) {
          throw badRequest("query is too old and response timeout expired or query ID is invalid");
        }
        query.answered = true;
        query.answer = payload;
        return true;
      },

      getFile: ({ payload }) => {
        const file = this.files.get(optStr(payload, "file_id") ?? "");
        if (!file) throw badRequest("invalid file_id");
        if (file.bytes.length > 20 * 1024 * 1024) throw badRequest("file is too big");
        return {
          file_id: file.fileId,
          file_unique_id: file.fileUniqueId,
          file_size: file.bytes.length,
          file_path: file.filePath,
        };
      },
      getChat: ({ payload }) => {
        const id = chatIdOf(payload.chat_id, (u) => this.chatByUsername(u));
        const state = id === undefined ? undefined : this.chats.get(id);
        if (!state) throw badRequest("chat not found");
        return { ...state.chat, accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: {} };
      },

      setMyCommands: ({ payload }) => {
        const commands = payload.commands;
        if (!Array.isArray(commands) || commands.length > 100) throw badRequest("commands must be an array of at most 100 BotCommand");
        const parsed: TgBotCommand[] = commands.map((c: unknown) => {
          const command = isRecord(c) ? optStr(c, "command") ?? "" : "";
          const description = isRecord(c) ? optStr(c, "description") ?? "" : "";
          if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest("BOT_COMMAND_INVALID");
          if (description.length < 1 || description.length > 256) throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
          return { command, description };
        });
        this.commandSets.set(this.commandKeyOf(payload), parsed);
        return true;
      },
      getMyCommands: ({ payload }) => this.commandSets.get(this.commandKeyOf(payload)) ?? [],
      deleteMyCommands: ({ payload }) => {
        this.commandSets.delete(this.commandKeyOf(payload));
        return true;
      },
      setChatMenuButton: ({ payload }) => {
        const button = payload.menu_button;
        const value: TgMenuButton = isRecord(button) && typeof button.type === "string"
          ? (button as unknown as TgMenuButton)
          : { type: "default" };
        if (!["default", "commands", "web_app"].includes(value.type)) throw badRequest("invalid menu button type");
        const chatId = optInt(payload, "chat_id");
        this.menuButtons.set(String(chatId ?? "default"), value);
        return true;
      },
      getChatMenuButton: ({ payload }) => this.menuButton(optInt(payload, "chat_id")),
      setMyDescription: ({ payload }) => this.setLocalized(payload, "description", this.descriptions, 512),
      getMyDescription: ({ payload }) => ({ description: this.descriptions.get(optStr(payload, "language_code") ?? "") ?? "" }),
      setMyShortDescription: ({ payload }) =>
        this.setLocalized(payload, "short_description", this.shortDescriptions, 120),
      getMyShortDescription: ({ payload }) => ({
        short_description: this.shortDescriptions.get(optStr(payload, "language_code") ?? "") ?? "",
      }),
      setMyName: ({ payload }) => this.setLocalized(payload, "name", this.names, 64),
      getMyName: ({ payload }) => ({
        name: this.names.get(optStr(payload, "language_code") ?? "") ?? this.botInfo.first_name,
      }),
    };
  }

  private getUpdates(payload: Payload, signal?: AbortSignal): TgUpdate[] | Promise<TgUpdate[]> {
    if (this.webhook) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const offset = optInt(payload, "offset");
    const limit = Math.min(100, Math.max(1, optInt(payload, "limit") ?? 100));
    const timeout = Math.max(0, optInt(payload, "timeout") ?? 0);
    if (offset !== undefined) {
      // offset confirms everything below it; a negative offset keeps only the last -offset updates.
      this.pending = offset < 0 ? this.pending.slice(offset) : this.pending.filter((u) => u.update_id >= offset);
    }
    if (this.poller) {
      this.finishPoller(
        this.poller,
        new ApiError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"),
      );
    }
    const ready = this.pending.slice(0, limit);
    if (ready.length > 0 || timeout === 0 || this.stopped) return ready;
    return new Promise<TgUpdate[]>((resolve, reject) => {
      const poller: Poller = {
        limit,
        resolve,
        reject,
        timer: setTimeout(() => this.finishPoller(poller, []), timeout * 1000),
      };
      this.poller = poller;
      signal?.addEventListener("abort", () => this.finishPoller(poller, []), { once: true });
    });
  }

  private finishPoller(poller: Poller, outcome: TgUpdate[] | ApiError): void {
    clearTimeout(poller.timer);
    if (this.poller === poller) this.poller = undefined;
    if (outcome instanceof ApiError) poller.reject(outcome);
    else poller.resolve(outcome);
  }

  private setWebhook(payload: Payload, token: string): Described {
    const url = optStr(payload, "url") ?? "";
    if (optBool(payload, "drop_pending_updates")) this.pending = [];
    if (url === "") {
      this.webhook = undefined;
      return new Described(true, "Webhook was deleted");
    }
    if (!/^https?:\/\//i.test(url)) throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    const secretToken = optStr(payload, "secret_token");
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
      throw badRequest("secret token contains unallowed characters");
    }
    this.webhook = {
      url,
      ...(secretToken !== undefined ? { secretToken } : {}),
      maxConnections: optInt(payload, "max_connections") ?? 40,
      ...(payload.allowed_updates !== undefined ? { allowedUpdates: payload.allowed_updates } : {}),
      token,
    };
    this.webhookLastError = undefined;
    // A pending long poll can't continue once a webhook is active.
    if (this.poller) {
      this.finishPoller(this.poller, new ApiError(409, "Conflict: terminated by setWebhook request"));
    }
    void this.pumpWebhook();
    return new Described(true, "Webhook was set");
  }

  /**
   * An album, as Telegram takes it: 2–10 items, photos and videos together or documents alone
   * or audio alone, each with its own caption (at most 1,024 characters), files attached as
   * attach://name or given by file id; no reply markup. Everything is checked before anything
   * is sent, and a rate limit counts the album once (Telegram sends it or refuses it whole).
   */
  private async sendMediaGroup(ctx: CallContext): Promise<TgMessage[]> {
    const { payload, files } = ctx;
    const media = payload.media;
    if (media === undefined || media === "") throw badRequest("media to send are not specified");
    if (!Array.isArray(media)) throw badRequest("can't parse media JSON object");
    if (media.length > 10) throw badRequest("too much messages to send as an album");
    if (media.length < 2) throw badRequest("wrong number of messages to send as an album");
    if (payload.reply_markup !== undefined) throw badRequest("reply markup can't be used with albums");
    const kinds = media.map((item, i) => {
      if (!isRecord(item)) throw badRequest(`can't parse InputMedia: item ${i} is not an object`);
      const type = optStr(item, "type");
      if (type !== "photo" && type !== "video" && type !== "document" && type !== "audio") throw badRequest("can't parse InputMedia: unsupported media type");
      const ref = optStr(item, "media");
      if (!ref) throw badRequest("can't parse InputMedia: media not found");
      if (ref.startsWith("attach://") && !files.has(ref.slice("attach://".length))) throw badRequest("can't parse InputMedia: media not found");
      this.formatText(item, "caption"); // throws on a caption over 1,024 characters
      return type;
    });
    const visual = kinds.map((k) => k === "photo" || k === "video");
    if (!(visual.every(Boolean) || kinds.every((k) => k === "document") || kinds.every((k) => k === "audio"))) {
      throw badRequest(kinds.includes("document") ? "document can't be mixed with other media types" : "audio can't be mixed with other media types");
    }
    const state = this.sendTarget(payload, "sendMediaGroup");
    this.checkRateLimit(state.chat.id);
    const group = String(++this.mediaGroups);
    const sent: TgMessage[] = [];
    for (const item of media as Payload[]) {
      const kind = item.type as FileKind;
      const single: Payload = { ...item, chat_id: payload.chat_id, [kind]: item.media };
      if (payload.reply_parameters !== undefined) single.reply_parameters = payload.reply_parameters;
      delete single.media;
      delete single.type;
      sent.push(await this.sendMedia({ ...ctx, payload: single }, "sendMediaGroup", kind, { media_group_id: group }));
    }
    return sent;
  }

  private async sendMedia(ctx: CallContext, method: string, kind: FileKind, extra: Partial<TgMessage> = {}): Promise<TgMessage> {
    const { payload, files } = ctx;
    const state = this.sendTarget(payload, method);
    const caption = this.formatText(payload, "caption");
    const markup = this.parseReplyMarkup(payload.reply_markup);
    const reply = this.replyTarget(state, payload);
    const input = payload[kind];
    let upload: UploadPart | undefined;
    let existing: StoredFile | undefined;
    if (typeof input === "string" && input.startsWith("attach://")) {
      upload = files.get(input.slice("attach://".length));
      if (!upload) throw badRequest(`wrong HTTP URL specified: ${input} not found in the request`);
    } else if (files.has(kind)) {
      upload = files.get(kind);
    } else if (typeof input === "string" && input !== "") {
      existing = this.files.get(input);
      if (!existing) {
        throw badRequest(
          /^https?:\/\//i.test(input) ? "failed to get HTTP URL content" : "wrong file identifier/HTTP URL specified",
        );
      }
      if (existing.kind !== kind) throw badRequest(`can't use file of type ${capitalize(existing.kind)} as ${capitalize(kind)}`);
    } else {
      throw badRequest(`there is no ${kind} in the request`);
    }
    let media: StoredFile["media"];
    let stored: StoredFile | undefined;
    if (upload) {
      const fileName = optStr(payload, "file_name") ?? upload.fileName;
      const guessed = MIME_TYPES[extensionOf(fileName)];
      const mimeType =
        upload.contentType !== "application/octet-stream" ? upload.contentType : guessed ?? "application/octet-stream";
      stored = this.storeFile(kind, upload.bytes, "bot", {
        fileName,
        mimeType: kind === "voice" ? "audio/ogg" : kind === "photo" ? "image/jpeg" : mimeType,
        duration: optInt(payload, "duration"),
        width: optInt(payload, "width"),
        height: optInt(payload, "height"),
      });
      media = stored.media;
    } else {
      media = structuredClone((existing as StoredFile).media);
    }
    const content: Partial<TgMessage> = {
      ...extra,
      ...mediaField(kind, media),
      ...(caption.text ? { caption: caption.text, ...entitiesField("caption_entities", caption) } : {}),
    };
    const message = this.addBotMessage(state, method, content, markup, reply);
    if (stored) {
      this.uploadedFiles.push({
        fileId: stored.fileId,
        ...(stored.fileName !== undefined ? { fileName: stored.fileName } : {}),
        ...(stored.mimeType !== undefined ? { mimeType: stored.mimeType } : {}),
        bytes: stored.bytes,
        method,
        chatId: state.chat.id,
        messageId: message.message_id,
      });
    }
    return wire(message);
  }

  private setLocalized(payload: Payload, field: string, store: Map<string, string>, max: number): boolean {
    const value = optStr(payload, field) ?? "";
    if (value.length > max) throw badRequest(`${field.toUpperCase()}_INVALID`);
    const lang = optStr(payload, "language_code") ?? "";
    if (lang !== "" && !/^[a-z]{2}$/.test(lang)) throw badRequest("invalid language code specified");
    if (value === "") store.delete(lang);
    else store.set(lang, value);
    return true;
  }

  private static commandKey(scope: unknown, languageCode: string | undefined): string {
    const s = isRecord(scope) ? scope : { type: "default" };
    const canonical = Object.keys(s)
      .sort()
      .map((k) => `${k}=${String(s[k])}`)
      .join("&");
    return `${canonical}|${languageCode ?? ""}`;
  }

  private commandKeyOf(payload: Payload): string {
    return BotApiEmulator.commandKey(payload.scope, optStr(payload, "language_code"));
  }

  // -------------------------------------------------------------------------
  // Chats & messages
  // -------------------------------------------------------------------------

  private chatByUsername(username: string): number | undefined {
    const wanted = username.replace(/^@/, "").toLowerCase();
    for (const state of this.chats.values()) {
      if (state.chat.username?.toLowerCase() === wanted) return state.chat.id;
    }
    return undefined;
  }

  private resolveChat(payload: Payload, key = "chat_id"): ChatState {
    const raw = payload[key];
    if (raw === undefined || raw === null || raw === "") throw badRequest(`${key} is empty`);
    const id = chatIdOf(raw, (u) => this.chatByUsername(u));
    if (id === undefined) throw badRequest("chat not found");
    const existing = this.chats.get(id);
    if (existing) return existing;
    if (this.options.unknownChats === "error") throw badRequest("chat not found");
    const chat: TgChat = id < 0 ? { id, type: "group", title: `Group ${id}` } : { id, type: "private", first_name: `User ${id}` };
    return this.addChat(chat);
  }

  /** chat for a message-producing call: blocked check, then flood control. */
  private sendTarget(payload: Payload, method: string): ChatState {
    const state = this.resolveChat(payload);
    if (this.blocked.has(state.chat.id)) throw new ApiError(403, "Forbidden: bot was blocked by the user");
    if (RATE_LIMITED_METHODS.has(method)) this.checkRateLimit(state.chat.id);
    return state;
  }

  private checkRateLimit(chatId: number): void {
    const limits = this.options.rateLimit;
    if (!limits) return;
    const now = Date.now();
    this.globalSends = this.globalSends.filter((t) => now - t < 1000);
    const chatSends = (this.chatSends.get(chatId) ?? []).filter((t) => now - t < 1000);
    if (this.globalSends.length >= limits.globalPerSecond || chatSends.length >= limits.perChatPerSecond) {
      this.chatSends.set(chatId, chatSends);
      this.rateLimitedCount++;
      const retryAfter = limits.retryAfter ?? 1;
      throw new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
    }
    this.globalSends.push(now);
    chatSends.push(now);
    this.chatSends.set(chatId, chatSends);
  }

  private addChat(chat: TgChat): ChatState {
    const state: ChatState = { chat, lastMessageId: 0, messages: new Map() };
    this.chats.set(chat.id, state);
    return state;
  }

  /** The chat a simulated user writes in; private chats track the user's current name. */
  private userChat(from: TgUser, chatId = from.id): ChatState {
    const existing = this.chats.get(chatId);
    if (chatId === from.id) {
      const chat: TgChat = {
        id: chatId,
        type: "private",
        first_name: from.first_name,
        ...(from.last_name !== undefined ? { last_name: from.last_name } : {}),
        ...(from.username !== undefined ? { username: from.username } : {}),
      };
      if (existing) {
        existing.chat = chat;
        return existing;
      }
      return this.addChat(chat);
    }
    return existing ?? this.addChat({ id: chatId, type: chatId < 0 ? "group" : "private", ...(chatId < 0 ? { title: `Group ${chatId}` } : { first_name: `User ${chatId}` }) });
  }

  private replyTarget(state: ChatState, payload: Payload): TgMessage | undefined {
    const params = isRecord(payload.reply_parameters) ? payload.reply_parameters : undefined;
    const id = params ? optInt(params, "message_id") : optInt(payload, "reply_to_message_id");
    if (id === undefined) return undefined;
    const target = state.messages.get(id);
    if (target && !target.deleted) {
      const copy = wire(target);
      delete copy.reply_to_message; // Telegram doesn't nest replies further.
      return copy;
    }
    const allow = params ? optBool(params, "allow_sending_without_reply") : optBool(payload, "allow_sending_without_reply");
    if (!allow) throw badRequest("message to be replied not found");
    return undefined;
  }

  private addBotMessage(
    state: ChatState,
    via: string,
    content: Partial<TgMessage>,
    markup?: TgReplyMarkup,
    replyTo?: TgMessage,
  ): SentMessage {
    const message: SentMessage = {
      message_id: ++state.lastMessageId,
      from: wireUser(this.botInfo, true),
      chat: { ...state.chat },
      date: unixNow(),
      ...(replyTo ? { reply_to_message: replyTo } : {}),
      ...content,
      ...(isInlineMarkup(markup) ? { reply_markup: markup } : {}),
      deleted: false,
      editCount: 0,
      sentVia: via,
      ...(markup ? { sentReplyMarkup: markup } : {}),
    };
    if (message.text !== undefined) {
      const entities = withAutoEntities(message.text, message.entities ?? []);
      setOrDelete(message, "entities", entities.length > 0 ? entities : undefined);
    }
    if (markup && "keyboard" in markup) state.keyboard = markup;
    if (markup && "remove_keyboard" in markup) delete state.keyboard;
    state.messages.set(message.message_id, message);
    this.botMessageLog.push(message);
    this.notify();
    return message;
  }

  private async userMessage(
    from: TgUser,
    opts: { chatId?: number; replyTo?: number },
    content: Partial<TgMessage>,
  ): Promise<TgUpdate> {
    const state = this.userChat(from, opts.chatId);
    const reply = opts.replyTo !== undefined ? state.messages.get(opts.replyTo) : undefined;
    const message: SentMessage = {
      message_id: ++state.lastMessageId,
      from: wireUser(from),
      chat: { ...state.chat },
      date: unixNow(),
      ...(reply ? { reply_to_message: omitReply(wire(reply)) } : {}),
      ...content,
      deleted: false,
      editCount: 0,
      sentVia: "user",
    };
    state.messages.set(message.message_id, message);
    return this.pushUpdate({ message: wire(message) });
  }

  private userCaption(caption: string | undefined): Partial<TgMessage> {
    if (!caption) return {};
    const entities = withAutoEntities(caption, []);
    return { caption, ...(entities.length > 0 ? { caption_entities: entities } : {}) };
  }

  private sourceMessage(payload: Payload, notFound: string): SentMessage {
    const fromId = chatIdOf(payload.from_chat_id, (u) => this.chatByUsername(u));
    const source = fromId === undefined ? undefined : this.chats.get(fromId)?.messages.get(optInt(payload, "message_id") ?? 0);
    if (!source || source.deleted) throw badRequest(notFound);
    return source;
  }

  private editableMessage(payload: Payload): SentMessage {
    if (payload.inline_message_id !== undefined) throw badRequest("inline messages are not supported by the emulator");
    const state = this.resolveChat(payload);
    if (this.blocked.has(state.chat.id)) throw new ApiError(403, "Forbidden: bot was blocked by the user");
    const message = state.messages.get(optInt(payload, "message_id") ?? 0);
    if (!message || message.deleted) throw badRequest("message to edit not found");
    if (message.sentVia === "user") throw badRequest("message can't be edited");
    return message;
  }

  private applyEdit(message: SentMessage, markup: TgInlineKeyboardMarkup | undefined): void {
    // Like Telegram, an edit without reply_markup removes the inline keyboard.
    setOrDelete(message, "reply_markup", markup);
    setOrDelete(message, "sentReplyMarkup", markup);
    message.edit_date = unixNow();
    message.editCount++;
    this.notify();
  }

  private formatText(payload: Payload, field: "text" | "caption"): FormattedText {
    const raw = optStr(payload, field) ?? "";
    const entitiesKey = field === "text" ? "entities" : "caption_entities";
    const explicit = payload[entitiesKey];
    let formatted: FormattedText;
    if (Array.isArray(explicit)) {
      formatted = finalizeText(raw, explicit.filter(isRecord).map((e) => e as unknown as TgMessageEntity));
    } else {
      const mode = optStr(payload, "parse_mode") ?? "";
      switch (mode.toLowerCase()) {
        case "":
          formatted = finalizeText(raw, []);
          break;
        case "html":
          formatted = parseHtml(raw);
          break;
        case "markdownv2":
          formatted = parseMarkdownV2(raw);
          break;
        case "markdown":
          formatted = parseMarkdownLegacy(raw);
          break;
        default:
          throw badRequest("unsupported parse_mode");
      }
    }
    if (field === "text") {
      if (formatted.text.length === 0) throw badRequest("message text is empty");
      if (formatted.text.length > 4096) throw badRequest("message is too long");
    } else if (formatted.text.length > 1024) {
      throw badRequest("message caption is too long");
    }
    return formatted;
  }

  private parseReplyMarkup(value: unknown): TgReplyMarkup | undefined {
    if (value === undefined || value === null || value === "") return undefined;
    if (!isRecord(value)) throw badRequest("can't parse reply keyboard markup JSON object");
    if ("inline_keyboard" in value) {
      const rows = value.inline_keyboard;
      if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
        throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
      }
      for (const button of (rows as unknown[][]).flat()) {
        if (!isRecord(button) || typeof button.text !== "string") {
          throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
        }
        if (!INLINE_BUTTON_ACTIONS.some((action) => action in button)) {
          throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
        }
        if ("callback_data" in button) {
          const data = button.callback_data;
          const bytes = typeof data === "string" ? Buffer.byteLength(data, "utf8") : 0;
          if (bytes < 1 || bytes > 64) throw badRequest("BUTTON_DATA_INVALID");
        }
        if ("url" in button && (typeof button.url !== "string" || !/^(https?|tg):\/\/\S+$/i.test(button.url))) {
          throw badRequest("BUTTON_URL_INVALID");
        }
      }
      return value as unknown as TgInlineKeyboardMarkup;
    }
    if ("keyboard" in value) {
      const rows = value.keyboard;
      if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
        throw badRequest('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays');
      }
      for (const button of (rows as unknown[][]).flat()) {
        if (typeof button !== "string" && !(isRecord(button) && typeof button.text === "string")) {
          throw badRequest("can't parse keyboard button: KeyboardButton must be a String or an Object");
        }
      }
      return value as unknown as TgReplyKeyboardMarkup;
    }
    if (value.remove_keyboard === true) return value as unknown as TgReplyKeyboardRemove;
    if (value.force_reply === true) return value as unknown as TgForceReply;
    throw badRequest("can't parse reply keyboard markup JSON object");
  }

  private parseInlineMarkupForEdit(value: unknown): TgInlineKeyboardMarkup | undefined {
    const markup = this.parseReplyMarkup(value);
    if (markup !== undefined && !isInlineMarkup(markup)) throw badRequest("inline keyboard expected");
    return markup;
  }

  // -------------------------------------------------------------------------
  // Files
  // -------------------------------------------------------------------------

  private newFileIds(kind: FileKind): { fileId: string; fileUniqueId: string } {
    return {
      fileId: `${FILE_ID_PREFIX[kind]}${randomBytes(30).toString("base64url")}`,
      fileUniqueId: `AgAD${randomBytes(9).toString("base64url")}`,
    };
  }

  private registerFile(file: StoredFile): StoredFile {
    this.files.set(file.fileId, file);
    this.filesByPath.set(file.filePath, file);
    return file;
  }

  private storeFile(
    kind: FileKind,
    bytes: Buffer,
    uploadedBy: "user" | "bot",
    meta: { fileName?: string; mimeType?: string; duration?: number | undefined; width?: number | undefined; height?: number | undefined },
  ): StoredFile {
    const n = ++this.fileCounter;
    const ext = kind === "photo" ? "jpg" : kind === "voice" ? "oga" : extensionOf(meta.fileName) || "dat";
    const base = { kind, bytes, uploadedBy, ...(meta.mimeType !== undefined ? { mimeType: meta.mimeType } : {}) };
    if (kind === "photo") {
      // Telegram returns several sizes; the emulator doesn't resize, every size serves the original bytes.
      const size = imageSize(bytes);
      const width = meta.width ?? size?.width ?? 1280;
      const height = meta.height ?? size?.height ?? 960;
      const dims: [number, number][] = [];
      const scale = 320 / Math.max(width, height);
      if (scale < 1) dims.push([Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))]);
      dims.push([width, height]);
      const sizes: TgPhotoSize[] = [];
      const stored: StoredFile[] = dims.map(([w, h], i) => {
        const ids = this.newFileIds("photo");
        sizes.push({ file_id: ids.fileId, file_unique_id: ids.fileUniqueId, file_size: bytes.length, width: w, height: h });
        return this.registerFile({ ...base, ...ids, filePath: `photos/file_${n}${i > 0 ? `_${i}` : ""}.jpg`, media: sizes });
      });
      return stored[stored.length - 1] as StoredFile;
    }
    const ids = this.newFileIds(kind);
    const common = { file_id: ids.fileId, file_unique_id: ids.fileUniqueId };
    let media: StoredFile["media"];
    const duration = meta.duration ?? 0;
    const named = {
      ...(meta.fileName !== undefined ? { file_name: meta.fileName } : {}),
      ...(meta.mimeType !== undefined ? { mime_type: meta.mimeType } : {}),
      file_size: bytes.length,
    };
    switch (kind) {
      case "document":
        media = { ...common, ...named };
        break;
      case "voice":
        media = { ...common, duration, mime_type: meta.mimeType ?? "audio/ogg", file_size: bytes.length };
        break;
      case "audio":
        media = { ...common, duration, ...named };
        break;
      case "video":
        media = { ...common, duration, width: meta.width ?? 1280, height: meta.height ?? 720, ...named };
        break;
    }
    return this.registerFile({
      ...base,
      ...ids,
      ...(meta.fileName !== undefined ? { fileName: meta.fileName } : {}),
      filePath: `${FILE_DIR[kind]}/file_${n}.${ext}`,
      media,
    });
  }

  // -------------------------------------------------------------------------
  // Update delivery
  // -------------------------------------------------------------------------

  private async pushUpdate(content: Omit<TgUpdate, "update_id">): Promise<TgUpdate> {
    if (this.stopped) throw new Error("BotApiEmulator is stopped");
    const update: TgUpdate = { update_id: this.nextUpdateId++, ...content };
    this.pending.push(update);
    this.updates.push(update);
    if (this.webhook) {
      const delivered = new Promise<void>((resolve) => this.deliveryWaiters.set(update.update_id, resolve));
      void this.pumpWebhook();
      await delivered;
    } else if (this.poller) {
      this.finishPoller(this.poller, this.pending.slice(0, this.poller.limit));
    }
    return update;
  }

  private async chatMemberUpdate(chatId: number, from: "member" | "kicked", to: "member" | "kicked"): Promise<void> {
    const state = this.chats.get(chatId);
    if (!state || state.chat.type !== "private") return;
    const bot = wireUser(this.botInfo, true);
    const user = wireUser({ id: chatId, first_name: state.chat.first_name ?? `User ${chatId}` });
    await this.pushUpdate({
      my_chat_member: {
        chat: { ...state.chat },
        from: user,
        date: unixNow(),
        old_chat_member: { status: from, user: bot, ...(from === "kicked" ? { until_date: 0 } : {}) },
        new_chat_member: { status: to, user: bot, ...(to === "kicked" ? { until_date: 0 } : {}) },
      },
    });
  }

  /**
   * More webhook addresses (a load balancer in front of several instances): the copies of a
   * delivery go to the webhook's own URL and these in turn.
   */
  webhookAlsoTo: string[] = [];
  private webhookTurn = 0;

  /** Delivers pending updates one at a time, in order (deterministic for tests), or as `webhook.parallel`/`repeat` say. */
  private async pumpWebhook(): Promise<void> {
    if ((this.options.webhook?.parallel ?? 1) > 1 || (this.options.webhook?.repeat ?? 1) > 1) return this.pumpWebhookInParallel();
    if (this.webhookPumping) return;
    this.webhookPumping = true;
    try {
      while (this.webhook && !this.stopped) {
        const update = this.pending[0];
        if (!update) break;
        await this.deliver(this.webhook, update);
        if (this.pending[0] === update) this.pending.shift();
        this.deliveryWaiters.get(update.update_id)?.();
        this.deliveryWaiters.delete(update.update_id);
      }
    } finally {
      this.webhookPumping = false;
    }
  }

  private async pumpWebhookInParallel(): Promise<void> {
    if (this.webhookPumping) return;
    this.webhookPumping = true;
    const parallel = this.options.webhook?.parallel ?? 1;
    const repeat = this.options.webhook?.repeat ?? 1;
    const inFlight = new Set<number>();
    try {
      while (this.webhook && !this.stopped) {
        const hook = this.webhook;
        const next = this.pending.find((u) => !inFlight.has(u.update_id));
        if (!next && !inFlight.size) break;
        if (!next || inFlight.size >= parallel) {
          await sleep(2);
          continue;
        }
        inFlight.add(next.update_id);
        const targets = [hook.url, ...this.webhookAlsoTo];
        void Promise.all(Array.from({ length: repeat }, () => this.deliver(hook, next, targets[this.webhookTurn++ % targets.length]))).then(() => {
          this.pending = this.pending.filter((u) => u !== next);
          inFlight.delete(next.update_id);
          this.deliveryWaiters.get(next.update_id)?.();
          this.deliveryWaiters.delete(next.update_id);
        });
      }
    } finally {
      this.webhookPumping = false;
    }
  }

  private async deliver(hook: WebhookConfig, update: TgUpdate, url = hook.url): Promise<void> {
    const maxAttempts = this.options.webhook?.maxAttempts ?? 3;
    const retryDelayMs = this.options.webhook?.retryDelayMs ?? 100;
    const body = JSON.stringify(update);
    for (let attempt = 1; attempt <= maxAttempts && !this.stopped && this.webhook === hook; attempt++) {
      if (attempt > 1) await sleep(retryDelayMs * (attempt - 1));
      let status = 0;
      let error: string | undefined;
      let responseBody = "";
      try {
        ({ status, body: responseBody } = await this.postJson(url, body, hook.secretToken));
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      this.webhookDeliveries.push({ updateId: update.update_id, status, attempt, at: Date.now(), ...(error ? { error } : {}) });
      this.notify();
      if (status >= 200 && status < 300) {
        await this.runWebhookReply(responseBody, hook.token);
        return;
      }
      this.webhookLastError = {
        date: unixNow(),
        message: error ?? `Wrong response from the webhook: ${status} ${http.STATUS_CODES[status] ?? ""}`.trim(),
      };
    }
  }

  /** Telegram executes a method returned in the webhook response body ("webhook reply"). */
  private async runWebhookReply(body: string, token: string): Promise<void> {
    if (!body.trim().startsWith("{")) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return;
    }
    if (!isRecord(parsed) || typeof parsed.method !== "string") return;
    const { method, ...rest } = parsed;
    const payload: Payload = {};
    for (const [k, v] of Object.entries(rest)) payload[k] = coerceField(k, v);
    await this.execute(method, payload, new Map(), token);
  }

  private postJson(url: string, body: string, secretToken?: string): Promise<{ status: number; body: string }> {
    const target = new URL(url);
    const transport = target.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(
        target,
        {
          method: "POST",
          agent: false, // fresh connection per delivery: nothing lingers after stop()
          timeout: this.options.webhook?.timeoutMs ?? 10_000,
          headers: {
            "Content-Type": "application/json",
            "Content-Length": Buffer.byteLength(body),
            ...(secretToken !== undefined ? { "X-Telegram-Bot-Api-Secret-Token": secretToken } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.once("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          res.once("error", reject);
        },
      );
      this.webhookRequests.add(req);
      req.once("close", () => this.webhookRequests.delete(req));
      req.once("timeout", () => req.destroy(new Error("Read timeout expired")));
      req.once("error", reject);
      req.end(body);
    });
  }

  // -------------------------------------------------------------------------
  // Waiting
  // -------------------------------------------------------------------------

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  private waitUntil<T>(find: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    // Created here so the rejection's stack points at the test's call site.
    const failure = new Error("timeout");
    return new Promise<T>((resolve, reject) => {
      const found = find();
      if (found !== undefined) {
        resolve(found);
        return;
      }
      const waiter: Waiter = {
        check: () => {
          const value = find();
          if (value === undefined) return false;
          done();
          resolve(value);
          return true;
        },
        fail: (err) => {
          done();
          reject(err);
        },
      };
      const timer = setTimeout(() => {
        done();
        failure.message = describe();
        reject(failure);
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
    });
  }

  private describeRecent(chatId?: number): string {
    const messages = this.sentMessages(chatId)
      .slice(-8)
      .map((m) => {
        const body = m.text ?? m.caption ?? mediaKind(m);
        const buttons = this.inlineButtons(m).map((b) => b.text);
        return `  #${m.message_id} chat=${m.chat.id} ${m.sentVia}${m.deleted ? " (deleted)" : ""}: ${JSON.stringify(body)}${buttons.length > 0 ? ` buttons=${JSON.stringify(buttons)}` : ""}`;
      });
    const failures = this.calls
      .filter((c) => c.response !== undefined && !c.response.ok)
      .slice(-5)
      .map((c) => `  ${c.method} -> ${c.response && !c.response.ok ? `${c.response.error_code} ${c.response.description}` : ""}`);
    return [
      `last bot messages${chatId !== undefined ? ` in chat ${chatId}` : ""} (${messages.length}):`,
      ...(messages.length > 0 ? messages : ["  (none)"]),
      ...(failures.length > 0 ? ["recent failed API calls:", ...failures] : []),
    ].join("\n");
  }
}

// ---------------------------------------------------------------------------
// Small pure helpers
// ---------------------------------------------------------------------------

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(json) });
  res.end(json);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function chatIdOf(raw: unknown, byUsername: (username: string) => number | undefined): number | undefined {
  if (typeof raw === "number" && Number.isSafeInteger(raw)) return raw;
  if (typeof raw === "string") {
    if (/^-?\d+$/.test(raw.trim())) return Number(raw.trim());
    if (raw.startsWith("@")) return byUsername(raw);
  }
  return undefined;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function setOrDelete<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

function entitiesField(
  key: "entities" | "caption_entities",
  formatted: FormattedText,
): { entities?: TgMessageEntity[]; caption_entities?: TgMessageEntity[] } {
  return formatted.entities.length > 0 ? { [key]: formatted.entities } : {};
}

function mediaField(kind: FileKind, media: StoredFile["media"]): Partial<TgMessage> {
  switch (kind) {
    case "photo":
      return { photo: media as TgPhotoSize[] };
    case "document":
      return { document: media as TgDocument };
    case "voice":
      return { voice: media as TgVoice };
    case "audio":
      return { audio: media as TgAudio };
    case "video":
      return { video: media as TgVideo };
  }
}

function hasMedia(m: TgMessage): boolean {
  return Boolean(m.document ?? m.photo ?? m.voice ?? m.audio ?? m.video);
}

function mediaKind(m: TgMessage): string {
  for (const key of ["document", "photo", "voice", "audio", "video", "contact"] as const) {
    if (m[key] !== undefined) return `<${key}>`;
  }
  return "<empty>";
}

function omitReply(m: TgMessage): TgMessage {
  delete m.reply_to_message;
  return m;
}

/** Content fields carried over by copyMessage/forwardMessage. */
function copyContent(source: TgMessage): Partial<TgMessage> {
  const keys = [
    "text", "entities", "caption", "caption_entities", "document", "photo", "voice", "audio", "video", "contact",
  ] as const;
  const content: Partial<TgMessage> = {};
  for (const key of keys) {
    if (source[key] !== undefined) Object.assign(content, { [key]: structuredClone(source[key]) });
  }
  return content;
}
