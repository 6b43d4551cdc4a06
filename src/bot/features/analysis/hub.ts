// The analysis hub (/analysis): the latest analysis's period and one line per section (how far
// each has come), with a button per section. Sections (record, interviews, sources, risks,
// report) register here at install, so the hub knows none of them: each says its label, who
// may open it, its status line and how to open it.
import { InlineKeyboard } from "grammy";
import { analysisById, latestAnalysis } from "../../../db/repositories/plan.js";
import { formatDay } from "../../../domain/dates.js";
import type { TranslationKey } from "../../../i18n.js";
import type { AdalContext } from "../../context.js";
import { hasAccess, type Access, type Router } from "../../router.js";
import { staleButton } from "../../ui/stale.js";
import { hubButton, hubSectionButton } from "./buttons.js";

export type AnalysisRow = NonNullable<Awaited<ReturnType<typeof analysisById>>>;

export interface HubSection {
  /** [a-z]{1,12}, part of the button's data. */
  id: string;
  labelKey: TranslationKey;
  /** Who may open it; the hub shows the button only to them. */
  access: Access;
  /** One line for the hub (e.g. «Риски: 3»), or null for none. */
  status?(ctx: AdalContext, analysis: AnalysisRow): Promise<string | null>;
  open(ctx: AdalContext, analysis: AnalysisRow): Promise<unknown>;
}

export class AnalysisHub {
  private readonly sections: HubSection[] = [];
  /** What the hub offers when there is no analysis yet, or to start a new one (set by the record section). */
  private creator: { labelKey: TranslationKey; data: () => string; access: Access; start(ctx: AdalContext): Promise<unknown> } | null = null;

  add(section: HubSection): void {
    if (this.sections.some((s) => s.id === section.id)) throw new Error(`analysis hub section ${section.id} registered twice`);
    this.sections.push(section);
  }

  setCreator(creator: NonNullable<AnalysisHub["creator"]>): void {
    this.creator = creator;
  }

  install(router: Router): void {
    router.button(hubSectionButton, async (ctx, [id, analysisId]) => {
      const section = this.sections.find((s) => s.id === id);
      const analysis = section ? await analysisById(ctx.deps.db.prisma, analysisId) : null;
      if (!section || !analysis) return staleButton(ctx);
      if (!hasAccess(ctx, section.access)) {
        await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed"), show_alert: true });
        return;
      }
      await ctx.answerCallbackQuery();
      await section.open(ctx, analysis);
    });
    router.button(hubButton, async (ctx, [analysisId]) => {
      const analysis = await analysisById(ctx.deps.db.prisma, analysisId);
      if (!analysis) return staleButton(ctx);
      await ctx.answerCallbackQuery();
      await this.showAnalysis(ctx, analysis);
    });
  }

  /** A section's line; one that fails is left out (and logged), so the hub still opens. */
  private async statusOf(ctx: AdalContext, section: HubSection, analysis: AnalysisRow): Promise<string | null> {
    if (!section.status) return null;
    try {
      return await section.status(ctx, analysis);
    } catch (error) {
      ctx.deps.logger.error({ event: "analysis_hub_status_failed", section: section.id, analysisId: analysis.id, message: (error as Error).message }, "a section of the analysis hub could not say its status");
      return null;
    }
  }

  /** /analysis: the latest analysis, or the way to create the first one. */
  async show(ctx: AdalContext): Promise<void> {
    const analysis = await latestAnalysis(ctx.deps.db.prisma);
    if (analysis) return this.showAnalysis(ctx, analysis);
    if (this.creator && hasAccess(ctx, this.creator.access)) {
      await this.creator.start(ctx);
      return;
    }
    await ctx.reply(ctx.t("analysis.hub.noneObserver"));
  }

  async showAnalysis(ctx: AdalContext, analysis: AnalysisRow): Promise<void> {
    const visible = this.sections.filter((s) => hasAccess(ctx, s.access));
    const lines = [ctx.t("analysis.hub.title", { start: formatDay(analysis.startOn), end: formatDay(analysis.endOn) })];
    for (const section of visible) {
      const status = await this.statusOf(ctx, section, analysis);
      if (status) lines.push(status);
    }
    const kb = new InlineKeyboard();
    visible.forEach((s, i) => {
      kb.text(ctx.t(s.labelKey), hubSectionButton.encode([s.id, analysis.id]));
      if (i % 2 === 1) kb.row();
    });
    if (this.creator && hasAccess(ctx, this.creator.access)) kb.row().text(ctx.t(this.creator.labelKey), this.creator.data());
    await ctx.reply(lines.join("\n"), { reply_markup: kb });
  }
}
