// What the report section's handlers share: today, the service's dependencies for the user.
import { toIsoDate } from "../../../../domain/calendar/time-zone.js";
import type { AnalyticReportModel } from "../../../../domain/analysis/report/model.js";
import type { Translate } from "../../../../i18n-resources.js";
import { analyticReportModel } from "../../../../services/analytic-report.js";
import { standardLabels } from "../../../../services/survey-labels.js";
import type { AdalContext } from "../../../context.js";

export const todayOf = (ctx: AdalContext) => toIsoDate(ctx.deps.now(), ctx.config.timeZone);

/** The draft's model for this user, drawn now; audited when it becomes a document. */
export function modelFor(ctx: AdalContext, analysisId: number, audited: boolean): Promise<AnalyticReportModel | null> {
  const deps = {
    db: ctx.deps.db.prisma,
    keyring: ctx.deps.keyring,
    labels: standardLabels(ctx.deps),
    k: ctx.config.surveys.minGroup,
    textK: ctx.config.surveys.minTextGroup,
    translate: (lang: "kk" | "ru") => ctx.deps.i18n.t(lang) as unknown as Translate,
    viewer: { id: ctx.user!.id, role: ctx.user!.role },
  };
  return analyticReportModel(deps, analysisId, todayOf(ctx), { audited });
}
