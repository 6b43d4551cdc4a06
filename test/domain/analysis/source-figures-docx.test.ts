// The other sources' part of the analytic report: seed 001's sentences with exactly the stored
// figures, in both languages, and the blocks laid out in an official document.
import { beforeAll, describe, expect, it } from "vitest";
import { summarizeFigures } from "../../../src/domain/analysis/source-figures.js";
import { sourceFigureBlocks, sourceFigureText } from "../../../src/domain/analysis/source-figures-docx.js";
import { officialDocx } from "../../../src/domain/documents/official-docx.js";
import type { Translate } from "../../../src/i18n-resources.js";
import { createI18n } from "../../../src/i18n.js";
import { SEED_001 } from "../../support/source-figures-fixture.js";

let t: Record<"kk" | "ru", Translate>;
beforeAll(async () => {
  const i18n = await createI18n();
  t = { kk: i18n.t("kk") as unknown as Translate, ru: i18n.t("ru") as unknown as Translate };
});
const nb = (s: string) => s.replace(/\u00a0/g, " ");
const kind = (k: string) => summarizeFigures(SEED_001).kinds.find((x) => x.kind === k)!;

describe("the sources' part of the report", () => {
  it("says seed 001's appeals as stored (ru, kk)", () => {
    expect(nb(sourceFigureText(kind("appeals"), t.ru, "ru"))).toBe(
      "За 2022–2023 годы через E-Өтініш поступило 2 612 обращений. 2022 год — 2 342; 2023 год — 270. По виду лица: физическое лицо — 2 882, юридическое лицо — 719, анонимно — 11. Источник: Проектный офис «Е-Өтініш» и «Е-Нәтиже».",
    );
    expect(nb(sourceFigureText(kind("appeals"), t.kk, "kk"))).toMatch(/^2022–2023 жылдар ішінде «E-Өтініш» платформасы арқылы түскен өтініштер саны: 2 612\. 2022 жыл – 2 342; 2023 жыл – 270\. Тұлға түрі бойынша: жеке тұлға – 2 882/);
  });

  it("says the penalties per year with their types, and the court's share satisfied", () => {
    expect(nb(sourceFigureText(kind("penalties"), t.ru, "ru"))).toContain(
      "применено 4 197 дисциплинарных взысканий. 2022 год — 1 650 (замечание — 1 031, выговор — 385, строгий выговор — 233, строгое предупреждение — 1); 2023 год — 2 547 (замечание — 1 426, выговор — 663, строгий выговор — 457, расторжение трудового договора — 1).",
    );
    expect(nb(sourceFigureText(kind("court"), t.ru, "ru"))).toContain("ответчиком (83), рассмотрено 68; иск удовлетворён полностью по 30, что составляет 44,1% рассмотренных.");
    expect(nb(sourceFigureText(kind("court"), t.kk, "kk"))).toContain("талап толық қанағаттандырылғандары: 30, бұл қаралған істердің 44,1% құрайды.");
  });

  it("gives the sentences and a table per kind, nothing for a kind without figures, and lays out in a document", async () => {
    const summary = summarizeFigures(SEED_001);
    expect(sourceFigureBlocks(summary, "media", t.ru, "ru")).toEqual([]);
    const blocks = (["appeals", "court", "penalties"] as const).flatMap((k) => sourceFigureBlocks(summary, k, t.ru, "ru"));
    expect(blocks).toHaveLength(9);
    const docx = await officialDocx("Другие источники", [{ children: blocks }]);
    expect(docx.subarray(0, 2).toString()).toBe("PK");
  });
});
