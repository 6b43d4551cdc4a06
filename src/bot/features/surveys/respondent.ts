// The respondent's side of a questionnaire: privacy notice, one question at a time with
// progress, back one step, skip optional, pause and resume (the draft is in the database,
// so a restart loses nothing), switch language mid-way, review, submit. Every button
// carries the draft's step number: a button from an older message is answered as stale
// and the current question is shown again.
import { InlineKeyboard, type Composer } from "grammy";
import { z } from "zod";
import type { SurveyConfig } from "../../../config.js";
import type { Lang } from "../../../domain/lang.js";
import { findParticipant, getCampaign, openCampaignsFor, type CampaignRecord } from "../../../db/repositories/campaigns.js";
import { getDefinition } from "../../../db/repositories/survey-definitions.js";
import { AlreadySubmittedError, deleteDraft, draftKey, loadDraft, saveDraft, submitAnonymous, submitAttributed, type DraftData } from "../../../db/repositories/survey-answers.js";
import { setUserLanguage } from "../../../db/repositories/users.js";
import { contribution, type StandardLabels } from "../../../domain/surveys/aggregate.js";
import { checkChoice, checkSelection, checkTypedAnswer, nextUnanswered, OTHER_MAX_LENGTH, previousQuestion, progress, pruneHidden, visibleQuestions, type AnswerError } from "../../../domain/surveys/answers.js";
import { allQuestions, answerCodes, type Question, type SurveyDefinition } from "../../../domain/surveys/definition.js";
import { displayAnswer } from "../../../domain/surveys/display.js";
import { scrubPersonalData } from "../../../domain/surveys/scrub.js";
import type { TFunction } from "../../../i18n.js";
import type { AdalContext, BotDeps } from "../../context.js";
import type { MainMenu } from "../../menu.js";
import { button, type Router } from "../../router.js";
import { syncUserCommands } from "../../commands.js";
import { splitMessage } from "../../ui/reply.js";
import { toIsoDate } from "../../../domain/calendar/time-zone.js";
import { formatDay } from "../../../domain/dates.js";

const id = z.coerce.number().int().positive().max(2_147_483_647);
const step = z.coerce.number().int().min(0).max(1_000_000);
const index = z.coerce.number().int().min(0).max(99);

export const openSurveyButton = button("sv.o", "registered", z.tuple([id]));
export const startButton = button("sv.go", "registered", z.tuple([id, step]));
export const laterButton = button("sv.p", "registered", z.tuple([id, step]));
export const answerButton = button("sv.a", "registered", z.tuple([id, step, index]));
export const toggleButton = button("sv.t", "registered", z.tuple([id, step, index]));
export const doneButton = button("sv.d", "registered", z.tuple([id, step]));
export const backButton = button("sv.b", "registered", z.tuple([id, step]));
export const skipButton = button("sv.s", "registered", z.tuple([id, step]));
export const languageButton = button("sv.l", "registered", z.tuple([id, step, z.enum(["kk", "ru"])]));
export const submitButton = button("sv.ok", "registered", z.tuple([id, step]));

export type SurveySettings = SurveyConfig & { timeZone: string };

/** Labels of codes the definitions don't spell out, from locales. */
export function standardLabels(deps: BotDeps): StandardLabels & { skipped: { kk: string; ru: string } } {
  const both = (key: string) => ({ kk: deps.i18n.t("kk")(key), ru: deps.i18n.t("ru")(key) });
  return { yes: both("surveys.yes"), no: both("surveys.no"), other: both("surveys.other"), skipped: both("surveys.skipped") };
}

