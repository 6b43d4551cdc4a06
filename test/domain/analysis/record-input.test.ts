import { describe, expect, it } from "vitest";
import { parseOrderInput, parsePeriodInput } from "../../../src/domain/analysis/record-input.js";

describe("the order as typed", () => {
  it("reads the number and the date in the Russian and the Kazakh order of words", () => {
    expect(parseOrderInput("№ 218 от 09.04.2021")).toEqual({ number: "218", date: "2021-04-09" });
    expect(parseOrderInput("218 09.04.2021")).toEqual({ number: "218", date: "2021-04-09" });
    expect(parseOrderInput("№218-п от 09.04.2021 г.")).toEqual({ number: "218-п", date: "2021-04-09" });
    expect(parseOrderInput("09.04.2021 жылғы № 218")).toEqual({ number: "218", date: "2021-04-09" });
    expect(parseOrderInput("09.04.2021 № 218")).toEqual({ number: "218", date: "2021-04-09" });
  });

  it("refuses a missing number, a missing date and a day not in the calendar", () => {
    expect(parseOrderInput("№ 218")).toBeNull();
    expect(parseOrderInput("09.04.2021")).toBeNull();
    expect(parseOrderInput("№ 218 от 31.02.2021")).toBeNull();
    expect(parseOrderInput(`№ ${"1".repeat(41)} от 09.04.2021`)).toBeNull();
  });
});

describe("a period as typed", () => {
  it("reads two days, the first not after the second", () => {
    expect(parsePeriodInput("01.01.2022 – 31.12.2023")).toEqual({ from: "2022-01-01", to: "2023-12-31" });
    expect(parsePeriodInput("01.01.2022 31.12.2023")).toEqual({ from: "2022-01-01", to: "2023-12-31" });
    expect(parsePeriodInput("31.12.2023 – 01.01.2022")).toBeNull();
    expect(parsePeriodInput("01.01.2022")).toBeNull();
    expect(parsePeriodInput("30.02.2022 – 31.12.2023")).toBeNull();
  });
});
