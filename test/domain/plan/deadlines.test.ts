import { describe, expect, it } from "vitest";
import { dueDates, occurrences, parseDeadline, type DeadlineParse, type Recurrence, periodInYear, recurrenceOccurrences } from "../../../src/domain/plan/deadlines.js";

const date = (due: string): DeadlineParse => ({ kind: "date", due });
const range = (from: string, due: string): DeadlineParse => ({ kind: "range", from, due });
const every = (recurrence: Recurrence): DeadlineParse => ({ kind: "recurring", recurrence });

describe("parseDeadline: dates", () => {
  it.each<[string, string, string]>([
    // seed 002, plan, items 1.1.1 and 8.1.1: «Срок завершения … 7 декабря 2022 года»
    ["7 декабря 2022 года", "2022-12-07", "seed 002"],
    ["до 7 декабря 2022 г.", "2022-12-07", "brief"],
    ["не позднее 10 июня 2022 года", "2022-06-10", "brief"],
    ["в срок до 1 июля 2022 года", "2022-07-01", "usual Russian form"],
    ["к 5-му января 2023 г.", "2023-01-05", "ordinal day"],
    // seed 004, items 1, 2, 6–9: «2022 жылғы 10 маусымға дейін»
    ["2022 жылғы 10 маусымға дейін", "2022-06-10", "seed 004"],
    // seed 004, item 1: «2022 жылғы 16 сәуірге дейін»
    ["2022 жылғы 16 сәуірге дейін", "2022-04-16", "seed 004"],
    // seed 004, item 11: «2022 жылғы 1 тамызға дейін»
    ["2022 жылғы 1 тамызға дейін", "2022-08-01", "seed 004"],
    ["10 маусым 2022 ж.", "2022-06-10", "brief"],
    ["2022 ж. 10 маусым", "2022-06-10", "year first, abbreviated"],
    ["07.12.2022", "2022-12-07", "numeric"],
    ["7.12.22", "2022-12-07", "two-digit year"],
    ["2022-12-07", "2022-12-07", "ISO"],
    // seed 000: «приказ № 218 от 09.04.2021г.»
    ["09.04.2021г.", "2021-04-09", "seed 000"],
    // seed 003: «от 19.10. 2016 года»
    ["19.10. 2016 года", "2016-10-19", "seed 003"],
    // seed 003: «от 17 мая 2013 года»
    ["17 мая 2013 года", "2013-05-17", "seed 003"],
    // seed 002: «от 21 февраля 2017 года»
    ["21 февраля 2017 года", "2017-02-21", "seed 002"],
    ["«7 декабря\n 2022   года»", "2022-12-07", "quotes, line breaks and extra spaces"],
    ["7 ДЕКАБРЯ 2022 ГОДА", "2022-12-07", "capitals"],
    ["2023 ж. 10 кантарга дейін", "2023-01-10", "Kazakh month typed with Russian letters"],
    ["29.02.2024", "2024-02-29", "leap day"],
    // «до конца 2022 года», «2022 жылдың соңына дейін»
    ["до конца 2022 года", "2022-12-31", "end of a year"],
    ["2022 жылдың соңына дейін", "2022-12-31", "end of a year, Kazakh"],
    ["до конца I квартала 2023 года", "2023-03-31", "end of a quarter"],
  ])("%s → %s (%s)", (text, due) => {
    expect(parseDeadline(text)).toEqual(date(due));
  });

  it("every Russian and Kazakh month, in several cases", () => {
    const ru = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];
    const kk = ["қаңтарға", "ақпанға", "наурызға", "сәуірге", "мамырға", "маусымға", "шілдеге", "тамызға", "қыркүйекке", "қазанға", "қарашаға", "желтоқсанға"];
    const kkLocative = ["қаңтарда", "ақпанда", "наурызда", "сәуірде", "мамырда", "маусымда", "шілдеде", "тамызда", "қыркүйекте", "қазанда", "қарашада", "желтоқсанда"];
    ru.forEach((m, i) => expect(parseDeadline(`до 5 ${m} 2022 года`)).toEqual(date(`2022-${String(i + 1).padStart(2, "0")}-05`)));
    kk.forEach((m, i) => expect(parseDeadline(`2022 жылғы 5 ${m} дейін`)).toEqual(date(`2022-${String(i + 1).padStart(2, "0")}-05`)));
    kkLocative.forEach((m, i) => expect(parseDeadline(`2022 жылғы 5 ${m}`)).toEqual(date(`2022-${String(i + 1).padStart(2, "0")}-05`)));
    expect(parseDeadline("5 январь 2022")).toEqual(date("2022-01-05"));
    expect(parseDeadline("5 мае 2022 г.")).toEqual(date("2022-05-05"));
  });

  it("a date without a year takes the context year", () => {
    expect(parseDeadline("до 7 декабря", { year: 2022 })).toEqual(date("2022-12-07"));
    expect(parseDeadline("10 маусымға дейін", { year: 2022 })).toEqual(date("2022-06-10"));
    expect(parseDeadline("до 7 декабря")).toMatchObject({ kind: "unknown", reason: "no_year" });
    // A written year wins over the context.
    expect(parseDeadline("7 декабря 2023 года", { year: 2022 })).toEqual(date("2023-12-07"));
  });
});

