import { runCommands } from "../support/commander.js";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { registerCalendarCommands } from "../../src/cli/calendar.js";
import { addCalendarDays, dayOfWeek, InvalidDateError, isIsoDate } from "../../src/domain/calendar/days.js";
import { createWorkCalendar, type WorkCalendar } from "../../src/domain/calendar/work-calendar.js";
import { defaultTransfersFile, loadTransfers, parseTransfers, TransfersFileError } from "../../src/domain/calendar/holidays.js";
import { toIsoDate, zonedDateTime } from "../../src/domain/calendar/time-zone.js";

const root = join(__dirname, "..", "..");
const cal = createWorkCalendar(); // with config/calendar-transfers.yaml

const off = (d: string) => expect(cal.isWorkingDay(d), `${d} should be a day off`).toBe(false);
const work = (d: string) => expect(cal.isWorkingDay(d), `${d} should be a working day`).toBe(true);

describe("public holidays of Kazakhstan", () => {
  it("New Year, 1–2 January", () => {
    for (const y of [2024, 2025, 2026, 2027]) {
      off(`${y}-01-01`);
      expect(cal.holidayName(`${y}-01-01`, "ru")).toBe("Новый год");
      expect(cal.holidayName(`${y}-01-02`, "kk")).toBe("Жаңа жыл");
    }
    off("2024-01-02");
    work("2024-01-03");
    // 2027: 2 January is a Saturday → Monday 4 January off.
    off("2027-01-04");
    expect(cal.holidayName("2027-01-04", "ru")).toBe("Новый год (перенос выходного дня)");
    work("2027-01-05");
  });

  it("Orthodox Christmas, 7 January, is not moved when it falls on a weekend", () => {
    off("2025-01-07");
    off("2026-01-07");
    expect(cal.holidayName("2026-01-07", "ru")).toBe("Православное Рождество");
    expect(dayOfWeek("2024-01-07")).toBe(0);
    work("2024-01-08");
    expect(cal.daysOff(2024).map((d) => d.date)).not.toContain("2024-01-08");
  });

  it("8 March, moved to Monday when on a weekend", () => {
    off("2024-03-08");
    expect(cal.holidayName("2024-03-08", "kk")).toBe("Халықаралық әйелдер күні");
    off("2025-03-10"); // 8 March 2025 was a Saturday
    off("2026-03-09"); // 8 March 2026 was a Sunday
    work("2026-03-10");
    off("2027-03-08");
  });

  it("Nauryz, 21–23 March, with its weekend days moved after the holiday", () => {
    // 2024: Thu–Sat → Monday 25 off.
    for (const d of ["2024-03-21", "2024-03-22", "2024-03-25"]) off(d);
    work("2024-03-26");
    // 2025: Fri–Sun → 24 and 25 off.
    for (const d of ["2025-03-21", "2025-03-24", "2025-03-25"]) off(d);
    work("2025-03-26");
    // 2026: Sat–Mon → 24 and 25 off: 21–25 March (date-holidays alone loses the 25th).
    for (const d of ["2026-03-21", "2026-03-22", "2026-03-23", "2026-03-24", "2026-03-25"]) off(d);
    work("2026-03-20");
    work("2026-03-26");
    expect(cal.holidayName("2026-03-21", "kk")).toBe("Наурыз мейрамы");
    expect(cal.holidayName("2026-03-25", "ru")).toBe("Наурыз мейрамы (перенос выходного дня)");
    expect(cal.daysOff(2026).find((d) => d.date === "2026-03-25")).toMatchObject({ kind: "substitute", substituteFor: "2026-03-22" });
    // 2027: Sun–Tue → Wednesday 24 off (date-holidays alone gives none).
    for (const d of ["2027-03-22", "2027-03-23", "2027-03-24"]) off(d);
    work("2027-03-25");
  });

  it("1 May, 7 May, 9 May", () => {
    for (const d of ["2025-05-01", "2025-05-07", "2025-05-09", "2026-05-01", "2026-05-07"]) off(d);
    expect(cal.holidayName("2026-05-01", "ru")).toBe("Праздник единства народа Казахстана");
    expect(cal.holidayName("2026-05-07", "ru")).toBe("День защитника Отечества");
    expect(cal.holidayName("2025-05-09", "kk")).toBe("Жеңіс күні");
    work("2026-05-08"); // no transfer for 8 May 2026
    off("2026-05-11"); // 9 May 2026 was a Saturday
    expect(cal.holidayName("2026-05-11", "ru")).toBe("День Победы (перенос выходного дня)");
    work("2026-05-12");
    off("2027-05-03"); // 1 May 2027 is a Saturday
    off("2027-05-10"); // 9 May 2027 is a Sunday
  });

  it("Capital Day, 6 July", () => {
    off("2024-07-08"); // Saturday 6 July 2024
    off("2025-07-07"); // Sunday 6 July 2025
    off("2026-07-06");
    expect(cal.holidayName("2026-07-06", "ru")).toBe("День Столицы");
    expect(cal.holidayName("2026-07-06", "kk")).toBe("Астана күні");
  });

  it("Constitution Day: 30 August until 2025, none in 2026, 15 March from 2027", () => {
    off("2024-08-30");
    expect(cal.holidayName("2024-08-30", "ru")).toBe("День Конституции Республики Казахстан");
    off("2025-09-01"); // Saturday 30 August 2025
    // The new Constitution (referendum 15 March 2026, in force 1 July 2026) moved the day.
    work("2026-03-16"); // date-holidays has 15 March 2026 (Sunday) with 16 March as substitute
    work("2026-08-31"); // 30 August 2026 is no longer a holiday
    expect(cal.holidayName("2026-08-30", "ru")).toBeNull();
    off("2027-03-15");
    expect(cal.holidayName("2027-03-15", "kk")).toBe("Қазақстан Республикасының Конституциясы күні");
    work("2027-08-30");
  });

  it("Republic Day, 25 October (renamed in 2026)", () => {
    off("2024-10-25");
    expect(cal.holidayName("2024-10-25", "ru")).toBe("День Республики");
    off("2025-10-27"); // Saturday 25 October 2025
    off("2026-10-26"); // Sunday 25 October 2026
    expect(cal.holidayName("2026-10-25", "ru")).toBe("День Республики Казахстан");
    expect(cal.holidayName("2026-10-26", "kk")).toBe("Қазақстан Республикасы күні (ауыстырылған демалыс күні)");
  });

  it("Independence Day, 16 December (one day since 2022)", () => {
    off("2024-12-16");
    off("2025-12-16");
    work("2025-12-17");
    off("2026-12-16");
    expect(cal.holidayName("2026-12-16", "ru")).toBe("День Независимости");
    off("2028-12-18"); // Saturday 16 December 2028
  });

  it("Kurban Ait: its first day is a day off, never moved", () => {
    expect(cal.holidayName("2024-06-16", "ru")).toBe("Курбан айт"); // a Sunday
    work("2024-06-17");
    off("2025-06-06");
    off("2026-05-27");
    expect(cal.holidayName("2026-05-27", "kk")).toBe("Құрбан айт");
    work("2026-05-28");
    // 2027 from date-holidays' Islamic calendar (not announced yet): Sunday 16 May, not moved.
    expect(cal.holidayName("2027-05-16", "ru")).toBe("Курбан айт");
    work("2027-05-17");
  });

  it("an announced Kurban Ait date replaces the computed one", () => {
    const c = createWorkCalendar({ transfers: { 2027: { daysOff: [], workingDays: [], kurbanAit: "2027-05-17" } } });
    expect(c.isWorkingDay("2027-05-17")).toBe(false);
    expect(c.holidayName("2027-05-16", "ru")).toBeNull();
  });

  it("weekends are days off, ordinary weekdays are working days", () => {
    work("2026-03-18");
    off("2026-03-28");
    off("2026-03-29");
    expect(cal.holidayName("2026-03-28", "ru")).toBeNull();
    expect(cal.holidayName("2026-03-18", "ru")).toBeNull();
  });

  it("daysOff lists the non-weekend days off of a year with names", () => {
    expect(cal.daysOff(2026).map((d) => d.date)).toEqual([
      "2026-01-01", "2026-01-02", "2026-01-07", "2026-03-09", "2026-03-23", "2026-03-24", "2026-03-25",
      "2026-05-01", "2026-05-07", "2026-05-11", "2026-05-27", "2026-07-06", "2026-10-26", "2026-12-16",
    ]);
    for (const d of cal.daysOff(2025)) {
      expect(d.name.kk.length).toBeGreaterThan(0);
      expect(d.name.ru.length).toBeGreaterThan(0);
      expect([0, 6]).not.toContain(dayOfWeek(d.date));
    }
  });
});

