// The analysis's record (seed 000 §1, seed 002's introductory part): read as one piece for the
// hub, the card and the analytic report, and edited field by field — each edit checked (dates,
// units that exist, members from the roster, campaigns of the right mode, catalog codes) and
// audited as `analysis.record_changed` with the field it changed.
import type { Db } from "../db/client.js";
import {
  analysisMilestones,
  analysisRecordRow,
  campaignsByIds,
  departmentsByIds,
  peopleByIds,
  recentCampaigns,
  addAnalysisMember,
  makeAnalysisHead,
  removeAnalysisMember,
  replaceAnalysisMembers,
  replaceAnalysisUnits,
  swapRecordList,
  toggleAnalysisUnit,
  type RecordListColumn,
  updateAnalysisRecord,
  type AnalysisRecordColumns,
} from "../db/repositories/analysis-record.js";
import { audit } from "../db/repositories/audit.js";
import type { IsoDate } from "../domain/calendar/days.js";
import { parseDateInput } from "../domain/dates.js";
import { ANALYSIS_DIRECTIONS, isInformationSource, type AnalysisDirection, type InformationSource } from "../domain/analysis/catalog.js";
import { MAX_ORDER_NUMBER } from "../domain/analysis/record-input.js";
import { parseLocalized, withText, type LocalizedText } from "../domain/analysis/text.js";
import type { Lang } from "../domain/lang.js";
import type { AnalysisRecord } from "../domain/analysis/record.js";

export type { AnalysisRecord } from "../domain/analysis/record.js";

/** Why an edit was refused; the bot says `analysisRecord.error.<code>`. */
export type RecordErrorCode =
  | "badDate"
  | "orderAfterEnd"
  | "badNumber"
  | "badText"
  | "badPeriod"
  | "unknownUnit"
  | "unknownDirection"
  | "unknownSource"
  | "notOnRoster"
  | "oneHead"
  | "unknownCampaign"
  | "wrongMode";

export class RecordEditError extends Error {
  constructor(readonly code: RecordErrorCode) {
    super(`analysis record edit refused: ${code}`);
    this.name = "RecordEditError";
  }
}

/** The longest text an officer types into the record (organisation, object). */
export const MAX_RECORD_TEXT = 1000;

function idList(json: string): number[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((v): v is number => Number.isInteger(v) && v > 0) : [];
  } catch {
    return [];
  }
}

function sourceList(json: string): InformationSource[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((v): v is InformationSource => typeof v === "string" && isInformationSource(v)) : [];
  } catch {
    return [];
  }
}

