// The analysis's record (seed 000 §1): the basis, the object, the direction, the periods, the
// working group, the information sources and the campaigns, with the schedule's milestones.
// Compliance edits it field by field; observers read the card.
import type { FeatureKit } from "../../../feature.js";
import type { AnalysisHub } from "../hub.js";
import {
  recordAskButton,
  recordCampaignsButton,
  recordCampaignToggleButton,
  recordCardButton,
  recordDirectionButton,
  recordDirectionsButton,
  recordGroupButton,
  recordMemberAddButton,
  recordMemberHeadButton,
  recordMemberRemoveButton,
  recordSourcesButton,
  recordSourceToggleButton,
  recordTextLangButton,
  recordUnitsButton,
  recordUnitToggleButton,
} from "./buttons.js";
import { openCard, openFromHub, recordStatus } from "./card.js";
import { addMember, changeMember, showGroup } from "./group.js";
import { chooseDirection, showCampaigns, showDirections, showSources, showUnits, toggleCampaign, toggleSource, toggleUnit } from "./lists.js";
import { askText, onText, switchTextLang } from "./text-input.js";

export function installRecord(kit: FeatureKit, hub: AnalysisHub): void {
  hub.add({ id: "rec", labelKey: "analysisRecord.section", access: "viewSummaries", status: (ctx, analysis) => recordStatus(ctx, analysis.id), open: (ctx, analysis) => openFromHub(ctx, analysis.id) });
  kit.flows.register({ kind: "analysisRecordInput", label: () => "flows.analysisRecordInput", onMessage: (ctx, flow, next) => onText(ctx, kit.flows, flow, next) });
  const { router } = kit;
  router.button(recordCardButton, (ctx, [analysisId]) => openCard(ctx, analysisId));
  router.button(recordAskButton, (ctx, [field, analysisId]) => askText(ctx, kit.flows, field, analysisId));
  router.button(recordTextLangButton, (ctx, [nonce]) => switchTextLang(ctx, kit.flows, nonce));
  router.button(recordUnitsButton, (ctx, [analysisId, page]) => showUnits(ctx, analysisId, page));
  router.button(recordUnitToggleButton, (ctx, [analysisId, departmentId, page]) => toggleUnit(ctx, analysisId, departmentId, page));
  router.button(recordDirectionsButton, (ctx, [analysisId]) => showDirections(ctx, analysisId));
  router.button(recordDirectionButton, (ctx, [analysisId, code]) => chooseDirection(ctx, analysisId, code));
  router.button(recordSourcesButton, (ctx, [analysisId]) => showSources(ctx, analysisId));
  router.button(recordSourceToggleButton, (ctx, [analysisId, code]) => toggleSource(ctx, analysisId, code));
  router.button(recordCampaignsButton, (ctx, [analysisId]) => showCampaigns(ctx, analysisId));
  router.button(recordCampaignToggleButton, (ctx, [analysisId, campaignId]) => toggleCampaign(ctx, analysisId, campaignId));
  router.button(recordGroupButton, (ctx, [analysisId]) => showGroup(ctx, analysisId));
  router.button(recordMemberAddButton, (ctx, [analysisId, userId, nonce]) => addMember(ctx, kit.flows, analysisId, userId, nonce));
  router.button(recordMemberRemoveButton, (ctx, [analysisId, userId]) => changeMember(ctx, analysisId, userId, "remove"));
  router.button(recordMemberHeadButton, (ctx, [analysisId, userId]) => changeMember(ctx, analysisId, userId, "head"));
}
