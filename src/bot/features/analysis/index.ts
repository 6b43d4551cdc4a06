// The internal analysis itself (issue 15; PRODUCT.md §5): /analysis opens the hub of the latest
// analysis. Sections: the record (basis, object, direction, period, working group, sources),
// the tables from the unit-head interviews, the other sources' figures, the risk register with
// its recommendations and plan items, and the analytic report draft with the list of positions.
// Compliance officers edit; observers read.
import type { FeatureKit } from "../../feature.js";
import { installCreate } from "./create.js";
import { AnalysisHub } from "./hub.js";
import { installInterviews } from "./interviews/index.js";
import { installRecord } from "./record/index.js";
import { installReport } from "./report/index.js";
import { installRisks } from "./risks/index.js";
import { installSources } from "./sources/index.js";

export function installAnalysisFeature(kit: FeatureKit): void {
  const hub = new AnalysisHub();
  hub.install(kit.router);
  kit.menu.add({ id: "analysis", labelKey: "menu.analysis", access: "viewSummaries", run: (ctx) => hub.show(ctx) });
  kit.router.command({ name: "analysis", access: "viewSummaries", descriptionKey: "commands.analysis" }, (ctx) => hub.show(ctx));
  installCreate(kit, hub);
  // The hub's sections, in the order of its buttons (each registers itself from its own folder).
  installRecord(kit, hub);
  installInterviews(kit, hub);
  installSources(kit, hub);
  installRisks(kit, hub);
  installReport(kit, hub);
}
