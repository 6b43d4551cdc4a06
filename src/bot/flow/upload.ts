// The "send me the file" flows (roster, survey definition, action plan, other sources' figures) take their file
// the same way: anything but a document leaves the wait on; a document ends it, and counts
// only while the sender still has the right and within UPLOAD_WAIT_MS of being asked.
import type { Document } from "grammy/types";
import { hasAccess, type Access } from "../router.js";
import type { FlowDispatcher, MessageContext } from "./dispatcher.js";
import type { PlanUploadFlow, RosterUploadFlow, SourceUploadFlow, SurveyUploadFlow } from "./types.js";

/** How long after the request a file is still taken as the upload. */
export const UPLOAD_WAIT_MS = 30 * 60 * 1000;

/** The document this message brings for the upload flow, or null: then pass the message on. */
export function takeUpload(ctx: MessageContext, flows: FlowDispatcher, flow: RosterUploadFlow | SurveyUploadFlow | PlanUploadFlow | SourceUploadFlow, access: Access): Document | null {
  const doc = ctx.message.document;
  if (!doc) return null;
  flows.end(ctx, flow.kind);
  if (!hasAccess(ctx, access) || ctx.deps.now().getTime() - flow.since > UPLOAD_WAIT_MS) return null;
  return doc;
}
