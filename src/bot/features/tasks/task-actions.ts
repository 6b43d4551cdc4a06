// What a responsible person does with a due date: done (with the evidence the completion
// form asks for — a text or a file), or need more time (a reason and a proposed date that a
// compliance officer approves or refuses; the person is told either way).
import type { NextFunction } from "grammy";
import type { FeatureKit } from "../../feature.js";
import type { MessageContext } from "../../flow/dispatcher.js";
import type { TaskInputFlow } from "../../flow/types.js";
import { approveButton, doneButton, moreTimeButton, proposeDateButton, refuseButton } from "./buttons.js";
import { askReason, decide, onDateButton, onProposedDate, onReason } from "./more-time.js";
import { askEvidence, onEvidence } from "./task-done.js";

/** Typed input of a responsible person: texts, and for the evidence also a file or photo. */
function onTaskInput(kit: FeatureKit, ctx: MessageContext, flow: TaskInputFlow, next: NextFunction): unknown {
  const m = ctx.message;
  if (!ctx.user || (m.text === undefined && !m.document && !m.photo)) return next();
  if (flow.input === "done") return onEvidence(ctx, kit.flows, kit.notifications, flow.occurrenceId);
  if (flow.input === "reason") return onReason(ctx, flow, kit.flows);
  return onProposedDate(ctx, flow, kit.flows, kit.notifications);
}

export function installTaskActions(kit: FeatureKit): void {
  kit.flows.register({
    kind: "taskInput",
    label: (flow) => (flow.input === "done" ? "flows.taskInput.done" : "flows.taskInput.extension"),
    onMessage: (ctx, flow, next) => onTaskInput(kit, ctx, flow, next),
  });
  kit.router.button(doneButton, (ctx, [occurrenceId]) => askEvidence(ctx, kit.flows, occurrenceId));
  kit.router.button(moreTimeButton, (ctx, [occurrenceId]) => askReason(ctx, kit.flows, occurrenceId));
  kit.router.button(proposeDateButton, (ctx, [occurrenceId, date]) => onDateButton(ctx, kit.flows, kit.notifications, occurrenceId, date));
  kit.router.button(approveButton, (ctx, [requestId]) => decide(ctx, kit.notifications, requestId, true));
  kit.router.button(refuseButton, (ctx, [requestId]) => decide(ctx, kit.notifications, requestId, false));
}