describe("transfers of days off (config/calendar-transfers.yaml)", () => {
  it("2024: Saturday 4 May worked, Wednesday 8 May off", () => {
    work("2024-05-04");
    off("2024-05-08");
    expect(cal.daysOff(2024).find((d) => d.date === "2024-05-08")).toMatchObject({ kind: "transfer", name: { ru: "Перенесённый день отдыха" } });
    expect(cal.workingWeekendDays(2024)).toEqual(["2024-05-04"]);
  });

  it("2025: Sunday 5 January worked, Friday 3 January off", () => {
    off("2025-01-03");
    work("2025-01-05");
    expect(cal.holidayName("2025-01-05", "ru")).toBeNull();
    expect(cal.workingWeekendDays(2025)).toEqual(["2025-01-05"]);
  });

  it("2026 has no transfers", () => {
    expect(cal.workingWeekendDays(2026)).toEqual([]);
    expect(cal.daysOff(2026).filter((d) => d.kind === "transfer")).toEqual([]);
  });

  it("transfers given in code: a working Saturday counts as a working day, an extra day off does not", () => {
    const c = createWorkCalendar({ transfers: { 2027: { daysOff: ["2027-07-05"], workingDays: ["2027-07-03"] } } });
    expect(c.isWorkingDay("2027-07-03")).toBe(true);
    expect(c.isWorkingDay("2027-07-05")).toBe(false);
    expect(c.workingDaysBetween("2027-07-02", "2027-07-09")).toBe(4); // Sat 3, Wed 7, Thu 8, Fri 9 (6 July: Capital Day)
    expect(c.addWorkingDays("2027-07-02", 1)).toBe("2027-07-03");
    expect(c.addWorkingDays("2027-07-03", 1)).toBe("2027-07-07");
    // The default file is not used when transfers are given.
    expect(c.isWorkingDay("2024-05-04")).toBe(false);
  });

  it("the file in the repository is valid", () => {
    const t = loadTransfers(defaultTransfersFile());
    expect(t[2024]).toEqual({ daysOff: ["2024-05-08"], workingDays: ["2024-05-04"], kurbanAit: "2024-06-16" });
    expect(t[2025]?.workingDays).toEqual(["2025-01-05"]);
  });
});

