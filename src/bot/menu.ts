// The main menu: each feature adds its entries with the access they need; a user sees
// only the entries they may use. Pressing one runs the same code as the matching command.
import { InlineKeyboard } from "grammy";
import { z } from "zod";
import type { TranslationKey } from "../i18n.js";
import type { AdalContext } from "./context.js";
import { button, hasAccess, type Access, type Router } from "./router.js";
import { staleButton } from "./ui/stale.js";
import { roleName } from "./ui/roles.js";

export interface MenuEntry {
  id: string;
  labelKey: TranslationKey;
  access: Access;
  run(ctx: AdalContext): Promise<unknown>;
}

export class MainMenu {
  private readonly entries: MenuEntry[] = [];
  private readonly spec = button("menu", "anyone", z.tuple([z.string().regex(/^[a-z]+$/)]));

  add(entry: MenuEntry): void {
    this.entries.push(entry);
  }

  install(router: Router): void {
    router.button(this.spec, async (ctx, [id]) => {
      const entry = this.entries.find((e) => e.id === id);
      if (!entry) return staleButton(ctx);
      if (!hasAccess(ctx, entry.access)) {
        await ctx.answerCallbackQuery({ text: ctx.t("common.notAllowed"), show_alert: true });
        return;
      }
      await ctx.answerCallbackQuery();
      await entry.run(ctx);
    });
  }

  /** The callback data of an entry's button: another screen may offer a way into it (the dashboard's buttons to the lists). */
  entryData(id: string): string {
    return this.spec.encode([id]);
  }

  visible(ctx: AdalContext): MenuEntry[] {
    return this.entries.filter((e) => hasAccess(ctx, e.access));
  }

  keyboard(ctx: AdalContext): InlineKeyboard {
    const kb = new InlineKeyboard();
    this.visible(ctx).forEach((e, i) => {
      kb.text(ctx.t(e.labelKey), this.spec.encode([e.id]));
      if (i % 2 === 1) kb.row();
    });
    return kb;
  }

  async show(ctx: AdalContext): Promise<void> {
    const name = ctx.user ? ctx.user.fullName : null;
    const role = ctx.user ? roleName(ctx.t, ctx.user.role) : null;
    const text = name ? ctx.t("menu.titleRegistered", { name, role }) : ctx.t("menu.titleGuest");
    await ctx.reply(text, { reply_markup: this.keyboard(ctx) });
  }
}
