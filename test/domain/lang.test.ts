// The two languages of the product (src/domain/lang.ts).
import { describe, expect, it } from "vitest";
import { isLang, LANGUAGES } from "../../src/domain/lang.js";

describe("languages", () => {
  it("are Kazakh and Russian", () => {
    expect(LANGUAGES).toEqual(["kk", "ru"]);
  });

  it("isLang accepts exactly those codes", () => {
    expect(isLang("kk")).toBe(true);
    expect(isLang("ru")).toBe(true);
    for (const other of ["en", "KK", "ru-RU", "kz", "", " kk", null, undefined, 0, ["kk"], { lang: "kk" }]) expect(isLang(other), JSON.stringify(other)).toBe(false);
  });
});
