// Administration for compliance officers: the roster (/roster, /import) and invite links
// (/invite, /invites).
import type { FeatureKit } from "../../feature.js";
import {
  inviteDepartmentButton,
  inviteDepartmentDaysButton,
  inviteKindButton,
  invitePersonButton,
  invitePersonDaysButton,
  inviteRevokeButton,
  rosterCancelButton,
  rosterConfirmButton,
  rosterImportButton,
} from "./buttons.js";
import { askInviteKind, chooseInviteDepartment, chooseInviteKind, chooseInvitePerson, issueDepartmentInvite, issuePersonInvite } from "./invite-create.js";
import { listInvites, revokeInviteLink } from "./invite-list.js";
import { onInviteSearch } from "./invite-search.js";
import { confirmRosterImport } from "./roster-confirm.js";
import { showRosterSummary } from "./roster-summary.js";
import { askForRosterFile, cancelRosterImport, onRosterFile } from "./roster-upload.js";

export function installAdmin(kit: FeatureKit): void {
  installRoster(kit);
  installInvites(kit);
}

function installRoster(kit: FeatureKit): void {
  const { router, menu, flows } = kit;
  router.command({ name: "roster", access: "manageRoster", descriptionKey: "commands.roster" }, showRosterSummary);
  router.command({ name: "import", access: "manageRoster", descriptionKey: "commands.import" }, (ctx) => askForRosterFile(ctx, kit));
  menu.add({ id: "roster", labelKey: "menu.roster", access: "manageRoster", run: showRosterSummary });
  router.button(rosterImportButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await askForRosterFile(ctx, kit);
  });
  router.button(rosterCancelButton, (ctx) => cancelRosterImport(ctx, kit));
  router.button(rosterConfirmButton, (ctx, [nonce]) => confirmRosterImport(ctx, nonce, kit));
  flows.register({ kind: "rosterUpload", label: () => "flows.rosterUpload", onMessage: (ctx, flow, next) => onRosterFile(ctx, flow, next, kit) });
  // A message while the preview waits for its button is not for the import.
  flows.register({ kind: "rosterConfirm", label: () => "flows.rosterConfirm", onMessage: (_ctx, _flow, next) => next() });
}

function installInvites(kit: FeatureKit): void {
  const { router, menu, flows } = kit;
  router.command({ name: "invite", access: "manageInvites", descriptionKey: "commands.invite" }, askInviteKind);
  router.command({ name: "invites", access: "manageInvites", descriptionKey: "commands.invites" }, listInvites);
  menu.add({ id: "invite", labelKey: "menu.invite", access: "manageInvites", run: askInviteKind });
  menu.add({ id: "invites", labelKey: "menu.invites", access: "manageInvites", run: listInvites });
  router.button(inviteKindButton, (ctx, [kind]) => chooseInviteKind(ctx, kind, kit));
  router.button(inviteDepartmentButton, (ctx, [departmentId]) => chooseInviteDepartment(ctx, departmentId));
  router.button(invitePersonButton, (ctx, [userId]) => chooseInvitePerson(ctx, userId));
  router.button(inviteDepartmentDaysButton, (ctx, [departmentId, validDays]) => issueDepartmentInvite(ctx, departmentId, validDays));
  router.button(invitePersonDaysButton, (ctx, [userId, validDays]) => issuePersonInvite(ctx, userId, validDays));
  router.button(inviteRevokeButton, (ctx, [inviteId]) => revokeInviteLink(ctx, inviteId));
  flows.register({ kind: "inviteSearch", label: () => "flows.inviteSearch", onMessage: (ctx, _flow, next) => onInviteSearch(ctx, next, kit) });
}
