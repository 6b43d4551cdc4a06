import type { AdalContext } from "./context.js";

export class FileTooLargeError extends Error {}

/**
 * Downloads a file the user sent. Refuses before downloading when Telegram reports a size
 * over the limit, and stops reading when the body exceeds it anyway.
 */
export async function downloadTelegramFile(ctx: AdalContext, fileId: string, maxBytes: number): Promise<Buffer> {
  const file = await ctx.api.getFile(fileId);
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
