// Roster for compliance officers: summary (/roster) and import from CSV/XLSX (/import →
// send the file → preview with every bad row → confirm). Nothing is stored until the
// officer confirms, and then all rows are stored in one transaction or none.
import { randomBytes } from "node:crypto";
import { InlineKeyboard, type Composer } from "grammy";
import { z } from "zod";
import { audit } from "../../../db/repositories/audit.js";
import { importRoster } from "../../../db/repositories/roster.js";
import { findUserById, reachableUsers, rosterStats } from "../../../db/repositories/users.js";
import { syncUserCommands } from "../../commands.js";
import { parseRosterFile, type RosterIssue, type RosterParseResult } from "../../../domain/roster.js";
import { MAX_TABLE_BYTES, MAX_TABLE_ROWS } from "../../../domain/tables.js";
import { isLang, type TFunction } from "../../../i18n.js";
import type { AdalContext, BotDeps } from "../../context.js";
import { downloadTelegramFile, FileTooLargeError } from "../../files.js";
import type { MainMenu } from "../../menu.js";
import { button, hasAccess, type Router } from "../../router.js";
import { splitMessage } from "../../ui/reply.js";
import { rejectedFileReport } from "../../ui/issues.js";

export const rosterImportButton = button("ros.imp", "manageRoster", z.tuple([]));
export const rosterConfirmButton = button("ros.ok", "manageRoster", z.tuple([z.string().regex(/^[A-Za-z0-9_-]{8,16}$/)]));
export const rosterCancelButton = button("ros.no", "manageRoster", z.tuple([]));

const UPLOAD_WAIT_MS = 30 * 60 * 1000;

export function describeIssue(t: TFunction, issue: RosterIssue): string {
  const params: Record<string, unknown> = { row: issue.rowNumber };
  if ("value" in issue) params.value = issue.value;
  if ("firstRow" in issue) params.firstRow = issue.firstRow;
  return t(`roster.issue.${issue.code}`, params);
}

export function describeParseFailure(t: TFunction, result: Exclude<RosterParseResult, { ok: true }>): string {
  if ("fileError" in result) {
    const e = result.fileError;
    if (e.code === "no_header") return t("roster.fileError.no_header", { columns: e.missing.map((f) => t(`roster.column.${f}`)).join(", ") });
    return t(`roster.fileError.${e.code}`, { maxMb: MAX_TABLE_BYTES / 1024 / 1024, maxRows: MAX_TABLE_ROWS });
  }
  return rejectedFileReport(t, t("roster.rejected", { count: result.issues.length }), result.issues.map((i) => describeIssue(t, i)));
}

