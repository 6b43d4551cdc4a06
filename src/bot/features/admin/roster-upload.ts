// /import: the officer is asked for the file (flow rosterUpload); a valid file is shown as a
// preview and waits for confirmation (flow rosterConfirm). The session keeps only Telegram's
// file id, never the rows: they hold personal data.
import type { NextFunction } from "grammy";
import { parseRosterFile, type RosterParseResult } from "../../../domain/roster.js";
import { MAX_TABLE_BYTES } from "../../../domain/tables.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { downloadTelegramFile, FileTooLargeError } from "../../files.js";
import type { MessageContext } from "../../flow/dispatcher.js";
import type { RosterUploadFlow } from "../../flow/types.js";
import { bestEffort } from "../../ui/best-effort.js";
import { newNonce } from "../../ui/args.js";
import { replyInParts } from "../../ui/reply.js";
import { cancelRosterKeyboard, describeParseFailure, fileTooLargeText, rosterConfirmKeyboard, rosterPreviewText, sendRosterFileText } from "./views.js";
import { takeUpload } from "../../flow/upload.js";


export async function askForRosterFile(ctx: AdalContext, kit: FeatureKit): Promise<void> {
  await kit.flows.start(ctx, { kind: "rosterUpload", since: ctx.deps.now().getTime() });
  await ctx.reply(sendRosterFileText(ctx.t), { reply_markup: cancelRosterKeyboard(ctx.t) });
}

export async function cancelRosterImport(ctx: AdalContext, kit: FeatureKit): Promise<void> {
  kit.flows.end(ctx, "rosterUpload");
  kit.flows.end(ctx, "rosterConfirm");
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "edit cancelled roster import", () => ctx.editMessageText(ctx.t("common.cancelled")));
}

/** The flow's input: a document is the roster; anything else passes on (the wait goes on). */
export async function onRosterFile(ctx: MessageContext, flow: RosterUploadFlow, next: NextFunction, kit: FeatureKit): Promise<void> {
  const doc = takeUpload(ctx, kit.flows, flow, "manageRoster");
  if (!doc) return next();
  const fileName = doc.file_name ?? "roster";
  const parsed = await loadRoster(ctx, doc.file_id, fileName, doc.mime_type, doc.file_size);
  if (!parsed) return;
  if (!parsed.ok) return replyInParts(ctx, describeParseFailure(ctx.t, parsed));
  const nonce = newNonce();
  await kit.flows.start(ctx, { kind: "rosterConfirm", fileId: doc.file_id, fileName, ...(doc.mime_type ? { mimeType: doc.mime_type } : {}), nonce });
  await ctx.reply(rosterPreviewText(ctx.t, parsed.rows), { reply_markup: rosterConfirmKeyboard(ctx.t, parsed.rows.length, nonce) });
}

/** Downloads and parses the file; null when it was too large (already said). */
export async function loadRoster(ctx: AdalContext, fileId: string, fileName: string, mimeType?: string, reportedSize?: number): Promise<RosterParseResult | null> {
  try {
    const content = await downloadTelegramFile(ctx, fileId, MAX_TABLE_BYTES, reportedSize);
    return await parseRosterFile(content, fileName, mimeType);
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      await ctx.reply(fileTooLargeText(ctx.t));
      return null;
    }
    throw error;
  }
}
