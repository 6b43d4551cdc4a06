// The organisation tables of an analysis from the unit-head interviews it draws on
// (Analysis.interviewCampaignIds): each respondent's answers with their department (the unit)
// and position from the roster. Only attributed campaigns count: the anonymous surveys'
// answers are never read here, and these named rows are never mixed with them.
import type { Db } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { respondentProfiles } from "../db/repositories/campaign-participants.js";
import { getCampaign, type CampaignRecord } from "../db/repositories/campaigns.js";
import { analysisById } from "../db/repositories/plan.js";
import { getDefinition } from "../db/repositories/survey-definitions.js";
import { loadInterviewResponses } from "../db/repositories/survey-answers.js";
import { buildInterviewTables, withoutRespondentNames, type InterviewInput, type InterviewTables } from "../domain/analysis/interview-tables.js";
import { maySeeNamedInterviewAnswers } from "../domain/surveys/policies.js";
import type { Answers } from "../domain/surveys/answers.js";
import type { SurveyDefinition } from "../domain/surveys/definition.js";
import type { Actor } from "./surveys.js";

/** The campaign ids stored on the analysis (a JSON list); anything else reads as none. */
export function linkedCampaignIds(json: string | null | undefined): number[] {
  try {
    const value = JSON.parse(json ?? "[]") as unknown;
    return Array.isArray(value) ? [...new Set(value.filter((v): v is number => Number.isInteger(v) && v > 0))] : [];
  } catch {
    return [];
  }
}

function unitOf(department: string | null | undefined, answers: Answers): string {
  const named = answers.unit_name && "text" in answers.unit_name ? answers.unit_name.text.trim() : "";
  return department || named || "—";
}

/**
 * The tables of the analysis's interview campaigns, or null when it links none (or no such
 * analysis). The newest campaign's definition names the indicators: a campaign pins the version
 * it was launched with, and the newest one has every question the older ones kept.
 */
export async function interviewTablesOf(db: Db, analysisId: number): Promise<InterviewTables | null> {
  const analysis = await analysisById(db, analysisId);
  const ids = linkedCampaignIds(analysis?.interviewCampaignIds);
  const campaigns: CampaignRecord[] = [];
  for (const id of ids) {
    const campaign = await getCampaign(db, id);
    if (campaign?.mode === "attributed") campaigns.push(campaign);
  }
  if (!campaigns.length) return null;
  campaigns.sort((a, b) => a.id - b.id);
  let def: SurveyDefinition | null = null;
  const inputs: InterviewInput[] = [];
  for (const campaign of campaigns) {
    def = (await getDefinition(db, campaign.definitionId))?.definition ?? def;
    const rows = await loadInterviewResponses(db, campaign.id);
    const profiles = await respondentProfiles(db, rows.map((r) => r.userId));
    for (const r of rows) {
      const answers = JSON.parse(r.answers) as Answers;
      const profile = profiles.get(r.userId);
      inputs.push({ unit: unitOf(profile?.department?.name, answers), fullName: profile?.fullName ?? "—", position: profile?.position ?? null, submittedOn: r.submittedOn, answers });
    }
  }
  return def ? buildInterviewTables(def, inputs) : null;
}

/**
 * The tables for someone who views them in the bot (or takes their documents), audited. The
 * units' figures are the working group's, observers' too; who answered (names, positions) only
 * for those who may read named interview answers (compliance), as with the interview export.
 */
export async function viewInterviewTables(db: Db, actor: Actor, analysisId: number, what: "screen" | "docx" | "xlsx"): Promise<InterviewTables | null> {
  const tables = await interviewTablesOf(db, analysisId);
  if (!tables) return null;
  await audit(db, { actorUserId: actor.id, action: "analysis.interviews_viewed", subject: `analysis:${analysisId}`, details: { what, units: tables.respondents.length } });
  return maySeeNamedInterviewAnswers(actor.role, "attributed") ? tables : withoutRespondentNames(tables);
}
