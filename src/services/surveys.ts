// Survey use cases shared by the bot and the command line: loading the shipped templates,
// storing an uploaded definition, creating, opening and closing campaigns, computing results
// (with suppression) and the attributed-interview export (named answers: compliance only).
// The officer's actions write their audit entries here.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { randomInt } from "node:crypto";
import type { Database, Db } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { respondentProfiles } from "../db/repositories/campaign-participants.js";
import { closeCampaign, createCampaign, getCampaign, openCampaign, responseRate, type Audience, type CampaignRecord } from "../db/repositories/campaigns.js";
import { getDefinition, saveDefinition } from "../db/repositories/survey-definitions.js";
import { campaignsWithSealedBallots, convertLegacyTotals, foldBallots, foldOpenBallotBox, loadInterviewResponses, loadTotals, splitLegacyTotals } from "../db/repositories/survey-answers.js";
import { wipeFreedPages } from "../db/repositories/storage-hygiene.js";
import type { Keyring } from "../domain/crypto.js";
import { buildResults, contribution, type FilterError, type StandardLabels, type Totals } from "../domain/surveys/aggregate.js";
import { mergeSmallAudiences } from "../domain/surveys/disclosure.js";
import { emptyTotals, foldInto } from "../domain/surveys/ballot-box.js";
import { can } from "../domain/roles.js";
import type { Answers } from "../domain/surveys/answers.js";
import { allQuestions, parseDefinitionFile, type DefinitionIssue, type SurveyDefinition } from "../domain/surveys/definition.js";
import { displayAnswer } from "../domain/surveys/display.js";
import { namedInterviewAnswersAccess } from "../domain/surveys/policies.js";
import type { InterviewExport, SurveyResults } from "../domain/surveys/results.js";
import { packageRoot } from "../paths.js";

export const DEFAULT_K = 5;
export const DEFAULT_TEXT_K = 10;

export interface TemplateLoad {
  file: string;
  ok: boolean;
  created?: boolean;
  version?: number;
  issues?: DefinitionIssue[];
}

/** Stores every definition in templates/ (a new version only when a file changed). */
export async function loadTemplates(db: Db, dir = join(packageRoot(), "templates")): Promise<TemplateLoad[]> {
  if (!existsSync(dir)) return [];
  const out: TemplateLoad[] = [];
  for (const file of readdirSync(dir).filter((f) => /\.(ya?ml|json)$/i.test(f)).sort()) {
    const parsed = parseDefinitionFile(readFileSync(join(dir, file)), file);
    if (!parsed.ok) {
      out.push({ file, ok: false, issues: parsed.issues });
      continue;
    }
    const { record, created } = await saveDefinition(db, parsed.definition, `template:${file}`, null);
    out.push({ file, ok: true, created, version: record.version });
  }
  return out;
}

/**
 * Opens a campaign: the participation ledger for its audience and, in anonymous mode, all
 * totals rows. Returns the number of participants, or null if it was already open.
 */
export async function launchCampaign(db: Db, campaign: CampaignRecord): Promise<number | null> {
  if (!(await getDefinition(db, campaign.definitionId))) throw new Error(`definition ${campaign.definitionId} of campaign ${campaign.id} is missing`);
  return openCampaign(db, campaign);
}

/** What closing or folding an anonymous campaign's ballot box needs. */
export interface BallotBoxDeps {
  db: Database;
  keyring: Keyring;
  /** The group minimum (SURVEY_MIN_GROUP): the box folds in batches of at least k. */
  k: number;
}

/**
 * Closes a campaign (by date or early): an anonymous one's ballot box is folded for good in
 * the same transaction, and the pages that held the ballots are wiped. False when it was
 * closed already.
 */
export async function closeSurveyCampaign(deps: BallotBoxDeps, campaign: Pick<CampaignRecord, "id" | "mode">, today: string): Promise<boolean> {
  const { db, keyring, k } = deps;
  // A full box is folded in running batches first, so that the final fold in the closing
  // transaction takes few ballots (at most 2k−1 are left).
  if (campaign.mode === "anonymous") while ((await foldOpenBallotBox(db.prisma, db.provider, keyring, { campaignId: campaign.id, k })) > 0);
  const finalize = campaign.mode === "anonymous" ? (tx: Parameters<Parameters<Db["$transaction"]>[0]>[0]) => foldBallots(tx, db.provider, keyring, { campaignId: campaign.id, k, final: true }) : undefined;
  if (!(await closeCampaign(db.prisma, campaign.id, today, finalize))) return false;
  if (finalize) await wipeFreedPages(db);
  return true;
}

