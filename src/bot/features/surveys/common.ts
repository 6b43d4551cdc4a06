// Small pieces every screen of the survey feature uses: today in the organisation's time
// zone, day arithmetic, percentages, definitions (immutable per version, so cached), the
// audience in words, and the campaign behind a button.
import type { Lang } from "../../../domain/lang.js";
import { toIsoDate } from "../../../domain/calendar/time-zone.js";
import { getDefinition } from "../../../db/repositories/survey-definitions.js";
import type { SurveyDefinition } from "../../../domain/surveys/definition.js";
import { getCampaign, type CampaignRecord } from "../../../db/repositories/campaigns.js";
import { listDepartments } from "../../../db/repositories/departments.js";
import type { Actor } from "../../../services/surveys.js";
import type { AdalContext } from "../../context.js";
import type { CampaignAudience } from "../../flow/types.js";
import { staleButton } from "../../ui/stale.js";

/** Today's date (ISO) where the organisation is. */
export function today(ctx: AdalContext): string {
  return toIsoDate(ctx.deps.now(), ctx.config.timeZone);
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function percent(x: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === "kk" ? "kk-KZ" : "ru-RU", { style: "percent", maximumFractionDigits: 1 }).format(x);
}

/** Definition versions are immutable: cached per database (tests run several side by side). */
const definitionCache = new WeakMap<object, Map<number, SurveyDefinition>>();

export async function definitionOf(ctx: AdalContext, definitionId: number): Promise<SurveyDefinition | null> {
  const db = ctx.deps.db.prisma;
  let cache = definitionCache.get(db);
  if (!cache) definitionCache.set(db, (cache = new Map()));
  if (!cache.has(definitionId)) {
    const record = await getDefinition(db, definitionId);
    if (!record) return null;
    cache.set(definitionId, record.definition);
  }
  return cache.get(definitionId)!;
}

/** What a campaign's audience is, in words: everyone, the roles, or the departments' names. */
export async function describeAudience(ctx: AdalContext, audience: CampaignAudience): Promise<string> {
  if (audience.kind === "all") return ctx.t("campaigns.audienceEveryone");
  if (audience.kind === "roles") return audience.roles.map((r) => ctx.t(`roles.${r}`)).join(", ");
  const names = new Map((await listDepartments(ctx.deps.db.prisma)).map((d) => [d.id, d.name]));
  return audience.ids.map((i) => names.get(i) ?? "—").join(", ");
}

/** A campaign button's handler: the campaign of the first argument, or a stale answer when it is gone. */
export function withCampaign<A extends readonly [number, ...unknown[]]>(handler: (ctx: AdalContext, campaign: CampaignRecord, args: A) => Promise<unknown>) {
  return async (ctx: AdalContext, args: A): Promise<void> => {
    const campaign = await getCampaign(ctx.deps.db.prisma, args[0]);
    if (!campaign) return staleButton(ctx);
    await ctx.answerCallbackQuery();
    await handler(ctx, campaign, args);
  };
}

/** Who is acting, for the service (audit entries, policies). */
export function actorOf(ctx: AdalContext): Actor {
  return { id: ctx.user!.id, role: ctx.user!.role };
}
