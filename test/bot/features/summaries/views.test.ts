// The summaries' text (features/summaries/views.ts): the same figures in both languages, a
// long plan kept within one Telegram message, "and N more" past the listed lines, a milestone
// titled by its key, and the chart drawn only when there is something to draw.
import { beforeAll, describe, expect, it } from "vitest";
import { summaryText } from "../../../../src/bot/features/summaries/views.js";
import { createWorkCalendar } from "../../../../src/domain/calendar/work-calendar.js";
import { renderSummaryChart } from "../../../../src/domain/summaries/chart.js";
import { MAX_LISTED, summarise, type OccurrenceInput } from "../../../../src/domain/summaries/figures.js";
import { createI18n, type I18n } from "../../../../src/i18n.js";

const calendar = createWorkCalendar();
let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n();
});

const long = "Проведение анализа аффилированности поставщиков и работников, участвующих в закупках, с проверкой сведений о близких родственниках ".repeat(3);
const item = (id: number, dueOn: string): OccurrenceInput => ({ id, dueOn, task: { title: long, titleKey: null, titleParams: null, number: String(id) }, assignees: ["Нурсейтова Б.К.".repeat(10), "Айтулова А.К."], responsibleText: null });

describe("the summary text", () => {
  it("stays within one message however long the plan, and says how many more there are", () => {
    const open = [...Array.from({ length: 30 }, (_, i) => item(i + 1, "2026-02-20")), ...Array.from({ length: 30 }, (_, i) => item(100 + i, "2026-03-04"))];
    const f = summarise({ reports: { audience: "compliance", recent: 2, overdue: 1, from: "2026-02-24", to: "2026-03-02" }, campaigns: [], plan: { open, done: 0, later: 0 } }, "2026-03-02", calendar);
    for (const lang of ["kk", "ru"] as const) {
      const text = summaryText(i18n.t(lang), lang, f, "digest", i18n.t(lang)("summaries.digestFooter"));
      expect(text.length).toBeLessThanOrEqual(4096);
      expect(text.endsWith(i18n.t(lang)("summaries.digestFooter"))).toBe(true);
    }
    const short = summarise({ reports: null, campaigns: null, plan: { open: Array.from({ length: MAX_LISTED + 2 }, (_, i) => ({ ...item(i + 1, "2026-02-20"), task: { title: "Пункт", titleKey: null, titleParams: null, number: null } })), done: 0, later: 0 } }, "2026-03-02", calendar);
    const ru = summaryText(i18n.t("ru"), "ru", short, "dashboard", "");
    expect(ru).toContain("Просроченные сроки: 10");
    expect(ru).toContain("…и ещё: 2");
    expect(ru.match(/⚠️/g)).toHaveLength(MAX_LISTED);
  });

  it("names a milestone by its key in the reader's language, and the plan's text when nobody was matched", () => {
    const milestone: OccurrenceInput = { id: 1, dueOn: "2026-03-04", task: { title: "order", titleKey: "schedule.milestone.order", titleParams: null, number: null }, assignees: [], responsibleText: "Комплаенс-служба" };
    const f = summarise({ reports: null, campaigns: null, plan: { open: [milestone], done: 0, later: 0 } }, "2026-03-02", calendar);
    const kk = summaryText(i18n.t("kk"), "kk", f, "dashboard", "");
    const ru = summaryText(i18n.t("ru"), "ru", f, "dashboard", "");
    expect(kk).toContain(`04.03.2026 — ${"Ішкі талдау жүргізу туралы бұйрықты бекіту"}. Жауаптылар: Комплаенс-служба`);
    expect(ru).toContain(`04.03.2026 — ${"Утверждение приказа о проведении ВАКР"}. Ответственные: Комплаенс-служба`);
    expect(ru).not.toContain("🛡");
    expect(ru).not.toContain("🗂");
  });

  it("says plainly when nothing is due and no campaign runs", () => {
    const f = summarise({ reports: { audience: "observer", recent: 0, overdue: 0, from: "2026-02-24", to: "2026-03-02" }, campaigns: [], plan: { open: [], done: 3, later: 2 } }, "2026-03-02", calendar);
    expect(summaryText(i18n.t("ru"), "ru", f, "dashboard", "")).toContain("Просроченных сроков и сроков на ближайшие 7 дней нет.");
    expect(summaryText(i18n.t("kk"), "kk", f, "dashboard", "")).toContain("Қазір науқандар жүріп жатқан жоқ.");
  });
});

describe("the dashboard chart", () => {
  it("is a PNG when there are due dates or campaigns, and nothing otherwise", async () => {
    const t = i18n.t("kk");
    const none = summarise({ reports: { audience: "compliance", recent: 1, overdue: 0, from: "2026-02-24", to: "2026-03-02" }, campaigns: [], plan: { open: [], done: 0, later: 0 } }, "2026-03-02", calendar);
    expect(await renderSummaryChart(none, "kk", t)).toBeNull();
    const some = summarise({ reports: null, campaigns: [{ id: 1, title: { kk: "Сауалнама", ru: "Опрос" }, closesOn: "2026-03-10", invited: 10, completed: 4 }], plan: { open: [item(1, "2026-02-20")], done: 2, later: 0 } }, "2026-03-02", calendar);
    const png = await renderSummaryChart(some, "kk", t);
    expect(png?.subarray(1, 4).toString()).toBe("PNG");
  });
});

describe("the dashboard chart with many campaigns (review)", () => {
  it("stays within the sizes Telegram takes for a photo (width + height at most 10,000)", async () => {
    const campaigns = Array.from({ length: 200 }, (_, i) => ({ id: i + 1, title: { kk: `Сауалнама ${i + 1}`, ru: `Опрос ${i + 1}` }, closesOn: "2026-03-10", invited: 10, completed: i % 10 }));
    const f = summarise({ reports: null, campaigns, plan: { open: [item(1, "2026-02-20")], done: 2, later: 0 } }, "2026-03-02", calendar);
    const png = (await renderSummaryChart(f, "ru", i18n.t("ru")))!;
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width + height).toBeLessThanOrEqual(10_000);
    expect(height / width).toBeLessThanOrEqual(20);
  });
});

describe("the summary text with many campaigns (review)", () => {
  it("keeps the plan's overdue items within the one message, listing the first campaigns and the number of the rest", () => {
    const title = "Восприятие коррупции и этическая культура в подразделениях, участвующих в государственных закупках ".repeat(2);
    const campaigns = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, title: { kk: title, ru: title }, closesOn: "2026-03-10", invited: 10, completed: 4 }));
    const f = summarise({ reports: null, campaigns, plan: { open: [item(1, "2026-02-20"), item(2, "2026-02-21")], done: 0, later: 0 } }, "2026-03-02", calendar);
    for (const lang of ["ru", "kk"] as const) {
      const text = summaryText(i18n.t(lang), lang, f, "digest", "—");
      expect(text.length).toBeLessThanOrEqual(4096);
      expect(text).toContain("20.02.2026");
      expect(text).toContain("21.02.2026");
    }
    expect(summaryText(i18n.t("ru"), "ru", f, "digest", "—")).toContain(`…и ещё кампаний: ${30 - MAX_LISTED}`);
  });
});