describe("parseDeadline: ranges", () => {
  it.each<[string, string, string, string]>([
    ["с 15 апреля по 31 мая 2022 года", "2022-04-15", "2022-05-31", "brief"],
    // seed 004, item 1: «2022 жылғы 15 сәуірден 31 мамырға дейін»
    ["2022 жылғы 15 сәуірден 31 мамырға дейін", "2022-04-15", "2022-05-31", "seed 004"],
    // seed 004, item 4: «қыркүйек-қазан\n2022 жылғы»
    ["қыркүйек-қазан\n2022 жылғы", "2022-09-01", "2022-10-31", "seed 004"],
    // seed 004, item 4: «2022 жылғы қараша»
    ["2022 жылғы қараша", "2022-11-01", "2022-11-30", "seed 004"],
    // seed 004, items 6–9: «2022 жылғы сәуір-мамыр»
    ["2022 жылғы сәуір-мамыр", "2022-04-01", "2022-05-31", "seed 004"],
    // seed 000: «с 01.04.2021 года по 31.05.2021 года»
    ["с 01.04.2021 года по 31.05.2021 года", "2021-04-01", "2021-05-31", "seed 000"],
    // seed 000 (kk): «01.04.2021 жылдан бастап 31.05.2021 жылға дейін»
    ["01.04.2021 жылдан бастап 31.05.2021 жылға дейін", "2021-04-01", "2021-05-31", "seed 000"],
    // seed 001: «2024 жылғы 27 тамыз бен 2024 жылғы 27 қыркүйек аралығы»
    ["2024 жылғы 27 тамыз бен 2024 жылғы 27 қыркүйек аралығы", "2024-08-27", "2024-09-27", "seed 001"],
    // seed 003: «с января по июнь 2017 года»
    ["с января по июнь 2017 года", "2017-01-01", "2017-06-30", "seed 003"],
    // seed 003 (kk): «қаңтардан бастап 2016 жылғы желтоқсан»
    ["қаңтардан бастап 2016 жылғы желтоқсан", "2016-01-01", "2016-12-31", "seed 003"],
    // seed 002: «за 2021-2022 годы»
    ["2021-2022 годы", "2021-01-01", "2022-12-31", "seed 002"],
    ["IV квартал 2022 года", "2022-10-01", "2022-12-31", "a quarter"],
    ["в I квартале 2023 г.", "2023-01-01", "2023-03-31", "a quarter, locative"],
    ["2022 жылғы 2-тоқсан", "2022-04-01", "2022-06-30", "a quarter, Kazakh"],
    ["II полугодие 2022 года", "2022-07-01", "2022-12-31", "a half-year"],
    ["ноябрь 2022 года", "2022-11-01", "2022-11-30", "a month"],
    ["в течение 2022 года", "2022-01-01", "2022-12-31", "a year"],
    ["с ноября 2022 по февраль 2023 года", "2022-11-01", "2023-02-28", "across a new year"],
    ["с 15 ноября по 15 февраля 2023 г.", "2022-11-15", "2023-02-15", "the first end takes the previous year"],
  ])("%s → %s … %s (%s)", (text, from, due) => {
    expect(parseDeadline(text)).toEqual(range(from, due));
  });

  it("quarters and whole years without a written year take the context year", () => {
    // seed 004, item 12: «4 тоқсан»
    expect(parseDeadline("4 тоқсан", { year: 2022 })).toEqual(range("2022-10-01", "2022-12-31"));
    expect(parseDeadline("4 тоқсан")).toMatchObject({ kind: "unknown", reason: "no_year" });
    expect(parseDeadline("в течение года", { year: 2022 })).toEqual(range("2022-01-01", "2022-12-31"));
    expect(parseDeadline("жыл бойы", { year: 2023 })).toEqual(range("2023-01-01", "2023-12-31"));
    expect(parseDeadline("сәуір-мамыр", { year: 2022 })).toEqual(range("2022-04-01", "2022-05-31"));
  });
});

