// What is sent about due dates without a user's update to answer, rendered here: the
// deadline reminders, overdue notices and escalations of jobs/task-reminders.ts, and the
// messages an action sends to others (compliance told of a done item or asked for more time,
// the person told of the decision). All go through the one pacer of bot/notifications.
import { InlineKeyboard } from "grammy";
import { formatDay } from "../../../domain/dates.js";
import type { ReminderKind } from "../../../domain/reminders.js";
import type { TaskReminderNotice } from "../../../domain/notifications.js";
import type { TFunction, TranslationKey } from "../../../i18n.js";
import type { Notifications } from "../../notifications/index.js";
import { approveButton, doneButton, moreTimeButton, openTaskButton, refuseButton } from "./buttons.js";
import { taskTitle } from "./titles.js";
import { weekdayName } from "./views.js";

function reminderKey(kind: ReminderKind): TranslationKey {
  return kind === "due" || kind === "lastDay" || kind === "overdue" || kind === "escalation" ? `tasks.reminder.${kind}` : "tasks.reminder.before";
}

/** Before a due date that falls on a weekend day or a holiday: say so, and (ahead of the last
 *  day) which working day is the last one before it. */
function dayOffNote(t: TFunction, notice: TaskReminderNotice): string {
  const off = notice.dayOff;
  if (!off || !(notice.reminder === "lastDay" || notice.reminder.startsWith("before:"))) return "";
  const date = formatDay(notice.dueOn);
  const what = off.name ? t("tasks.reminder.dayOffHoliday", { date, name: off.name[notice.lang] }) : t("tasks.reminder.dayOffWeekend", { date, weekday: weekdayName(notice.dueOn, notice.lang) });
  return notice.reminder === "lastDay" ? `\n${what}` : `\n${what} ${t("tasks.reminder.lastWorkingDay", { last: formatDay(off.lastWorkingDay) })}`;
}

export function registerTaskNotifications(n: Notifications): void {
  n.register("taskReminder", (notice, t) => {
    const params = { title: taskTitle(t, notice.task), date: formatDay(notice.dueOn), count: notice.days, form: notice.completionForm ?? "—", who: notice.who };
    const key = reminderKey(notice.reminder);
    const keyboard = new InlineKeyboard().text(t("tasks.openButton"), openTaskButton.encode([notice.occurrenceId]));
    // The responsible person can act on the reminder itself; compliance opens the item.
    if (notice.reminder !== "escalation") keyboard.text(t("tasks.doneButton"), doneButton.encode([notice.occurrenceId])).text(t("tasks.moreTimeButton"), moreTimeButton.encode([notice.occurrenceId]));
    return { text: t(key, params) + dayOffNote(t, notice), keyboard };
  });
  n.register("taskDone", (notice, t) => ({ text: t("tasks.doneNotice", { title: notice.title, date: formatDay(notice.dueOn), who: notice.who }) }));
  n.register("taskExtensionRequest", (notice, t) => ({
    text: t("tasks.extensionNotice", { title: notice.title, who: notice.who, from: formatDay(notice.from), to: formatDay(notice.to), reason: notice.reason }),
    keyboard: new InlineKeyboard().text(t("tasks.approveButton"), approveButton.encode([notice.requestId])).text(t("tasks.refuseButton"), refuseButton.encode([notice.requestId])),
  }));
  n.register("taskExtensionDecision", (notice, t) => ({
    text: t(notice.approved ? "tasks.extensionApproved" : "tasks.extensionRefused", { title: notice.title, to: formatDay(notice.to), from: formatDay(notice.from) }),
  }));
}
