import { reachableUsers } from "../../../db/repositories/users.js";
import { isLang, type Lang } from "../../../domain/lang.js";
import type { AdalContext } from "../../context.js";

/** Sends something to every compliance officer the bot can write to, each in their language. */
export async function tellCompliance(ctx: AdalContext, send: (to: { chatId: number; lang: Lang }) => Promise<unknown>): Promise<void> {
  const officers = await reachableUsers(ctx.deps.db.prisma, ["compliance"]);
  for (const o of officers) await send({ chatId: Number(o.telegramId), lang: isLang(o.language) ? o.language : "kk" });
}
