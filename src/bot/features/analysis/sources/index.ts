// The other sources' figures of an analysis (issue 15; seed 001): E-Өтініш appeals, court
// cases, disciplinary penalties, media items, each with its period and source. Everyone who
// reads summaries sees them as the analytic report words them; compliance gets the template,
// uploads it filled (preview, then confirm), types one figure or deletes one.
import type { FeatureKit } from "../../../feature.js";
import { countSourceFigures } from "../../../../db/repositories/source-figures.js";
import type { AnalysisHub } from "../hub.js";
import { askLine, onLine } from "./add.js";
import { sourcesAddButton, sourcesCancelButton, sourcesConfirmButton, sourcesDeleteAskButton, sourcesDeleteButton, sourcesListButton, sourcesTemplateButton, sourcesUploadButton } from "./buttons.js";
import { askDelete, confirmDelete, sendTemplate, showList, showSources } from "./screen.js";
import { askUpload, cancelUpload, confirmUpload, onSourceFile } from "./upload.js";

export function installSources(kit: FeatureKit, hub: AnalysisHub): void {
  hub.add({
    id: "src",
    labelKey: "analysisSources.section",
    access: "viewSummaries",
    status: async (ctx, analysis) => ctx.t("analysisSources.status", { count: await countSourceFigures(ctx.deps.db.prisma, analysis.id) }),
    open: (ctx, analysis) => showSources(ctx, analysis.id),
  });
  kit.flows.register({ kind: "sourceUpload", label: () => "flows.sourceUpload", onMessage: (ctx, flow, next) => onSourceFile(ctx, kit.flows, flow, next) });
  kit.flows.register({ kind: "sourceConfirm", label: () => "flows.sourceConfirm", onMessage: (_ctx, _flow, next) => next() });
  kit.flows.register({ kind: "sourceLine", label: () => "flows.sourceLine", onMessage: (ctx, flow, next) => onLine(ctx, kit.flows, flow, next) });
  kit.router.button(sourcesTemplateButton, (ctx, [analysisId]) => sendTemplate(ctx, analysisId));
  kit.router.button(sourcesUploadButton, (ctx, [analysisId]) => askUpload(ctx, kit.flows, analysisId));
  kit.router.button(sourcesConfirmButton, (ctx, [nonce]) => confirmUpload(ctx, kit.flows, nonce));
  kit.router.button(sourcesCancelButton, async (ctx) => {
    kit.flows.end(ctx, "sourceLine");
    await cancelUpload(ctx, kit.flows);
  });
  kit.router.button(sourcesAddButton, (ctx, [analysisId]) => askLine(ctx, kit.flows, analysisId));
  kit.router.button(sourcesListButton, (ctx, [analysisId]) => showList(ctx, analysisId));
  kit.router.button(sourcesDeleteAskButton, (ctx, [analysisId, figureId]) => askDelete(ctx, analysisId, figureId));
  kit.router.button(sourcesDeleteButton, (ctx, [analysisId, figureId]) => confirmDelete(ctx, analysisId, figureId));
}
