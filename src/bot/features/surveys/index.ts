// Staff questionnaires. Compliance officers upload definitions and run campaigns (wizard,
// response rate, results, charts, exports, early close); observers read campaigns and
// results; every registered person answers the questionnaires they are invited to. The
// survey dispatcher (jobs/survey-dispatch.ts) sends invitations and reminders through the
// notifications rendered here.
import type { FeatureKit } from "../../feature.js";
import { rowId } from "../../ui/args.js";
import { installCampaignExports } from "./campaign-exports.js";
import { installCampaignList } from "./campaign-list.js";
import { installCampaignResults } from "./campaign-results.js";
import { installCampaignWizard } from "./campaign-wizard.js";
import { installDefinitionUpload } from "./definition-upload.js";
import { registerSurveyNotifications } from "./notifications.js";
import { installRespondentAnswers } from "./respondent-answers.js";
import { installRespondentEntry } from "./respondent-entry.js";
import { installRespondentInput } from "./respondent-input.js";
import { installRespondentSubmit } from "./respondent-submit.js";

export function installSurveys(kit: FeatureKit): void {
  registerSurveyNotifications(kit.notifications);
  // Every questionnaire button names its campaign first: its handler reads the respondent's state.
  kit.prefetch.add((ctx) => {
    const [id, arg] = ctx.callbackQuery?.data?.split(":", 2) ?? [];
    const campaignId = id?.startsWith("sv.") ? rowId.safeParse(arg) : null;
    return campaignId?.success ? { respondent: { campaignId: campaignId.data } } : null;
  });
  installCampaignList(kit);
  installDefinitionUpload(kit);
  installCampaignWizard(kit);
  installCampaignResults(kit);
  installCampaignExports(kit);
  installRespondentEntry(kit);
  installRespondentAnswers(kit);
  installRespondentSubmit(kit);
  installRespondentInput(kit);
}
