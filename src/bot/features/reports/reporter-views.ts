// What the reporter sees: the review of a draft, a case opened with its receipt, and how
// an incoming message becomes an attachment. HTML parse mode: everything the reporter or an
// officer wrote goes through escapeHtml, and long texts are cut into messages between
// escaped pieces, never inside a tag or an entity.
import type { Message } from "grammy/types";
import { REPORT_LIMITS, type Attachment, type AttachmentProblem, type ReportContent, type TextProblem } from "../../../domain/reports/case.js";
import type { CaseEntry, CaseSummary } from "../../../services/reports.js";
import type { TFunction } from "../../../i18n.js";
import { escapeHtml } from "../../ui/html.js";
import type { DraftState } from "./reporter-state.js";
import { formatDay } from "../../../domain/dates.js";

/** Room for one message: Telegram allows 4096 characters after entities are parsed. */
const MESSAGE_ROOM = 3800;
const ADDITION_PREVIEW = 300;

export const MB = REPORT_LIMITS.maxAttachmentBytes / 1024 / 1024;

/** A piece of a message: HTML already safe, or raw text to escape. */
export type Piece = { html: string } | { text: string };

/** Cuts raw text into escaped chunks that each fit `room`. */
function escapedChunks(text: string, room: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const ch of text) {
    const e = escapeHtml(ch);
    if (current.length + e.length > room) {
      out.push(current);
      current = "";
    }
    current += e;
  }
  if (current) out.push(current);
  return out;
}

/** Joins pieces with line breaks into as few messages as fit. */
export function packMessages(pieces: Piece[], room = MESSAGE_ROOM): string[] {
  const parts: string[] = [];
  let current = "";
  const add = (html: string) => {
    if (current && current.length + 1 + html.length > room) {
      parts.push(current);
      current = html;
    } else current = current ? `${current}\n${html}` : html;
  };
  for (const p of pieces) {
    if ("html" in p) add(p.html);
    else for (const chunk of escapedChunks(p.text, room)) add(chunk);
  }
  if (current) parts.push(current);
  return parts;
}

/** Why a typed answer was not taken. */
export const textProblemText = (t: TFunction, problem: TextProblem, max: number, length: number) =>
  problem === "empty" ? t("reports.problem.empty") : t("reports.problem.tooLong", { max, length });

/** Why a file was not taken. */
export const fileProblemText = (t: TFunction, problem: AttachmentProblem) =>
  problem === "tooMany" ? t("reports.fileProblem.tooMany", { max: REPORT_LIMITS.maxAttachments }) : problem === "tooLarge" ? t("reports.fileProblem.tooLarge", { mb: MB }) : t("reports.fileProblem.unsupported", { mb: MB });

export const kindName = (t: TFunction, kind: Attachment["kind"]) => t(`reports.kind.${kind}`);

/** The reporter's own answers and files, labelled (the review, and the case seen with the receipt). */
function contentPieces(t: TFunction, c: { unit?: string | undefined; what?: string | undefined; whenWhere?: string | undefined; who?: string | undefined; attachments: Attachment[] }): Piece[] {
  const none = `<i>${escapeHtml(t("reports.review.none"))}</i>`;
  const field = (label: string, value: string | undefined): Piece[] => (value ? [{ html: `<b>${label}:</b>` }, { text: value }] : [{ html: `<b>${label}:</b> ${none}` }]);
  const counts = new Map<string, number>();
  for (const a of c.attachments) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  const files = c.attachments.length ? [...counts].map(([k, n]) => `${kindName(t, k as Attachment["kind"])} × ${n}`).join(", ") : t("reports.review.noFiles");
  return [
    ...field(t("reports.review.unit"), c.unit),
    ...field(t("reports.review.what"), c.what),
    ...field(t("reports.review.whenWhere"), c.whenWhere),
    ...field(t("reports.review.who"), c.who),
    { html: `<b>${t("reports.review.files")}:</b> ${escapeHtml(files)}` },
  ];
}

/** The review of a draft before it is sent. */
export function reviewPieces(t: TFunction, d: DraftState): Piece[] {
  const none = `<i>${escapeHtml(t("reports.review.none"))}</i>`;
  return [
    { html: t("reports.review.title") },
    { html: "" },
    { html: `<b>${t("reports.review.category")}:</b> ${d.category ? t(`reportTerms.category.${d.category}`) : none}` },
    { html: `<b>${t("reports.review.recipient")}:</b> ${t(d.involvesManagement ? "reportTerms.audience.observer" : "reportTerms.audience.compliance")}` },
    ...contentPieces(t, d),
    { html: "" },
    { html: t("reports.review.footer") },
  ];
}

/** What the draft holds, as the service takes it. */
export function draftContent(d: DraftState): Omit<ReportContent, "mailboxToken"> {
  return {
    ...(d.unit ? { unit: d.unit } : {}),
    what: d.what ?? "",
    whenWhere: d.whenWhere ?? "",
    ...(d.who ? { who: d.who } : {}),
    attachments: d.attachments,
  };
}