/**
 * Moves the plaintext counters of earlier versions into the encrypted totals, splits totals
 * stored as one ciphertext into header and texts (so their results screen reads the header
 * alone), and wipes the pages the old forms held (at start, once; then a no-op). Returns the
 * campaigns converted.
 */
export async function encryptLegacyTotals(db: Database, keyring: Keyring): Promise<number> {
  const converted = (await convertLegacyTotals(db.prisma, keyring)) + (await splitLegacyTotals(db.prisma, db.provider, keyring));
  if (converted) await wipeFreedPages(db);
  return converted;
}

/**
 * Folds every running campaign's ballot box that holds enough ballots (2k: all but k are
 * folded), then wipes the freed pages (the dispatcher wipes again on its next ticks).
 * Returns the number of ballots folded.
 */
export async function foldBallotBoxes(deps: BallotBoxDeps): Promise<number> {
  let folded = 0;
  for (const campaignId of await campaignsWithSealedBallots(deps.db.prisma)) {
    const campaign = await getCampaign(deps.db.prisma, campaignId);
    if (campaign?.status !== "open") continue; // closing folds the rest
    // Batches of at most MAX_FOLD_BATCH, one transaction each, until fewer than 2k wait.
    for (let n; (n = await foldOpenBallotBox(deps.db.prisma, deps.db.provider, deps.keyring, { campaignId, k: deps.k })) > 0; ) folded += n;
  }
  if (folded) await wipeFreedPages(deps.db);
  return folded;
}

export type ResultsOutcome = { ok: true; results: SurveyResults } | { ok: false; error: FilterError | "not_found" | "not_allowed" };

/** What is shown or exported: the bot's results text, its charts, or an export file. */
export type ResultsView = "screen" | "charts" | "xlsx" | "csv" | "docx";

/** The views that list the free-text answers; the others show their number only. */
const TEXT_VIEWS: ReadonlySet<ResultsView> = new Set(["xlsx", "csv", "docx"]);

/** Who looks at results: someone in the bot (role checked), or the command line on the server. */
export type ResultsViewer = { kind: "user"; actor: Actor } | { kind: "cli"; osUser: string };

export interface Participation {
  invited: number;
  completed: number;
  notReachable: number;
  /** Response rate by department, small departments merged (disclosure.ts). */
  byAudience: SurveyResults["byAudience"];
}

/** The participation ledger's figures for the campaign screen and the results, under the same merge rule. */
export async function campaignParticipation(db: Db, campaignId: number, k: number): Promise<Participation> {
  const rate = await responseRate(db, campaignId);
  const rows = mergeSmallAudiences(
    rate.byDepartment.map((d) => ({ label: d.name, invited: d.invited, completed: d.completed })),
    k,
  );
  return {
    invited: rate.invited,
    completed: rate.completed,
    notReachable: rate.notReachable,
    byAudience: rows.map((r) => ({ ...r, rate: r.invited ? r.completed / r.invited : 0 })),
  };
}

/**
 * The results of a campaign as one view (`view`) for one viewer, under the disclosure policy
 * (domain/surveys/disclosure.ts). Someone in the bot needs the right to see summaries. Every
 * results computed is audited ("survey.results_viewed": who, campaign, view, filter; the
 * entry's date is the day), before the caller renders or sends them.
 */