describe("parseDeadline: recurrences", () => {
  it.each<[string, Recurrence, string]>([
    // seed 002, «ISO 37001 …»: «Ежеквартально к 5 числу месяца после отчётного периода»
    ["Ежеквартально к 5 числу месяца после отчётного периода", { every: "quarter", day: 5, offsetMonths: 1 }, "seed 002"],
    ["ежеквартально к 5 числу месяца, следующего за отчётным", { every: "quarter", day: 5, offsetMonths: 1 }, "brief"],
    ["ежеквартально, не позднее 10-го числа месяца, следующего за отчетным кварталом", { every: "quarter", day: 10, offsetMonths: 1 }, "usual Russian form"],
    // seed 004, item 5: «тоқсан сайын есепті кезеңнен кейінгі айдың 5-күніне дейін»
    ["тоқсан сайын есепті кезеңнен кейінгі айдың 5-күніне дейін", { every: "quarter", day: 5, offsetMonths: 1 }, "seed 004"],
    ["тоқсан сайын, есепті тоқсаннан кейінгі айдың 5-күніне дейін", { every: "quarter", day: 5, offsetMonths: 1 }, "brief"],
    ["ай сайын 25-күніне дейін", { every: "month", day: 25, offsetMonths: 0 }, "brief"],
    // seed 004, item 12: «ай сайын»
    ["ай сайын", { every: "month", day: 31, offsetMonths: 0 }, "seed 004"],
    // seed 002: «Проведение ежемесячных разъясняющих и обучающих мероприятий»
    ["ежемесячно", { every: "month", day: 31, offsetMonths: 0 }, "seed 002"],
    ["ежемесячно, до 5 числа месяца, следующего за отчётным", { every: "month", day: 5, offsetMonths: 1 }, "report for the month"],
    // seed 002: «Ежеквартальное проведение заседаний»
    ["ежеквартально", { every: "quarter", day: 31, offsetMonths: 0 }, "seed 002"],
    ["тоқсан сайын", { every: "quarter", day: 31, offsetMonths: 0 }, "seed 004"],
    ["раз в полугодие", { every: "half_year", day: 31, offsetMonths: 0 }, "half-year"],
    ["жарты жыл сайын, есепті кезеңнен кейінгі айдың 10-күніне дейін", { every: "half_year", day: 10, offsetMonths: 1 }, "half-year, Kazakh"],
    ["ежегодно до 20 января", { every: "year", day: 20, offsetMonths: 0, month: 1 }, "brief"],
    ["жыл сайын 20 қаңтарға дейін", { every: "year", day: 20, offsetMonths: 0, month: 1 }, "yearly, Kazakh"],
    // seed 002: «не реже одного раза в год»
    ["не реже одного раза в год", { every: "year", day: 31, offsetMonths: 0, month: 12 }, "seed 002"],
    ["ежеквартально в течение 2022 года", { every: "quarter", day: 31, offsetMonths: 0, from: "2022-01-01", until: "2022-12-31" }, "bounded by a year"],
    ["ежемесячно до 25 числа до конца 2023 года", { every: "month", day: 25, offsetMonths: 0, until: "2023-12-31" }, "bounded by an end"],
    ["ежеквартально, кроме IV квартала", { every: "quarter", day: 31, offsetMonths: 0, periods: [1, 2, 3] }, "without the fourth quarter"],
  ])("%s (%s)", (text, recurrence) => {
    expect(parseDeadline(text)).toEqual(every(recurrence));
  });

  it("seed 004, item 16: a quarterly and a yearly report, the yearly one including the 4th quarter", () => {
    // «тоқсан сайын есепті тоқсаннан кейінгі бірінші айдың 25-күніне дейін; жыл сайын (4-тоқсандағы ақпаратты
    //  қоса алғанда) есепті жылдан кейінгі екінші айдың 25-күніне дейін»
    const parsed = parseDeadline(
      "тоқсан сайын есепті тоқсаннан кейінгі бірінші айдың 25-күніне дейін; жыл сайын (4-тоқсандағы ақпаратты қоса алғанда) есепті жылдан кейінгі екінші айдың 25-күніне дейін",
    );
    expect(parsed).toEqual({
      kind: "recurring",
      recurrence: { every: "quarter", day: 25, offsetMonths: 1, periods: [1, 2, 3] },
      also: [{ every: "year", day: 25, offsetMonths: 0, month: 2, reportsPreviousYear: true }],
    });
    expect(dueDates(parsed as Exclude<DeadlineParse, { kind: "unknown" }>, "2022-01-01", "2022-12-31")).toEqual(["2022-02-25", "2022-04-25", "2022-07-25", "2022-10-25"]);
  });
});

