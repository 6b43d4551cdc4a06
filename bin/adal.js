#!/usr/bin/env node
// Entry point of the `adal` command. Runs the compiled code in dist/ (npm run build).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const entry = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "src", "cli", "main.js");
if (!existsSync(entry)) {
  process.stderr.write("Adal is not built yet: run `npm run build` (or `npm install`, which builds it).\n");
  process.exit(1);
}
const { runCli } = await import(pathToFileURL(entry).href);
await runCli(process.argv).catch((error) => {
  process.stderr.write(`${error?.message ?? error}\n`);
  process.exit(1);
});
