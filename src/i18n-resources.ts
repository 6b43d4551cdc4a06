// The shape of every translation, from the Russian files: a key missing or misspelled in a t() call fails the type check.
// (locales.test.ts checks that the Kazakh files have exactly the same keys.)
export interface Resources {
  analysis: typeof import("../locales/ru/analysis.json");
  analysisRecord: typeof import("../locales/ru/analysisRecord.json");
  analysisSources: typeof import("../locales/ru/analysisSources.json");
  analysisInterviews: typeof import("../locales/ru/analysisInterviews.json");
  board: typeof import("../locales/ru/board.json");
  campaigns: typeof import("../locales/ru/campaigns.json");
  cases: typeof import("../locales/ru/cases.json");
  commands: typeof import("../locales/ru/commands.json");
  common: typeof import("../locales/ru/common.json");
  flows: typeof import("../locales/ru/flows.json");
  help: typeof import("../locales/ru/help.json");
  invites: typeof import("../locales/ru/invites.json");
  menu: typeof import("../locales/ru/menu.json");
  monitoring: typeof import("../locales/ru/monitoring.json");
  onboarding: typeof import("../locales/ru/onboarding.json");
  plan: typeof import("../locales/ru/plan.json");
  planExecution: typeof import("../locales/ru/planExecution.json");
  reportAlerts: typeof import("../locales/ru/reportAlerts.json");
  reportTerms: typeof import("../locales/ru/reportTerms.json");
  reports: typeof import("../locales/ru/reports.json");
  roles: typeof import("../locales/ru/roles.json");
  risks: typeof import("../locales/ru/risks.json");
  roster: typeof import("../locales/ru/roster.json");
  schedule: typeof import("../locales/ru/schedule.json");
  summaries: typeof import("../locales/ru/summaries.json");
  surveyReport: typeof import("../locales/ru/surveyReport.json");
  surveys: typeof import("../locales/ru/surveys.json");
  tasks: typeof import("../locales/ru/tasks.json");
  analyticReport: typeof import("../locales/ru/analyticReport.json");
}

/** Every key of the translations, "<file>.<key>" (i18next's parsed keys of Resources). */
export type TranslationKey = import("i18next").ParseKeys;

/** A translation function fixed to one language, for code below the bot (documents, CLI). */
export type Translate = (key: TranslationKey, params?: Record<string, unknown>) => string;
