// Registration through a department link: the bot asks the person's full name and waits for
// it in the session flow `registrationName`, which survives restarts (sessions are stored).
// The invite is checked again and counted only when the name arrives.
import { findDepartment } from "../../../db/repositories/departments.js";
import { consumeInvite, findInviteById, type InviteRecord } from "../../../db/repositories/invites.js";
import { createRegisteredUser, findUserByTelegramId, unregisteredEntriesInDepartment } from "../../../db/repositories/users.js";
import { isFullName, namesMatch } from "../../../domain/roster.js";
import { isRole } from "../../../domain/roles.js";
import type { TFunction } from "../../../i18n.js";
import { syncUserCommandsLogged } from "../../commands.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import type { MessageContext } from "../../flow/dispatcher.js";
import type { RegistrationNameFlow } from "../../flow/types.js";
import { contactKeyboard, inviteRefusal } from "./views.js";

const MAX_NAME = 200;

/** Starts the flow: names the department and asks for the full name. */
export async function askFullName(ctx: AdalContext, invite: InviteRecord, kit: FeatureKit): Promise<void> {
  const dept = invite.departmentId ? await findDepartment(ctx.deps.db.prisma, invite.departmentId) : null;
  await kit.flows.start(ctx, { kind: "registrationName", inviteId: invite.id, since: ctx.deps.now().getTime(), lang: ctx.lang });
  await ctx.reply(ctx.t("onboarding.askFullName", { department: dept?.name ?? "—" }), { reply_markup: { remove_keyboard: true } });
}

/** The flow's input: anything but a valid full name is explained, and the flow waits on. */
export async function onRegistrationName(ctx: MessageContext, flow: RegistrationNameFlow, kit: FeatureKit): Promise<void> {
  const t = ctx.deps.i18n.t(flow.lang);
  if (ctx.message.text === undefined) {
    await ctx.reply(t("onboarding.fullNameTextOnly"));
    return;
  }
  const text = ctx.message.text.trim().replace(/\s+/g, " ");
  // The dispatcher keeps commands; these start with a space.
  if (text === "/cancel") {
    kit.flows.end(ctx, "registrationName");
    await ctx.reply(t("common.cancelled"));
    return;
  }
  if (text.startsWith("/")) {
    await ctx.reply(t("onboarding.fullNameNotCommand"));
    return;
  }
  // A surname and a first name at least: «Наталья» alone could be anyone, and two of them are two people.
  if (text.length > MAX_NAME || !isFullName(text)) {
    await ctx.reply(t("onboarding.fullNameInvalid", { max: MAX_NAME }));
    return;
  }
  kit.flows.end(ctx, "registrationName");
  await registerIntoDepartment(ctx, flow, text, t, kit);
}

async function registerIntoDepartment(ctx: MessageContext, flow: RegistrationNameFlow, fullName: string, t: TFunction, kit: FeatureKit): Promise<void> {
  const { deps } = ctx;
  const db = deps.db.prisma;
  const invite = await findInviteById(db, flow.inviteId);
  const refusal = inviteRefusal(invite, deps.now());
  if (!invite || refusal) return void (await ctx.reply(t(refusal ?? "onboarding.invite.not_found")));
  if (await findUserByTelegramId(db, ctx.from.id)) return void (await ctx.reply(t("onboarding.alreadyRegisteredShort")));
  // Already in the roster of this department, not registered yet: the same person, most likely,
  // but a name is no proof. The phone is: their contact binds them to that entry (contact.ts),
  // and no second record is made beside it.
  const namesake = invite.departmentId === null ? undefined : (await unregisteredEntriesInDepartment(db, invite.departmentId)).find((e) => namesMatch(fullName, e.fullName));
  if (namesake) {
    const dept = await findDepartment(db, invite.departmentId!);
    deps.logger.info({ event: "registration_namesake", inviteId: invite.id }, "department registration matches a roster entry: phone asked");
    return void (await ctx.reply(t("onboarding.fullNameNamesake", { name: namesake.fullName, department: dept?.name ?? "—" }), { reply_markup: contactKeyboard(t) }));
  }
  if (!(await consumeInvite(db, invite, deps.now()))) return void (await ctx.reply(t("onboarding.invite.used_up")));
  const user = await createRegisteredUser(db, {
    telegramId: ctx.from.id,
    fullName,
    role: isRole(invite.role) ? invite.role : "employee",
    language: flow.lang,
    departmentId: invite.departmentId,
    now: deps.now(),
  });
  deps.logger.info({ event: "registered", via: "department_invite", userId: user.id, inviteId: invite.id }, "employee registered");
  await syncUserCommandsLogged(ctx.api, kit.router, user, deps);
  await ctx.reply(t("onboarding.registered", { name: fullName }));
  await ctx.reply(t("onboarding.openMenu"));
}
