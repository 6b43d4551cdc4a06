// The interview tables' buttons: the DOCX or the XLSX of all tables of an analysis in a language.
// Observers may take them too: the tables are the working group's, aggregated by unit.
import { z } from "zod";
import { button } from "../../../router.js";
import { rowId } from "../../../ui/args.js";

const lang = z.enum(["kk", "ru"]);

/** The DOCX of all tables: [analysis id, language]. */
export const interviewsDocxButton = button("ai.d", "viewSummaries", z.tuple([rowId, lang]));
/** The XLSX of all tables: [analysis id, language]. */
export const interviewsXlsxButton = button("ai.x", "viewSummaries", z.tuple([rowId, lang]));