export async function computeResults(
  db: Db,
  keyring: Keyring,
  args: {
    campaignId: number;
    today: string;
    labels: StandardLabels;
    viewer: ResultsViewer;
    view: ResultsView;
    lang?: "kk" | "ru";
    filter?: { questionId: string; code: string };
    k?: number;
    textK?: number;
    /**
     * For an export written as a stream: each question's free texts are read when it is
     * written (QuestionResult.loadTexts), not with the results, so that the texts of a large
     * campaign are not all in memory at once.
     */
    textsOnDemand?: boolean;
  },
): Promise<ResultsOutcome> {
  if (args.viewer.kind === "user" && !can(args.viewer.actor.role, "viewSummaries")) return { ok: false, error: "not_allowed" };
  const campaign = await getCampaign(db, args.campaignId);
  const def = campaign ? await getDefinition(db, campaign.definitionId) : null;
  if (!campaign || !def) return { ok: false, error: "not_found" };
  const k = args.k ?? DEFAULT_K;
  const rate = await campaignParticipation(db, campaign.id, k);
  const ctx = {
    campaignId: campaign.id,
    title: def.definition.title,
    mode: campaign.mode,
    status: campaign.status === "scheduled" ? ("draft" as const) : campaign.status,
    opensOn: campaign.opensOn,
    closesOn: campaign.closesOn,
    generatedOn: args.today,
    invited: rate.invited,
    completed: rate.completed,
    byAudience: rate.byAudience,
    k,
    textK: args.textK ?? DEFAULT_TEXT_K,
    labels: args.labels,
  };
  let totals: Totals;
  if (campaign.mode === "attributed") {
    // Interviews are attributed: totals are computed from the stored answers, and the
    // aggregate view follows the same rules (observers see it, never the named answers).
    // While the campaign is open they move in steps of k, like the anonymous totals: only
    // the first whole batches of k interviews (in the order they came in) are counted.
    const rows = await loadInterviewResponses(db, campaign.id);
    const counted = campaign.status === "closed" ? rows : rows.slice(0, rows.length - (rows.length % k));
    totals = totalsFromInterviews(def.definition, counted.map((r) => JSON.parse(r.answers) as Answers));
  } else {
    // The free texts are inflated only for the views that list them (the exports).
    totals = await loadTotals(db, keyring, campaign.id, !TEXT_VIEWS.has(args.view) ? "sizes" : args.textsOnDemand ? "lazy" : "all");
  }
  const outcome = buildResults(def.definition, totals, ctx, args.filter);
  if (outcome.ok) {
    const viewer = args.viewer;
    await audit(db, {
      actorUserId: viewer.kind === "user" ? viewer.actor.id : null,
      action: "survey.results_viewed",
      subject: `campaign:${campaign.id}`,
      details: {
        view: args.view,
        filter: args.filter ? `${args.filter.questionId}=${args.filter.code}` : null,
        ...(args.lang ? { lang: args.lang } : {}),
        via: viewer.kind === "user" ? "bot" : "cli",
        ...(viewer.kind === "cli" ? { osUser: viewer.osUser } : {}),
        responses: outcome.results.responses,
      },
    });
  }
  return outcome;
}

function totalsFromInterviews(def: SurveyDefinition, all: Answers[]): Totals {
  const totals = emptyTotals();
  foldInto(totals, all.map((answers) => contribution(def, answers, (s) => s)), randomInt);
  return totals;
}

export async function computeInterviewExport(
  db: Db,
  args: { campaignId: number; today: string; labels: StandardLabels & { skipped: { kk: string; ru: string } } },
): Promise<InterviewExport | null> {
  const campaign = await getCampaign(db, args.campaignId);
  const def = campaign ? await getDefinition(db, campaign.definitionId) : null;
  if (!campaign || !def || campaign.mode !== "attributed") return null;
  const rows = await loadInterviewResponses(db, campaign.id);
  const users = await respondentProfiles(db, rows.map((r) => r.userId));
  const questions = def.definition.sections.flatMap((s) => s.questions.map((q) => ({ questionId: q.id, sectionTitle: s.title, text: q.text, type: q.type })));
  const byId = new Map(allQuestions(def.definition).map((q) => [q.id, q]));
  return {
    campaignId: campaign.id,
    title: def.definition.title,
    generatedOn: args.today,
    questions,
    respondents: rows.map((r) => {
      const answers = JSON.parse(r.answers) as Answers;
      const u = users.get(r.userId);
      return {
        fullName: u?.fullName ?? "—",
        department: u?.department?.name ?? null,
        position: u?.position ?? null,
        submittedOn: r.submittedOn,
        answers: Object.fromEntries(
          questions.map((q) => {
            const question = byId.get(q.questionId)!;
            const kk = displayAnswer(question, answers[q.questionId], "kk", args.labels);
            const ru = displayAnswer(question, answers[q.questionId], "ru", args.labels);
            return [q.questionId, kk === null || ru === null ? null : { kk, ru }];
          }),
        ),
      };
    }),
  };
}