export function installRoster(composer: Composer<AdalContext>, router: Router, menu: MainMenu, deps: BotDeps): void {
  const askForFile = async (ctx: AdalContext) => {
    ctx.session.pendingUpload = { kind: "roster", since: deps.now().getTime() };
    delete ctx.session.pendingRoster;
    await ctx.reply(ctx.t("roster.sendFile", { maxMb: MAX_TABLE_BYTES / 1024 / 1024, maxRows: MAX_TABLE_ROWS }), {
      reply_markup: new InlineKeyboard().text(ctx.t("common.cancelButton"), rosterCancelButton.encode([])),
    });
  };

  const showSummary = async (ctx: AdalContext) => {
    const stats = await rosterStats(deps.db.prisma);
    const lines = stats.departments.map((d) => ctx.t("roster.summaryLine", { name: d.name || ctx.t("roster.noDepartment"), registered: d.registered, total: d.total }));
    const text = [ctx.t("roster.summaryTitle", { registered: stats.registered, total: stats.total }), "", ...(lines.length ? lines : [ctx.t("roster.empty")])].join("\n");
    const parts = splitMessage(text);
    for (const [i, part] of parts.entries()) {
      await ctx.reply(part, i === parts.length - 1 ? { reply_markup: new InlineKeyboard().text(ctx.t("roster.importButton"), rosterImportButton.encode([])) } : {});
    }
  };

  router.command({ name: "roster", access: "manageRoster", descriptionKey: "commands.roster" }, showSummary);
  router.command({ name: "import", access: "manageRoster", descriptionKey: "commands.import" }, askForFile);
  menu.add({ id: "roster", labelKey: "menu.roster", access: "manageRoster", run: showSummary });

  router.button(rosterImportButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await askForFile(ctx);
  });

  router.button(rosterCancelButton, async (ctx) => {
    delete ctx.session.pendingUpload;
    delete ctx.session.pendingRoster;
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("common.cancelled")).catch(() => undefined);
  });

  router.button(rosterConfirmButton, async (ctx, [nonce]) => {
    const pending = ctx.session.pendingRoster;
    if (!pending || pending.nonce !== nonce) {
      await ctx.answerCallbackQuery({ text: ctx.t("common.staleButton"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    delete ctx.session.pendingRoster;
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    // Parsed again from Telegram's copy of the file: the session holds no personal data.
    const parsed = await loadRoster(ctx, pending.fileId, pending.fileName, pending.mimeType);
    if (!parsed) return;
    if (!parsed.ok) {
      await replyLong(ctx, describeParseFailure(ctx.t, parsed));
      return;
    }
    const observersBefore = await reachableUsers(deps.db.prisma, ["observer"]);
    const { summary, roleChangedUserIds, roleChanges, observers } = await importRoster(deps.db.prisma, parsed.rows);
    for (const id of roleChangedUserIds) {
      const changed = await findUserById(deps.db.prisma, id);
      if (changed) await syncUserCommands(ctx.api, router, changed, deps).catch((e: Error) => deps.logger.warn({ event: "set_commands_failed", message: e.message }, "setMyCommands failed"));
    }
    await audit(deps.db.prisma, { actorUserId: ctx.user!.id, action: "roster.imported", details: { ...summary, rows: parsed.rows.length } });
    for (const change of roleChanges) await audit(deps.db.prisma, { actorUserId: ctx.user!.id, action: "user.role_changed", subject: `user:${change.userId}`, details: { from: change.from, to: change.to } });
    if (observers.added.length || observers.removed.length) await tellObservers(ctx, observersBefore, observers);
    deps.logger.info({ event: "roster_imported", ...summary }, "roster imported");
    await ctx.reply(ctx.t("roster.imported", { ...summary }));
  });

  /**
   * Observers handle the reports that involve compliance staff, so a compliance officer must
   * not be able to change who they are unnoticed: the observers before and after the import
   * are told who was added or removed, and by whom.
   */
  async function tellObservers(ctx: AdalContext, before: { telegramId: bigint | null; language: string | null }[], change: { added: string[]; removed: string[] }): Promise<void> {
    await audit(deps.db.prisma, { actorUserId: ctx.user!.id, action: "observers.changed", details: change });
    const after = await reachableUsers(deps.db.prisma, ["observer"]);
    const recipients = new Map([...before, ...after].map((u) => [Number(u.telegramId), u]));
    for (const [chatId, u] of recipients) {
      const t = deps.i18n.t(isLang(u.language) ? u.language : ctx.config.defaultLanguage);
      const text = t("roster.observersChanged", {
        officer: ctx.user!.fullName,
        added: change.added.join(", ") || "—",
        removed: change.removed.join(", ") || "—",
      });
      await ctx.api.sendMessage(chatId, text).catch((e: Error) => deps.logger.warn({ event: "observer_notice_failed", message: e.message }, "observer notice failed"));
    }
  }

  composer.on("message:document", async (ctx, next) => {
    const pending = ctx.session.pendingUpload;
    if (!pending || pending.kind !== "roster") return next();
    if (!hasAccess(ctx, "manageRoster")) {
      delete ctx.session.pendingUpload;
      return next();
    }
    if (deps.now().getTime() - pending.since > UPLOAD_WAIT_MS) {
      delete ctx.session.pendingUpload;
      return next();
    }
    delete ctx.session.pendingUpload;
    const doc = ctx.message.document;
    const fileName = doc.file_name ?? "roster";
    const parsed = await loadRoster(ctx, doc.file_id, fileName, doc.mime_type);
    if (!parsed) return;
    if (!parsed.ok) {
      await replyLong(ctx, describeParseFailure(ctx.t, parsed));
      return;
    }
    const nonce = randomBytes(6).toString("base64url");
    ctx.session.pendingRoster = { fileId: doc.file_id, fileName, ...(doc.mime_type ? { mimeType: doc.mime_type } : {}), nonce };
    const departments = new Set(parsed.rows.map((r) => r.department).filter(Boolean)).size;
    const byRole = Object.entries(
      parsed.rows.reduce<Record<string, number>>((acc, r) => ((acc[r.role] = (acc[r.role] ?? 0) + 1), acc), {}),
    ).map(([role, n]) => `${ctx.t(`roles.${role}`)}: ${n}`);
    await ctx.reply([ctx.t("roster.preview", { people: parsed.rows.length, departments }), ...byRole].join("\n"), {
      reply_markup: new InlineKeyboard()
        .text(ctx.t("roster.confirmButton", { count: parsed.rows.length }), rosterConfirmButton.encode([nonce]))
        .text(ctx.t("common.cancelButton"), rosterCancelButton.encode([])),
    });
  });

  async function loadRoster(ctx: AdalContext, fileId: string, fileName: string, mimeType?: string): Promise<RosterParseResult | null> {
    try {
      const content = await downloadTelegramFile(ctx, fileId, MAX_TABLE_BYTES);
      return await parseRosterFile(content, fileName, mimeType);
    } catch (error) {
      if (error instanceof FileTooLargeError) {
        await ctx.reply(ctx.t("roster.fileError.too_large", { maxMb: MAX_TABLE_BYTES / 1024 / 1024 }));
        return null;
      }
      throw error;
    }
  }
}

async function replyLong(ctx: AdalContext, text: string): Promise<void> {
  for (const part of splitMessage(text)) await ctx.reply(part);
}