describe("invalid transfers files", () => {
  const dir = mkdtempSync(join(tmpdir(), "adal-calendar-"));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const problems = (path: string): string[] => {
    try {
      loadTransfers(path);
    } catch (error) {
      expect(error).toBeInstanceOf(TransfersFileError);
      return (error as TransfersFileError).problems;
    }
    throw new Error("expected a TransfersFileError");
  };

  it("names the file, the year and the date of an invalid date", () => {
    const path = file("bad-date.yaml", '2026:\n  daysOff: ["2026-02-30"]\n');
    const [p, ...rest] = problems(path);
    expect(rest).toEqual([]);
    expect(p).toContain(path);
    expect(p).toContain("2026");
    expect(p).toContain('"2026-02-30"');
    expect(p).toMatch(/not a valid date/);
  });

  it("rejects a date in another year than its key", () => {
    const [p] = problems(file("wrong-year.yaml", '2025:\n  daysOff: ["2024-12-31"]\n  workingDays: []\n'));
    expect(p).toMatch(/wrong-year\.yaml: 2025: daysOff: "2024-12-31" is in 2024, not in 2025/);
  });

  it("rejects a date both off and working, and a day off on a weekend", () => {
    const list = problems(file("both.yaml", '2024:\n  daysOff: ["2024-05-08", "2024-05-11"]\n  workingDays: ["2024-05-08"]\n'));
    expect(list).toHaveLength(2);
    expect(list.join("\n")).toMatch(/both\.yaml: 2024: "2024-05-08" is both in daysOff and in workingDays/);
    expect(list.join("\n")).toMatch(/"2024-05-11" is a Saturday/);
  });

  it("rejects bad keys, unknown fields, wrong shapes, bad YAML and a missing file", () => {
    expect(problems(file("key.yaml", 'twenty: { daysOff: [] }\n'))[0]).toMatch(/"twenty": the key must be a year/);
    expect(problems(file("field.yaml", '2024: { daysOf: ["2024-05-08"] }\n'))[0]).toMatch(/field\.yaml: 2024: unknown key\(s\) daysOf/);
    expect(problems(file("shape.yaml", "2024: { daysOff: 2024-05-08 }\n"))[0]).toMatch(/shape\.yaml: 2024: daysOff: expected a list of dates/);
    expect(problems(file("number.yaml", "2024: { daysOff: [20240508] }\n"))[0]).toMatch(/2024: daysOff: 20240508 expected a date/);
    expect(problems(file("yaml.yaml", "2024: { daysOff: [\n"))[0]).toMatch(/yaml\.yaml: not valid YAML/);
    expect(problems(join(dir, "missing.yaml"))[0]).toMatch(/missing\.yaml: cannot read the calendar transfers file: ENOENT/);
    expect(() => createWorkCalendar({ transfersFile: join(dir, "missing.yaml") })).toThrow(TransfersFileError);
  });

  it("accepts an empty file and an empty year", () => {
    expect(parseTransfers("", "empty.yaml")).toEqual({});
    expect(parseTransfers("2027:\n", "y.yaml")).toEqual({ 2027: { daysOff: [], workingDays: [] } });
  });

  it("validates transfers given in code the same way", () => {
    expect(() => createWorkCalendar({ transfers: { 2025: { daysOff: ["2026-01-05"], workingDays: [] } } })).toThrow(/2025: daysOff: "2026-01-05" is in 2026/);
  });
});