function paramsOf(json: string | null): Record<string, unknown> {
  try {
    const value = json ? (JSON.parse(json) as unknown) : {};
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const isDirection = (code: string | null): code is AnalysisDirection => (ANALYSIS_DIRECTIONS as readonly (string | null)[]).includes(code);

/** The analysis's record, or null when there is no such analysis. */
export async function analysisRecordOf(db: Db, analysisId: number): Promise<AnalysisRecord | null> {
  const row = await analysisRecordRow(db, analysisId);
  if (!row) return null;
  const [units, people, tasks] = await Promise.all([
    departmentsByIds(db, row.units.map((u) => u.departmentId)),
    peopleByIds(db, row.members.map((m) => m.userId)),
    analysisMilestones(db, analysisId),
  ]);
  const roleOf = new Map(row.members.map((m) => [m.userId, m.role === "head" ? ("head" as const) : ("member" as const)]));
  const members = people
    .map((p) => ({ userId: p.id, fullName: p.fullName, position: p.position, department: p.department?.name ?? null, role: roleOf.get(p.id) ?? ("member" as const) }))
    .sort((a, b) => (a.role === b.role ? 0 : a.role === "head" ? -1 : 1));
  const milestones = tasks.flatMap((task) => {
    const first = task.occurrences[0];
    return first && task.milestoneId && task.titleKey ? [{ id: task.milestoneId, titleKey: task.titleKey, titleParams: paramsOf(task.titleParams), dueOn: first.dueOn, status: first.status }] : [];
  });
  milestones.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  return {
    id: row.id,
    startOn: row.startOn,
    endOn: row.endOn,
    reportSignedOn: row.reportSignedOn,
    planApprovedOn: row.planApprovedOn,
    orderNumber: row.orderNumber,
    orderDate: row.orderDate,
    organisation: parseLocalized(row.organisation),
    objectText: parseLocalized(row.objectText),
    units,
    direction: isDirection(row.direction) ? row.direction : null,
    coveredFrom: row.coveredFrom,
    coveredTo: row.coveredTo,
    sources: sourceList(row.sources),
    members,
    interviewCampaignIds: idList(row.interviewCampaignIds),
    surveyCampaignIds: idList(row.surveyCampaignIds),
    milestones,
  };
}

interface EditArgs {
  analysisId: number;
  actorUserId: number;
}

type RecordField = "order" | "organisation" | "objectText" | "units" | "direction" | "covered" | "members" | "sources" | "interviews" | "surveys";

/** Writes the columns and the audit; null when the analysis is gone. */
async function write(db: Db, args: EditArgs, field: RecordField, columns: AnalysisRecordColumns, details: { lang?: Lang } = {}): Promise<AnalysisRecord | null> {
  await updateAnalysisRecord(db, args.analysisId, columns);
  await audit(db, { actorUserId: args.actorUserId, action: "analysis.record_changed", subject: `analysis:${args.analysisId}`, details: { field, ...details } });
  return analysisRecordOf(db, args.analysisId);
}

const isDay = (date: string) => parseDateInput(date) === date;

/** The order the analysis is carried out on: its number and date (not after the analysis ends). */
export async function setOrderBy(db: Db, args: EditArgs & { number: string; date: IsoDate }): Promise<AnalysisRecord | null> {
  const record = await analysisRecordOf(db, args.analysisId);
  if (!record) return null;
  const number = args.number.trim();
  if (!number || number.length > MAX_ORDER_NUMBER) throw new RecordEditError("badNumber");
  if (!isDay(args.date)) throw new RecordEditError("badDate");
  if (args.date > record.endOn) throw new RecordEditError("orderAfterEnd");
  return write(db, args, "order", { orderNumber: number, orderDate: args.date });
}

/** The organisation or the object in words, in `lang` (the other language's text kept; the language audited). */
export async function setRecordTextBy(db: Db, args: EditArgs & { field: "organisation" | "objectText"; lang: Lang; text: string }): Promise<AnalysisRecord | null> {
  const record = await analysisRecordOf(db, args.analysisId);
  if (!record) return null;
  const text = args.text.trim();
  if (!text || text.length > MAX_RECORD_TEXT) throw new RecordEditError("badText");
  return write(db, args, args.field, { [args.field]: JSON.stringify(withText(record[args.field], args.lang, text)) }, { lang: args.lang });
}

/** The units that are the object of the analysis: existing departments. */
export async function setUnitsBy(db: Db, args: EditArgs & { departmentIds: number[] }): Promise<AnalysisRecord | null> {
  if (!(await analysisRecordRow(db, args.analysisId))) return null;
  const ids = [...new Set(args.departmentIds)];
  if ((await departmentsByIds(db, ids)).length !== ids.length) throw new RecordEditError("unknownUnit");
  await replaceAnalysisUnits(db, args.analysisId, ids);
  await audit(db, { actorUserId: args.actorUserId, action: "analysis.record_changed", subject: `analysis:${args.analysisId}`, details: { field: "units" } });
  return analysisRecordOf(db, args.analysisId);
}

/** Adds the department to the units, or takes it out (one row: a concurrent toggle of another unit is kept). */
export async function toggleUnitBy(db: Db, args: EditArgs & { departmentId: number }): Promise<AnalysisRecord | null> {
  if (!(await analysisRecordRow(db, args.analysisId))) return null;
  if ((await departmentsByIds(db, [args.departmentId])).length !== 1) throw new RecordEditError("unknownUnit");
  await toggleAnalysisUnit(db, args.analysisId, args.departmentId);
  await audit(db, { actorUserId: args.actorUserId, action: "analysis.record_changed", subject: `analysis:${args.analysisId}`, details: { field: "units" } });
  return analysisRecordOf(db, args.analysisId);
}

export async function setDirectionBy(db: Db, args: EditArgs & { direction: string }): Promise<AnalysisRecord | null> {
  if (!(await analysisRecordRow(db, args.analysisId))) return null;
  if (!isDirection(args.direction)) throw new RecordEditError("unknownDirection");
  return write(db, args, "direction", { direction: args.direction });
}

/** The period the collected data covers (seed 001: 2022–2023). */
export async function setCoveredPeriodBy(db: Db, args: EditArgs & { from: IsoDate; to: IsoDate }): Promise<AnalysisRecord | null> {
  if (!(await analysisRecordRow(db, args.analysisId))) return null;
  if (!isDay(args.from) || !isDay(args.to)) throw new RecordEditError("badDate");
  if (args.from > args.to) throw new RecordEditError("badPeriod");
  return write(db, args, "covered", { coveredFrom: args.from, coveredTo: args.to });
}

/** The working group: active people of the roster, at most one head. */
export async function setMembersBy(db: Db, args: EditArgs & { members: { userId: number; role: "head" | "member" }[] }): Promise<AnalysisRecord | null> {
  if (!(await analysisRecordRow(db, args.analysisId))) return null;
  const ids = args.members.map((m) => m.userId);
  if (new Set(ids).size !== ids.length) throw new RecordEditError("notOnRoster");
  if (args.members.filter((m) => m.role === "head").length > 1) throw new RecordEditError("oneHead");
  const people = await peopleByIds(db, ids);
  if (people.length !== ids.length || people.some((p) => !p.active)) throw new RecordEditError("notOnRoster");
  await replaceAnalysisMembers(db, args.analysisId, args.members);
  await audit(db, { actorUserId: args.actorUserId, action: "analysis.record_changed", subject: `analysis:${args.analysisId}`, details: { field: "members" } });
  return analysisRecordOf(db, args.analysisId);
}

/** A working-group change of one person, audited; each is one row or one transaction, so two officers' changes at once are both kept. */
async function memberChange(db: Db, args: EditArgs, change: () => Promise<void>): Promise<AnalysisRecord | null> {
  await change();
  await audit(db, { actorUserId: args.actorUserId, action: "analysis.record_changed", subject: `analysis:${args.analysisId}`, details: { field: "members" } });
  return analysisRecordOf(db, args.analysisId);
}

/** Adds a person to the working group (as a member; already there: unchanged). */
export async function addMemberBy(db: Db, args: EditArgs & { userId: number }): Promise<AnalysisRecord | null> {
  const record = await analysisRecordOf(db, args.analysisId);
  if (!record) return null;
  if (record.members.some((m) => m.userId === args.userId)) return record;
  const [person] = await peopleByIds(db, [args.userId]);
  if (!person || !person.active) throw new RecordEditError("notOnRoster");
  return memberChange(db, args, () => addAnalysisMember(db, args.analysisId, args.userId));
}

export async function removeMemberBy(db: Db, args: EditArgs & { userId: number }): Promise<AnalysisRecord | null> {
  const record = await analysisRecordOf(db, args.analysisId);
  if (!record) return null;
  if (!record.members.some((m) => m.userId === args.userId)) throw new RecordEditError("notOnRoster");
  return memberChange(db, args, () => removeAnalysisMember(db, args.analysisId, args.userId));
}

/** Makes a member the head of the working group (the previous head stays a member). */
export async function setHeadBy(db: Db, args: EditArgs & { userId: number }): Promise<AnalysisRecord | null> {
  const record = await analysisRecordOf(db, args.analysisId);
  if (!record) return null;
  if (!record.members.some((m) => m.userId === args.userId)) throw new RecordEditError("notOnRoster");
  return memberChange(db, args, () => makeAnalysisHead(db, args.analysisId, args.userId));
}

export async function setSourcesBy(db: Db, args: EditArgs & { sources: string[] }): Promise<AnalysisRecord | null> {
  if (!(await analysisRecordRow(db, args.analysisId))) return null;
  if (!args.sources.every(isInformationSource)) throw new RecordEditError("unknownSource");
  return write(db, args, "sources", { sources: JSON.stringify([...new Set(args.sources)]) });
}

export async function toggleSourceBy(db: Db, args: EditArgs & { source: string }): Promise<AnalysisRecord | null> {
  if (!isInformationSource(args.source)) throw new RecordEditError("unknownSource");
  const source = args.source;
  return toggleInList(db, args, "sources", "sources", (json) => {
    const now = sourceList(json);
    return JSON.stringify(now.includes(source) ? now.filter((s) => s !== source) : [...now, source]);
  });
}

/**
 * Changes one entry of a JSON list column from what it holds now, set only if nobody changed it
 * since it was read (else read again): two officers ticking two sources at once keep both.
 */
async function toggleInList(db: Db, args: EditArgs, field: RecordField, column: RecordListColumn, next: (json: string) => string): Promise<AnalysisRecord | null> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const row = await analysisRecordRow(db, args.analysisId);
    if (!row) return null;
    if (await swapRecordList(db, args.analysisId, column, row[column], next(row[column]))) {
      await audit(db, { actorUserId: args.actorUserId, action: "analysis.record_changed", subject: `analysis:${args.analysisId}`, details: { field } });
      return analysisRecordOf(db, args.analysisId);
    }
  }
  throw new Error(`analysis ${args.analysisId}: ${column} kept changing under ten attempts`);
}

