import { describe, expect, it } from "vitest";
import { createI18n } from "../src/i18n.js";

describe("createI18n: texts of keys without options are remembered", () => {
  it("gives the same text twice, interpolates when options are given, and keeps the languages apart", async () => {
    const i18n = await createI18n({ kk: { a: { hello: "Сәлем, {{name}}", plain: "Иә" } }, ru: { a: { hello: "Привет, {{name}}", plain: "Да" } } });
    const ru = i18n.t("ru") as unknown as (key: string, options?: Record<string, unknown>) => string;
    const kk = i18n.t("kk") as unknown as (key: string, options?: Record<string, unknown>) => string;
    expect(ru("a.plain")).toBe("Да");
    expect(ru("a.plain")).toBe("Да");
    expect(kk("a.plain")).toBe("Иә");
    expect(ru("a.hello")).toBe("Привет, {{name}}");
    expect(ru("a.hello", { name: "Асель" })).toBe("Привет, Асель");
    expect(kk("a.hello", { name: "Асель" })).toBe("Сәлем, Асель");
    expect(ru("a.missing")).toBe("a.missing");
  });
});