describe("working-day arithmetic", () => {
  it("anonymous-report deadlines: 3 and 15 working days across Nauryz", () => {
    expect(cal.addWorkingDays("2026-03-20", 3)).toBe("2026-03-30");
    expect(cal.addWorkingDays("2026-03-20", 15)).toBe("2026-04-15");
    expect(cal.addWorkingDays("2026-03-20", 1)).toBe("2026-03-26");
    expect(cal.nextWorkingDay("2026-03-20")).toBe("2026-03-26");
    expect(cal.previousWorkingDay("2026-03-26")).toBe("2026-03-20");
    expect(cal.addWorkingDays("2026-03-20", -3)).toBe("2026-03-17");
    expect(cal.addWorkingDays("2026-03-26", -1)).toBe("2026-03-20");
    expect(cal.workingDaysBetween("2026-03-20", "2026-04-15")).toBe(15);
  });

  it("across year ends", () => {
    expect(cal.addWorkingDays("2025-12-30", 3)).toBe("2026-01-06");
    expect(cal.addWorkingDays("2025-12-30", 4)).toBe("2026-01-08"); // 7 January is off
    expect(cal.addWorkingDays("2026-01-05", -1)).toBe("2025-12-31");
    // 1–3 January 2025 off, Sunday 5 January worked.
    expect(cal.addWorkingDays("2024-12-31", 1)).toBe("2025-01-05");
    expect(cal.addWorkingDays("2025-01-06", -2)).toBe("2024-12-31");
    expect(cal.workingDaysBetween("2024-12-27", "2025-01-10")).toBe(7); // 30, 31 Dec; 5, 6, 8, 9, 10 Jan
    expect(cal.workingDaysBetween("2023-12-29", "2027-01-04")).toBe(
      cal.workingDaysBetween("2023-12-29", "2024-12-31") + cal.workingDaysBetween("2024-12-31", "2026-12-31") + cal.workingDaysBetween("2026-12-31", "2027-01-04"),
    );
  });

  it("n = 0 gives the day itself or the next working day", () => {
    expect(cal.addWorkingDays("2026-03-18", 0)).toBe("2026-03-18");
    expect(cal.addWorkingDays("2026-03-21", 0)).toBe("2026-03-26");
    expect(cal.addWorkingDays("2024-05-04", 0)).toBe("2024-05-04"); // a working Saturday
  });

  it("workingDaysBetween counts (from, to], directionally, negative backwards", () => {
    expect(cal.workingDaysBetween("2026-03-18", "2026-03-18")).toBe(0);
    expect(cal.workingDaysBetween("2026-03-18", "2026-03-19")).toBe(1);
    expect(cal.workingDaysBetween("2026-03-20", "2026-03-27")).toBe(2); // 26, 27
    expect(cal.workingDaysBetween("2026-03-27", "2026-03-20")).toBe(-2); // 20, 26 (from back to to)
    expect(cal.workingDaysBetween("2026-03-21", "2026-03-25")).toBe(0);
    expect(cal.workingDaysBetween("2026-03-28", "2026-03-21")).toBe(-2); // Thu 26, Fri 27
  });

  it("workingDaysBetween(d, addWorkingDays(d, n)) === n for random dates and n in [-30, 30]", () => {
    let seed = 20260320;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (let i = 0; i < 5000; i++) {
      const d = addCalendarDays("2023-06-01", Math.floor(random() * 365 * 5));
      const n = Math.floor(random() * 61) - 30;
      const r = cal.addWorkingDays(d, n);
      if (n !== 0 || cal.isWorkingDay(d)) expect(cal.workingDaysBetween(d, r), `${d} ${n} → ${r}`).toBe(n);
      else expect(r).toBe(cal.nextWorkingDay(d));
      expect(cal.isWorkingDay(r)).toBe(true);
      if (n > 0) expect(r > d).toBe(true);
      if (n < 0) expect(r < d).toBe(true);
    }
  });

  it("is fast: 100k addWorkingDays(±15) well under a second", () => {
    const dates = Array.from({ length: 1000 }, (_, i) => addCalendarDays("2025-01-01", i * 3 % 1100));
    for (const d of dates) cal.addWorkingDays(d, 15); // warm the per-year caches
    const start = performance.now();
    for (let i = 0; i < 100_000; i++) cal.addWorkingDays(dates[i % 1000]!, i % 2 ? 15 : -15);
    const ms = performance.now() - start;
    expect(ms).toBeLessThan(1000);
  });

  it("rejects invalid dates and counts", () => {
    for (const bad of ["2026-02-29", "2026-13-01", "2026-3-1", "20260301", " 2026-03-01", "2026-03-01T00:00"]) {
      expect(isIsoDate(bad)).toBe(false);
      expect(() => cal.isWorkingDay(bad)).toThrow(InvalidDateError);
      expect(() => cal.addWorkingDays(bad, 1)).toThrow(/invalid date/);
    }
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(() => cal.addWorkingDays("2026-03-20", 1.5)).toThrow(RangeError);
    expect(() => cal.daysOff(1999)).toThrow(/covers 2002–2076/);
  });
});

