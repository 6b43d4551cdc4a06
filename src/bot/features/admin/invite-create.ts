// Invite links for compliance officers: per department (many uses) or per person (one use),
// with a chosen validity; the link is shown once (only its hash is stored). Every change is
// audit-logged.
import { findDepartment, listDepartments } from "../../../db/repositories/departments.js";
import { findUserById } from "../../../db/repositories/users.js";
import { inviteLink } from "../../../domain/invites.js";
import { issueInvite as issueInviteBy } from "../../../services/invites.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { bestEffort } from "../../ui/best-effort.js";
import { staleButton } from "../../ui/stale.js";
import { inviteDepartmentDaysButton, invitePersonDaysButton } from "./buttons.js";
import { departmentsKeyboard, inviteDate, inviteKindKeyboard, validityKeyboard } from "./views.js";

/** /invite: whom to invite, a department or one person. */
export async function askInviteKind(ctx: AdalContext): Promise<void> {
  await ctx.reply(ctx.t("invites.chooseKind"), { reply_markup: inviteKindKeyboard(ctx.t) });
}

/** A person: the next text is a search (flow inviteSearch); a department: the list to pick from. */
export async function chooseInviteKind(ctx: AdalContext, kind: "d" | "p", kit: FeatureKit): Promise<void> {
  await ctx.answerCallbackQuery();
  if (kind === "p") {
    await kit.flows.start(ctx, { kind: "inviteSearch" });
    await ctx.reply(ctx.t("invites.askPerson"));
    return;
  }
  const departments = await listDepartments(ctx.deps.db.prisma);
  if (departments.length === 0) {
    await ctx.reply(ctx.t("invites.noDepartments"));
    return;
  }
  await ctx.reply(ctx.t("invites.chooseDepartment"), { reply_markup: departmentsKeyboard(departments) });
}

export async function chooseInviteDepartment(ctx: AdalContext, departmentId: number): Promise<void> {
  const dept = await findDepartment(ctx.deps.db.prisma, departmentId);
  if (!dept) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t("invites.chooseValidity", { target: dept.name }), { reply_markup: validityKeyboard(ctx.t, inviteDepartmentDaysButton, dept.id) });
}

export async function chooseInvitePerson(ctx: AdalContext, userId: number): Promise<void> {
  const person = await findUserById(ctx.deps.db.prisma, userId);
  if (!person || !person.active) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  if (person.telegramId !== null) {
    await ctx.reply(ctx.t("invites.personAlreadyRegistered", { name: person.fullName }));
    return;
  }
  await ctx.reply(ctx.t("invites.chooseValidity", { target: person.fullName }), { reply_markup: validityKeyboard(ctx.t, invitePersonDaysButton, person.id) });
}

export async function issueDepartmentInvite(ctx: AdalContext, departmentId: number, validDays: number): Promise<void> {
  const dept = await findDepartment(ctx.deps.db.prisma, departmentId);
  if (!dept) return staleButton(ctx);
  await issueInvite(ctx, "department", dept.id, validDays, dept.name);
}

export async function issuePersonInvite(ctx: AdalContext, userId: number, validDays: number): Promise<void> {
  const person = await findUserById(ctx.deps.db.prisma, userId);
  if (!person || !person.active || person.telegramId !== null) return staleButton(ctx);
  await issueInvite(ctx, "person", person.id, validDays, person.fullName);
}

async function issueInvite(ctx: AdalContext, kind: "person" | "department", targetId: number, validDays: number, targetName: string): Promise<void> {
  const { deps } = ctx;
  const invite = await issueInviteBy(deps.db.prisma, deps.keyring, { kind, targetId, validDays, actorUserId: ctx.user!.id, now: deps.now() });
  const token = invite.token;
  await ctx.answerCallbackQuery();
  await bestEffort(deps.logger, "remove validity buttons", () => ctx.editMessageReplyMarkup());
  const text = ctx.t(kind === "person" ? "invites.createdPerson" : "invites.createdDepartment", {
    target: targetName,
    until: inviteDate(invite.expiresAt, ctx.config.timeZone),
    link: inviteLink(ctx.me.username, token),
  });
  await ctx.reply(text, { link_preview_options: { is_disabled: true } });
}