describe("parseDeadline: events", () => {
  it.each([
    // seed 004, items 3 and 17
    "түсуіне қарай",
    // seed 004, items 10, 12–15
    "тұрақты",
    // seed 004, item 5
    "орындау мерзімі өткеннен кейін",
    "орындалуына қарай",
    "по мере поступления",
    "по мере необходимости",
    "постоянно",
    "на постоянной основе",
    "тұрақты негізде",
    "қажеттілігіне қарай",
    // Daily and weekly work has no reporting period: no reminders, like «постоянно».
    "ежедневно",
    "апта сайын",
    // Working days from something that is not a date of the analysis.
    "в течение 5 рабочих дней со дня поступления",
    "10 жұмыс күні ішінде",
  ])("%s", (text) => {
    expect(parseDeadline(text)).toEqual({ kind: "event", text: text.replace(/\s+/g, " ") });
  });
});

describe("parseDeadline: unknown, with a reason", () => {
  it.each<[string, string]>([
    ["31.02.2022", "invalid_date"],
    ["32.01.2022", "invalid_date"],
    ["31.13.2022", "invalid_date"],
    ["30 февраля 2022 года", "invalid_date"],
    ["2022 жылғы 31 қарашаға дейін", "invalid_date"],
    ["29.02.2023", "invalid_date"],
    ["ежегодно до 30 февраля", "invalid_date"],
    ["", "empty"],
    ["  «»  ", "empty"],
    // seed 002, «Форма завершения» column: not a deadline
    ["Письменное письмо", "unrecognized"],
    ["ISO 37001", "unrecognized"],
    ["5 числа", "unrecognized"],
    ["8 701 111 22 33", "unrecognized"],
    ["по согласованию", "unrecognized"],
    // seed 002: «Закона РК от 17 апреля 2014г. № 188» — a document, not a deadline
    ["Закон РК от 17 апреля 2014г. № 188", "ambiguous"],
    ["от 21 февраля 2017 года № 40", "ambiguous"],
    ["п. 73, до 7 декабря 2022 года", "ambiguous"],
    ["7 декабря 2022 года, 10 января 2023 года", "ambiguous"],
    ["15 сәуір және 31 мамыр 2022 ж.", "ambiguous"],
    ["с 1 июля 2022 года", "ambiguous"],
    ["до декабря 2022 года", "ambiguous"],
    ["ежеквартально и ежемесячно", "ambiguous"],
    ["ежеквартально к 5 и 10 числу", "ambiguous"],
    ["с 31.05.2022 по 15.04.2022", "reversed_range"],
    ["2022 жылғы 31 мамырдан 2022 жылғы 15 сәуірге дейін", "reversed_range"],
    ["до 7 декабря", "no_year"],
  ])("%j → %s", (text, reason) => {
    expect(parseDeadline(text)).toMatchObject({ kind: "unknown", reason });
  });

  it("keeps the text as written and names the offending part", () => {
    expect(parseDeadline("  31.02.2022\n")).toEqual({ kind: "unknown", text: "31.02.2022", reason: "invalid_date", detail: "31.02.2022" });
  });
});

