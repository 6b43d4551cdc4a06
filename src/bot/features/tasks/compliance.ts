import { reachableUsers } from "../../../db/repositories/users.js";
import { isLang, type Lang } from "../../../domain/lang.js";
import type { Notification } from "../../../domain/notifications.js";
import type { AdalContext } from "../../context.js";
import type { Notifications } from "../../notifications/index.js";

/** Queues one message to every compliance officer the bot can write to, each in their language. */
export async function tellCompliance(ctx: AdalContext, notifications: Notifications, message: (to: { chatId: number; lang: Lang }) => Notification): Promise<void> {
  const officers = await reachableUsers(ctx.deps.db.prisma, ["compliance"]);
  await notifications.queue(officers.map((o) => message({ chatId: Number(o.telegramId), lang: isLang(o.language) ? o.language : "kk" })));
}