/** Someone acting in the bot: who (for the audit log) and in which role (for the policies). */
export interface Actor {
  id: number;
  role: string;
}

export type NamedAnswersOutcome = "exported" | "notAllowed" | "notAttributed";

/**
 * The named answers of an attributed interview, for those the policy allows: `deliver` gets
 * the export, and the export is audited once it was delivered.
 */
export async function exportNamedAnswers(
  db: Db,
  actor: Actor,
  args: { campaign: CampaignRecord; today: string; labels: StandardLabels & { skipped: { kk: string; ru: string } } },
  deliver: (data: InterviewExport) => Promise<unknown>,
): Promise<NamedAnswersOutcome> {
  const access = namedInterviewAnswersAccess(actor.role, args.campaign.mode);
  if (access !== "allowed") return access;
  const data = await computeInterviewExport(db, { campaignId: args.campaign.id, today: args.today, labels: args.labels });
  if (!data) return "notAttributed";
  await deliver(data);
  await audit(db, { actorUserId: actor.id, action: "survey.answers_exported", subject: `campaign:${args.campaign.id}` });
  return "exported";
}

/**
 * The named answers of an attributed interview for the command line on the server (whoever
 * runs it holds the database and the key): `deliver` writes the file, then the export is
 * audited with the operating-system user.
 */
export async function exportNamedAnswersFromCli(
  db: Db,
  osUser: string,
  args: { campaignId: number; today: string; labels: StandardLabels & { skipped: { kk: string; ru: string } } },
  deliver: (data: InterviewExport) => Promise<unknown>,
): Promise<boolean> {
  const data = await computeInterviewExport(db, args);
  if (!data) return false;
  await deliver(data);
  await audit(db, { actorUserId: null, action: "survey.answers_exported", subject: `campaign:${args.campaignId}`, details: { via: "cli", osUser } });
  return true;
}

/** Stores an uploaded definition (a new version only when it changed) and audits the upload. */
export async function uploadDefinition(db: Db, actor: Actor, definition: SurveyDefinition): Promise<Awaited<ReturnType<typeof saveDefinition>>> {
  const saved = await saveDefinition(db, definition, "upload", actor.id);
  await audit(db, { actorUserId: actor.id, action: "survey.definition_uploaded", subject: `definition:${saved.record.id}`, details: { slug: saved.record.slug, version: saved.record.version, created: saved.created } });
  return saved;
}

export interface NewCampaign {
  definitionId: number;
  mode: CampaignRecord["mode"];
  audience: Audience;
  opensOn: string;
  closesOn: string;
}

/** How many reminders a campaign set up in the bot sends at most. */
export const BOT_REMINDER_CAP = 2;

/**
 * Creates a campaign set up by an officer and audits it; one that starts today opens at once.
 * `people` is the number invited when it opened, null when it waits for its opening day.
 */
export async function startCampaign(db: Db, actor: Actor, draft: NewCampaign, today: string): Promise<{ campaign: CampaignRecord; people: number | null }> {
  const campaign = await createCampaign(db, { ...draft, reminderCap: BOT_REMINDER_CAP, createdById: actor.id, today });
  await audit(db, { actorUserId: actor.id, action: "survey.campaign_created", subject: `campaign:${campaign.id}`, details: { mode: campaign.mode, opensOn: campaign.opensOn, closesOn: campaign.closesOn, audience: campaign.audience } });
  if (campaign.opensOn > today) return { campaign, people: null };
  return { campaign, people: (await launchCampaign(db, campaign)) ?? 0 };
}

/** Closes a campaign before its closing day; false when it was closed already. */
export async function closeCampaignEarly(deps: BallotBoxDeps, actor: Actor, campaign: Pick<CampaignRecord, "id" | "mode">, today: string): Promise<boolean> {
  if (!(await closeSurveyCampaign(deps, campaign, today))) return false;
  await audit(deps.db.prisma, { actorUserId: actor.id, action: "survey.campaign_closed", subject: `campaign:${campaign.id}` });
  return true;
}
