// The renderers of the monitoring notices: the reminder with its draft button, and the
// non-execution list for the head, which stays within one Telegram message however long the
// plan's texts are.
import { beforeAll, describe, expect, it } from "vitest";
import { registerMonitoringNotifications } from "../../../../src/bot/features/monitoring/notifications.js";
import { Notifications } from "../../../../src/bot/notifications/index.js";
import type { Notifier, PlanNonExecutionNotice } from "../../../../src/domain/notifications.js";
import { createI18n } from "../../../../src/i18n.js";
import { MAX_NOTICE_FIELD, MAX_NOTICE_ITEMS } from "../../../../src/services/monitoring.js";

let n: Notifications;
beforeAll(async () => {
  const outbox: Notifier = { queue: async () => undefined, onUndelivered: () => undefined };
  n = new Notifications(outbox, await createI18n());
  registerMonitoringNotifications(n);
});

const totals = { on_time: 3, extended: 1, late: 2, not_done: 1, pending: 4, total: 11 };

describe("monitoring notices", () => {
  it("the reminder says the due date, the days left and the totals, with the draft button", () => {
    const { text, other } = n.render({ kind: "monitoringReminder", chatId: 1, lang: "kk", period: { year: 2026, quarter: 4 }, dueOn: "2027-01-05", days: 1, totals });
    expect(text).toContain("ұсыну мерзімі: 05.01.2027, кезең: 2026 жылғы IV тоқсан (қалған жұмыс күндері: 1)");
    expect(text).toContain("мерзімінде орындалды — 3, мерзімі ұзартылды — 1, мерзімі бұзылып орындалды — 2, орындалмады — 1, мерзімі келген жоқ — 4");
    expect(JSON.stringify(other?.reply_markup)).toContain("mn.d:2026:4");
    expect(n.render({ kind: "monitoringReminder", chatId: 1, lang: "ru", period: { year: 2026, quarter: 4 }, dueOn: "2027-01-05", days: 0, totals }).text).toMatch(/^Сегодня, 05\.01\.2027, последний день/);
  });

  it("the non-execution list fits one message at the service's limits and says how many more there are", () => {
    const long = "Проведение анализа коррупционных рисков ".repeat(5).slice(0, MAX_NOTICE_FIELD - 1) + "…";
    const items = Array.from({ length: MAX_NOTICE_ITEMS }, (_, i) => ({ number: String(i + 1), measure: long, responsible: "Служба внутреннего аудита, Айтулова А.К., Нурсейтова Б.К.".repeat(3).slice(0, MAX_NOTICE_FIELD - 1) + "…", dueOn: "2026-09-30" }));
    const notice: PlanNonExecutionNotice = { kind: "planNonExecution", chatId: 1, lang: "ru", period: { year: 2026, quarter: 3 }, items, total: 14 };
    const { text } = n.render(notice);
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toMatch(/^Сведения о неисполнении Плана мероприятий за III квартал 2026 года/);
    expect(text).toContain("10. Проведение анализа");
    expect(text).toContain("Ещё не исполненных пунктов: 4 (всего: 14)");
    expect(n.render({ ...notice, items: items.slice(0, 2), total: 2 }).text).not.toContain("Ещё");
  });
});
