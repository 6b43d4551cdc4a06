// The register's pages stay under Telegram's message limit however long the register is.
import { beforeAll, describe, expect, it } from "vitest";
import { listView, PAGE_SIZE } from "../../../../src/bot/features/analysis/risks/views.js";
import type { RiskEntry } from "../../../../src/domain/analysis/register.js";
import { createI18n, type TFunction } from "../../../../src/i18n.js";
import { MAX_MESSAGE_LENGTH } from "../../../../src/bot/ui/reply.js";

let t: TFunction;
beforeAll(async () => {
  t = (await createI18n()).t("kk");
});

const entry = (number: number): RiskEntry => ({
  id: 100 + number, number, direction: "legal_acts", area: "legal_gap", factorCode: "g1", factor: {}, title: { ru: `Риск ${number} ${"очень длинное наименование ".repeat(12)}` }, description: {}, functions: {}, positions: [], likelihood: 2, impact: 3, evidence: [], recommendations: [],
});

describe("the register's pages", () => {
  it("pages of 20 with their buttons, each under the limit", () => {
    const risks = Array.from({ length: 45 }, (_, i) => entry(i + 1));
    const first = listView(t, { analysisId: 7, risks, page: 0, lang: "ru", canEdit: true });
    expect(first.text.length).toBeLessThan(MAX_MESSAGE_LENGTH);
    const data = first.keyboard.inline_keyboard.flat().map((b) => (b as { callback_data: string }).callback_data);
    expect(data.filter((d) => d.startsWith("rk.o:"))).toHaveLength(PAGE_SIZE);
    expect(data).toContain("rk.l:7:1");
    expect(data).not.toContain("rk.l:7:-1");
    expect(data).toContain("rk.n:7");
    const last = listView(t, { analysisId: 7, risks, page: 2, lang: "ru", canEdit: false });
    const lastData = last.keyboard.inline_keyboard.flat().map((b) => (b as { callback_data: string }).callback_data);
    expect(lastData.filter((d) => d.startsWith("rk.o:"))).toEqual(["rk.o:7:141", "rk.o:7:142", "rk.o:7:143", "rk.o:7:144", "rk.o:7:145"]);
    expect(lastData).toContain("rk.l:7:1");
    expect(lastData).not.toContain("rk.n:7");
    expect(last.text).toMatch(/Бет: 3 \/ 3/);
    expect(last.text).toMatch(/^41\. Орташа — Риск 41/m);
  });
});
