// Uploading a survey definition (/survey_upload): the next file within half an hour is taken
// as a definition, checked, and stored as a new version when it changed.
import type { NextFunction } from "grammy";
import { MAX_DEFINITION_BYTES, parseDefinitionFile } from "../../../domain/surveys/definition.js";
import { uploadDefinition } from "../../../services/surveys.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { downloadTelegramFile, FileTooLargeError } from "../../files.js";
import type { FlowDispatcher, MessageContext } from "../../flow/dispatcher.js";
import type { SurveyUploadFlow } from "../../flow/types.js";
import { replyInParts } from "../../ui/reply.js";
import { formatGuideButton, uploadDefinitionButton } from "./buttons.js";
import { actorOf } from "./common.js";
import { describeDefinitionIssue, formatGuideKeyboard, newCampaignKeyboard } from "./views.js";
import { sendFormatGuide } from "./format-guide.js";
import { takeUpload } from "../../flow/upload.js";

/** A file sent later than this after /survey_upload is not taken as a definition. */

async function askDefinition(ctx: AdalContext, flows: FlowDispatcher): Promise<void> {
  await flows.start(ctx, { kind: "surveyUpload", since: ctx.deps.now().getTime() });
  await ctx.reply(ctx.t("campaigns.sendDefinition", { maxKb: MAX_DEFINITION_BYTES / 1024 }), { reply_markup: formatGuideKeyboard(ctx.t) });
}

/** The file's content, or null when it was refused (and the officer told why). */
async function downloadDefinition(ctx: MessageContext, fileId: string, reportedSize?: number): Promise<Buffer | null> {
  try {
    return await downloadTelegramFile(ctx, fileId, MAX_DEFINITION_BYTES, reportedSize);
  } catch (error) {
    if (!(error instanceof FileTooLargeError)) throw error;
    await ctx.reply(ctx.t("surveys.validation.file_too_large", { maxKb: MAX_DEFINITION_BYTES / 1024 }));
    return null;
  }
}

async function receiveDefinition(ctx: MessageContext, flow: SurveyUploadFlow, next: NextFunction, flows: FlowDispatcher): Promise<unknown> {
  const doc = takeUpload(ctx, flows, flow, "manageSurveys");
  if (!doc) return next();
  const name = doc.file_name ?? "survey.yaml";
  if (!/\.(ya?ml|json)$/i.test(name)) return void (await ctx.reply(ctx.t("campaigns.definitionFormat")));
  const content = await downloadDefinition(ctx, doc.file_id, doc.file_size);
  if (!content) return;
  const parsed = parseDefinitionFile(content, name);
  if (!parsed.ok) {
    const text = [ctx.t("campaigns.definitionRejected", { count: parsed.issues.length }), ...parsed.issues.slice(0, 40).map((i) => describeDefinitionIssue(ctx.t, i))].join("\n");
    return replyInParts(ctx, text);
  }
  const { record, created } = await uploadDefinition(ctx.deps.db.prisma, actorOf(ctx), parsed.definition);
  await ctx.reply(ctx.t(created ? "campaigns.definitionSaved" : "campaigns.definitionUnchanged", { title: parsed.definition.title[ctx.lang], slug: record.slug, version: record.version }), {
    reply_markup: newCampaignKeyboard(ctx.t),
  });
}

export function installDefinitionUpload({ router, flows }: FeatureKit): void {
  router.command({ name: "survey_upload", access: "manageSurveys", descriptionKey: "commands.survey_upload" }, (ctx) => askDefinition(ctx, flows));
  router.button(uploadDefinitionButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await askDefinition(ctx, flows);
  });
  // Pressing it keeps the upload waiting: the files come, then the officer sends theirs.
  router.button(formatGuideButton, (ctx) => sendFormatGuide(ctx));
  flows.register({ kind: "surveyUpload", label: () => "flows.surveyUpload", onMessage: (ctx, flow, next) => receiveDefinition(ctx, flow, next, flows) });
}
