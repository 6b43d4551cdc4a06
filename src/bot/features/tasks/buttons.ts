// Every button of the deadline screens (ids and argument formats are what old messages carry).
import { z } from "zod";
import { button } from "../../router.js";
import { nonceArg, rowId } from "../../ui/args.js";

/** Opens one due date (details, done, need more time); reminders carry it too. */
export const openTaskButton = button("tk.o", "registered", z.tuple([rowId]));
export const doneButton = button("tk.d", "registered", z.tuple([rowId]));
export const moreTimeButton = button("tk.x", "registered", z.tuple([rowId]));
/** A working day offered instead of a day off as the new due date (YYYYMMDD). */
export const proposeDateButton = button("tk.xd", "registered", z.tuple([rowId, z.string().regex(/^\d{8}$/)]));
export const approveButton = button("tk.xa", "managePlan", z.tuple([rowId]));
export const refuseButton = button("tk.xr", "managePlan", z.tuple([rowId]));

export const planImportButton = button("pl.imp", "managePlan", z.tuple([]));
export const planConfirmButton = button("pl.ok", "managePlan", z.tuple([nonceArg]));
export const planCancelButton = button("pl.no", "managePlan", z.tuple([]));
export const itemNewButton = button("pl.add", "managePlan", z.tuple([]));
export const assignButton = button("tk.as", "managePlan", z.tuple([rowId]));
export const assignPersonButton = button("tk.asp", "managePlan", z.tuple([rowId, rowId]));
export const unassignedButton = button("pl.un", "managePlan", z.tuple([]));
export const itemConfirmButton = button("pl.addok", "managePlan", z.tuple([nonceArg]));
/** A working day offered instead of a day off typed as a plan item's deadline (YYYYMMDD). */
export const itemDateButton = button("pl.addd", "managePlan", z.tuple([nonceArg, z.string().regex(/^\d{8}$/)]));
