// Done: the responsible person sends the evidence the completion form asks for — a text or a
// file — and compliance is told.
import { formatDay } from "../../../domain/dates.js";
import { markDone, ownOpenOccurrence } from "../../../services/tasks.js";
import type { AdalContext } from "../../context.js";
import type { FlowDispatcher, MessageContext } from "../../flow/dispatcher.js";
import type { Notifications } from "../../notifications/index.js";
import { staleButton } from "../../ui/stale.js";
import { tellCompliance } from "./compliance.js";
import { today } from "./today.js";
import { taskTitle } from "./titles.js";

export const MAX_EVIDENCE_TEXT = 2000;

/** The open due date this user is responsible for; answers the button otherwise. */
export async function ownOpenOrAnswer(ctx: AdalContext, occurrenceId: number) {
  const o = await ownOpenOccurrence(ctx.deps.db.prisma, ctx.user!.id, occurrenceId);
  if (o === "notOwn") return void (await staleButton(ctx));
  if (o === "closed") return void (await ctx.answerCallbackQuery({ text: ctx.t("tasks.alreadyClosed"), show_alert: true }));
  return o;
}

export async function askEvidence(ctx: AdalContext, flows: FlowDispatcher, occurrenceId: number): Promise<void> {
  const o = await ownOpenOrAnswer(ctx, occurrenceId);
  if (!o) return;
  await ctx.answerCallbackQuery();
  await flows.start(ctx, { kind: "taskInput", input: "done", occurrenceId });
  await ctx.reply(ctx.t("tasks.askEvidence", { form: o.task.completionForm ?? "—", max: MAX_EVIDENCE_TEXT }));
}

type Evidence = { text?: string; fileId?: string; fileName?: string };

/** The evidence in a message: a document or photo (its caption as text), or a text. */
function evidenceOf(ctx: MessageContext): Evidence | "invalid" {
  const m = ctx.message;
  const caption = m.caption ? { text: m.caption.slice(0, MAX_EVIDENCE_TEXT) } : {};
  if (m.document) return { fileId: m.document.file_id, fileName: m.document.file_name ?? "file", ...caption };
  if (m.photo) return { fileId: m.photo.at(-1)!.file_id, fileName: "photo.jpg", ...caption };
  const value = (m.text ?? "").trim();
  return !value || value.length > MAX_EVIDENCE_TEXT ? "invalid" : { text: value };
}

export async function onEvidence(ctx: MessageContext, flows: FlowDispatcher, notifications: Notifications, occurrenceId: number): Promise<void> {
  const evidence = evidenceOf(ctx);
  if (evidence === "invalid") return void (await ctx.reply(ctx.t("tasks.evidenceInvalid", { max: MAX_EVIDENCE_TEXT })));
  const o = await markDone(ctx.deps.db.prisma, { occurrenceId, actorUserId: ctx.user!.id, today: today(ctx), encryptedEvidence: ctx.deps.keyring.encrypt(JSON.stringify(evidence)) });
  flows.end(ctx, "taskInput");
  if (!o) return void (await ctx.reply(ctx.t("tasks.alreadyClosed")));
  const title = taskTitle(ctx.t, o.task);
  await ctx.reply(ctx.t("tasks.doneConfirmed", { title, date: formatDay(o.dueOn) }));
  const who = ctx.user!.fullName;
  await tellCompliance(ctx, notifications, (to) => ({ kind: "taskDone", ...to, title, dueOn: o.dueOn, who }));
}
