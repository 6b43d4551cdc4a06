// The risk register's buttons (ids rk.*). Those that open a record carry the analysis and the
// record (the service checks that they belong together); those of a flow step carry its nonce,
// so a button of an earlier flow is stale.
import { z } from "zod";
import { RISK_TEXT_FIELDS } from "../../../../domain/analysis/translations.js";
import { button } from "../../../router.js";
import { nonceArg, rowId } from "../../../ui/args.js";

const page = z.coerce.number().int().min(0).max(1000);
const index = z.coerce.number().int().min(0).max(99);
const score = z.coerce.number().int().min(1).max(5);

/** The register's page: [analysis, page]. */
export const listButton = button("rk.l", "viewSummaries", z.tuple([rowId, page]));
/** A risk's card: [analysis, risk]. */
export const openButton = button("rk.o", "viewSummaries", z.tuple([rowId, rowId]));
/** The risk map as a photo: [analysis]. */
export const mapButton = button("rk.m", "viewSummaries", z.tuple([rowId]));

/** A new risk: [analysis]. */
export const newButton = button("rk.n", "managePlan", z.tuple([rowId]));
/** Wizard choices: the direction, the area (index), the factor (index; 0 = own words), a score. */
export const directionButton = button("rk.d", "managePlan", z.tuple([nonceArg, z.enum(["legal_acts", "organisational"])]));
export const areaButton = button("rk.a", "managePlan", z.tuple([nonceArg, index]));
export const factorButton = button("rk.f", "managePlan", z.tuple([nonceArg, index]));
export const scoreButton = button("rk.s", "managePlan", z.tuple([nonceArg, score]));
/** Saves the new risk: [nonce]. */
export const confirmButton = button("rk.ok", "managePlan", z.tuple([nonceArg]));

/** The fields of a risk to change: [analysis, risk]; then one field: [nonce, field]. */
export const editButton = button("rk.e", "managePlan", z.tuple([rowId, rowId]));
export const editFieldButton = button("rk.ef", "managePlan", z.tuple([nonceArg, z.enum(["direction", "factor", "title", "description", "functions", "positions", "likelihood", "impact"])]));

/** Evidence: the sources offered [analysis, risk]; a survey's questions [nonce, campaign]; one question [nonce, campaign, index]; another source [nonce, kind, index]. */
export const evidenceButton = button("rk.v", "managePlan", z.tuple([rowId, rowId]));
export const evidenceSurveyButton = button("rk.vs", "managePlan", z.tuple([nonceArg, rowId]));
export const evidenceQuestionButton = button("rk.vq", "managePlan", z.tuple([nonceArg, rowId, index]));
/** Removes the risk's evidence link at an index, from the evidence menu: [nonce, index]. */
export const evidenceRemoveButton = button("rk.vx", "managePlan", z.tuple([nonceArg, index]));
export const evidenceKindButton = button("rk.vk", "managePlan", z.tuple([nonceArg, z.enum(["t", "f", "r", "o"]), index]));

/** A recommendation: add one [analysis, risk]; open one [analysis, risk, recommendation]; its actions. */
export const recommendButton = button("rk.r", "managePlan", z.tuple([rowId, rowId]));
export const recommendationButton = button("rk.ro", "managePlan", z.tuple([rowId, rowId, rowId]));
export const recommendationEditButton = button("rk.re", "managePlan", z.tuple([rowId, rowId, rowId]));
export const recommendationDeleteButton = button("rk.rd", "managePlan", z.tuple([rowId, rowId, rowId]));
export const createItemButton = button("rk.rc", "managePlan", z.tuple([rowId, rowId, rowId]));
export const linkItemButton = button("rk.rl", "managePlan", z.tuple([rowId, rowId, rowId]));
/** Unlinks a plan item: [analysis, risk, recommendation, task]. */
export const unlinkItemButton = button("rk.ru", "managePlan", z.tuple([rowId, rowId, rowId, rowId]));

/** Deleting a risk: asked [analysis, risk], confirmed [nonce]. */
export const deleteButton = button("rk.x", "managePlan", z.tuple([rowId, rowId]));
export const deleteConfirmButton = button("rk.xok", "managePlan", z.tuple([nonceArg]));

/** A text in the other language: the texts offered [analysis, risk]; a field [nonce, field]; a recommendation [nonce, recommendation]. */
export const otherTextButton = button("rk.t", "managePlan", z.tuple([rowId, rowId]));
export const otherFieldButton = button("rk.tf", "managePlan", z.tuple([nonceArg, z.enum(RISK_TEXT_FIELDS)]));
export const otherRecommendationButton = button("rk.tr", "managePlan", z.tuple([nonceArg, rowId]));
