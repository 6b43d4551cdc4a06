// Reading the register: its pages, a risk's card, the map. Compliance and observers alike.
import { analysisById } from "../../../../db/repositories/plan.js";
import type { FeatureKit } from "../../../feature.js";
import { staleButton } from "../../../ui/stale.js";
import { listButton, mapButton, openButton } from "./buttons.js";
import { showCard, showList, showMap } from "./common.js";

export function installRegister(kit: FeatureKit): void {
  kit.router.button(listButton, async (ctx, [analysisId, page]) => {
    if (!(await analysisById(ctx.deps.db.prisma, analysisId))) return staleButton(ctx);
    await ctx.answerCallbackQuery();
    await showList(ctx, analysisId, page);
  });
  kit.router.button(openButton, async (ctx, [analysisId, riskId]) => {
    if (!(await showCard(ctx, analysisId, riskId))) return staleButton(ctx);
    await ctx.answerCallbackQuery();
  });
  kit.router.button(mapButton, (ctx, [analysisId]) => showMap(ctx, analysisId));
}