describe("occurrences", () => {
  it("quarterly by the 5th of the month after the quarter, over a year", () => {
    const r: Recurrence = { every: "quarter", day: 5, offsetMonths: 1 };
    expect(occurrences(r, "2022-02-01", "2023-01-31")).toEqual(["2022-04-05", "2022-07-05", "2022-10-05", "2023-01-05"]);
    // The window is inclusive at both ends.
    expect(occurrences(r, "2022-04-05", "2022-10-05")).toEqual(["2022-04-05", "2022-07-05", "2022-10-05"]);
    expect(occurrences(r, "2022-04-06", "2022-07-04")).toEqual([]);
  });

  it("monthly, end of month, clamped to the month's length", () => {
    expect(occurrences({ every: "month", day: 31, offsetMonths: 0 }, "2024-01-01", "2024-04-30")).toEqual(["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"]);
    expect(occurrences({ every: "month", day: 25, offsetMonths: 0 }, "2022-11-26", "2023-01-25")).toEqual(["2022-12-25", "2023-01-25"]);
  });

  it("half-yearly and yearly", () => {
    expect(occurrences({ every: "half_year", day: 10, offsetMonths: 1 }, "2022-01-01", "2023-12-31")).toEqual(["2022-01-10", "2022-07-10", "2023-01-10", "2023-07-10"]);
    expect(occurrences({ every: "year", day: 20, offsetMonths: 0, month: 1 }, "2022-01-01", "2024-12-31")).toEqual(["2022-01-20", "2023-01-20", "2024-01-20"]);
    expect(occurrences({ every: "year", day: 29, offsetMonths: 0, month: 2 }, "2023-01-01", "2024-12-31")).toEqual(["2023-02-28", "2024-02-29"]);
  });

  it("respects periods, from and until, and merges several recurrences", () => {
    const quarterly: Recurrence = { every: "quarter", day: 25, offsetMonths: 1, periods: [1, 2, 3] };
    const yearly: Recurrence = { every: "year", day: 25, offsetMonths: 0, month: 2 };
    expect(occurrences([quarterly, yearly], "2022-01-01", "2023-03-31")).toEqual(["2022-02-25", "2022-04-25", "2022-07-25", "2022-10-25", "2023-02-25"]);
    expect(occurrences({ every: "quarter", day: 31, offsetMonths: 0, from: "2022-01-01", until: "2022-12-31" }, "2021-01-01", "2023-12-31")).toEqual(["2022-03-31", "2022-06-30", "2022-09-30", "2022-12-31"]);
    expect(occurrences([quarterly, quarterly], "2022-01-01", "2022-06-30")).toEqual(["2022-04-25"]);
  });

  it("a parsed recurrence gives the dates a reminder needs", () => {
    const parsed = parseDeadline("Ежеквартально к 5 числу месяца после отчётного периода");
    expect(parsed.kind).toBe("recurring");
    if (parsed.kind === "recurring") expect(occurrences(parsed.recurrence, "2022-01-01", "2022-12-31")).toEqual(["2022-01-05", "2022-04-05", "2022-07-05", "2022-10-05"]);
  });

  it("refuses invalid windows and recurrences", () => {
    expect(() => occurrences({ every: "month", day: 5, offsetMonths: 0 }, "2022-02-30", "2022-12-31")).toThrow(RangeError);
    expect(() => occurrences({ every: "month", day: 0, offsetMonths: 0 }, "2022-01-01", "2022-12-31")).toThrow(RangeError);
    expect(() => occurrences({ every: "month", day: 5, offsetMonths: 0 }, "1800-01-01", "2200-12-31")).toThrow(RangeError);
    expect(occurrences({ every: "month", day: 5, offsetMonths: 0 }, "2022-12-31", "2022-01-01")).toEqual([]);
  });

  it("dueDates: one date for a date or a range, none for an event", () => {
    expect(dueDates({ kind: "date", due: "2022-12-07" }, "2022-01-01", "2022-12-31")).toEqual(["2022-12-07"]);
    expect(dueDates({ kind: "range", from: "2022-04-15", due: "2022-05-31" }, "2022-01-01", "2022-12-31")).toEqual(["2022-05-31"]);
    expect(dueDates({ kind: "event", text: "тұрақты" }, "2022-01-01", "2022-12-31")).toEqual([]);
  });
});

