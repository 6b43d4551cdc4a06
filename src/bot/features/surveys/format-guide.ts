// The survey definition format, as files an officer can open: the guide in her language
// (docs/survey-format.kk.md or .ru.md; docs/survey-format.md is the English reference for
// developers) and the shipped templates (templates/*.yaml). Texts used to name these paths,
// which an officer in Telegram cannot see.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { InputFile } from "grammy";
import { packageRoot } from "../../../paths.js";
import type { Lang } from "../../../domain/lang.js";
import type { AdalContext } from "../../context.js";

/** The guide in `lang` and the templates that exist in this installation, guide first. */
export function formatGuideFiles(lang: Lang, root = packageRoot()): Array<{ path: string; name: string; kind: "guide" | "template" }> {
  const out: Array<{ path: string; name: string; kind: "guide" | "template" }> = [];
  const name = `survey-format.${lang}.md`;
  const guide = join(root, "docs", name);
  if (existsSync(guide)) out.push({ path: guide, name, kind: "guide" });
  const dir = join(root, "templates");
  const templates = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(ya?ml|json)$/i.test(f)).sort() : [];
  for (const name of templates) out.push({ path: join(dir, name), name, kind: "template" });
  return out;
}

/** The button under the request for a definition: each file as a document with a short caption. */
export async function sendFormatGuide(ctx: AdalContext): Promise<void> {
  await ctx.answerCallbackQuery();
  const files = formatGuideFiles(ctx.lang);
  if (!files.length) return void (await ctx.reply(ctx.t("campaigns.formatGuideMissing")));
  for (const file of files) {
    const caption = file.kind === "guide" ? ctx.t("campaigns.formatGuideCaption") : ctx.t("campaigns.templateCaption", { name: file.name });
    await ctx.replyWithDocument(new InputFile(file.path, file.name), { caption });
  }
}
