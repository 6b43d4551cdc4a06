// `schedule --start … --end …` run in-process through a commander program, with the real
// locales (createI18n) as the lead wires it in src/cli/main.ts.
import { runCommands } from "../support/commander.js";
import { describe, expect, it } from "vitest";
import { registerScheduleCommand, type ScheduleEntry, type ScheduleTexts } from "../../src/cli/schedule.js";
import { createWorkCalendar, type WorkCalendar } from "../../src/domain/calendar/work-calendar.js";
import { createI18n } from "../../src/i18n.js";

const cal = createWorkCalendar();

async function texts(): Promise<ScheduleTexts> {
  const i18n = await createI18n();
  return { kk: i18n.t("kk"), ru: i18n.t("ru") };
}

async function run(args: string[], calendar: () => WorkCalendar = () => cal) {
  return runCommands((program) => registerScheduleCommand(program, calendar, texts), args);
}

describe("schedule command", () => {
  it("prints the milestones as JSON with kk/ru titles and rules", async () => {
    const r = await run(["schedule", "--start", "2026-03-02", "--end", "2026-04-30"]);
    expect(r.err).toBe("");
    expect(r.exitCode).toBe(0);
    const list = JSON.parse(r.out) as ScheduleEntry[];
    expect(Array.isArray(list)).toBe(true);
    expect(list).toHaveLength(12);
    for (const e of list) {
      expect(Object.keys(e).sort()).toEqual(["due", "id", "rule", "title"]);
      expect(e.id).toMatch(/^[a-z0-9_]+$/);
      expect(e.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      for (const lang of ["kk", "ru"] as const) {
        for (const text of [e.title[lang], e.rule[lang]]) {
          expect(typeof text).toBe("string");
          expect(text.trim()).not.toBe("");
          expect(text).not.toMatch(/\{\{|schedule\./); // interpolated, not a missing key
        }
      }
      expect(e.title.kk).not.toBe(e.title.ru);
      expect(e.rule.kk).not.toBe(e.rule.ru);
    }
    expect(list.map((e) => [e.id, e.due])).toEqual([
      ["announcement", "2026-02-16"],
      ["order", "2026-02-23"],
      ["discussion_announcement", "2026-04-16"],
      ["public_discussion", "2026-04-23"],
      ["report_signed", "2026-05-19"],
      ["action_plan", "2026-06-03"],
      ["publication", "2026-06-08"],
      ["risk_map_update", "2026-06-08"],
      ["quarterly_info_q1", "2026-07-03"],
      ["quarterly_info_q2", "2026-10-05"],
      ["quarterly_info_q3", "2027-01-05"],
      ["quarterly_info_q4", "2027-04-05"],
    ]);
    const byId = new Map(list.map((e) => [e.id, e]));
    expect(byId.get("announcement")!.rule).toEqual({ ru: "за 10 рабочих дней до начала ВАКР", kk: "ішкі талдау басталғанға дейін 10 жұмыс күні бұрын" });
    expect(byId.get("order")!.title.ru).toBe("Утверждение приказа о проведении ВАКР");
    expect(byId.get("order")!.rule.ru).toBe("за 5 рабочих дней до начала ВАКР");
    expect(byId.get("publication")!.rule.ru).toBe("в течение 3 рабочих дней со дня утверждения плана мероприятий");
    expect(byId.get("quarterly_info_q1")!.title).toEqual({
      ru: "Информация об исполнении плана мероприятий за II квартал 2026 года",
      kk: "Іс-шаралар жоспарының 2026 жылғы II тоқсанда орындалуы туралы ақпарат",
    });
    expect(byId.get("quarterly_info_q4")!.rule.kk).toContain("есепті тоқсаннан кейінгі айдың 5-күніне дейін");
  });

  it("takes the actual signing and approval dates", async () => {
    const r = await run(["schedule", "--start", "2026-03-02", "--end", "2026-04-30", "--report-signed", "2026-05-15", "--plan-approved", "2026-06-05"]);
    expect(r.exitCode).toBe(0);
    const due = Object.fromEntries((JSON.parse(r.out) as ScheduleEntry[]).map((e) => [e.id, e.due]));
    expect(due).toMatchObject({ report_signed: "2026-05-19", action_plan: "2026-06-01", publication: "2026-06-10", risk_map_update: "2026-06-10" });
  });

  it("bad input: error on stderr, exit code 2, nothing on stdout", async () => {
    const cases: Array<[string[], string]> = [
      [["schedule", "--start", "2026-02-30", "--end", "2026-04-30"], '--start: invalid date "2026-02-30"'],
      [["schedule", "--start", "2026-03-02", "--end", "30.04.2026"], '--end: invalid date "30.04.2026"'],
      [["schedule", "--end", "2026-04-30"], "--start is required"],
      [["schedule", "--start", "2026-03-02"], "--end is required"],
      [["schedule", "--start", "2026-04-30", "--end", "2026-03-02"], "ends (2026-03-02) before it starts (2026-04-30)"],
      [["schedule", "--start", "2026-03-02", "--end", "2026-04-30", "--report-signed", "05/15/2026"], '--report-signed: invalid date "05/15/2026"'],
      [["schedule", "--start", "2026-03-02", "--end", "2026-04-30", "--report-signed", "2026-05-15", "--plan-approved", "2026-05-01"], "--plan-approved: the action plan cannot be approved"],
      [["schedule", "--start", "2001-03-01", "--end", "2001-04-30"], "--start: 2001-03-01 is outside the working-day calendar"],
      [["schedule", "--start", "2076-03-02", "--end", "2076-04-30"], "covers 2002–2076"],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      expect(r, args.join(" ")).toMatchObject({ out: "", exitCode: 2 });
      expect(r.err, args.join(" ")).toMatch(/^error: /);
      expect(r.err, args.join(" ")).toContain(message);
      expect(r.err).not.toContain("Usage:");
    }
  });

  it("an unreadable transfers file is an error with exit code 2", async () => {
    const r = await run(["schedule", "--start", "2026-03-02", "--end", "2026-04-30"], () => createWorkCalendar({ transfersFile: "/nonexistent/calendar-transfers.yaml" }));
    expect(r).toMatchObject({ out: "", exitCode: 2, err: expect.stringContaining("/nonexistent/calendar-transfers.yaml: cannot read") });
  });
});
