// What the survey dispatcher (src/jobs/survey-dispatch.ts) sends: invitations and reminders,
// in the person's language, with the button that opens the survey.
import { InlineKeyboard } from "grammy";
import { formatDay } from "../../../domain/dates.js";
import type { Lang } from "../../../domain/lang.js";
import type { TFunction } from "../../../i18n.js";
import type { Notifications, RenderedNotification } from "../../notifications/index.js";
import type { SurveyNotice } from "../../../domain/notifications.js";
import { openSurveyButton } from "./buttons.js";

function renderSurveyNotice(key: "surveys.invitation" | "surveys.reminder", notice: SurveyNotice & { lang: Lang }, t: TFunction): RenderedNotification {
  return {
    text: t(key, { title: notice.title[notice.lang], date: formatDay(notice.closesOn) }),
    keyboard: new InlineKeyboard().text(t("surveys.openButton"), openSurveyButton.encode([notice.campaignId])),
  };
}

export function registerSurveyNotifications(n: Notifications): void {
  n.register("surveyInvitation", (notice, t) => renderSurveyNotice("surveys.invitation", notice, t));
  n.register("surveyReminder", (notice, t) => renderSurveyNotice("surveys.reminder", notice, t));
}
