// Campaigns for compliance officers: upload a definition (/survey_upload), set up a
// campaign (definition → mode → audience → dates → confirm), follow the response rate,
// read results (overall or for one group), get charts and exports, close early.
import { randomBytes } from "node:crypto";
import { InlineKeyboard, InputFile, type Composer } from "grammy";
import { z } from "zod";
import type { SurveyConfig } from "../../../config.js";
import type { Lang } from "../../../domain/lang.js";
import { audit } from "../../../db/repositories/audit.js";
import { closeCampaign, createCampaign, getCampaign, listCampaigns, responseRate, type Audience, type CampaignRecord } from "../../../db/repositories/campaigns.js";
import { listDepartments } from "../../../db/repositories/departments.js";
import { getDefinition, listLatestDefinitions, saveDefinition } from "../../../db/repositories/survey-definitions.js";
import { toIsoDate } from "../../../domain/calendar/time-zone.js";
import { groupingQuestions } from "../../../domain/surveys/aggregate.js";
import { answerCodes, MAX_DEFINITION_BYTES, parseDefinitionFile, type DefinitionIssue } from "../../../domain/surveys/definition.js";
import { ROLES, type Role } from "../../../domain/roles.js";
import { renderQuestionChart } from "../../../domain/surveys/report/chart.js";
import { exportResultsCsv } from "../../../domain/surveys/report/csv.js";
import { renderResultsDocx } from "../../../domain/surveys/report/docx.js";
import { exportInterviewXlsx, exportResultsXlsx } from "../../../domain/surveys/report/xlsx.js";
import type { SurveyResults } from "../../../domain/surveys/results.js";
import { computeInterviewExport, computeResults, launchCampaign } from "../../../services/surveys.js";
import type { TFunction } from "../../../i18n.js";
import type { AdalContext, BotDeps, CampaignDraft } from "../../context.js";
import { downloadTelegramFile, FileTooLargeError } from "../../files.js";
import type { MainMenu } from "../../menu.js";
import { button, hasAccess, type Router } from "../../router.js";
import { splitMessage } from "../../ui/reply.js";
import { standardLabels } from "./respondent.js";
import { formatDay, parseDateInput } from "../../../domain/dates.js";

const id = z.coerce.number().int().positive().max(2_147_483_647);
const nonce = z.string().regex(/^[A-Za-z0-9_-]{6,12}$/);
const small = z.coerce.number().int().min(0).max(99);
const lang = z.enum(["kk", "ru"]);

export const newCampaignButton = button("sc.n", "manageSurveys", z.tuple([]));
export const uploadDefinitionButton = button("sc.u", "manageSurveys", z.tuple([]));
export const pickDefinitionButton = button("sc.nd", "manageSurveys", z.tuple([nonce, id]));
export const pickModeButton = button("sc.nm", "manageSurveys", z.tuple([nonce, z.enum(["a", "t"])]));
export const pickAudienceButton = button("sc.na", "manageSurveys", z.tuple([nonce, z.enum(["all", "dep", "role", "depok", "roleok"])]));
export const toggleDepartmentButton = button("sc.nt", "manageSurveys", z.tuple([nonce, id]));
export const toggleRoleButton = button("sc.nr", "manageSurveys", z.tuple([nonce, z.enum(ROLES)]));
export const pickPeriodButton = button("sc.np", "manageSurveys", z.tuple([nonce, z.coerce.number().int().refine((d) => [7, 14, 30].includes(d))]));
export const confirmCampaignButton = button("sc.ok", "manageSurveys", z.tuple([nonce]));
export const cancelCampaignButton = button("sc.x", "manageSurveys", z.tuple([]));
export const viewCampaignButton = button("sc.v", "viewSummaries", z.tuple([id]));
export const resultsButton = button("sc.r", "viewSummaries", z.tuple([id]));
export const chartsButton = button("sc.ch", "viewSummaries", z.tuple([id]));
export const exportButton = button("sc.e", "viewSummaries", z.tuple([id, z.enum(["xlsx", "csv", "docx", "answers"]), lang]));
export const filterButton = button("sc.f", "viewSummaries", z.tuple([id]));
export const filterResultsButton = button("sc.fr", "viewSummaries", z.tuple([id, small, small]));
export const closeButton = button("sc.cl", "manageSurveys", z.tuple([id]));
export const closeConfirmButton = button("sc.clok", "manageSurveys", z.tuple([id]));

