// Invite links for compliance officers: per department (many uses) or per person (one use),
// with a chosen validity; the link is shown once (only its hash is stored); /invites lists
// active links with a revoke button. Every change is audit-logged.
import { InlineKeyboard, type Composer } from "grammy";
import { z } from "zod";
import { audit } from "../../../db/repositories/audit.js";
import { findDepartment, listDepartments } from "../../../db/repositories/departments.js";
import { createInvite, listActiveInvites, revokeInvite } from "../../../db/repositories/invites.js";
import { findUserById, searchUsers } from "../../../db/repositories/users.js";
import { INVITE_VALIDITY_DAYS, inviteLink, newInviteToken } from "../../../domain/invites.js";
import type { AdalContext, BotDeps } from "../../context.js";
import type { MainMenu } from "../../menu.js";
import { button, hasAccess, type Router } from "../../router.js";

const id = z.coerce.number().int().positive().max(2_147_483_647);
const days = z.coerce.number().int().refine((d) => (INVITE_VALIDITY_DAYS as readonly number[]).includes(d));

export const inviteKindButton = button("inv.k", "manageInvites", z.tuple([z.enum(["d", "p"])]));
export const inviteDepartmentButton = button("inv.d", "manageInvites", z.tuple([id]));
export const inviteDepartmentDaysButton = button("inv.dd", "manageInvites", z.tuple([id, days]));
export const invitePersonButton = button("inv.p", "manageInvites", z.tuple([id]));
export const invitePersonDaysButton = button("inv.pd", "manageInvites", z.tuple([id, days]));
export const inviteRevokeButton = button("inv.r", "manageInvites", z.tuple([id]));

const MAX_SEARCH = 100;

function formatDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("ru-RU", { timeZone, day: "2-digit", month: "2-digit", year: "numeric" }).format(date);
}

