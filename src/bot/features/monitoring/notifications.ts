// What is sent about the quarterly plan-execution information without a user's update to
// answer: the reminder to compliance (jobs/monitoring-reminders.ts) with the draft button, and
// the non-execution list to the observers (services/monitoring.ts).
import { InlineKeyboard } from "grammy";
import { formatDay } from "../../../domain/dates.js";
import { periodLabel } from "../../../domain/plan/monitoring-report.js";
import type { Notifications } from "../../notifications/index.js";
import { draftButton } from "./buttons.js";
import { quarterPeriod } from "./views.js";

export function registerMonitoringNotifications(n: Notifications): void {
  n.register("monitoringReminder", (notice, t) => {
    const period = periodLabel(t, quarterPeriod(notice.period.year, notice.period.quarter));
    const params = { period, date: formatDay(notice.dueOn), count: notice.days, ...notice.totals };
    return {
      text: t(notice.days === 0 ? "monitoring.reminderDue" : "monitoring.reminder", params),
      keyboard: new InlineKeyboard().text(t("monitoring.draftButton"), draftButton.encode([notice.period.year, notice.period.quarter])),
    };
  });
  n.register("planNonExecution", (notice, t) => {
    const items = notice.items.map((i, n) => t("monitoring.headItem", { number: i.number ?? String(n + 1), measure: i.measure, who: i.responsible, date: formatDay(i.dueOn) }));
    if (notice.total > notice.items.length) items.push(t("monitoring.headMore", { count: notice.total - notice.items.length, total: notice.total }));
    return { text: t("monitoring.headNotice", { period: periodLabel(t, quarterPeriod(notice.period.year, notice.period.quarter)), items: items.join("\n\n") }) };
  });
}