describe("time zones", () => {
  it("23:30 UTC on 2026-03-20 is 2026-03-21 in Almaty", () => {
    const instant = new Date("2026-03-20T23:30:00Z");
    expect(toIsoDate(instant, "Asia/Almaty")).toBe("2026-03-21");
    expect(toIsoDate(instant)).toBe("2026-03-21");
    expect(toIsoDate(instant, "UTC")).toBe("2026-03-20");
    expect(toIsoDate(new Date("2026-03-20T18:59:59Z"), "Asia/Almaty")).toBe("2026-03-20");
    expect(toIsoDate(new Date("2026-03-20T19:00:00Z"), "Asia/Almaty")).toBe("2026-03-21");
  });

  it("zonedDateTime gives the instant of a wall-clock time (Almaty: UTC+5 since March 2024, UTC+6 before)", () => {
    expect(zonedDateTime("2026-03-21", "09:00", "Asia/Almaty").toISOString()).toBe("2026-03-21T04:00:00.000Z");
    expect(zonedDateTime("2024-01-15", "09:00", "Asia/Almaty").toISOString()).toBe("2024-01-15T03:00:00.000Z");
    expect(zonedDateTime("2026-03-21", "00:00").toISOString()).toBe("2026-03-20T19:00:00.000Z");
    expect(zonedDateTime("2026-07-01", "12:00", "Asia/Aqtobe").toISOString()).toBe("2026-07-01T07:00:00.000Z");
    expect(toIsoDate(zonedDateTime("2026-03-21", "23:59", "Asia/Almaty"), "Asia/Almaty")).toBe("2026-03-21");
    // Zones with DST: a repeated time takes the earlier instant, a skipped time moves forward.
    expect(zonedDateTime("2026-07-01", "12:00", "Europe/Berlin").toISOString()).toBe("2026-07-01T10:00:00.000Z");
    expect(zonedDateTime("2026-10-25", "02:30", "Europe/Berlin").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(zonedDateTime("2026-03-29", "02:30", "Europe/Berlin").toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("rejects bad input", () => {
    expect(() => zonedDateTime("2026-03-21", "24:00", "Asia/Almaty")).toThrow(/HH:MM/);
    expect(() => zonedDateTime("2026-03-21", "9:00", "Asia/Almaty")).toThrow(/HH:MM/);
    expect(() => zonedDateTime("2026-03-32", "09:00", "Asia/Almaty")).toThrow(InvalidDateError);
    expect(() => toIsoDate(new Date(Number.NaN), "Asia/Almaty")).toThrow(RangeError);
    expect(() => toIsoDate(new Date(), "Mars/Olympus")).toThrow(/invalid time zone/);
  });
});

describe("calendar CLI commands", () => {
  async function run(args: string[], calendar: () => WorkCalendar = () => cal) {
    return runCommands((program) => registerCalendarCommands(program, calendar), args);
  }

  it("add accepts a negative N", async () => {
    expect(await run(["calendar", "add", "2026-03-20", "-3"])).toEqual({ out: "2026-03-17\n", err: "", exitCode: 0 });
    expect((await run(["calendar", "add", "2026-03-20", "15"])).out).toBe("2026-04-15\n");
    expect((await run(["calendar", "add", "--", "2026-03-26", "-1"])).out).toBe("2026-03-20\n");
  });

  it("workdays prints the count", async () => {
    expect((await run(["calendar", "workdays", "2026-03-20", "2026-04-15"])).out).toBe("15\n");
    expect((await run(["calendar", "workdays", "2026-03-27", "2026-03-20"])).out).toBe("-2\n");
  });

  it("holidays lists the days off with names, and working weekend days", async () => {
    const r = await run(["calendar", "holidays", "2024"]);
    expect(r.exitCode).toBe(0);
    const lines = r.out.trim().split("\n");
    expect(lines).toContain("2024-03-25 Пн  Наурыз мейрамы (перенос выходного дня)");
    expect(lines).toContain("2024-05-04 Сб  рабочий день (перенос дня отдыха)");
    expect(lines).toContain("2024-05-08 Ср  Перенесённый день отдыха");
    expect(lines[0]).toBe("2024-01-01 Пн  Новый год");
    const kk = await run(["calendar", "holidays", "2026", "--lang", "kk"]);
    expect(kk.out).toContain("2026-03-25 Ср  Наурыз мейрамы (ауыстырылған демалыс күні)");
  });

  it("invalid input: a clear message on stderr and exit code 2", async () => {
    const bad = await run(["calendar", "add", "2026-02-30", "3"]);
    expect(bad).toMatchObject({ out: "", exitCode: 2 });
    expect(bad.err).toContain('invalid date "2026-02-30"');
    expect(bad.err).not.toContain("Usage:");
    expect(await run(["calendar", "add", "2026-03-20", "three"])).toMatchObject({ exitCode: 2, err: expect.stringContaining('invalid number "three"') });
    expect(await run(["calendar", "workdays", "2026-03-20", "tomorrow"])).toMatchObject({ exitCode: 2, err: expect.stringContaining("TO: invalid date") });
    expect(await run(["calendar", "holidays", "26"])).toMatchObject({ exitCode: 2, err: expect.stringContaining("invalid year") });
    expect(await run(["calendar", "add", "2076-12-30", "5"])).toMatchObject({ exitCode: 2, err: expect.stringContaining("covers 2002–2076") });
    const broken = await run(["calendar", "add", "2026-03-20", "1"], () => createWorkCalendar({ transfersFile: "/nonexistent/calendar-transfers.yaml" }));
    expect(broken).toMatchObject({ exitCode: 2, err: expect.stringContaining("/nonexistent/calendar-transfers.yaml: cannot read") });
  });

  it("runs as a process: negative N works, invalid dates exit with 2", () => {
    const cli = (args: string[]) =>
      spawnSync(process.execPath, ["--import", pathToFileURL(join(root, "node_modules", "tsx", "dist", "loader.mjs")).href, join(root, "test", "support", "calendar-cli-entry.ts"), ...args], {
        cwd: root,
        encoding: "utf8",
        timeout: 60_000,
      });
    const ok = cli(["calendar", "add", "2026-03-20", "-3"]);
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe("2026-03-17\n");
    const bad = cli(["calendar", "workdays", "2026-03-20", "2026-02-30"]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toBe('error: TO: invalid date "2026-02-30" (expected YYYY-MM-DD, e.g. 2026-03-20)\n');
  });
});
