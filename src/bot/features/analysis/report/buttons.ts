// The analytic report section's buttons (hub section "rep"). Ids are part of sent messages;
// "rp.a…", since the anonymous reports' buttons hold the other "rp." ids.
import { z } from "zod";
import { REPORT_TEXT_KEYS } from "../../../../domain/analysis/report/model.js";
import { button } from "../../../router.js";
import { nonceArg, rowId } from "../../../ui/args.js";

const lang = z.enum(["kk", "ru"]);

/** The draft as DOCX in a language: [analysis, lang]. Observers read it too. */
export const reportDocButton = button("rp.ad", "viewSummaries", z.tuple([rowId, lang]));
/** The list of positions as DOCX in a language: [analysis, lang]. */
export const positionsDocButton = button("rp.ap", "viewSummaries", z.tuple([rowId, lang]));
/** Approves the list of positions exactly as shown (its digest): [analysis, digest]. */
export const approvePositionsButton = button("rp.aa", "managePlan", z.tuple([rowId, nonceArg]));
/** The sections whose text the officer may write: [analysis]. */
export const chooseSectionButton = button("rp.at", "managePlan", z.tuple([rowId]));
/** One section chosen: [analysis, index in REPORT_TEXT_KEYS]. */
export const sectionButton = button("rp.as", "managePlan", z.tuple([rowId, z.coerce.number().int().min(0).max(REPORT_TEXT_KEYS.length - 1)]));
/** While writing a section: switch to the other language, or remove the text in this one: [flow nonce]. */
export const otherLangButton = button("rp.al", "managePlan", z.tuple([nonceArg]));
export const clearTextButton = button("rp.ax", "managePlan", z.tuple([nonceArg]));
