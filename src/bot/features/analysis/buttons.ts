// The analysis hub's buttons: one section of one analysis (the record, the interview tables,
// the other sources, the risk register, the analytic report). Each section registers itself
// with the hub (hub.ts); its own buttons live in its folder. Ids are part of sent messages.
import { z } from "zod";
import { button } from "../../router.js";
import { nonceArg, rowId } from "../../ui/args.js";

/** Opens a section of an analysis: [section id, analysis id]. The section checks its own access. */
export const hubSectionButton = button("an.h", "viewSummaries", z.tuple([z.string().regex(/^[a-z]{1,12}$/), rowId]));
/** Back to the hub of an analysis. */
export const hubButton = button("an.hub", "viewSummaries", z.tuple([rowId]));

/** A new analysis from its period; confirming the previewed milestones; leaving the preview. */
export const analysisNewButton = button("an.new", "managePlan", z.tuple([]));
export const analysisConfirmButton = button("an.ok", "managePlan", z.tuple([nonceArg]));
export const analysisCancelButton = button("an.no", "managePlan", z.tuple([]));
