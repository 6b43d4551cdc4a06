import { GrammyError } from "grammy";
import type { AdalContext } from "./context.js";

export class FileTooLargeError extends Error {}

/** What Telegram's getFile answers for a file over the 20 MB a bot may download. */
const TOO_BIG_FOR_BOTS = /file is too big/i;

/**
 * Downloads a file the user sent. Refuses before asking Telegram when the message reported a
 * size over the limit (`reportedSize`: getFile itself fails for files over 20 MB, which would
 * read as a generic error), when Telegram reports one or refuses the file as too big, and
 * stops reading when the body exceeds the limit anyway.
 */
export async function downloadTelegramFile(ctx: AdalContext, fileId: string, maxBytes: number, reportedSize?: number): Promise<Buffer> {
  if ((reportedSize ?? 0) > maxBytes) throw new FileTooLargeError();
  const file = await ctx.api.getFile(fileId).catch((error: unknown) => {
    throw error instanceof GrammyError && TOO_BIG_FOR_BOTS.test(error.description) ? new FileTooLargeError() : error;
  });
  if ((file.file_size ?? 0) > maxBytes) throw new FileTooLargeError();
  if (!file.file_path) throw new Error("Telegram returned no file_path");
  const root = ctx.config.apiRoot ?? "https://api.telegram.org";
  const response = await fetch(`${root}/file/bot${ctx.config.botToken}/${file.file_path}`);
  if (!response.ok || !response.body) throw new Error(`file download failed with HTTP ${response.status}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw new FileTooLargeError();
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
