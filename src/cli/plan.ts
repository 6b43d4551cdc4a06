// `adal plan import FILE --dry-run [--lang kk|ru] [--year YYYY]`: checks an action plan (CSV or
// XLSX laid out like the plans of seeds 002 and 004) with the same code the bot uses.
//   valid plan   → the items as JSON on stdout, a one-line summary on stderr, exit code 0
//   bad rows     → every bad row with its number and reason on stderr (kk or ru), exit code 1
//   file errors  → the reason on stderr, exit code 2 (also: unreadable file, bad options)
// Only --dry-run exists for now: storing the plan comes with the plan data model (the plan,
// items, responsible officers and their reminders) in a later change, and will reuse
// parsePlanFile unchanged.
import type { Translate } from "../i18n-resources.js";
import { readFileSync } from "node:fs";
import { Option, type Command } from "commander";
import { planFileErrorText, planIssueText } from "../domain/plan/describe.js";
import { MAX_PLAN_YEAR, MIN_PLAN_YEAR, parsePlanFile, parsePlanYear, type PlanItemDraft } from "../domain/plan/import.js";

export { planFileErrorText, planIssueText };

/** A translation function fixed to one language (i18next's `t`). */
type PlanLang = "kk" | "ru";


/** Prints an error and exits with code 2 (through commander, so exitOverride applies). */
function fail(cmd: Command, message: string, exitCode = 2): never {
  cmd.showHelpAfterError(false);
  return cmd.error(`error: ${message}`, { exitCode, code: "adal.plan.invalidArgument" });
}

function writeOut(cmd: Command, text: string): void {
  (cmd.configureOutput().writeOut ?? ((s: string) => process.stdout.write(s)))(text);
}

function writeErr(cmd: Command, text: string): void {
  (cmd.configureOutput().writeErr ?? ((s: string) => process.stderr.write(s)))(text);
}

/** Stores parsed items (all or nothing) and returns a summary to print. */
/** Imports checked items; `year` is the plan's (title or --year): recurrences end with it. */
export type PlanImporter = (items: PlanItemDraft[], year: number | null) => Promise<Record<string, unknown>>;

export function registerPlanCommands(program: Command, loadTexts: () => Promise<{ kk: Translate; ru: Translate }>, importer?: PlanImporter): Command {
  const plan = program.command("plan").description("action plan of measures against the identified corruption risks");

  plan
    .command("import")
    .description("check an action plan file (CSV or XLSX): items as JSON on stdout; bad rows on stderr, exit code 1")
    .argument("<file>", "plan file (.csv or .xlsx)")
    .option("--dry-run", "only check the file and print the items; without it the plan is stored (all rows or none)")
    .addOption(new Option("--lang <lang>", "language of the messages").choices(["kk", "ru"]).default("ru"))
    .option("--year <year>", "year of deadlines written without one (default: the year in the plan's title)")
    .action(async (file: string, options: { dryRun?: boolean; lang: PlanLang; year?: string }, cmd: Command) => {
      if (!options.dryRun && !importer) fail(cmd, "importing into the database is not available here; use --dry-run");
      let year: number | undefined;
      if (options.year !== undefined) {
        const parsed = parsePlanYear(options.year);
        if (parsed === null) fail(cmd, `--year: invalid year ${JSON.stringify(options.year)} (expected ${MIN_PLAN_YEAR}–${MAX_PLAN_YEAR})`);
        year = parsed;
      }
      let content: Buffer;
      try {
        content = readFileSync(file);
      } catch (error) {
        fail(cmd, `${file}: ${(error as Error).message}`);
      }
      const t = (await loadTexts())[options.lang];
      const result = await parsePlanFile(content, file, undefined, year === undefined ? {} : { year });
      if (result.ok) {
        if (!options.dryRun) {
          writeOut(cmd, `${JSON.stringify(await importer!(result.items, result.year), null, 2)}\n`);
          return;
        }
        writeOut(cmd, `${JSON.stringify(result.items, null, 2)}\n`);
        writeErr(cmd, `${file}: ${t("plan.checked", { count: result.items.length })}\n`);
        return;
      }
      if ("fileError" in result) fail(cmd, `${file}: ${planFileErrorText(t, result.fileError)}`);
      for (const issue of result.issues) writeErr(cmd, `${file}: ${planIssueText(t, issue)} [${issue.code}]\n`);
      fail(cmd, `${file}: ${t("plan.rejected", { count: result.issues.length })}`, 1);
    });

  return plan;
}
