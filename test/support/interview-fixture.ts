// Three unit heads' interviews on templates/unit-head-interview.yaml, with seed 003's figures in
// the first (26,5 staff positions, 22 actual, 9 dismissed of their own will, 6 rotations, 3
// remarks, two legal acts), a unit of public services with a cancelled penalty and an offence,
// and a control unit that also provides services. Used by the domain, service and bot tests.
import { readFileSync } from "node:fs";
import type { Db } from "../../src/db/client.js";
import { createCampaign } from "../../src/db/repositories/campaigns.js";
import { saveDefinition } from "../../src/db/repositories/survey-definitions.js";
import type { Answers } from "../../src/domain/surveys/answers.js";
import { parseDefinitionFile, type SurveyDefinition } from "../../src/domain/surveys/definition.js";

export function interviewTemplate(): SurveyDefinition {
  const file = "unit-head-interview.yaml";
  const parsed = parseDefinitionFile(readFileSync(new URL(`../../templates/${file}`, import.meta.url)), file);
  if (!parsed.ok) throw new Error("the interview template does not validate");
  return parsed.definition;
}

const n = (number: number) => ({ number });
const yes = { code: "yes" };
const no = { code: "no" };
const text = (value: string) => ({ text: value });

function personnel(figures: Record<string, number>): Answers {
  const ids = [
    "hr_staff_positions", "hr_headcount", "hr_vacancies", "hr_hired", "hr_hired_without_competition", "hr_dismissed_voluntary", "hr_dismissed_negative", "hr_dismissed_other",
    "hr_promoted", "hr_demoted", "hr_rotation", "hr_investigations", "hr_penalties_total", "hr_penalty_remark", "hr_penalty_reprimand", "hr_penalty_severe_reprimand",
    "hr_penalty_incompetence_warning", "hr_penalty_dismissal", "hr_penalties_no_investigation", "hr_penalties_appealed", "hr_penalties_lifted_early", "hr_evaluation_appeals",
    "hr_relatives", "hr_coi_declarations", "hr_coi_facts", "hr_hired_with_offences",
  ];
  return Object.fromEntries(ids.map((id) => [id, n(figures[id] ?? 0)]));
}

export const SEED_ACT_1 = "Постановление Правительства Республики Казахстан от 17 мая 2013 года № 499 «Об утверждении Типовых правил деятельности организаций образования соответствующих типов»";
export const SEED_ACT_2 = "Приказ Министра образования и науки Республики Казахстан от 22.02.2013 года № 50 «Об утверждении номенклатуры видов организаций образования»";

/** Seed 003's unit: no services, permits or control; the personnel figures; two acts. */
export const centreAnswers: Answers = {
  unit_name: text("Центр поддержки семьи и детства"),
  ps_has: no,
  pm_has: no,
  ct_has: no,
  ...personnel({ hr_staff_positions: 26.5, hr_headcount: 22, hr_vacancies: 0.5, hr_hired: 2, hr_dismissed_voluntary: 9, hr_rotation: 6, hr_penalties_total: 3, hr_penalty_remark: 3 }),
  hr_penalties_cancelled_any: no,
  hr_offences_any: no,
  hr_discipline_facts: text("Ненадлежащее исполнение должностных обязанностей — 3"),
  hr_risky_positions: text("Заместитель директора; юрист"),
  npa_reviewed: n(2),
  npa_1_has: yes,
  npa_1_name: text(SEED_ACT_1),
  npa_1_unregulated: text("Отсутствуют типовые правила деятельности центров поддержки семьи и детства на республиканском уровне"),
  npa_1_measures: text("Поданы предложения в Комитет по охране прав детей"),
  npa_2_has: yes,
  npa_2_name: text(SEED_ACT_2),
  npa_2_issues: text("Вид организации не указан в номенклатуре"),
  npa_2_measures: text("Внесены изменения приказом от 29.12.2016 № 726"),
  npa_3_has: no,
};

