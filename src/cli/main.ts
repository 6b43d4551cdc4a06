// `adal` command-line tool. Subcommands are added by features (later: survey, plan, schedule…).
import { existsSync } from "node:fs";
import { Command } from "commander";
import { config as loadDotenv } from "dotenv";
import { formatConfigErrors, loadConfig, type Config } from "../config.js";
import { migrate } from "../db/migrate.js";
import { parseDatabaseUrl, redactDatabaseUrl } from "../db/url.js";
import { createWorkCalendar } from "../domain/calendar/work-calendar.js";
import { toIsoDate } from "../domain/calendar/time-zone.js";
import { openDatabase } from "../db/client.js";
import { importPlan } from "../services/plan.js";
import { registerCalendarCommands } from "./calendar.js";
import { registerScheduleCommand } from "./schedule.js";
import { registerPlanCommands } from "./plan.js";
import { createI18n } from "../i18n.js";
import { registerSurveyCommands } from "./survey.js";
import { registerKeysCommands } from "./keys.js";

function configOrExit(requireToken: boolean): Config {
  if (existsSync(".env")) loadDotenv({ path: ".env", quiet: true });
  const result = loadConfig(process.env, { requireToken });
  if (!result.ok) {
    process.stderr.write(formatConfigErrors(result.errors) + "\n");
    process.exit(2);
  }
  return result.config;
}

export function buildCli(): Command {
  const program = new Command("adal").description("Adal — corruption-risk analysis bot (kk/ru)").showHelpAfterError();

  program
    .command("start")
    .description("run the bot (long polling or webhook, from the configuration)")
    .action(async () => {
      const config = configOrExit(true);
      const { startApp } = await import("../main.js");
      let app: Awaited<ReturnType<typeof startApp>> | undefined;
      let stopping = false;
      let signalled: string | undefined;
      const stop = (running: NonNullable<typeof app>, signal: string) => {
        running.logger.info({ event: "signal", signal }, "shutting down");
        const force = setTimeout(() => process.exit(1), 20_000);
        force.unref();
        running.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      // Installed before the start: a signal while it runs (migrating, setting the bot up,
      // waiting for Telegram to answer) stops the process too. The start is let finish and then
      // stopped in order; one still running after a few seconds (Telegram unreachable, retrying)
      // is cut short — a kill at that point loses nothing (the inbox stores before it confirms,
      // the outbox's claims are taken over).
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        if (app) return stop(app, signal);
        signalled = signal;
        setTimeout(() => {
          process.stderr.write(`Adal stopped during start-up (${signal}).\n`);
          process.exit(0);
        }, 5_000).unref();
      };
      process.once("SIGINT", () => shutdown("SIGINT"));
      process.once("SIGTERM", () => shutdown("SIGTERM"));
      try {
        app = await startApp(config);
      } catch (error) {
        process.stderr.write(`Adal failed to start: ${(error as Error).message}\n`);
        process.exit(1);
      }
      if (signalled) return stop(app, signalled);
      // Polling that fails for good (another instance polling, a revoked token) stops the process.
      void app.pollingEnded?.then((error) => {
        if (!error || stopping) return;
        stopping = true;
        process.stderr.write(`Adal stopped: ${error.message}\n`);
        const force = setTimeout(() => process.exit(1), 20_000);
        force.unref();
        app.stop().finally(() => process.exit(1));
      });
    });

  program
    .command("migrate")
    .description("apply pending database migrations (SQLite or PostgreSQL, from DATABASE_URL)")
    .action(async () => {
      const config = configOrExit(false);
      const target = parseDatabaseUrl(config.databaseUrl);
      if (target.provider === "sqlite") (await import("node:fs")).mkdirSync(config.dataDir, { recursive: true });
      const result = await migrate(target);
      process.stdout.write(
        result.applied.length
          ? `Applied ${result.applied.length} migration(s) to ${redactDatabaseUrl(config.databaseUrl)}:\n${result.applied.map((m) => `  ${m}`).join("\n")}\n`
          : `${redactDatabaseUrl(config.databaseUrl)} is up to date (${result.alreadyApplied} migrations).\n`,
      );
    });

  program
    .command("config")
    .description("check the configuration and print it without secrets")
    .action(() => {
      const config = configOrExit(false);
      const { botToken: _t, encryptionKeys: _k, ...rest } = config;
      process.stdout.write(
        JSON.stringify({ ...rest, databaseUrl: redactDatabaseUrl(rest.databaseUrl), webhook: rest.webhook ? { url: rest.webhook.url, secret: "***" } : undefined, encryptionKey: config.encryptionKeys ? (config.encryptionKeys.length > 1 ? `configured (${config.encryptionKeys.length} keys)` : "configured") : "file in data directory" }, null, 2) + "\n",
      );
    });

  registerCalendarCommands(program, () => createWorkCalendar());
  registerScheduleCommand(program, () => createWorkCalendar(), async () => {
    const i18n = await createI18n();
    return { kk: i18n.t("kk"), ru: i18n.t("ru") };
  });
  registerSurveyCommands(program, () => configOrExit(false));
  registerKeysCommands(program, () => configOrExit(false));
  registerPlanCommands(
    program,
    async () => {
      const i18n = await createI18n();
      return { kk: i18n.t("kk"), ru: i18n.t("ru") };
    },
    async (items, year) => {
      const config = configOrExit(false);
      const db = await openDatabase(config.databaseUrl, { migrate: config.databaseUrl.startsWith("file:") });
      try {
        return { ...(await importPlan(db.prisma, items, { createdById: null, today: toIsoDate(new Date(), config.timeZone), year, calendar: createWorkCalendar() })) };
      } finally {
        await db.close();
      }
    },
  );

  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  await buildCli().parseAsync(argv);
}