export function installRespondent(composer: Composer<AdalContext>, router: Router, menu: MainMenu, deps: BotDeps, settings: SurveySettings): void {
  const db = deps.db.prisma;
  const definitions = new Map<number, SurveyDefinition>();
  const definitionOf = async (definitionId: number): Promise<SurveyDefinition | null> => {
    // Definition versions are immutable: cache them.
    if (!definitions.has(definitionId)) {
      const record = await getDefinition(db, definitionId);
      if (!record) return null;
      definitions.set(definitionId, record.definition);
    }
    return definitions.get(definitionId)!;
  };
  const today = () => toIsoDate(deps.now(), settings.timeZone);
  const expiry = () => new Date(deps.now().getTime() + settings.draftDays * 86_400_000);

  interface Loaded {
    campaign: CampaignRecord;
    def: SurveyDefinition;
    key: string;
    draft: DraftData;
  }

  /** Loads the campaign and the user's draft; answers the user itself when impossible. */
  async function load(ctx: AdalContext, campaignId: number, create: boolean): Promise<Loaded | null> {
    const user = ctx.user!;
    const campaign = await getCampaign(db, campaignId);
    const participant = campaign ? await findParticipant(db, campaignId, user.id) : null;
    const fail = async (key: string) => {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true });
      else await ctx.reply(ctx.t(key));
      return null;
    };
    if (!campaign || !participant) return fail("surveys.notInvited");
    if (participant.completedOn) return fail("surveys.alreadySubmitted");
    if (campaign.status !== "open") return fail(campaign.status === "closed" ? "surveys.closed" : "surveys.notOpenYet");
    const def = await definitionOf(campaign.definitionId);
    if (!def) return fail("common.error");
    const key = draftKey(deps.keyring, campaignId, ctx.from!.id);
    let draft = await loadDraft(db, deps.keyring, key, deps.now());
    if (!draft) {
      if (!create) return fail("surveys.draftExpired");
      draft = { campaignId, definitionId: campaign.definitionId, answers: {}, current: "notice", lang: ctx.lang, step: 1 };
      await saveDraft(db, deps.keyring, key, draft, expiry());
    }
    ctx.session.activeSurvey = campaignId;
    return { campaign, def, key, draft };
  }

  async function persist(l: Loaded): Promise<void> {
    l.draft.step++;
    await saveDraft(db, deps.keyring, l.key, l.draft, expiry());
  }

  const tFor = (l: Loaded): TFunction => deps.i18n.t(l.draft.lang);

  async function removeKeyboard(ctx: AdalContext): Promise<void> {
    if (ctx.callbackQuery?.message) await ctx.editMessageReplyMarkup().catch(() => undefined);
  }

  async function showNotice(ctx: AdalContext, l: Loaded): Promise<void> {
    const t = tFor(l);
    const text = [
      `📋 ${l.def.title[l.draft.lang]}`,
      l.def.description ? `\n${l.def.description[l.draft.lang]}` : "",
      "",
      l.campaign.mode === "anonymous" ? t("surveys.noticeAnonymous", { k: settings.minGroup, textK: settings.minTextGroup, days: settings.draftDays }) : t("surveys.noticeAttributed"),
      "",
      t("surveys.noticeDeadline", { date: formatDay(l.campaign.closesOn), count: visibleQuestions(l.def, l.draft.answers).length }),
    ].join("\n");
    const kb = new InlineKeyboard()
      .text(Object.keys(l.draft.answers).length ? t("surveys.continueButton") : t("surveys.startButton"), startButton.encode([l.campaign.id, l.draft.step]))
      .text(t("surveys.laterButton"), laterButton.encode([l.campaign.id, l.draft.step]))
      .row()
      .text(l.draft.lang === "kk" ? "🌐 Русский" : "🌐 Қазақша", languageButton.encode([l.campaign.id, l.draft.step, l.draft.lang === "kk" ? "ru" : "kk"]));
    await ctx.reply(text, { reply_markup: kb });
  }

  function typeHint(t: TFunction, q: Question, anonymous: boolean): string {
    switch (q.type) {
      case "single":
        return t("surveys.hint.single");
      case "multiple":
        return q.max !== undefined ? t("surveys.hint.multipleMax", { max: q.max }) : t("surveys.hint.multiple");
      case "scale":
        return t("surveys.hint.scale");
      case "yesno":
        return t("surveys.hint.single");
      case "number":
        return q.min !== undefined && q.max !== undefined
          ? t("surveys.hint.numberRange", { min: q.min, max: q.max })
          : q.min !== undefined
            ? t("surveys.hint.numberMin", { min: q.min })
            : t("surveys.hint.number");
      case "text":
        return t(anonymous ? "surveys.hint.textAnonymous" : "surveys.hint.text", { max: q.maxLength });
      case "date":
        return t("surveys.hint.date");
    }
  }

  async function showQuestion(ctx: AdalContext, l: Loaded, q: Question): Promise<void> {
    const t = tFor(l);
    const lang = l.draft.lang;
    const { position, total } = progress(l.def, l.draft.answers, q.id);
    const section = l.def.sections.find((s) => s.questions.some((x) => x.id === q.id))!;
    const lines = [`📋 ${section.title[lang]} · ${position}/${total}`, "", q.text[lang]];
    if (q.help) lines.push("", `ℹ️ ${q.help[lang]}`);
    if (q.type === "scale") {
      lines.push("");
      for (let p = q.min; p <= q.max; p++) lines.push(`${p} — ${q.labels[String(p)]![lang]}`);
    }
    const current = l.draft.answers[q.id];
    const shown = current ? displayAnswer(q, current, lang, standardLabels(deps)) : null;
    if (shown && q.type !== "multiple") lines.push("", t("surveys.currentAnswer", { answer: shown }));
    lines.push("", `✏️ ${typeHint(t, q, l.campaign.mode === "anonymous")}${q.optional ? ` ${t("surveys.optionalMark")}` : ""}`);
    const kb = new InlineKeyboard();
    const cid = l.campaign.id;
    const s = l.draft.step;
    if (q.type === "single" || q.type === "yesno" || q.type === "scale") {
      const codes = answerCodes(q)!;
      const labels = standardLabels(deps);
      codes.forEach((code, i) => {
        const label = q.type === "scale" ? code : q.type === "yesno" ? (code === "yes" ? labels.yes[lang] : labels.no[lang]) : code === "other" ? `${labels.other[lang]}…` : q.options[i]!.label[lang];
        kb.text(label, answerButton.encode([cid, s, i]));
        if (q.type !== "scale" && q.type !== "yesno") kb.row();
      });
      if (q.type === "scale" || q.type === "yesno") kb.row();
    } else if (q.type === "multiple") {
      const selected = new Set(l.draft.selection ?? (current && "codes" in current ? current.codes : []));
      const labels = standardLabels(deps);
      answerCodes(q)!.forEach((code, i) => {
        const label = code === "other" ? `${labels.other[lang]}…` : q.options[i]!.label[lang];
        kb.text(`${selected.has(code) ? "☑️" : "⬜"} ${label}`, toggleButton.encode([cid, s, i])).row();
      });
      kb.text(t("surveys.doneButton"), doneButton.encode([cid, s])).row();
    }
    if (previousQuestion(l.def, l.draft.answers, q.id)) kb.text(t("surveys.backButton"), backButton.encode([cid, s]));
    if (q.optional) kb.text(t("surveys.skipButton"), skipButton.encode([cid, s]));
    kb.row().text(t("surveys.pauseButton"), laterButton.encode([cid, s])).text(lang === "kk" ? "🌐 RU" : "🌐 ҚАЗ", languageButton.encode([cid, s, lang === "kk" ? "ru" : "kk"]));
    await ctx.reply(lines.join("\n"), { reply_markup: kb });
  }

  async function showReview(ctx: AdalContext, l: Loaded): Promise<void> {
    const t = tFor(l);
    const lang = l.draft.lang;
    const labels = standardLabels(deps);
    const lines = [t("surveys.reviewTitle"), ""];
    visibleQuestions(l.def, l.draft.answers).forEach((q, i) => {
      lines.push(`${i + 1}. ${q.text[lang]}`, `   → ${displayAnswer(q, l.draft.answers[q.id], lang, labels) ?? "—"}`);
    });
    lines.push("", l.campaign.mode === "anonymous" ? t("surveys.reviewAnonymous") : t("surveys.reviewAttributed"));
    const parts = splitMessage(lines.join("\n"));
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      await ctx.reply(
        part,
        last
          ? {
              reply_markup: new InlineKeyboard()
                .text(t("surveys.submitButton"), submitButton.encode([l.campaign.id, l.draft.step]))
                .row()
                .text(t("surveys.backButton"), backButton.encode([l.campaign.id, l.draft.step]))
                .text(t("surveys.pauseButton"), laterButton.encode([l.campaign.id, l.draft.step])),
            }
          : {},
      );
    }
  }

  /** Shows whatever the draft says is current. */
  async function showCurrent(ctx: AdalContext, l: Loaded): Promise<void> {
    if (l.draft.current === "notice") return showNotice(ctx, l);
    if (l.draft.current === "review") return showReview(ctx, l);
    const q = allQuestions(l.def).find((x) => x.id === l.draft.current);
    if (!q) return showReview(ctx, l);
    if (l.draft.awaitingOther === q.id) {
      const t = tFor(l);
      await ctx.reply(t("surveys.askOther", { max: OTHER_MAX_LENGTH }), {
        reply_markup: new InlineKeyboard().text(t("surveys.backButton"), backButton.encode([l.campaign.id, l.draft.step])).text(t("surveys.pauseButton"), laterButton.encode([l.campaign.id, l.draft.step])),
      });
      return;
    }
    return showQuestion(ctx, l, q);
  }

  /** Moves to the next unanswered question, or to the review. */
  async function advance(ctx: AdalContext, l: Loaded): Promise<void> {
    l.draft.answers = pruneHidden(l.def, l.draft.answers);
    delete l.draft.selection;
    const next = nextUnanswered(l.def, l.draft.answers);
    l.draft.current = next ? next.id : "review";
    await persist(l);
    await showCurrent(ctx, l);
  }

  /** Common checks for a button press: draft exists, step matches. */
  async function forButton(ctx: AdalContext, campaignId: number, s: number): Promise<Loaded | null> {
    const l = await load(ctx, campaignId, false);
    if (!l) return null;
    if (s !== l.draft.step) {
      await ctx.answerCallbackQuery({ text: tFor(l)("surveys.staleQuestion") });
      await removeKeyboard(ctx);
      await showCurrent(ctx, l);
      return null;
    }
    await ctx.answerCallbackQuery();
    await removeKeyboard(ctx);
    return l;
  }

  function currentQuestion(l: Loaded): Question | null {
    return allQuestions(l.def).find((q) => q.id === l.draft.current) ?? null;
  }

  async function explain(ctx: AdalContext, l: Loaded, error: AnswerError): Promise<void> {
    const t = tFor(l);
    await ctx.reply(`⚠️ ${t(`surveys.error.${error.code}`, "limit" in error ? { limit: error.limit } : {})}`);
  }

  // ── entry points ──

  const listOpen = async (ctx: AdalContext) => {
    const open = await openCampaignsFor(db, ctx.user!.id);
    if (open.length === 0) {
      await ctx.reply(ctx.t("surveys.noneOpen"));
      return;
    }
    const kb = new InlineKeyboard();
    for (const o of open) kb.text(`📋 ${(JSON.parse(o.title) as Record<Lang, string>)[ctx.lang]}`.slice(0, 64), openSurveyButton.encode([o.campaign.id])).row();
    await ctx.reply(ctx.t("surveys.chooseSurvey"), { reply_markup: kb });
  };
  router.command({ name: "surveys", access: "registered", descriptionKey: "commands.surveys" }, listOpen);
  menu.add({ id: "surveys", labelKey: "menu.surveys", access: "registered", run: listOpen });

  router.button(openSurveyButton, async (ctx, [campaignId]) => {
    const l = await load(ctx, campaignId, true);
    if (!l) return;
    await ctx.answerCallbackQuery();
    await showCurrent(ctx, l);
  });

  router.button(startButton, async (ctx, [campaignId, s]) => {
    const l = await forButton(ctx, campaignId, s);
    if (!l) return;
    await advance(ctx, l);
  });

  router.button(laterButton, async (ctx, [campaignId, s]) => {
    const l = await forButton(ctx, campaignId, s);
    if (!l) return;
    delete ctx.session.activeSurvey;
    await ctx.reply(tFor(l)("surveys.paused", { date: formatDay(l.campaign.closesOn) }), {
      reply_markup: new InlineKeyboard().text(tFor(l)("surveys.resumeButton"), openSurveyButton.encode([campaignId])),
    });
  });

  router.button(languageButton, async (ctx, [campaignId, s, lang]) => {
    const l = await forButton(ctx, campaignId, s);
    if (!l) return;
    l.draft.lang = lang;
    if (ctx.user) {
      ctx.user = await setUserLanguage(db, ctx.user.id, lang);
      await syncUserCommands(ctx.api, router, ctx.user, deps).catch((e: Error) => deps.logger.warn({ event: "set_commands_failed", message: e.message }, "setMyCommands failed"));
    }
    await persist(l);
    await showCurrent(ctx, l);
  });

  router.button(answerButton, async (ctx, [campaignId, s, i]) => {
    const l = await forButton(ctx, campaignId, s);
    if (!l) return;
    const q = currentQuestion(l);
    const code = q ? answerCodes(q)?.[i] : undefined;
    const checked = q && code !== undefined ? checkChoice(q, code) : null;
    if (!q || !checked || !checked.ok) {
      await showCurrent(ctx, l);
      return;
    }
    l.draft.answers[q.id] = checked.value;
    if (code === "other") {
      l.draft.awaitingOther = q.id;
      await persist(l);
      await showCurrent(ctx, l);
      return;
    }
    await advance(ctx, l);
  });

  router.button(toggleButton, async (ctx, [campaignId, s, i]) => {
    const l = await forButton(ctx, campaignId, s);
    if (!l) return;
    const q = currentQuestion(l);
    const code = q?.type === "multiple" ? answerCodes(q)![i] : undefined;
    if (!q || code === undefined) return showCurrent(ctx, l);
    const current = l.draft.answers[q.id];
    const selected = new Set(l.draft.selection ?? (current && "codes" in current ? current.codes : []));
    if (selected.has(code)) selected.delete(code);
    else selected.add(code);
    l.draft.selection = [...selected];
    await persist(l);
    await showQuestion(ctx, l, q);
  });

  router.button(doneButton, async (ctx, [campaignId, s]) => {
    const l = await forButton(ctx, campaignId, s);
    if (!l) return;
    const q = currentQuestion(l);
    if (!q || q.type !== "multiple") return showCurrent(ctx, l);
    const current = l.draft.answers[q.id];
    const selection = l.draft.selection ?? (current && "codes" in current ? current.codes : []);
    if (selection.length === 0 && q.optional) {
      l.draft.answers[q.id] = { skipped: true };
      return advance(ctx, l);
    }
    const checked = checkSelection(q, selection);
    if (!checked.ok) {
      await explain(ctx, l, checked.error);
      return showQuestion(ctx, l, q);
    }
    l.draft.answers[q.id] = checked.value;
    delete l.draft.selection;
    if ("codes" in checked.value && checked.value.codes.includes("other")) {
      l.draft.awaitingOther = q.id;
      await persist(l);
      return showCurrent(ctx, l);
    }
    await advance(ctx, l);
  });

  router.button(skipButton, async (ctx, [campaignId, s]) => {
    const l = await forButton(ctx, campaignId, s);
    if (!l) return;
    const q = currentQuestion(l);
    if (!q || !q.optional) return showCurrent(ctx, l);
    l.draft.answers[q.id] = { skipped: true };
    delete l.draft.awaitingOther;
    await advance(ctx, l);
  });

  router.button(backButton, async (ctx, [campaignId, s]) => {
    const l = await forButton(ctx, campaignId, s);
    if (!l) return;
    delete l.draft.selection;
    if (l.draft.awaitingOther) {
      // Back from "please specify": the same question again, to pick another option.
      delete l.draft.answers[l.draft.awaitingOther];
      delete l.draft.awaitingOther;
      await persist(l);
      return showCurrent(ctx, l);
    }
    const visible = visibleQuestions(l.def, l.draft.answers);
    const prev = l.draft.current === "review" ? visible[visible.length - 1] : previousQuestion(l.def, l.draft.answers, l.draft.current);
    if (prev) {
      // The earlier answer stays until replaced, so going back loses nothing.
      l.draft.current = prev.id;
    }
    await persist(l);
    await showCurrent(ctx, l);
  });

  router.button(submitButton, async (ctx, [campaignId, s]) => {
    const l = await forButton(ctx, campaignId, s);
    if (!l) return;
    const t = tFor(l);
    const missing = nextUnanswered(l.def, l.draft.answers);
    if (missing) {
      l.draft.current = missing.id;
      await persist(l);
      return showCurrent(ctx, l);
    }
    const answers = pruneHidden(l.def, l.draft.answers);
    try {
      if (l.campaign.mode === "anonymous") {
        const c = contribution(l.def, answers, (text) => scrubPersonalData(text).text);
        await submitAnonymous(db, deps.db.provider, deps.keyring, { campaignId, userId: ctx.user!.id, today: today(), contribution: c, draftKey: l.key });
      } else {
        await submitAttributed(db, { campaignId, userId: ctx.user!.id, today: today(), answers, draftKey: l.key });
      }
    } catch (error) {
      if (error instanceof AlreadySubmittedError) {
        await deleteDraft(db, l.key);
        await ctx.reply(t("surveys.alreadySubmitted"));
        return;
      }
      throw error;
    }
    delete ctx.session.activeSurvey;
    // No campaign or respondent in the log line of an anonymous submission.
    deps.logger.info({ event: "survey_submitted", mode: l.campaign.mode }, "survey submitted");
    await ctx.reply(l.campaign.mode === "anonymous" ? t("surveys.thanksAnonymous") : t("surveys.thanksAttributed"));
  });

  // Typed answers: numbers, texts, dates and the text of "other".
  composer.on("message:text", async (ctx, next) => {
    const campaignId = ctx.session.activeSurvey;
    if (!campaignId || !ctx.user || ctx.message.text.startsWith("/")) return next();
    const key = draftKey(deps.keyring, campaignId, ctx.from.id);
    const draft = await loadDraft(db, deps.keyring, key, deps.now());
    if (!draft) {
      // Expired (submitted surveys clear activeSurvey themselves): say so rather than ignore.
      delete ctx.session.activeSurvey;
      await ctx.reply(ctx.t("surveys.draftExpired"));
      return;
    }
    const l = await load(ctx, campaignId, false);
    if (!l) return;
    const q = currentQuestion(l);
    if (!q) return showCurrent(ctx, l);
    const t = tFor(l);
    if (l.draft.awaitingOther === q.id) {
      const other = ctx.message.text.trim();
      if (!other) return showCurrent(ctx, l);
      if (other.length > OTHER_MAX_LENGTH) return explain(ctx, l, { code: "too_long", limit: OTHER_MAX_LENGTH });
      const a = l.draft.answers[q.id];
      if (a && ("code" in a || "codes" in a)) a.other = other;
      delete l.draft.awaitingOther;
      if (l.campaign.mode === "anonymous") {
        const { removed } = scrubPersonalData(other);
        if (removed > 0) await ctx.reply(t("surveys.scrubbedNotice", { count: removed }));
      }
      return advance(ctx, l);
    }
    if (q.type !== "number" && q.type !== "text" && q.type !== "date") {
      await ctx.reply(`⚠️ ${t("surveys.error.useButtons")}`);
      return showQuestion(ctx, l, q);
    }
    const checked = checkTypedAnswer(q, ctx.message.text);
    if (!checked.ok) {
      await explain(ctx, l, checked.error);
      return showQuestion(ctx, l, q);
    }
    if ("text" in checked.value && l.campaign.mode === "anonymous") {
      const { removed } = scrubPersonalData(checked.value.text);
      if (removed > 0) await ctx.reply(t("surveys.scrubbedNotice", { count: removed }));
    }
    l.draft.answers[q.id] = checked.value;
    await advance(ctx, l);
  });

  // Anything else while a typed answer is expected: explain instead of ignoring it.
  composer.on("message", async (ctx, next) => {
    const campaignId = ctx.session.activeSurvey;
    if (!campaignId || !ctx.user || ctx.message.text !== undefined || ctx.message.contact || ctx.session.pendingUpload) return next();
    const draft = await loadDraft(db, deps.keyring, draftKey(deps.keyring, campaignId, ctx.from.id), deps.now());
    if (!draft || draft.current === "notice" || draft.current === "review") return next();
    await ctx.reply(`⚠️ ${deps.i18n.t(draft.lang)("surveys.error.textOnly")}`);
  });
}

