// What the board report sends without a user's update: the reminders of its due date to
// compliance officers (jobs/board-reminders.ts) and the approval notice to observers.
import { InlineKeyboard } from "grammy";
import { formatDay } from "../../../domain/dates.js";
import { LANGUAGES } from "../../../domain/lang.js";
import type { Notifications } from "../../notifications/index.js";
import { boardGetButton, boardPeriodButton } from "./buttons.js";
import { labelOfKey } from "./views.js";

export function registerBoardNotifications(n: Notifications): void {
  n.register("boardReminder", (notice, t) => {
    const params = { period: labelOfKey(t, notice.periodKey), due: formatDay(notice.dueOn), days: notice.daysLeft };
    return {
      text: t(notice.daysLeft === 0 ? "board.notify.reminderDue" : "board.notify.reminderBefore", params),
      keyboard: new InlineKeyboard().text(t("board.notify.draftButton"), boardPeriodButton.encode([notice.periodKey])),
    };
  });
  n.register("boardApproved", (notice, t) => {
    const other = LANGUAGES.find((l) => l !== notice.lang)!;
    return {
      text: t("board.notify.approved", { period: labelOfKey(t, notice.periodKey), name: notice.by, date: formatDay(notice.on) }),
      keyboard: new InlineKeyboard()
        .text(t("board.notify.getButton"), boardGetButton.encode([notice.periodKey, notice.lang]))
        .row()
        .text(t(`board.bot.filesIn.${other}`), boardGetButton.encode([notice.periodKey, other])),
    };
  });
}
