import { z } from "zod";
import { INVITE_VALIDITY_DAYS } from "../../../domain/invites.js";
import { button } from "../../router.js";
import { nonceArg, rowId } from "../../ui/args.js";

export const rosterImportButton = button("ros.imp", "manageRoster", z.tuple([]));
export const rosterConfirmButton = button("ros.ok", "manageRoster", z.tuple([nonceArg]));
export const rosterCancelButton = button("ros.no", "manageRoster", z.tuple([]));

/** A validity offered when an invite is created (days). */
const validDays = z.coerce.number().int().refine((d) => (INVITE_VALIDITY_DAYS as readonly number[]).includes(d));

export const inviteKindButton = button("inv.k", "manageInvites", z.tuple([z.enum(["d", "p"])]));
export const inviteDepartmentButton = button("inv.d", "manageInvites", z.tuple([rowId]));
export const inviteDepartmentDaysButton = button("inv.dd", "manageInvites", z.tuple([rowId, validDays]));
export const invitePersonButton = button("inv.p", "manageInvites", z.tuple([rowId]));
export const invitePersonDaysButton = button("inv.pd", "manageInvites", z.tuple([rowId, validDays]));
export const inviteRevokeButton = button("inv.r", "manageInvites", z.tuple([rowId]));