export function installInvites(composer: Composer<AdalContext>, router: Router, menu: MainMenu, deps: BotDeps): void {
  const start = async (ctx: AdalContext) => {
    await ctx.reply(ctx.t("invites.chooseKind"), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t("invites.kindDepartment"), inviteKindButton.encode(["d"]))
        .row()
        .text(ctx.t("invites.kindPerson"), inviteKindButton.encode(["p"])),
    });
  };

  const list = async (ctx: AdalContext) => {
    const invites = await listActiveInvites(deps.db.prisma, deps.now());
    if (invites.length === 0) {
      await ctx.reply(ctx.t("invites.noneActive"));
      return;
    }
    const kb = new InlineKeyboard();
    const lines = invites.map((inv, i) => {
      const target = inv.kind === "person" ? inv.user?.fullName ?? "—" : inv.department?.name ?? "—";
      kb.text(ctx.t("invites.revokeButton", { n: i + 1 }), inviteRevokeButton.encode([inv.id]));
      if (i % 3 === 2) kb.row();
      return ctx.t(inv.kind === "person" ? "invites.lineP" : "invites.lineD", {
        n: i + 1,
        target,
        until: formatDate(inv.expiresAt, ctx.config.timeZone),
        used: inv.usedCount,
      });
    });
    await ctx.reply([ctx.t("invites.activeTitle"), ...lines].join("\n"), { reply_markup: kb });
  };

  router.command({ name: "invite", access: "manageInvites", descriptionKey: "commands.invite" }, start);
  router.command({ name: "invites", access: "manageInvites", descriptionKey: "commands.invites" }, list);
  menu.add({ id: "invite", labelKey: "menu.invite", access: "manageInvites", run: start });
  menu.add({ id: "invites", labelKey: "menu.invites", access: "manageInvites", run: list });

  router.button(inviteKindButton, async (ctx, [kind]) => {
    await ctx.answerCallbackQuery();
    if (kind === "p") {
      ctx.session.pendingInviteSearch = true;
      await ctx.reply(ctx.t("invites.askPerson"));
      return;
    }
    const departments = await listDepartments(deps.db.prisma);
    if (departments.length === 0) {
      await ctx.reply(ctx.t("invites.noDepartments"));
      return;
    }
    const kb = new InlineKeyboard();
    for (const d of departments.slice(0, 50)) kb.text(d.name.slice(0, 60), inviteDepartmentButton.encode([d.id])).row();
    await ctx.reply(ctx.t("invites.chooseDepartment"), { reply_markup: kb });
  });

  const validityKeyboard = (ctx: AdalContext, spec: typeof inviteDepartmentDaysButton, targetId: number) => {
    const kb = new InlineKeyboard();
    for (const d of INVITE_VALIDITY_DAYS) kb.text(ctx.t("invites.days", { count: d }), spec.encode([targetId, d]));
    return kb;
  };

  router.button(inviteDepartmentButton, async (ctx, [departmentId]) => {
    const dept = await findDepartment(deps.db.prisma, departmentId);
    if (!dept) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.staleButton"), show_alert: true }));
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("invites.chooseValidity", { target: dept.name }), { reply_markup: validityKeyboard(ctx, inviteDepartmentDaysButton, dept.id) });
  });

  router.button(invitePersonButton, async (ctx, [userId]) => {
    const person = await findUserById(deps.db.prisma, userId);
    if (!person || !person.active) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.staleButton"), show_alert: true }));
    await ctx.answerCallbackQuery();
    if (person.telegramId !== null) {
      await ctx.reply(ctx.t("invites.personAlreadyRegistered", { name: person.fullName }));
      return;
    }
    await ctx.reply(ctx.t("invites.chooseValidity", { target: person.fullName }), { reply_markup: validityKeyboard(ctx, invitePersonDaysButton, person.id) });
  });

  const issue = async (ctx: AdalContext, kind: "person" | "department", targetId: number, validDays: number, targetName: string) => {
    const token = newInviteToken();
    const now = deps.now();
    const invite = await createInvite(deps.db.prisma, {
      tokenHash: deps.keyring.hash("invite-token", token),
      kind,
      ...(kind === "person" ? { userId: targetId } : { departmentId: targetId }),
      role: "employee",
      expiresAt: new Date(now.getTime() + validDays * 86_400_000),
      maxUses: kind === "person" ? 1 : null,
      createdById: ctx.user!.id,
    });
    await audit(deps.db.prisma, { actorUserId: ctx.user!.id, action: "invite.created", subject: `invite:${invite.id}`, details: { kind, targetId, validDays } });
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await ctx.reply(
      ctx.t(kind === "person" ? "invites.createdPerson" : "invites.createdDepartment", {
        target: targetName,
        until: formatDate(invite.expiresAt, ctx.config.timeZone),
        link: inviteLink(ctx.me.username, token),
      }),
      { link_preview_options: { is_disabled: true } },
    );
  };

  router.button(inviteDepartmentDaysButton, async (ctx, [departmentId, validDays]) => {
    const dept = await findDepartment(deps.db.prisma, departmentId);
    if (!dept) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.staleButton"), show_alert: true }));
    await issue(ctx, "department", dept.id, validDays, dept.name);
  });

  router.button(invitePersonDaysButton, async (ctx, [userId, validDays]) => {
    const person = await findUserById(deps.db.prisma, userId);
    if (!person || !person.active || person.telegramId !== null) return void (await ctx.answerCallbackQuery({ text: ctx.t("common.staleButton"), show_alert: true }));
    await issue(ctx, "person", person.id, validDays, person.fullName);
  });

  router.button(inviteRevokeButton, async (ctx, [inviteId]) => {
    const revoked = await revokeInvite(deps.db.prisma, inviteId, deps.now());
    if (!revoked) return void (await ctx.answerCallbackQuery({ text: ctx.t("invites.alreadyRevoked"), show_alert: true }));
    await audit(deps.db.prisma, { actorUserId: ctx.user!.id, action: "invite.revoked", subject: `invite:${inviteId}` });
    await ctx.answerCallbackQuery({ text: ctx.t("invites.revoked") });
    await list(ctx);
  });

  composer.on("message:text", async (ctx, next) => {
    if (!ctx.session.pendingInviteSearch || ctx.message.text.startsWith("/")) return next();
    delete ctx.session.pendingInviteSearch;
    if (!hasAccess(ctx, "manageInvites")) return next();
    const query = ctx.message.text.trim().slice(0, MAX_SEARCH);
    const found = await searchUsers(deps.db.prisma, query, 10);
    if (found.length === 0) {
      ctx.session.pendingInviteSearch = true;
      await ctx.reply(ctx.t("invites.personNotFound"));
      return;
    }
    const kb = new InlineKeyboard();
    for (const u of found) kb.text(`${u.fullName}${u.department ? ` — ${u.department.name}` : ""}`.slice(0, 60), invitePersonButton.encode([u.id])).row();
    await ctx.reply(ctx.t("invites.choosePerson"), { reply_markup: kb });
  });
}
