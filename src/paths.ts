import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/** The folder holding package.json, locales/ and prisma/, from src/ (tsx) or dist/src/ (built). */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) || !existsSync(join(dir, "locales"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the Adal package root");
    dir = parent;
  }
  cached = dir;
  return dir;
}
