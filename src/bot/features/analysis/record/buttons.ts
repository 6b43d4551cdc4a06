// The record section's buttons: the card (everyone who reads the analysis), and the edits
// (compliance only). Ids are part of sent messages.
import { z } from "zod";
import { button } from "../../../router.js";
import { nonceArg, rowId } from "../../../ui/args.js";

const page = z.coerce.number().int().min(0).max(999);
const code = z.string().regex(/^[a-z_]{1,24}$/);
/** The record's fields typed as text. */
export const TEXT_FIELDS = ["order", "organisation", "objectText", "covered", "member"] as const;

/** The record card of an analysis. */
export const recordCardButton = button("ar.v", "viewSummaries", z.tuple([rowId]));
/** Asks for a text field: [field, analysis]. */
export const recordAskButton = button("ar.t", "managePlan", z.tuple([z.enum(TEXT_FIELDS), rowId]));
/** The department list to toggle units: [analysis, page]; a toggle: [analysis, department, page]. */
export const recordUnitsButton = button("ar.u", "managePlan", z.tuple([rowId, page]));
export const recordUnitToggleButton = button("ar.ut", "managePlan", z.tuple([rowId, rowId, page]));
/** The directions; one chosen: [analysis, code]. */
export const recordDirectionsButton = button("ar.d", "managePlan", z.tuple([rowId]));
export const recordDirectionButton = button("ar.ds", "managePlan", z.tuple([rowId, code]));
/** The information sources; one toggled: [analysis, code]. */
export const recordSourcesButton = button("ar.s", "managePlan", z.tuple([rowId]));
export const recordSourceToggleButton = button("ar.st", "managePlan", z.tuple([rowId, code]));
/** The campaigns; one toggled: [analysis, campaign]. */
export const recordCampaignsButton = button("ar.c", "managePlan", z.tuple([rowId]));
export const recordCampaignToggleButton = button("ar.ct", "managePlan", z.tuple([rowId, rowId]));
/** The working group; a found person added: [analysis, user, search nonce]; removed; made the head. */
export const recordGroupButton = button("ar.g", "managePlan", z.tuple([rowId]));
export const recordMemberAddButton = button("ar.ga", "managePlan", z.tuple([rowId, rowId, nonceArg]));
export const recordMemberRemoveButton = button("ar.gr", "managePlan", z.tuple([rowId, rowId]));
export const recordMemberHeadButton = button("ar.gh", "managePlan", z.tuple([rowId, rowId]));
/** While writing the organisation or the object: write it in the other language instead: [flow nonce]. */
export const recordTextLangButton = button("ar.l", "managePlan", z.tuple([nonceArg]));
