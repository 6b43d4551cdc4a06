// The risk register section of the analysis hub (issue 15): the register's pages, a risk's card
// (all fields, its evidence in words, its recommendations and their plan items), the risk map;
// compliance adds and changes risks, evidence, recommendations and their plan items. Observers
// read only (every button that changes something needs managePlan; the services check the
// records).
import { countRisks } from "../../../../db/repositories/risks.js";
import type { FeatureKit } from "../../../feature.js";
import type { AnalysisHub } from "../hub.js";
import { showList } from "./common.js";
import { installEvidence } from "./evidence.js";
import { onRiskMessage } from "./input.js";
import { installOtherLang } from "./other-lang.js";
import { installRecommendations } from "./recommendations.js";
import { installRegister } from "./register.js";
import { installWizard } from "./wizard.js";

export function installRisks(kit: FeatureKit, hub: AnalysisHub): void {
  hub.add({
    id: "risk",
    labelKey: "risks.section",
    access: "viewSummaries",
    status: async (ctx, analysis) => ctx.t("risks.status", { count: await countRisks(ctx.deps.db.prisma, analysis.id) }),
    open: (ctx, analysis) => showList(ctx, analysis.id),
  });
  kit.flows.register({ kind: "risk", label: () => "flows.risk", onMessage: (ctx, flow, next) => onRiskMessage(ctx, kit.flows, flow, next) });
  installRegister(kit);
  installWizard(kit);
  installEvidence(kit);
  installRecommendations(kit);
  installOtherLang(kit);
}
