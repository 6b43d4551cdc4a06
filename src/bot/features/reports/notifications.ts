// What the report notifier (src/jobs/report-notifier.ts) sends, rendered here: every message
// is content-free — a count for the handlers of an audience, "there is news" for a reporter
// who opted in, the number and deadline of an overdue case for an escalation.
import { formatDay } from "../../../domain/dates.js";
import type { Notifications } from "../../notifications/index.js";

export function registerReportNotifications(n: Notifications): void {
  n.register("reportAlert", (notice, t) => ({ text: t("reportAlerts.inbox", { count: notice.events }) }));
  n.register("reportPing", (_notice, t) => ({ text: t("reportAlerts.ping") }));
  n.register("reportEscalation", (notice, t) => {
    const params = { number: notice.number, date: formatDay(notice.dueOn), count: notice.days };
    return { text: notice.deadline === "ack" ? t("reportAlerts.escalation.ack", params) : t("reportAlerts.escalation.decision", params) };
  });
}
