// `adal schedule …`: the milestones of an internal corruption-risk analysis with their deadlines.
//   adal schedule --start 2026-03-02 --end 2026-04-30 [--report-signed DATE] [--plan-approved DATE]
// prints a JSON array: [{ "id", "title": { "kk", "ru" }, "due": "YYYY-MM-DD", "rule": { "kk", "ru" } }, …]
// (rules and date conventions: src/domain/schedule.ts). Missing or invalid dates, an end before
// the start, dates outside the calendar's years, an invalid transfers file: message on stderr,
// exit code 2.
import type { Translate } from "../i18n-resources.js";
import { Command } from "commander";
import { isIsoDate } from "../domain/calendar/days.js";
import { TransfersFileError } from "../domain/calendar/holidays.js";
import { type WorkCalendar } from "../domain/calendar/work-calendar.js";
import { buildAnalysisSchedule, ruleTextKey, ScheduleError, type Milestone, type ScheduleField, type ScheduleOptions } from "../domain/schedule.js";
import { failWith, print } from "./output.js";

export interface ScheduleTexts {
  kk: Translate;
  ru: Translate;
}

/** One element of the printed JSON. */
export interface ScheduleEntry {
  id: string;
  title: { kk: string; ru: string };
  due: string;
  rule: { kk: string; ru: string };
}

interface ScheduleCliOptions {
  start?: string;
  end?: string;
  reportSigned?: string;
  planApproved?: string;
}

/** The command-line option of each ScheduleError field, for messages ("--report-signed: …"). */
const OPTION_OF: Record<ScheduleField, string> = { start: "--start", end: "--end", reportSignedOn: "--report-signed", planApprovedOn: "--plan-approved" };

function fail(cmd: Command, message: string): never {
  return failWith(cmd, "adal.schedule.invalidArgument", message);
}

function date(cmd: Command, value: string | undefined, option: string, required: boolean): string | undefined {
  if (value === undefined) {
    if (required) fail(cmd, `${option} is required (a date YYYY-MM-DD, e.g. 2026-03-02)`);
    return undefined;
  }
  if (!isIsoDate(value)) fail(cmd, `${option}: invalid date ${JSON.stringify(value)} (expected YYYY-MM-DD, e.g. 2026-03-02)`);
  return value;
}

/** The milestones in both languages, as printed by `schedule`. */
export function localizeSchedule(milestones: Milestone[], texts: ScheduleTexts): ScheduleEntry[] {
  return milestones.map((m) => {
    const rule = ruleTextKey(m.rule);
    return {
      id: m.id,
      title: { kk: texts.kk(m.titleKey, m.titleParams), ru: texts.ru(m.titleKey, m.titleParams) },
      due: m.due,
      rule: { kk: texts.kk(rule.key, rule.params), ru: texts.ru(rule.key, rule.params) },
    };
  });
}

export function registerScheduleCommand(program: Command, loadCalendar: () => WorkCalendar, loadTexts: () => Promise<ScheduleTexts>): Command {
  return program
    .command("schedule")
    .description("the milestones of the internal corruption-risk analysis (ВАКР) with their deadlines, as JSON (kk/ru)")
    .option("--start <date>", "first day of the analysis, YYYY-MM-DD")
    .option("--end <date>", "last day of the analysis, YYYY-MM-DD")
    .option("--report-signed <date>", "the date the analytic report was actually signed (the action plan counts from it)")
    .option("--plan-approved <date>", "the date the action plan was actually approved (publication counts from it)")
    .action(async (options: ScheduleCliOptions, cmd: Command) => {
      const start = date(cmd, options.start, "--start", true)!;
      const end = date(cmd, options.end, "--end", true)!;
      const scheduleOptions: ScheduleOptions = {};
      const reportSignedOn = date(cmd, options.reportSigned, "--report-signed", false);
      const planApprovedOn = date(cmd, options.planApproved, "--plan-approved", false);
      if (reportSignedOn !== undefined) scheduleOptions.reportSignedOn = reportSignedOn;
      if (planApprovedOn !== undefined) scheduleOptions.planApprovedOn = planApprovedOn;

      let calendar: WorkCalendar;
      try {
        calendar = loadCalendar();
      } catch (error) {
        if (error instanceof TransfersFileError) fail(cmd, error.message);
        throw error;
      }
      let milestones: Milestone[];
      try {
        milestones = buildAnalysisSchedule({ start, end }, calendar, scheduleOptions);
      } catch (error) {
        if (error instanceof ScheduleError) {
          const field = error.field;
          fail(cmd, field && error.message.startsWith(`${field}:`) ? OPTION_OF[field] + error.message.slice(field.length) : error.message);
        }
        throw error;
      }
      const texts = await loadTexts();
      print(cmd, `${JSON.stringify(localizeSchedule(milestones, texts), null, 2)}\n`);
    });
}
