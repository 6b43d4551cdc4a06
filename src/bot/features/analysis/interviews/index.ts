// The analysis hub's section of the unit-head interview tables (Приложение 1–5): the summary and
// the documents of the interview campaigns the analysis links. Observers read them too.
import type { FeatureKit } from "../../../feature.js";
import type { AnalysisHub } from "../hub.js";
import { interviewsDocxButton, interviewsXlsxButton } from "./buttons.js";
import { interviewsStatus, openInterviews, sendInterviewDocument } from "./screen.js";

export function installInterviews(kit: FeatureKit, hub: AnalysisHub): void {
  hub.add({ id: "int", labelKey: "analysisInterviews.section", access: "viewSummaries", status: interviewsStatus, open: openInterviews });
  kit.router.button(interviewsDocxButton, (ctx, [analysisId, lang]) => sendInterviewDocument(ctx, analysisId, lang, "docx"));
  kit.router.button(interviewsXlsxButton, (ctx, [analysisId, lang]) => sendInterviewDocument(ctx, analysisId, lang, "xlsx"));
}