/** The unit-head interview campaigns (attributed) or the staff survey campaigns (anonymous). */
export async function setCampaignsBy(db: Db, args: EditArgs & { kind: "interviews" | "surveys"; campaignIds: number[] }): Promise<AnalysisRecord | null> {
  if (!(await analysisRecordRow(db, args.analysisId))) return null;
  const ids = [...new Set(args.campaignIds)];
  const found = await campaignsByIds(db, ids);
  if (found.length !== ids.length) throw new RecordEditError("unknownCampaign");
  const mode = args.kind === "interviews" ? "attributed" : "anonymous";
  if (found.some((c) => c.mode !== mode)) throw new RecordEditError("wrongMode");
  return write(db, args, args.kind, { [args.kind === "interviews" ? "interviewCampaignIds" : "surveyCampaignIds"]: JSON.stringify(ids) });
}

/** Links the campaign to the record, or unlinks it: as an interview when attributed, a survey when anonymous. */
export async function toggleCampaignBy(db: Db, args: EditArgs & { campaignId: number }): Promise<AnalysisRecord | null> {
  if (!(await analysisRecordRow(db, args.analysisId))) return null;
  const [campaign] = await campaignsByIds(db, [args.campaignId]);
  if (!campaign) throw new RecordEditError("unknownCampaign");
  const interviews = campaign.mode === "attributed";
  return toggleInList(db, args, interviews ? "interviews" : "surveys", interviews ? "interviewCampaignIds" : "surveyCampaignIds", (json) => {
    const now = idList(json);
    return JSON.stringify(now.includes(args.campaignId) ? now.filter((id) => id !== args.campaignId) : [...now, args.campaignId]);
  });
}

export interface CampaignChoice {
  id: number;
  mode: "anonymous" | "attributed";
  status: string;
  opensOn: IsoDate;
  closesOn: IsoDate;
  title: LocalizedText;
}

const choiceOf = (c: Awaited<ReturnType<typeof recentCampaigns>>[number]): CampaignChoice => ({
  id: c.id,
  mode: c.mode === "attributed" ? "attributed" : "anonymous",
  status: c.status,
  opensOn: c.opensOn,
  closesOn: c.closesOn,
  title: parseLocalized(c.definition.title),
});

/** The campaigns the record may link (the latest `limit`), and the linked ones among older ones. */
export async function campaignChoices(db: Db, record: AnalysisRecord, limit = 20): Promise<CampaignChoice[]> {
  const recent = await recentCampaigns(db, limit);
  const linked = [...record.interviewCampaignIds, ...record.surveyCampaignIds].filter((id) => !recent.some((c) => c.id === id));
  const older = linked.length ? await campaignsByIds(db, linked) : [];
  return [...recent, ...older].map(choiceOf);
}