const MAX_LISTED = 15;
/** A file sent later than this after /survey_upload is not taken as a definition. */
const UPLOAD_WAIT_MS = 30 * 60 * 1000;

export interface CampaignHooks {
  /** Called after a campaign opened: invitations go out without waiting for the next tick. */
  onOpened(campaignId: number): void;
}

export function describeDefinitionIssue(t: TFunction, issue: DefinitionIssue): string {
  return `• ${issue.path}: ${t(`surveys.validation.${issue.code}`, issue.params ?? {})}`;
}

function percent(x: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === "kk" ? "kk-KZ" : "ru-RU", { style: "percent", maximumFractionDigits: 1 }).format(x);
}

export function installCampaigns(composer: Composer<AdalContext>, router: Router, menu: MainMenu, deps: BotDeps, settings: SurveyConfig & { timeZone: string }, hooks: CampaignHooks): void {
  const timeZone = settings.timeZone;
  const db = deps.db.prisma;
  const today = () => toIsoDate(deps.now(), timeZone);
  const addDays = (iso: string, days: number) => {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  };

  // ── list ──
  const list = async (ctx: AdalContext) => {
    const campaigns = await listCampaigns(db, MAX_LISTED);
    const kb = new InlineKeyboard();
    const lines = [ctx.t("campaigns.listTitle"), ""];
    if (campaigns.length === 0) lines.push(ctx.t("campaigns.none"));
    for (const c of campaigns) {
      const def = await getDefinition(db, c.definitionId);
      const rate = await responseRate(db, c.id);
      lines.push(
        ctx.t("campaigns.line", {
          id: c.id,
          title: def?.definition.title[ctx.lang] ?? "—",
          status: ctx.t(`campaigns.status.${c.status}`),
          from: formatDay(c.opensOn),
          to: formatDay(c.closesOn),
          completed: rate.completed,
          invited: rate.invited,
        }),
      );
      kb.text(`#${c.id}`, viewCampaignButton.encode([c.id]));
    }
    if (hasAccess(ctx, "manageSurveys")) kb.row().text(ctx.t("campaigns.newButton"), newCampaignButton.encode([])).text(ctx.t("campaigns.uploadButton"), uploadDefinitionButton.encode([]));
    await ctx.reply(lines.join("\n"), { reply_markup: kb });
  };
  // Observers (head, board) read campaigns and results; only compliance changes them.
  router.command({ name: "campaigns", access: "viewSummaries", descriptionKey: "commands.campaigns" }, list);
  menu.add({ id: "campaigns", labelKey: "menu.campaigns", access: "viewSummaries", run: list });

  // ── upload a definition ──
  const askDefinition = async (ctx: AdalContext) => {
    ctx.session.pendingUpload = { kind: "survey", since: deps.now().getTime() };
    await ctx.reply(ctx.t("campaigns.sendDefinition", { maxKb: MAX_DEFINITION_BYTES / 1024 }));
  };
  router.command({ name: "survey_upload", access: "manageSurveys", descriptionKey: "commands.survey_upload" }, askDefinition);
  router.button(uploadDefinitionButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await askDefinition(ctx);
  });

  composer.on("message:document", async (ctx, next) => {
    const pending = ctx.session.pendingUpload;
    if (pending?.kind !== "survey") return next();
    delete ctx.session.pendingUpload;
    if (!hasAccess(ctx, "manageSurveys") || deps.now().getTime() - pending.since > UPLOAD_WAIT_MS) return next();
    const doc = ctx.message.document;
    const name = doc.file_name ?? "survey.yaml";
    if (!/\.(ya?ml|json)$/i.test(name)) {
      await ctx.reply(ctx.t("campaigns.definitionFormat"));
      return;
    }
    let content: Buffer;
    try {
      content = await downloadTelegramFile(ctx, doc.file_id, MAX_DEFINITION_BYTES);
    } catch (error) {
      if (error instanceof FileTooLargeError) {
        await ctx.reply(ctx.t("surveys.validation.file_too_large", { maxKb: MAX_DEFINITION_BYTES / 1024 }));
        return;
      }
      throw error;
    }
    const parsed = parseDefinitionFile(content, name);
    if (!parsed.ok) {
      const text = [ctx.t("campaigns.definitionRejected", { count: parsed.issues.length }), ...parsed.issues.slice(0, 40).map((i) => describeDefinitionIssue(ctx.t, i))].join("\n");
      for (const part of splitMessage(text)) await ctx.reply(part);
      return;
    }
    const { record, created } = await saveDefinition(db, parsed.definition, "upload", ctx.user!.id);
    await audit(db, { actorUserId: ctx.user!.id, action: "survey.definition_uploaded", subject: `definition:${record.id}`, details: { slug: record.slug, version: record.version, created } });
    await ctx.reply(ctx.t(created ? "campaigns.definitionSaved" : "campaigns.definitionUnchanged", { title: parsed.definition.title[ctx.lang], slug: record.slug, version: record.version }), {
      reply_markup: new InlineKeyboard().text(ctx.t("campaigns.newButton"), newCampaignButton.encode([])),
    });
  });

  // ── new campaign wizard ──
  const draftOf = (ctx: AdalContext, n: string): CampaignDraft | null => (ctx.session.campaignDraft?.nonce === n ? ctx.session.campaignDraft : null);
  const stale = (ctx: AdalContext) => ctx.answerCallbackQuery({ text: ctx.t("common.staleButton"), show_alert: true });

  router.button(newCampaignButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    const defs = await listLatestDefinitions(db);
    if (defs.length === 0) {
      await ctx.reply(ctx.t("campaigns.noDefinitions"));
      return;
    }
    const n = randomBytes(6).toString("base64url");
    ctx.session.campaignDraft = { nonce: n };
    const kb = new InlineKeyboard();
    for (const d of defs.slice(0, 20)) kb.text(`${d.definition.title[ctx.lang]} (v${d.version})`.slice(0, 60), pickDefinitionButton.encode([n, d.id])).row();
    kb.text(ctx.t("common.cancelButton"), cancelCampaignButton.encode([]));
    await ctx.reply(ctx.t("campaigns.chooseDefinition"), { reply_markup: kb });
  });

  router.button(cancelCampaignButton, async (ctx) => {
    delete ctx.session.campaignDraft;
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("common.cancelled")).catch(() => undefined);
  });

  router.button(pickDefinitionButton, async (ctx, [n, definitionId]) => {
    const draft = draftOf(ctx, n);
    const def = draft ? await getDefinition(db, definitionId) : null;
    if (!draft || !def) return void (await stale(ctx));
    draft.definitionId = def.id;
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const suggested = def.definition.mode;
    await ctx.reply(ctx.t("campaigns.chooseMode", { title: def.definition.title[ctx.lang], suggested: ctx.t(`campaigns.mode.${suggested}`) }), {
      reply_markup: new InlineKeyboard().text(ctx.t("campaigns.mode.anonymous"), pickModeButton.encode([n, "a"])).row().text(ctx.t("campaigns.mode.attributed"), pickModeButton.encode([n, "t"])),
    });
  });

  const askAudience = async (ctx: AdalContext, n: string) => {
    await ctx.reply(ctx.t("campaigns.chooseAudience"), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t("campaigns.audience.all"), pickAudienceButton.encode([n, "all"]))
        .row()
        .text(ctx.t("campaigns.audience.departments"), pickAudienceButton.encode([n, "dep"]))
        .row()
        .text(ctx.t("campaigns.audience.roles"), pickAudienceButton.encode([n, "role"])),
    });
  };

  router.button(pickModeButton, async (ctx, [n, m]) => {
    const draft = draftOf(ctx, n);
    if (!draft?.definitionId) return void (await stale(ctx));
    draft.mode = m === "a" ? "anonymous" : "attributed";
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await askAudience(ctx, n);
  });

  const departmentKeyboard = async (ctx: AdalContext, n: string, selected: number[]) => {
    const kb = new InlineKeyboard();
    for (const d of (await listDepartments(db)).slice(0, 40)) kb.text(`${selected.includes(d.id) ? "☑️" : "⬜"} ${d.name}`.slice(0, 60), toggleDepartmentButton.encode([n, d.id])).row();
    return kb.text(ctx.t("campaigns.doneButton"), pickAudienceButton.encode([n, "depok"]));
  };
  const roleKeyboard = (ctx: AdalContext, n: string, selected: Role[]) => {
    const kb = new InlineKeyboard();
    for (const r of ROLES) kb.text(`${selected.includes(r) ? "☑️" : "⬜"} ${ctx.t(`roles.${r}`)}`, toggleRoleButton.encode([n, r])).row();
    return kb.text(ctx.t("campaigns.doneButton"), pickAudienceButton.encode([n, "roleok"]));
  };

  const askPeriod = async (ctx: AdalContext, n: string) => {
    const draft = ctx.session.campaignDraft!;
    draft.awaitingDates = true;
    const kb = new InlineKeyboard();
    for (const days of [7, 14, 30] as const) kb.text(ctx.t("campaigns.periodDays", { count: days }), pickPeriodButton.encode([n, days]));
    await ctx.reply(ctx.t("campaigns.choosePeriod", { example: `${formatDay(today())} – ${formatDay(addDays(today(), 14))}` }), { reply_markup: kb });
  };

  router.button(pickAudienceButton, async (ctx, [n, choice]) => {
    const draft = draftOf(ctx, n);
    if (!draft?.mode) return void (await stale(ctx));
    await ctx.answerCallbackQuery();
    if (choice === "all") draft.audience = { kind: "all" };
    if (choice === "dep") {
      draft.audience = { kind: "departments", ids: [] };
      await ctx.editMessageText(ctx.t("campaigns.chooseDepartments"), { reply_markup: await departmentKeyboard(ctx, n, []) }).catch(() => undefined);
      return;
    }
    if (choice === "role") {
      draft.audience = { kind: "roles", roles: [] };
      await ctx.editMessageText(ctx.t("campaigns.chooseRoles"), { reply_markup: roleKeyboard(ctx, n, []) }).catch(() => undefined);
      return;
    }
    const a = draft.audience;
    if ((choice === "depok" && (a?.kind !== "departments" || a.ids.length === 0)) || (choice === "roleok" && (a?.kind !== "roles" || a.roles.length === 0))) {
      await ctx.reply(ctx.t("campaigns.audienceEmpty"));
      return;
    }
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await askPeriod(ctx, n);
  });

  router.button(toggleDepartmentButton, async (ctx, [n, departmentId]) => {
    const draft = draftOf(ctx, n);
    if (!draft || draft.audience?.kind !== "departments") return void (await stale(ctx));
    const ids = new Set(draft.audience.ids);
    if (ids.has(departmentId)) ids.delete(departmentId);
    else ids.add(departmentId);
    draft.audience = { kind: "departments", ids: [...ids] };
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({ reply_markup: await departmentKeyboard(ctx, n, [...ids]) }).catch(() => undefined);
  });

  router.button(toggleRoleButton, async (ctx, [n, role]) => {
    const draft = draftOf(ctx, n);
    if (!draft || draft.audience?.kind !== "roles") return void (await stale(ctx));
    const roles = new Set(draft.audience.roles);
    if (roles.has(role)) roles.delete(role);
    else roles.add(role);
    draft.audience = { kind: "roles", roles: [...roles] };
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup({ reply_markup: roleKeyboard(ctx, n, [...roles]) }).catch(() => undefined);
  });

  const summarize = async (ctx: AdalContext, draft: CampaignDraft) => {
    const def = await getDefinition(db, draft.definitionId!);
    const audience = await describeAudience(ctx, draft.audience!);
    await ctx.reply(
      ctx.t("campaigns.summary", {
        title: def?.definition.title[ctx.lang] ?? "—",
        version: def?.version ?? 0,
        mode: ctx.t(`campaigns.mode.${draft.mode}`),
        audience,
        from: formatDay(draft.opensOn!),
        to: formatDay(draft.closesOn!),
      }),
      { reply_markup: new InlineKeyboard().text(ctx.t("campaigns.launchButton"), confirmCampaignButton.encode([draft.nonce])).text(ctx.t("common.cancelButton"), cancelCampaignButton.encode([])) },
    );
  };

  const setPeriod = async (ctx: AdalContext, draft: CampaignDraft, from: string, to: string): Promise<boolean> => {
    if (to < from) {
      await ctx.reply(ctx.t("campaigns.periodReversed"));
      return false;
    }
    if (to < today()) {
      await ctx.reply(ctx.t("campaigns.periodPast"));
      return false;
    }
    draft.opensOn = from < today() ? today() : from;
    draft.closesOn = to;
    delete draft.awaitingDates;
    await summarize(ctx, draft);
    return true;
  };

  router.button(pickPeriodButton, async (ctx, [n, days]) => {
    const draft = draftOf(ctx, n);
    if (!draft?.audience) return void (await stale(ctx));
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await setPeriod(ctx, draft, today(), addDays(today(), days - 1));
  });

  composer.on("message:text", async (ctx, next) => {
    const draft = ctx.session.campaignDraft;
    if (!draft?.awaitingDates || ctx.message.text.startsWith("/") || !hasAccess(ctx, "manageSurveys")) return next();
    const parts = ctx.message.text.split(/\s*[–—-]\s*(?=\d)|\s+/).filter(Boolean);
    const from = parts[0] ? parseDateInput(parts[0]) : null;
    const to = parts[1] ? parseDateInput(parts[1]) : null;
    if (parts.length !== 2 || !from || !to) {
      await ctx.reply(ctx.t("campaigns.periodInvalid", { example: `${formatDay(today())} – ${formatDay(addDays(today(), 14))}` }));
      return;
    }
    await setPeriod(ctx, draft, from, to);
  });

  router.button(confirmCampaignButton, async (ctx, [n]) => {
    const draft = draftOf(ctx, n);
    if (!draft?.closesOn || !draft.definitionId || !draft.mode || !draft.audience || !draft.opensOn) return void (await stale(ctx));
    delete ctx.session.campaignDraft;
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    const campaign = await createCampaign(db, {
      definitionId: draft.definitionId,
      mode: draft.mode,
      opensOn: draft.opensOn,
      closesOn: draft.closesOn,
      audience: draft.audience as Audience,
      reminderCap: 2,
      createdById: ctx.user!.id,
      today: today(),
    });
    await audit(db, { actorUserId: ctx.user!.id, action: "survey.campaign_created", subject: `campaign:${campaign.id}`, details: { mode: campaign.mode, opensOn: campaign.opensOn, closesOn: campaign.closesOn, audience: campaign.audience } });
    if (campaign.opensOn <= today()) {
      const people = (await launchCampaign(db, deps.keyring, campaign)) ?? 0;
      hooks.onOpened(campaign.id);
      await ctx.reply(ctx.t("campaigns.launched", { id: campaign.id, people }), { reply_markup: new InlineKeyboard().text(ctx.t("campaigns.viewButton"), viewCampaignButton.encode([campaign.id])) });
    } else {
      await ctx.reply(ctx.t("campaigns.scheduled", { id: campaign.id, date: formatDay(campaign.opensOn) }));
    }
  });

  async function describeAudience(ctx: AdalContext, audience: Audience | NonNullable<CampaignDraft["audience"]>): Promise<string> {
    if (audience.kind === "all") return ctx.t("campaigns.audience.all");
    if (audience.kind === "roles") return audience.roles.map((r) => ctx.t(`roles.${r}`)).join(", ");
    const names = new Map((await listDepartments(db)).map((d) => [d.id, d.name]));
    return audience.ids.map((i) => names.get(i) ?? "—").join(", ");
  }

  // ── one campaign ──
  const view = async (ctx: AdalContext, campaign: CampaignRecord) => {
    const def = await getDefinition(db, campaign.definitionId);
    const rate = await responseRate(db, campaign.id);
    const lines = [
      ctx.t("campaigns.viewTitle", { id: campaign.id, title: def?.definition.title[ctx.lang] ?? "—", version: def?.version ?? 0 }),
      ctx.t("campaigns.viewMeta", {
        mode: ctx.t(`campaigns.mode.${campaign.mode}`),
        status: ctx.t(`campaigns.status.${campaign.status}`),
        from: formatDay(campaign.opensOn),
        to: formatDay(campaign.closesOn),
        audience: await describeAudience(ctx, campaign.audience),
      }),
      "",
      ctx.t("campaigns.rate", { completed: rate.completed, invited: rate.invited, percent: percent(rate.invited ? rate.completed / rate.invited : 0, ctx.lang) }),
      ...(rate.notReachable ? [ctx.t("campaigns.notReachable", { count: rate.notReachable })] : []),
      ...rate.byDepartment.map((d) => ctx.t("campaigns.rateLine", { name: d.name || ctx.t("roster.noDepartment"), completed: d.completed, invited: d.invited, percent: percent(d.invited ? d.completed / d.invited : 0, ctx.lang) })),
    ];
    const kb = new InlineKeyboard()
      .text(ctx.t("campaigns.resultsButton"), resultsButton.encode([campaign.id]))
      .text(ctx.t("campaigns.chartsButton"), chartsButton.encode([campaign.id]))
      .text(ctx.t("campaigns.filterButton"), filterButton.encode([campaign.id]))
      .row()
      .text("XLSX kk", exportButton.encode([campaign.id, "xlsx", "kk"]))
      .text("XLSX ru", exportButton.encode([campaign.id, "xlsx", "ru"]))
      .text("CSV", exportButton.encode([campaign.id, "csv", ctx.lang]))
      .row()
      .text("DOCX kk", exportButton.encode([campaign.id, "docx", "kk"]))
      .text("DOCX ru", exportButton.encode([campaign.id, "docx", "ru"]));
    if (campaign.mode === "attributed" && hasAccess(ctx, "manageSurveys")) kb.row().text(ctx.t("campaigns.answersButton"), exportButton.encode([campaign.id, "answers", ctx.lang]));
    kb.row().text(ctx.t("campaigns.refreshButton"), viewCampaignButton.encode([campaign.id]));
    if (campaign.status !== "closed" && hasAccess(ctx, "manageSurveys")) kb.text(ctx.t("campaigns.closeButton"), closeButton.encode([campaign.id]));
    await ctx.reply(lines.join("\n"), { reply_markup: kb });
  };

  const withCampaign = (handler: (ctx: AdalContext, c: CampaignRecord, ...rest: never[]) => Promise<unknown>) => async (ctx: AdalContext, args: readonly (string | number)[]) => {
    const campaign = await getCampaign(db, Number(args[0]));
    if (!campaign) return void (await stale(ctx));
    await ctx.answerCallbackQuery();
    await (handler as (ctx: AdalContext, c: CampaignRecord, ...rest: unknown[]) => Promise<unknown>)(ctx, campaign, ...args.slice(1));
  };

  router.button(viewCampaignButton, withCampaign(view));

  const results = async (ctx: AdalContext, campaign: CampaignRecord, filter?: { questionId: string; code: string }): Promise<SurveyResults | null> => {
    const outcome = await computeResults(db, deps.keyring, { campaignId: campaign.id, today: today(), labels: standardLabels(deps), k: settings.minGroup, textK: settings.minTextGroup, ...(filter ? { filter } : {}) });
    if (!outcome.ok) {
      await ctx.reply(ctx.t(`campaigns.filterError.${outcome.error}`, { k: settings.minGroup }));
      return null;
    }
    return outcome.results;
  };

  const showResults = async (ctx: AdalContext, r: SurveyResults) => {
    const l = ctx.lang;
    const lines = [ctx.t("campaigns.resultsTitle", { title: r.title[l], responses: r.responses })];
    if (r.filter) lines.push(ctx.t("campaigns.resultsFilter", { question: r.filter.questionText[l], answer: r.filter.label[l] }));
    lines.push(ctx.t("campaigns.thresholdNote", { k: r.threshold.k, textK: r.threshold.textK }), "");
    r.questions.forEach((q, i) => {
      lines.push(`${i + 1}. ${q.text[l]}`);
      if (q.suppressed) lines.push(`   ${ctx.t("campaigns.suppressed", { answered: q.answered })}`);
      else if (q.options) for (const o of q.options) lines.push(`   ${o.label[l]}: ${o.count} (${percent(o.share, l)})`);
      else if (q.numbers) lines.push(`   ${ctx.t("campaigns.numbers", { count: q.numbers.count, mean: q.numbers.mean.toFixed(1), median: q.numbers.median, min: q.numbers.min, max: q.numbers.max })}`);
      if (!q.suppressed && q.texts) lines.push(`   ${ctx.t("campaigns.texts", { count: q.texts.length })}`);
      lines.push("");
    });
    for (const part of splitMessage(lines.join("\n"))) await ctx.reply(part);
  };

  router.button(
    resultsButton,
    withCampaign(async (ctx, campaign) => {
      const r = await results(ctx, campaign);
      if (r) await showResults(ctx, r);
    }),
  );

  router.button(
    filterButton,
    withCampaign(async (ctx, campaign) => {
      const def = await getDefinition(db, campaign.definitionId);
      const groups = def ? groupingQuestions(def.definition) : [];
      if (groups.length === 0) {
        await ctx.reply(ctx.t("campaigns.noGroups"));
        return;
      }
      const all = def!.definition.sections.flatMap((s) => s.questions);
      const kb = new InlineKeyboard();
      const labels = standardLabels(deps);
      for (const g of groups) {
        answerCodes(g)!.forEach((code, ci) => {
          const label = g.type === "single" ? (g.options.find((o) => o.code === code)?.label[ctx.lang] ?? code) : code === "yes" ? labels.yes[ctx.lang] : labels.no[ctx.lang];
          kb.text(`${g.text[ctx.lang].slice(0, 20)}: ${label}`.slice(0, 60), filterResultsButton.encode([campaign.id, all.indexOf(g), ci])).row();
        });
      }
      await ctx.reply(ctx.t("campaigns.chooseGroup"), { reply_markup: kb });
    }),
  );

  router.button(filterResultsButton, async (ctx, [campaignId, qi, ci]) => {
    const campaign = await getCampaign(db, campaignId);
    const def = campaign ? await getDefinition(db, campaign.definitionId) : null;
    const q = def?.definition.sections.flatMap((s) => s.questions)[qi];
    const code = q ? answerCodes(q)?.[ci] : undefined;
    if (!campaign || !q || code === undefined) return void (await stale(ctx));
    await ctx.answerCallbackQuery();
    const r = await results(ctx, campaign, { questionId: q.id, code });
    if (r) await showResults(ctx, r);
  });

  router.button(
    chartsButton,
    withCampaign(async (ctx, campaign) => {
      const r = await results(ctx, campaign);
      if (!r) return;
      const charted = r.questions.filter((q) => !q.suppressed && (q.options || q.numbers));
      if (charted.length === 0) {
        await ctx.reply(ctx.t("campaigns.noCharts", { k: r.threshold.k }));
        return;
      }
      await ctx.replyWithChatAction("upload_photo");
      for (const [i, q] of charted.entries()) {
        const png = await renderQuestionChart(q, ctx.lang, ctx.t);
        await ctx.replyWithPhoto(new InputFile(png, `q${i + 1}.png`), { caption: `${r.questions.indexOf(q) + 1}. ${q.text[ctx.lang]}`.slice(0, 1000) });
      }
    }),
  );

  router.button(exportButton, async (ctx, [campaignId, format, exportLang]) => {
    const campaign = await getCampaign(db, campaignId);
    if (!campaign) return void (await stale(ctx));
    await ctx.answerCallbackQuery();
    await ctx.replyWithChatAction("upload_document");
    const t = deps.i18n.t(exportLang);
    const stamp = today();
    if (format === "answers") {
      // Named answers are personal data: compliance only, never observers.
      if (!hasAccess(ctx, "manageSurveys")) return void (await ctx.reply(ctx.t("common.notAllowed")));
      const data = await computeInterviewExport(db, { campaignId, today: stamp, labels: standardLabels(deps) });
      if (!data) return void (await ctx.reply(ctx.t("campaigns.notAttributed")));
      await ctx.replyWithDocument(new InputFile(await exportInterviewXlsx(data, exportLang, t), `interview-${campaignId}-${stamp}-${exportLang}.xlsx`));
      await audit(db, { actorUserId: ctx.user!.id, action: "survey.answers_exported", subject: `campaign:${campaignId}` });
      return;
    }
    const r = await results(ctx, campaign);
    if (!r) return;
    const base = `survey-${campaignId}-${stamp}-${exportLang}`;
    const file =
      format === "xlsx"
        ? new InputFile(await exportResultsXlsx(r, exportLang, t), `${base}.xlsx`)
        : format === "csv"
          ? new InputFile(Buffer.from(exportResultsCsv(r, exportLang, t), "utf8"), `${base}.csv`)
          : new InputFile(await renderResultsDocx(r, exportLang, t), `${base}.docx`);
    await ctx.replyWithDocument(file);
  });

  router.button(
    closeButton,
    withCampaign(async (ctx, campaign) => {
      if (campaign.status === "closed") return void (await ctx.reply(ctx.t("surveys.closed")));
      await ctx.reply(ctx.t("campaigns.closeConfirm", { id: campaign.id }), {
        reply_markup: new InlineKeyboard().text(ctx.t("campaigns.closeButton"), closeConfirmButton.encode([campaign.id])).text(ctx.t("common.cancelButton"), cancelCampaignButton.encode([])),
      });
    }),
  );

  router.button(
    closeConfirmButton,
    withCampaign(async (ctx, campaign) => {
      await ctx.editMessageReplyMarkup().catch(() => undefined);
      if (!(await closeCampaign(db, campaign.id, today()))) return void (await ctx.reply(ctx.t("surveys.closed")));
      await audit(db, { actorUserId: ctx.user!.id, action: "survey.campaign_closed", subject: `campaign:${campaign.id}` });
      await ctx.reply(ctx.t("campaigns.closedNow", { id: campaign.id }));
    }),
  );
}