/** A case as its reporter sees it: dates, status, replies, their own additions — no internal notes. */
export function casePieces(t: TFunction, c: CaseSummary, content: ReportContent | null, entries: CaseEntry[], subscribed: boolean): Piece[] {
  const handler = t(`reportTerms.audience.${c.audience}`);
  const out: Piece[] = [
    { html: t("reports.case.title", { number: escapeHtml(c.number) }) },
    { html: t("reports.case.category", { category: t(`reportTerms.category.${c.category}`) }) },
    { html: t("reports.case.handler", { handler }) },
    { html: t("reports.case.status", { status: t(`reportTerms.status.${c.status}`) }) },
  ];
  if (c.outcome) out.push({ html: t("reports.case.outcome", { outcome: t(`reportTerms.outcome.${c.outcome}`) }) });
  out.push({ html: t("reports.case.received", { date: formatDay(c.receivedOn) }) });
  out.push({ html: c.acknowledgedOn ? t("reports.case.acknowledged", { date: formatDay(c.acknowledgedOn) }) : t("reports.case.ackDue", { date: formatDay(c.ackDueOn) }) });
  if (c.decidedOn) out.push({ html: t("reports.case.decided", { date: formatDay(c.decidedOn) }) });
  else {
    out.push({ html: t("reports.case.decisionDue", { date: formatDay(c.decisionDueOn) }) });
    if (c.overdue.decision) out.push({ html: t("reports.case.overdue") });
  }
  if (c.extendedOn && c.originalDecisionDueOn) {
    const extension = [...entries].reverse().find((e) => e.body.kind === "extension");
    out.push({ html: t("reports.case.extended", { from: formatDay(c.originalDecisionDueOn), to: formatDay(c.decisionDueOn) }) });
    if (extension?.body.kind === "extension") out.push({ text: extension.body.reason });
  }
  out.push({ html: subscribed ? t("reports.case.notifyOn") : t("reports.case.notifyOff") });
  if (content) out.push({ html: "" }, { html: t("reports.case.yourReport") }, ...contentPieces(t, content));
  out.push({ html: "" }, { html: t("reports.case.history") });
  let shown = 0;
  for (const e of entries) {
    const day = formatDay(e.on);
    const b = e.body;
    if (b.kind === "reply") out.push({ html: `${day} — ${t("reports.case.entryReply", { handler })}` }, { text: b.text });
    else if (b.kind === "status")
      out.push({ html: `${day} — ${b.outcome ? t("reports.case.entryDecision", { outcome: t(`reportTerms.outcome.${b.outcome}`) }) : t("reports.case.entryStatus", { status: t(`reportTerms.status.${b.to}`) })}` });
    else if (b.kind === "extension") out.push({ html: `${day} — ${t("reports.case.entryExtension", { date: formatDay(b.to) })}` }, { text: b.reason });
    else if (b.kind === "reporter") {
      const chars = [...b.text];
      out.push({ html: `${day} — ${t("reports.case.entryAddition")}` }, { text: chars.length > ADDITION_PREVIEW ? `${chars.slice(0, ADDITION_PREVIEW).join("")}…` : b.text });
    } else if (b.kind === "file") out.push({ html: `${day} — ${t("reports.case.entryFile", { kind: kindName(t, b.attachment.kind) })}` });
    else continue;
    shown++;
  }
  if (!shown) out.push({ html: t("reports.case.historyEmpty") });
  return out;
}

/** What an incoming message is as a possible attachment; null for plain text. */
export function incomingFile(msg: Message): { kind: string; size?: number; attachment?: Attachment } | null {
  if (msg.photo?.length) {
    // Telegram lists the sizes of a photo from small to large; take the largest.
    const best = msg.photo.reduce((a, b) => ((b.file_size ?? b.width * b.height) >= (a.file_size ?? a.width * a.height) ? b : a));
    return { kind: "photo", ...(best.file_size !== undefined ? { size: best.file_size } : {}), attachment: { kind: "photo", fileId: best.file_id, ...(best.file_size !== undefined ? { size: best.file_size } : {}) } };
  }
  // A GIF arrives as an animation that also carries a document: it is not a document here.
  if (msg.animation) return { kind: "animation" };
  if (msg.document) {
    const d = msg.document;
    return {
      kind: "document",
      ...(d.file_size !== undefined ? { size: d.file_size } : {}),
      attachment: { kind: "document", fileId: d.file_id, ...(d.file_name ? { name: d.file_name } : {}), ...(d.mime_type ? { mime: d.mime_type } : {}), ...(d.file_size !== undefined ? { size: d.file_size } : {}) },
    };
  }
  if (msg.voice) {
    const v = msg.voice;
    return {
      kind: "voice",
      ...(v.file_size !== undefined ? { size: v.file_size } : {}),
      attachment: { kind: "voice", fileId: v.file_id, duration: v.duration, ...(v.mime_type ? { mime: v.mime_type } : {}), ...(v.file_size !== undefined ? { size: v.file_size } : {}) },
    };
  }
  if (msg.text !== undefined) return null;
  for (const kind of ["video", "video_note", "audio", "sticker", "location", "venue", "contact", "poll", "dice", "game", "story", "paid_media"] as const) {
    if (msg[kind as keyof Message] !== undefined) return { kind };
  }
  return { kind: "other" };
}