/** Public services, a cancelled reprimand and an offence; no acts. */
export const servicesAnswers: Answers = {
  ps_has: yes,
  ps_names: text("Выдача справок; постановка на учёт"),
  ps_provided: n(1200),
  ps_via_gk: n(800),
  ps_refused: n(15),
  ps_late: n(2),
  ps_complaints_employee: n(1),
  ps_complaints_quality: n(0),
  ps_complaints_terms: n(2),
  ps_complaints_other: n(0),
  ps_extra_documents: n(1),
  ps_complaints_essence: text("Нарушение сроков выдачи справок"),
  pm_has: no,
  ct_has: no,
  ...personnel({ hr_staff_positions: 10, hr_headcount: 9, hr_vacancies: 1, hr_hired: 1, hr_dismissed_voluntary: 1, hr_dismissed_negative: 1, hr_penalties_total: 2, hr_penalty_reprimand: 1, hr_penalty_severe_reprimand: 1, hr_penalties_appealed: 1 }),
  hr_penalties_cancelled_any: yes,
  hr_penalties_cancelled: n(1),
  hr_penalties_cancelled_by: text("Приказом директора от 10.03.2026 по жалобе сотрудника: нарушен срок наложения"),
  hr_offences_any: yes,
  hr_offences: n(1),
  hr_offences_details: text("Административное правонарушение; объявлен выговор"),
  hr_risky_positions: text("Главный специалист по приёму документов"),
  npa_reviewed: n(3),
  npa_1_has: no,
};

/** Control and services both; one act. */
export const controlAnswers: Answers = {
  ps_has: yes,
  ps_names: text("Согласование проектов"),
  ps_provided: n(34),
  ps_via_gk: n(0),
  ps_refused: n(1),
  ps_late: n(0),
  ps_complaints_employee: n(0),
  ps_complaints_quality: n(1),
  ps_complaints_terms: n(0),
  ps_complaints_other: n(0),
  ps_extra_documents: n(0),
  pm_has: no,
  ct_has: yes,
  ct_names: text("Проверки подрядчиков"),
  ct_total: n(12),
  ct_unscheduled: n(3),
  ct_violations_found: n(4),
  ...personnel({ hr_staff_positions: 5, hr_headcount: 5, hr_penalties_total: 1, hr_penalty_incompetence_warning: 1 }),
  hr_penalties_cancelled_any: no,
  hr_offences_any: no,
  npa_1_has: yes,
  npa_1_name: text("Правила проведения проверок подрядчиков"),
  npa_1_issues: text("Дискреция при выборе объектов проверки"),
  npa_2_has: no,
};

export const interviewResponses = [
  { unit: "Центр поддержки семьи и детства", fullName: "Куземко Людмила Петровна", position: "Директор", submittedOn: "2026-03-02", answers: centreAnswers },
  { unit: "Отдел государственных услуг", fullName: "Ахметова Гульнара Сериковна", position: "Руководитель отдела", submittedOn: "2026-03-03", answers: servicesAnswers },
  { unit: "Отдел контроля", fullName: "Иванов Пётр Сергеевич", position: null, submittedOn: "2026-03-04", answers: controlAnswers },
];

/**
 * The three interviews stored as a campaign's responses: a department per unit, a user per
 * head (the control unit's head has no department: the unit comes from the interview's own
 * unit name), an analysis that links the campaign. Returns the ids.
 */
export async function seedInterviews(db: Db, options: { link?: boolean } = {}): Promise<{ analysisId: number; campaignId: number; definitionId: number }> {
  const def = interviewTemplate();
  const { record } = await saveDefinition(db, def, "template", null);
  const campaign = await createCampaign(db, { definitionId: record.id, mode: "attributed", opensOn: "2026-03-02", closesOn: "2026-03-31", audience: { kind: "all" }, reminderCap: 2, createdById: 1, today: "2026-03-02" });
  let phone = 77019990000;
  for (const r of interviewResponses) {
    const department = r.unit === "Отдел контроля" ? null : await db.department.create({ data: { name: r.unit } });
    const user = await db.user.create({ data: { fullName: r.fullName, position: r.position, phone: String(++phone), departmentId: department?.id ?? null } });
    const answers = r.unit === "Отдел контроля" ? { unit_name: { text: "Отдел контроля" }, ...r.answers } : r.answers;
    await db.interviewResponse.create({ data: { campaignId: campaign.id, userId: user.id, answers: JSON.stringify(answers), submittedOn: r.submittedOn } });
  }
  const analysis = await db.analysis.create({ data: { startOn: "2026-03-02", endOn: "2026-04-30", interviewCampaignIds: JSON.stringify(options.link === false ? [] : [campaign.id]) } });
  return { analysisId: analysis.id, campaignId: campaign.id, definitionId: record.id };
}
