// `adal calendar …`: the working-day calendar of Kazakhstan from the command line.
//   adal calendar workdays 2026-03-20 2026-04-15   → 15   (working days after FROM up to TO)
//   adal calendar add 2026-03-20 -3                → 2026-03-17
//   adal calendar holidays 2026 [--lang kk|ru]     → the days off of the year, with names
// Invalid dates, numbers or years, and an invalid transfers file: message on stderr, exit code 2.
import { Command, Option } from "commander";
import { InvalidDateError, dayOfWeek, isIsoDate, MAX_YEAR, MIN_YEAR, type CalendarLang } from "../domain/calendar/days.js";
import { TransfersFileError } from "../domain/calendar/holidays.js";
import { type WorkCalendar } from "../domain/calendar/work-calendar.js";
import { failWith, print } from "./output.js";

const WEEKDAYS: Record<CalendarLang, string[]> = {
  ru: ["Вс", "Пн", "Вт", "Ср", "Чт", "Пт", "Сб"],
  kk: ["Жс", "Дс", "Сс", "Ср", "Бс", "Жм", "Сн"],
};
const WORKING_WEEKEND: Record<CalendarLang, string> = { ru: "рабочий день (перенос дня отдыха)", kk: "жұмыс күні (демалыс күнін ауыстыру)" };

function fail(cmd: Command, message: string): never {
  return failWith(cmd, "adal.calendar.invalidArgument", message);
}

function date(cmd: Command, value: string, what: string): string {
  if (!isIsoDate(value)) fail(cmd, `${what}: invalid date ${JSON.stringify(value)} (expected YYYY-MM-DD, e.g. 2026-03-20)`);
  return value;
}

function calendarOf(cmd: Command, load: () => WorkCalendar): WorkCalendar {
  try {
    return load();
  } catch (error) {
    if (error instanceof TransfersFileError) fail(cmd, error.message);
    throw error;
  }
}

/** Runs a calendar computation; a date outside the covered years is a user error, too. */
function compute<T>(cmd: Command, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof InvalidDateError || error instanceof RangeError) fail(cmd, error.message);
    throw error;
  }
}

export function registerCalendarCommands(program: Command, loadCalendar: () => WorkCalendar): Command {
  const calendar = program
    .command("calendar")
    .description("Kazakhstan working-day calendar: holidays, transfers of days off, working-day arithmetic");

  calendar
    .command("workdays")
    .description("count the working days after FROM up to and including TO (negative when TO is before FROM)")
    .argument("<from>", "date YYYY-MM-DD")
    .argument("<to>", "date YYYY-MM-DD")
    .action((from: string, to: string, _options: unknown, cmd: Command) => {
      const a = date(cmd, from, "FROM");
      const b = date(cmd, to, "TO");
      const cal = calendarOf(cmd, loadCalendar);
      print(cmd, `${compute(cmd, () => cal.workingDaysBetween(a, b))}\n`);
    });

  calendar
    .command("add")
    .description("the N-th working day after DATE (N < 0: before DATE; N = 0: DATE or the next working day)")
    .argument("<date>", "date YYYY-MM-DD")
    .argument("<n>", "number of working days, may be negative (add 2026-03-20 -3)")
    .action((start: string, n: string, _options: unknown, cmd: Command) => {
      const d = date(cmd, start, "DATE");
      if (!/^[+-]?\d{1,6}$/.test(n)) fail(cmd, `N: invalid number ${JSON.stringify(n)} (expected a whole number of working days, e.g. 15 or -3)`);
      const cal = calendarOf(cmd, loadCalendar);
      print(cmd, `${compute(cmd, () => cal.addWorkingDays(d, Number(n)))}\n`);
    });

  calendar
    .command("holidays")
    .description("list the days off of YEAR that are not weekends (holidays, substitutes, transfers) and the working weekend days")
    .argument("<year>", "year YYYY")
    .addOption(new Option("--lang <lang>", "language of the names").choices(["kk", "ru"]).default("ru"))
    .action((year: string, options: { lang: CalendarLang }, cmd: Command) => {
      if (!/^\d{4}$/.test(year) || Number(year) < MIN_YEAR || Number(year) > MAX_YEAR) {
        fail(cmd, `YEAR: invalid year ${JSON.stringify(year)} (expected ${MIN_YEAR}–${MAX_YEAR})`);
      }
      const cal = calendarOf(cmd, loadCalendar);
      const lang = options.lang;
      const lines = compute(cmd, () => [
        ...cal.daysOff(Number(year)).map((d) => ({ date: d.date, text: d.name[lang] })),
        ...cal.workingWeekendDays(Number(year)).map((date) => ({ date, text: WORKING_WEEKEND[lang] })),
      ]);
      lines.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
      print(cmd, lines.map((l) => `${l.date} ${WEEKDAYS[lang][dayOfWeek(l.date)]}  ${l.text}\n`).join(""));
    });

  return calendar;
}
