// A filled template: asked for, checked and previewed (figures by kind, those already stored,
// rows with errors), then imported on confirmation. The file goes through the bounded table
// reader (size, archive and row limits); the session keeps Telegram's file id, not the figures.
import type { NextFunction } from "grammy";
import { MAX_FIGURE_ROWS, parseSourceRows, type ParsedRows } from "../../../../domain/analysis/source-figures.js";
import { MAX_TABLE_BYTES, readTable, tableFormat, type TableError } from "../../../../domain/tables.js";
import { importSourceFigures, knownFigures } from "../../../../services/source-figures.js";
import type { AdalContext } from "../../../context.js";
import { downloadTelegramFile, FileTooLargeError } from "../../../files.js";
import type { FlowDispatcher, MessageContext } from "../../../flow/dispatcher.js";
import type { SourceUploadFlow } from "../../../flow/types.js";
import { takeUpload } from "../../../flow/upload.js";
import { newNonce } from "../../../ui/args.js";
import { bestEffort } from "../../../ui/best-effort.js";
import { replyInParts } from "../../../ui/reply.js";
import { staleButton } from "../../../ui/stale.js";
import { analysisOfButton, showSources } from "./screen.js";
import { cancelKeyboard, uploadPreviewView, vocabularyOf } from "./views.js";

type FileRef = { fileId: string; fileName: string; mimeType?: string };

export async function askUpload(ctx: AdalContext, flows: FlowDispatcher, analysisId: number): Promise<void> {
  if (!(await analysisOfButton(ctx, analysisId))) return;
  await ctx.answerCallbackQuery();
  await flows.start(ctx, { kind: "sourceUpload", analysisId, since: ctx.deps.now().getTime() });
  await ctx.reply(ctx.t("analysisSources.upload.ask", { maxMb: MAX_TABLE_BYTES / 1024 / 1024 }), { reply_markup: cancelKeyboard(ctx.t) });
}

function fileErrorText(ctx: AdalContext, error: TableError | { code: "no_header" }): string {
  return ctx.t(`analysisSources.upload.fileError.${error.code}`, { maxMb: MAX_TABLE_BYTES / 1024 / 1024, max: MAX_FIGURE_ROWS });
}

/** Says what is wrong with the file; nothing is stored. */
async function refused(ctx: AdalContext, text: string): Promise<null> {
  await ctx.reply(text);
  return null;
}

/** The file's figures, or null after saying what is wrong with the file (nothing is stored). */
async function loadFigures(ctx: AdalContext, file: FileRef, reportedSize?: number): Promise<ParsedRows | null> {
  const format = tableFormat(file.fileName, file.mimeType);
  if (!format) return refused(ctx, fileErrorText(ctx, { code: "unsupported_format" }));
  let content: Buffer;
  try {
    content = await downloadTelegramFile(ctx, file.fileId, MAX_TABLE_BYTES, reportedSize);
  } catch (error) {
    if (error instanceof FileTooLargeError) return refused(ctx, fileErrorText(ctx, { code: "too_large" }));
    throw error;
  }
  const table = await readTable(content, format);
  if (!table.ok) return refused(ctx, fileErrorText(ctx, table.error));
  const parsed = parseSourceRows(table.rows, vocabularyOf(ctx.deps.i18n));
  const fatal = parsed.errors.find((e) => e.code === "no_header" || e.code === "too_many_rows");
  if (fatal) return refused(ctx, fileErrorText(ctx, { code: fatal.code as "no_header" | "too_many_rows" }));
  return parsed;
}

export async function onSourceFile(ctx: MessageContext, flows: FlowDispatcher, flow: SourceUploadFlow, next: NextFunction): Promise<unknown> {
  const doc = takeUpload(ctx, flows, flow, "managePlan");
  if (!doc) return next();
  const file: FileRef = { fileId: doc.file_id, fileName: doc.file_name ?? "sources", ...(doc.mime_type ? { mimeType: doc.mime_type } : {}) };
  const parsed = await loadFigures(ctx, file, doc.file_size);
  if (!parsed) return;
  if (!parsed.rows.length) {
    const view = uploadPreviewView(ctx.t, { rows: [], known: 0, errors: parsed.errors }, "none00");
    return replyInParts(ctx, `${ctx.t("analysisSources.upload.nothing")}\n\n${view.text}`, { html: true });
  }
  const nonce = newNonce();
  await flows.start(ctx, { kind: "sourceConfirm", analysisId: flow.analysisId, ...file, nonce });
  const known = await knownFigures(ctx.deps.db.prisma, flow.analysisId, parsed.rows);
  const view = uploadPreviewView(ctx.t, { rows: parsed.rows, known, errors: parsed.errors }, nonce);
  await replyInParts(ctx, view.text, { html: true, keyboard: view.keyboard });
}

export async function confirmUpload(ctx: AdalContext, flows: FlowDispatcher, nonce: string): Promise<void> {
  const pending = flows.current(ctx, "sourceConfirm");
  if (!pending || pending.nonce !== nonce) return staleButton(ctx);
  flows.end(ctx, "sourceConfirm");
  if (!(await analysisOfButton(ctx, pending.analysisId))) return;
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "remove the preview buttons", ctx.editMessageReplyMarkup());
  // Read again from Telegram's copy: the session holds no figures.
  const parsed = await loadFigures(ctx, pending);
  if (!parsed) return;
  const result = await importSourceFigures(ctx.deps.db.prisma, pending.analysisId, parsed.rows, ctx.user!.id);
  await ctx.reply(ctx.t("analysisSources.upload.done", { added: result.added, skipped: result.skipped }));
  await showSources(ctx, pending.analysisId);
}

export async function cancelUpload(ctx: AdalContext, flows: FlowDispatcher): Promise<void> {
  flows.end(ctx, "sourceUpload");
  flows.end(ctx, "sourceConfirm");
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "replace the message by «cancelled»", ctx.editMessageText(ctx.t("common.cancelled")));
}
