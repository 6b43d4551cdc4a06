// Days off of Kazakhstan (src/domain/calendar/holidays.ts): public holidays and their weekend
// substitutes, the yearly transfers file and its validation, seen through the work calendar.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dayOfWeek } from "../../../src/domain/calendar/days.js";
import { createWorkCalendar } from "../../../src/domain/calendar/work-calendar.js";
import { defaultTransfersFile, loadTransfers, parseTransfers, TransfersFileError } from "../../../src/domain/calendar/holidays.js";

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
