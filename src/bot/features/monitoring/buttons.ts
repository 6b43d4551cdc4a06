// Every button of the quarterly plan-execution information (ids and argument formats are what old messages carry).
import { z } from "zod";
import { button } from "../../router.js";

const year = z.coerce.number().int().min(2002).max(2076);
const quarter = z.coerce.number().int().min(1).max(4);
const lang = z.enum(["kk", "ru"]);

/** A quarter picked: the totals and the documents in the person's language (observers too: read-only). */
export const quarterButton = button("mn.q", "viewSummaries", z.tuple([year, quarter]));
/** The documents in the other language. */
export const langButton = button("mn.l", "viewSummaries", z.tuple([year, quarter, lang]));
/** From the reminder: the draft of the quarter's information. */
export const draftButton = button("mn.d", "managePlan", z.tuple([year, quarter]));
/** The quarter's non-execution list to the observers (seed 004 item 5), once. */
export const headButton = button("mn.h", "managePlan", z.tuple([year, quarter]));
