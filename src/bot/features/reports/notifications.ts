// What the report notifier (src/jobs/report-notifier.ts) sends, rendered here: every message
// is content-free — a count for the handlers of an audience, "there is news" for a reporter
// who opted in, the number and deadline of an overdue case for an escalation.
import type { IsoDate } from "../../../domain/calendar/days.js";
import { formatDay } from "../../../domain/dates.js";
import type { Notifications } from "../../notifications/index.js";
import type { NotificationBase } from "../../notifications/types.js";

declare module "../../notifications/types.js" {
  interface NotificationKinds {
    reportAlert: ReportAlertNotice;
    reportPing: ReportPingNotice;
    reportEscalation: ReportEscalationNotice;
  }
}

/** "N new events in the reports inbox" to a person handling an audience. */
export interface ReportAlertNotice extends NotificationBase<"reportAlert"> {
  events: number;
}

/** "There is news, open it with your code" to a reporter's chat. */
export type ReportPingNotice = NotificationBase<"reportPing">;

/** An overdue acknowledgement or decision, to the people who must act on it. */
export interface ReportEscalationNotice extends NotificationBase<"reportEscalation"> {
  deadline: "ack" | "decision";
  number: string;
  dueOn: IsoDate;
  /** Working days since the deadline. */
  days: number;
}

export function registerReportNotifications(n: Notifications): void {
  n.register("reportAlert", (notice, t) => ({ text: t("reportAlerts.inbox", { count: notice.events }) }));
  n.register("reportPing", (_notice, t) => ({ text: t("reportAlerts.ping") }));
  n.register("reportEscalation", (notice, t) => {
    const params = { number: notice.number, date: formatDay(notice.dueOn), days: notice.days };
    return { text: notice.deadline === "ack" ? t("reportAlerts.escalation.ack", params) : t("reportAlerts.escalation.decision", params) };
  });
}
