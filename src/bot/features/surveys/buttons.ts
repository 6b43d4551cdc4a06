// Every button of the survey feature: campaigns for compliance officers and observers (sc.*),
// the respondent's questionnaire (sv.*). Ids and argument formats are part of sent messages:
// they never change.
import { z } from "zod";
import { ROLES } from "../../../domain/roles.js";
import { button } from "../../router.js";
import { nonceArg, rowId } from "../../ui/args.js";

const small = z.coerce.number().int().min(0).max(99);
const lang = z.enum(["kk", "ru"]);
/** The draft's step number: a button from an older message is recognised as stale. */
const step = z.coerce.number().int().min(0).max(1_000_000);
const index = z.coerce.number().int().min(0).max(99);

// ── campaigns ──
export const newCampaignButton = button("sc.n", "manageSurveys", z.tuple([]));
export const uploadDefinitionButton = button("sc.u", "manageSurveys", z.tuple([]));
/** Sends the format guide and the shipped templates as files. */
export const formatGuideButton = button("sc.fg", "manageSurveys", z.tuple([]));
export const pickDefinitionButton = button("sc.nd", "manageSurveys", z.tuple([nonceArg, rowId]));
export const pickModeButton = button("sc.nm", "manageSurveys", z.tuple([nonceArg, z.enum(["a", "t"])]));
export const pickAudienceButton = button("sc.na", "manageSurveys", z.tuple([nonceArg, z.enum(["all", "dep", "role", "depok", "roleok"])]));
export const toggleDepartmentButton = button("sc.nt", "manageSurveys", z.tuple([nonceArg, rowId]));
export const toggleRoleButton = button("sc.nr", "manageSurveys", z.tuple([nonceArg, z.enum(ROLES)]));
export const pickPeriodButton = button("sc.np", "manageSurveys", z.tuple([nonceArg, z.coerce.number().int().refine((d) => [7, 14, 30].includes(d))]));
export const confirmCampaignButton = button("sc.ok", "manageSurveys", z.tuple([nonceArg]));
export const cancelCampaignButton = button("sc.x", "manageSurveys", z.tuple([]));
export const viewCampaignButton = button("sc.v", "viewSummaries", z.tuple([rowId]));
export const resultsButton = button("sc.r", "viewSummaries", z.tuple([rowId]));
export const chartsButton = button("sc.ch", "viewSummaries", z.tuple([rowId]));
export const exportButton = button("sc.e", "viewSummaries", z.tuple([rowId, z.enum(["xlsx", "csv", "docx", "answers"]), lang]));
export const filterButton = button("sc.f", "viewSummaries", z.tuple([rowId]));
export const filterResultsButton = button("sc.fr", "viewSummaries", z.tuple([rowId, small, small]));
export const closeButton = button("sc.cl", "manageSurveys", z.tuple([rowId]));
export const closeConfirmButton = button("sc.clok", "manageSurveys", z.tuple([rowId]));

// ── the respondent ──
export const openSurveyButton = button("sv.o", "registered", z.tuple([rowId]));
export const startButton = button("sv.go", "registered", z.tuple([rowId, step]));
export const laterButton = button("sv.p", "registered", z.tuple([rowId, step]));
export const answerButton = button("sv.a", "registered", z.tuple([rowId, step, index]));
export const toggleButton = button("sv.t", "registered", z.tuple([rowId, step, index]));
export const doneButton = button("sv.d", "registered", z.tuple([rowId, step]));
export const backButton = button("sv.b", "registered", z.tuple([rowId, step]));
export const skipButton = button("sv.s", "registered", z.tuple([rowId, step]));
export const languageButton = button("sv.l", "registered", z.tuple([rowId, step, lang]));
export const submitButton = button("sv.ok", "registered", z.tuple([rowId, step]));
