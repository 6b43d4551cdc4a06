// The analytic report section of the analysis hub (seed 002's report and its list of positions
// exposed to corruption risks): what the draft holds and lacks, the draft and the list as DOCX in
// either language (compliance and observers), and for compliance the approval of the list and
// the section texts. The draft is drawn from the records every time; the texts persist.
import { formatDay } from "../../../../domain/dates.js";
import { reportRiskCount } from "../../../../services/analytic-report.js";
import type { FeatureKit } from "../../../feature.js";
import type { AnalysisHub } from "../hub.js";
import { approvePositionsButton, chooseSectionButton, clearTextButton, otherLangButton, positionsDocButton, reportDocButton, sectionButton } from "./buttons.js";
import { approve, sendDocument, showReport } from "./screen.js";
import { chooseSection, clearText, onText, startText, switchLang } from "./texts.js";

export function installReport(kit: FeatureKit, hub: AnalysisHub): void {
  hub.add({
    id: "rep",
    labelKey: "analyticReport.section",
    access: "viewSummaries",
    status: async (ctx, analysis) =>
      analysis.reportSignedOn ? ctx.t("analyticReport.screen.statusSigned", { date: formatDay(analysis.reportSignedOn) }) : ctx.t("analyticReport.screen.status", { risks: await reportRiskCount(ctx.deps.db.prisma, analysis.id) }),
    open: (ctx, analysis) => showReport(ctx, analysis.id),
  });
  kit.router.button(reportDocButton, (ctx, [analysisId, lang]) => sendDocument(ctx, analysisId, lang, "report"));
  kit.router.button(positionsDocButton, (ctx, [analysisId, lang]) => sendDocument(ctx, analysisId, lang, "positions"));
  kit.router.button(approvePositionsButton, (ctx, [analysisId, digest]) => approve(ctx, analysisId, digest));
  kit.router.button(chooseSectionButton, (ctx, [analysisId]) => chooseSection(ctx, analysisId));
  kit.router.button(sectionButton, (ctx, [analysisId, index]) => startText(ctx, kit.flows, analysisId, index));
  kit.router.button(otherLangButton, (ctx, [nonce]) => switchLang(ctx, kit.flows, nonce));
  kit.router.button(clearTextButton, (ctx, [nonce]) => clearText(ctx, kit.flows, nonce));
  kit.flows.register({ kind: "analyticReportText", label: () => "flows.analyticReportText", onMessage: (ctx, flow, next) => onText(ctx, kit.flows, flow, next) });
}
