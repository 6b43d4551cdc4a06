// The summaries' buttons: the weekly digest off (under each digest and on /dashboard) and on
// again (on /dashboard). The dashboard's ways into the lists are the main menu's own buttons.
// Ids are part of sent messages: they never change.
import { z } from "zod";
import { button } from "../../router.js";

export const digestOffButton = button("sum.off", "viewSummaries", z.tuple([]));
export const digestOnButton = button("sum.on", "viewSummaries", z.tuple([]));