describe("parseDeadline: relative to the analysis (seed 002's project map)", () => {
  const rel = (anchor: string, direction: string, amount: { workingDays?: number; years?: number }) => ({ kind: "relative", anchor, direction, ...amount });
  it.each<[string, ReturnType<typeof rel>]>([
    ["За 10 рабочих дней до начала ВАКР", rel("analysis_start", "before", { workingDays: 10 })],
    ["За 5 рабочих дней до начала ВАКР", rel("analysis_start", "before", { workingDays: 5 })],
    ["Не позднее 10 рабочих дней до завершения ВАКР", rel("analysis_end", "before", { workingDays: 10 })],
    ["Не позднее 5 рабочих дней до завершения ВАКР", rel("analysis_end", "before", { workingDays: 5 })],
    ["Не позднее 10 рабочих дней со дня завершения ВАКР", rel("analysis_end", "after", { workingDays: 10 })],
    ["Не позднее 10 рабочих дней со дня подписания аналитической справки", rel("report_signed", "after", { workingDays: 10 })],
    ["В течение 3 рабочих дней со дня утверждения плана", rel("plan_approved", "after", { workingDays: 3 })],
    ["В течение 3 рабочих дней со дня утверждения плана (мероприятий)", rel("plan_approved", "after", { workingDays: 3 })],
    ["В течение трёх рабочих дней со дня утверждения плана мероприятий", rel("plan_approved", "after", { workingDays: 3 })],
    ["В течение 3 рабочих дней со дня утверждения плана мероприятий по результатам ВАКР", rel("plan_approved", "after", { workingDays: 3 })],
    ["жоспар бекітілген күннен бастап 3 жұмыс күні ішінде", rel("plan_approved", "after", { workingDays: 3 })],
    ["В течение одного года со дня подписания аналитической справки", rel("report_signed", "after", { years: 1 })],
    ["за 10 рабочих дней до начала проведения внутреннего анализа коррупционных рисков", rel("analysis_start", "before", { workingDays: 10 })],
    // Kazakh
    ["ВАКР басталғанға дейін 10 жұмыс күні бұрын", rel("analysis_start", "before", { workingDays: 10 })],
    ["ішкі талдау басталғанға дейін 5 жұмыс күні бұрын", rel("analysis_start", "before", { workingDays: 5 })],
    ["СЖТІТ аяқталғанға дейін 10 жұмыс күнінен кешіктірмей", rel("analysis_end", "before", { workingDays: 10 })],
    ["ішкі талдау аяқталған күннен бастап 10 жұмыс күнінен кешіктірмей", rel("analysis_end", "after", { workingDays: 10 })],
    ["талдамалық анықтамаға қол қойылған күннен бастап 10 жұмыс күнінен кешіктірмей", rel("report_signed", "after", { workingDays: 10 })],
    ["іс-шаралар жоспары бекітілген күннен бастап 3 жұмыс күні ішінде", rel("plan_approved", "after", { workingDays: 3 })],
    ["талдамалық анықтамаға қол қойылған күннен бастап бір жыл ішінде", rel("report_signed", "after", { years: 1 })],
  ])("%s", (text, expected) => {
    expect(parseDeadline(text)).toEqual(expected);
  });

  it("a date or a second number next to the rule is not taken as relative", () => {
    expect(parseDeadline("за 10 рабочих дней до начала ВАКР, но не позднее 1 марта 2022 года").kind).not.toBe("relative");
    expect(parseDeadline("за 100 рабочих дней до начала ВАКР").kind).not.toBe("relative");
    // Another plan than the plan of measures; a start that is not the analysis's.
    expect(parseDeadline("в течение 3 рабочих дней со дня утверждения плана закупок").kind).toBe("event");
    expect(parseDeadline("сатып алу жоспары бекітілген күннен бастап 3 жұмыс күні ішінде").kind).toBe("event");
    expect(parseDeadline("в течение 5 рабочих дней со дня начала проверки").kind).toBe("event");
  });
});

