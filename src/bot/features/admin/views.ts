// Texts and keyboards of the roster and of invites: pure functions of `t` and data.
import { InlineKeyboard } from "grammy";
import type { RosterStats } from "../../../db/repositories/users.js";
import { toIsoDate } from "../../../domain/calendar/time-zone.js";
import { formatDay } from "../../../domain/dates.js";
import { INVITE_VALIDITY_DAYS } from "../../../domain/invites.js";
import type { RosterIssue, RosterParseResult, RosterRow } from "../../../domain/roster.js";
import { MAX_TABLE_BYTES, MAX_TABLE_ROWS } from "../../../domain/tables.js";
import type { TFunction } from "../../../i18n.js";
import type { ButtonSpec } from "../../router.js";
import { rejectedFileReport } from "../../ui/issues.js";
import { inviteDepartmentButton, inviteKindButton, invitePersonButton, inviteRevokeButton, rosterCancelButton, rosterConfirmButton, rosterImportButton } from "./buttons.js";
import { roleName } from "../../ui/roles.js";

const MAX_MB = MAX_TABLE_BYTES / 1024 / 1024;

// ── roster ──

export function describeIssue(t: TFunction, issue: RosterIssue): string {
  const params: Record<string, unknown> = { row: issue.rowNumber };
  if ("value" in issue) params.value = issue.value;
  if ("firstRow" in issue) params.firstRow = issue.firstRow;
  return t(`roster.issue.${issue.code}`, params);
}

export function describeParseFailure(t: TFunction, result: Exclude<RosterParseResult, { ok: true }>): string {
  if ("fileError" in result) {
    const e = result.fileError;
    if (e.code === "no_header") {
      const quoted = (cells: string[]) => cells.map((c) => `«${c}»`).join(", ");
      return t("roster.fileError.no_header", {
        columns: e.missing.map((f) => t(`roster.column.${f}`)).join(", "),
        found: quoted(e.found),
        required: quoted([t("roster.column.fullName"), t("roster.column.phone")]),
      });
    }
    return t(`roster.fileError.${e.code}`, { maxMb: MAX_MB, maxRows: MAX_TABLE_ROWS });
  }
  return rejectedFileReport(t, t("roster.rejected", { count: result.issues.length }), result.issues.map((i) => describeIssue(t, i)));
}

export function fileTooLargeText(t: TFunction): string {
  return t("roster.fileError.too_large", { maxMb: MAX_MB });
}

export function rosterSummaryText(t: TFunction, stats: RosterStats): string {
  const lines = stats.departments.map((d) => t("roster.summaryLine", { name: d.name || t("common.noDepartment"), registered: d.registered, total: d.total }));
  const unlinked = stats.unlinked.length ? ["", t("roster.summaryUnlinked", { count: stats.unlinked.length, names: stats.unlinked.join(", ") })] : [];
  return [t("roster.summaryTitle", { registered: stats.registered, total: stats.total }), "", ...(lines.length ? lines : [t("roster.empty")]), ...unlinked].join("\n");
}

export function rosterImportKeyboard(t: TFunction): InlineKeyboard {
  return new InlineKeyboard().text(t("roster.importButton"), rosterImportButton.encode([]));
}

export function sendRosterFileText(t: TFunction): string {
  return t("roster.sendFile", { maxMb: MAX_MB, maxRows: MAX_TABLE_ROWS });
}

export function cancelRosterKeyboard(t: TFunction): InlineKeyboard {
  return new InlineKeyboard().text(t("common.cancelButton"), rosterCancelButton.encode([]));
}

/** What a valid file holds: people, departments, people per role. */
export function rosterPreviewText(t: TFunction, rows: RosterRow[]): string {
  const departments = new Set(rows.map((r) => r.department).filter(Boolean)).size;
  const byRole = Object.entries(rows.reduce<Record<string, number>>((acc, r) => ((acc[r.role] = (acc[r.role] ?? 0) + 1), acc), {})).map(([role, n]) => `${roleName(t, role)}: ${n}`);
  return [t("roster.preview", { people: rows.length, departments }), ...byRole].join("\n");
}

export function rosterConfirmKeyboard(t: TFunction, people: number, nonce: string): InlineKeyboard {
  return new InlineKeyboard().text(t("roster.confirmButton", { count: people }), rosterConfirmButton.encode([nonce])).text(t("common.cancelButton"), rosterCancelButton.encode([]));
}

export function observersChangedText(t: TFunction, officer: string, change: { added: string[]; removed: string[] }): string {
  return t("roster.observersChanged", { officer, added: change.added.join(", ") || "—", removed: change.removed.join(", ") || "—" });
}

// ── invites ──

/** Invite validity as people read dates (DD.MM.YYYY in the organisation's time zone). */
export function inviteDate(date: Date, timeZone: string): string {
  return formatDay(toIsoDate(date, timeZone));
}

export function inviteKindKeyboard(t: TFunction): InlineKeyboard {
  return new InlineKeyboard().text(t("invites.kindDepartment"), inviteKindButton.encode(["d"])).row().text(t("invites.kindPerson"), inviteKindButton.encode(["p"]));
}

export function departmentsKeyboard(departments: { id: number; name: string }[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const d of departments.slice(0, 50)) kb.text(d.name.slice(0, 60), inviteDepartmentButton.encode([d.id])).row();
  return kb;
}

export function peopleKeyboard(people: { id: number; fullName: string; department: { name: string } | null }[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const u of people) kb.text(`${u.fullName}${u.department ? ` — ${u.department.name}` : ""}`.slice(0, 60), invitePersonButton.encode([u.id])).row();
  return kb;
}

export function validityKeyboard(t: TFunction, spec: ButtonSpec<[number, number]>, targetId: number): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const d of INVITE_VALIDITY_DAYS) kb.text(t("invites.days", { count: d }), spec.encode([targetId, d]));
  return kb;
}

export interface ActiveInvite {
  id: number;
  kind: string;
  expiresAt: Date;
  usedCount: number;
  user: { fullName: string } | null;
  department: { name: string } | null;
}

/** The active invites, numbered, with a revoke button per number (three to a row). */
export function activeInvitesView(t: TFunction, invites: ActiveInvite[], timeZone: string): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  const lines = invites.map((inv, i) => {
    const target = inv.kind === "person" ? (inv.user?.fullName ?? "—") : (inv.department?.name ?? "—");
    keyboard.text(t("invites.revokeButton", { n: i + 1 }), inviteRevokeButton.encode([inv.id]));
    if (i % 3 === 2) keyboard.row();
    return t(inv.kind === "person" ? "invites.lineP" : "invites.lineD", { n: i + 1, target, until: inviteDate(inv.expiresAt, timeZone), used: inv.usedCount });
  });
  return { text: [t("invites.activeTitle"), ...lines].join("\n"), keyboard };
}
