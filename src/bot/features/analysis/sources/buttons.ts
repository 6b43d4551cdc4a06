// The other sources' section of an analysis: the template, the upload and its confirmation, a
// typed figure, the list of figures and deleting one. Ids are part of sent messages.
import { z } from "zod";
import { button } from "../../../router.js";
import { nonceArg, rowId } from "../../../ui/args.js";

/** [analysis id] */
export const sourcesTemplateButton = button("as.tpl", "managePlan", z.tuple([rowId]));
export const sourcesUploadButton = button("as.up", "managePlan", z.tuple([rowId]));
export const sourcesAddButton = button("as.add", "managePlan", z.tuple([rowId]));
export const sourcesListButton = button("as.ls", "managePlan", z.tuple([rowId]));
/** The previewed file: [nonce]; leaving the upload or its preview. */
export const sourcesConfirmButton = button("as.ok", "managePlan", z.tuple([nonceArg]));
export const sourcesCancelButton = button("as.no", "managePlan", z.tuple([]));
/** Deleting a figure: asked, then confirmed. [analysis id, figure id] */
export const sourcesDeleteAskButton = button("as.d", "managePlan", z.tuple([rowId, rowId]));
export const sourcesDeleteButton = button("as.dd", "managePlan", z.tuple([rowId, rowId]));