describe("recurrenceOccurrences: the period each due date reports on", () => {
  it("seed 004, item 16: Q1–Q3 by the 25th, the year (with Q4) by 25 February", () => {
    const parsed = parseDeadline(
      "тоқсан сайын есепті тоқсаннан кейінгі бірінші айдың 25-күніне дейін; жыл сайын (4-тоқсандағы ақпаратты қоса алғанда) есепті жылдан кейінгі екінші айдың 25-күніне дейін",
    );
    if (parsed.kind !== "recurring") throw new Error("not recurring");
    expect(recurrenceOccurrences([parsed.recurrence, ...(parsed.also ?? [])], "2022-01-01", "2023-12-31").filter((o) => periodInYear(o.period, 2022))).toEqual([
      { due: "2022-04-25", period: "2022-Q1" },
      { due: "2022-07-25", period: "2022-Q2" },
      { due: "2022-10-25", period: "2022-Q3" },
      { due: "2023-02-25", period: "2022" },
    ]);
  });

  it("months, half-years and a year due within it", () => {
    expect(recurrenceOccurrences({ every: "month", day: 31, offsetMonths: 0 }, "2022-11-01", "2023-01-31")).toEqual([
      { due: "2022-11-30", period: "2022-M11" },
      { due: "2022-12-31", period: "2022-M12" },
      { due: "2023-01-31", period: "2023-M01" },
    ]);
    expect(recurrenceOccurrences({ every: "half_year", day: 10, offsetMonths: 1 }, "2022-01-01", "2023-01-31")).toEqual([
      { due: "2022-01-10", period: "2021-H2" },
      { due: "2022-07-10", period: "2022-H1" },
      { due: "2023-01-10", period: "2022-H2" },
    ]);
    expect(recurrenceOccurrences({ every: "year", day: 20, offsetMonths: 0, month: 1 }, "2022-01-01", "2022-12-31")).toEqual([{ due: "2022-01-20", period: "2022" }]);
  });
});
