// Wires config → database → services → bot → jobs → scheduler → HTTP, and takes them down in
// reverse order.
import { Api, GrammyError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Config } from "./config.js";
import { openDatabase, type Database } from "./db/client.js";
import { pingDatabase } from "./db/health.js";
import { pendingPostgres } from "./db/migrate.js";
import { resolveKeyring, verifyKey } from "./services/keys.js";
import { protectSqliteFiles } from "./db/sqlite-files.js";
import { createBot, type AdalBot } from "./bot/create-bot.js";
import { conflictRetry, pollIntoInbox, POLLING_CONFLICT_MESSAGE, refuseForeignWebhook, type ConflictRetryOptions, type PollingHandle } from "./bot/polling.js";
import { Inbox, webhookReceiver, type InboxOptions } from "./bot/inbox.js";
import { logCommandsFailure, syncDefaultCommands, syncPrivilegedCommands } from "./bot/commands.js";
import type { BotHooks, CreateBotDeps } from "./bot/context.js";
import { createJobs, type Jobs } from "./jobs/index.js";
import { startHttpServer, type HttpServer } from "./http/server.js";
import { createI18n } from "./i18n.js";
import { createLogger, type Logger } from "./logger.js";
import { createMetrics } from "./metrics.js";
import { Scheduler } from "./scheduler.js";
import { prepareSetupCode } from "./services/setup-code.js";
import { housekeepingJob } from "./jobs/housekeeping.js";
import { purgeExpiredReporterStates } from "./bot/features/reports/reporter-state.js";
import { createWorkCalendar } from "./domain/calendar/work-calendar.js";
import { defaultTransfersFile } from "./domain/calendar/holidays.js";
import { wipeFreedPages } from "./db/repositories/storage-hygiene.js";
import { encryptLegacyTotals, loadTemplates } from "./services/surveys.js";
import { createOutbox } from "./services/outbox.js";
import { InteractiveLoad } from "./bot/notifications/pacer.js";
import { OutboxSender, type SenderOptions } from "./bot/notifications/sender.js";
import { apiCallMetrics } from "./bot/api-transformers.js";
import { connectTelegram, setupBanner, startupTimeout, syncBotProfile, type TelegramStartOptions } from "./bot/startup.js";

export interface App {
  adal: AdalBot;
  jobs: Jobs;
  db: Database;
  http: HttpServer;
  scheduler: Scheduler;
  /** Sends what the jobs and the bot queue in the outbox. */
  sender: OutboxSender;
  /** Updates stored before they are confirmed, handled from the database. */
  inbox: Inbox;
  logger: Logger;
  /** Printed at first start when no compliance officer exists yet. */
  setupCode: string | null;
  /** Polling mode: settles when polling ends — null after stop(), the error when it failed (bot/polling.ts). */
  pollingEnded?: Promise<Error | null>;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  botInfo?: UserFromGetMe;
  now?: () => Date;
  fetch?: CreateBotDeps["fetch"];
  /** Skip scheduling (tests run jobs by hand). */
  scheduler?: boolean;
  /** Where the one-time setup code is shown (default: the console). */
  announce?: (text: string) => void;
  /** How long a polling conflict is retried (bot/polling.ts; tests shorten it). */
  pollingConflict?: ConflictRetryOptions;
  /** The outbox sender's pace (tests and the bench). */
  sender?: Partial<SenderOptions>;
  /** The inbox's timings (tests). */
  inbox?: Partial<InboxOptions>;
  /** Timeouts and retries of the calls to Telegram at start (bot/startup.ts; tests shorten them). */
  telegram?: TelegramStartOptions;
}

/** What the bot asks Telegram for. */
const ALLOWED_UPDATES = ["message", "edited_message", "callback_query"] as const;


export async function startApp(config: Config, options: StartOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const keyring = resolveKeyring(config, logger);
  // The embedded database, its WAL and the key are the organisation's secrets: files 0600.
  if (config.databaseUrl.startsWith("file:")) process.umask(0o077);
  const db = await openDatabase(config.databaseUrl, {
    // The embedded default migrates itself; PostgreSQL is migrated explicitly (adal migrate)
    // so that several instances never race a schema change in production.
    migrate: config.databaseUrl.startsWith("file:"),
    onMigrated: (r) => r.applied.length && logger.info({ event: "migrated", applied: r.applied }, "database migrated"),
  });
  const pending = db.target.provider === "postgres" ? await pendingPostgres(db.target.connection) : [];
  if (pending.length) {
    await db.close();
    throw new Error(`the PostgreSQL database needs migrating first (adal migrate): pending ${pending.join(", ")}`);
  }
  await verifyKey(db.prisma, keyring).catch(async (error: Error) => {
    await db.close();
    throw error;
  });
  if (db.target.provider === "sqlite") protectSqliteFiles(db.target.file, config.dataDir);
  const converted = await encryptLegacyTotals(db, keyring);
  if (converted) logger.info({ event: "legacy_totals_encrypted", campaigns: converted }, "survey totals of earlier versions encrypted or split");
  const i18n = await createI18n();
  const metrics = createMetrics();
  const calendar = createWorkCalendar({ transfersFile: defaultTransfersFile() });
  for (const t of await loadTemplates(db.prisma)) {
    if (!t.ok) logger.error({ event: "template_invalid", file: t.file, issues: t.issues }, "survey template is invalid");
    else if (t.created) logger.info({ event: "template_loaded", file: t.file, version: t.version }, "survey template loaded");
  }
  const now = options.now ?? (() => new Date());
  const outbox = createOutbox({ db, keyring, now });
  const load = new InteractiveLoad();
  const deps = { db, keyring, i18n, logger, metrics, calendar, now, outbox, load, ...(options.botInfo ? { botInfo: options.botInfo } : {}), ...(options.fetch ? { fetch: options.fetch } : {}) };
  // The bot calls up into the jobs only through these hooks, bound once the jobs exist.
  const hooks: BotHooks = { campaignOpened: () => undefined };
  const adal = createBot(config, { ...deps, hooks });
  const { bot } = adal;
  const jobs = createJobs(config, deps, outbox);
  // Its own Api: no auto-retry, the sender decides what may be sent again.
  const senderApi = new Api(config.botToken, { ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}), ...(options.fetch ? { fetch: options.fetch } : {}), timeoutSeconds: 30 });
  senderApi.config.use(apiCallMetrics(metrics));
  const sender = new OutboxSender({ database: db, outbox, api: senderApi, render: (n) => adal.notifications.render(n), load, logger, metrics, now }, options.sender);
  hooks.campaignOpened = () => void jobs.surveyDispatcher.tick().catch((e: Error) => logger.error({ event: "survey_dispatch_failed", message: e.message }, "survey dispatch failed"));
  const say = options.announce ?? ((t: string) => process.stderr.write(t));
  // The setup code needs no Telegram: shown before it is reached, so an unreachable Telegram
  // does not hide it. Printed as a block, not logged as data (the event says it was shown).
  const setupCode = await prepareSetupCode(db.prisma, keyring, config.complianceTelegramIds);
  if (setupCode) {
    say(setupBanner(setupCode, options.botInfo?.username));
    logger.warn({ event: "setup_code_shown", hint: "send /setup with the code printed above from the compliance officer's account" }, "no compliance officer yet: setup code printed on the console");
  }
  // Every call of the start-up has a timeout; polling and later calls keep grammY's own.
  let starting = true;
  bot.api.config.use(startupTimeout(options.telegram?.timeoutMs ?? 15_000, () => starting));
  try {
    // Asked through a bare client: the bot's own retries network errors quietly (api-transformers.ts).
    const probe = new Api(config.botToken, { ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}), ...(options.fetch ? { fetch: options.fetch } : {}) });
    if (!options.botInfo) bot.botInfo = await connectTelegram(probe, { ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}), logger, say }, options.telegram);
    // Before anything runs: a webhook of another deployment stops this start (bot/polling.ts).
    if (config.mode === "polling") await refuseForeignWebhook(bot.api, config.pollingReplacesWebhook);
  } catch (error) {
    await db.close();
    throw error;
  }
  logger.info({ event: "bot_ready", username: bot.botInfo.username, mode: config.mode, database: db.provider }, "bot ready");
  await logCommandsFailure(logger, syncDefaultCommands(bot.api, adal.router, deps, config.defaultLanguage));
  await logCommandsFailure(logger, syncBotProfile(bot.api, i18n, config.defaultLanguage));
  await logCommandsFailure(logger, syncPrivilegedCommands(bot.api, adal.router, deps));

  sender.start();
  const scheduler = new Scheduler(config.timeZone, logger);
  if (options.scheduler !== false) {
    scheduler.add(housekeepingJob(db, deps.now, config.timeZone));
    const surveys = { name: "surveys", schedule: "*/5 * * * *", run: async () => void (await jobs.surveyDispatcher.tick()) };
    scheduler.add(surveys);
    // The weekly digest goes from the same hour as the deadline reminders, after them.
    const reminders = {
      name: "task-reminders",
      schedule: "*/5 * * * *",
      run: async () => {
        await jobs.taskReminders.tick();
        await jobs.weeklyDigest.tick();
        await jobs.monitoringReminders.tick();
      },
    };
    scheduler.add(reminders);
    const boardReminders = { name: "board-reminders", schedule: "*/5 * * * *", run: async () => void (await jobs.boardReminders.tick()) };
    scheduler.add(boardReminders);
    const reports = {
      name: "reports",
      schedule: "*/5 * * * *",
      run: async () => {
        await jobs.reportNotifier.tick();
        // Receipts kept for the written-down check and idle reporter flows go within the hour.
        await purgeExpiredReporterStates(db.prisma, keyring, deps.now());
        // A reporter's rows deleted at the receipt check or by expiry, and the updates and
        // messages that passed through the inbox and the outbox, leave no version behind.
        await wipeFreedPages(db, ["ReporterFlow", "InboxUpdate", "OutboxMessage"]);
      },
    };
    scheduler.add(reports);
    // Catch up at start: campaigns that opened or closed, today's deadline reminders, and
    // report alerts, pings and escalations due while the bot was down.
    void scheduler.runNow(surveys);
    void scheduler.runNow(reminders);
    void scheduler.runNow(boardReminders);
    void scheduler.runNow(reports);
  }

  // Every update goes through the inbox (bot/inbox.ts): stored before it is confirmed.
  const inbox = new Inbox({ database: db, keyring, logger, metrics, handle: (update) => bot.handleUpdate(update) }, options.inbox);
  inbox.start();
  let polling: PollingHandle | undefined;
  let webhook: Parameters<typeof startHttpServer>[0]["webhook"];
  if (config.mode === "webhook" && config.webhook) {
    webhook = { path: new URL(config.webhook.url).pathname || "/", handler: webhookReceiver(inbox, config.webhook.secret, logger) };
    await bot.api.setWebhook(config.webhook.url, { secret_token: config.webhook.secret, allowed_updates: [...ALLOWED_UPDATES] });
  }
  const http = await startHttpServer({
    host: config.http.host,
    port: config.http.port,
    metrics,
    logger,
    health: async () => {
      await pingDatabase(db.prisma);
      return { database: db.provider, mode: config.mode };
    },
    ...(webhook ? { webhook } : {}),
  });
  logger.info({ event: "http_listening", url: http.url }, "http listening");

  let pollingEnded: Promise<Error | null> | undefined;
  if (config.mode === "polling") {
    // getUpdates needs no webhook: ours from a webhook run, or one allowed to be taken over above.
    await bot.api.deleteWebhook();
    bot.api.config.use(conflictRetry(logger, options.pollingConflict));
    // Different chats in parallel; one chat in order (the inbox's claims).
    polling = pollIntoInbox(bot.api, (updates) => inbox.receive(updates), logger, ALLOWED_UPDATES);
    // The poller's failure (a lasting 409 conflict, a revoked token) must reach the process.
    pollingEnded = polling.task.then(
      () => null,
      (error: unknown) => {
        const conflict = error instanceof GrammyError && error.error_code === 409;
        logger.fatal({ event: "polling_failed", code: error instanceof GrammyError ? error.error_code : null, message: (error as Error).message }, conflict ? POLLING_CONFLICT_MESSAGE : "polling stopped");
        return conflict ? new Error(POLLING_CONFLICT_MESSAGE) : (error as Error);
      },
    );
  }

  starting = false;
  let stopped = false;
  return {
    adal,
    ...(pollingEnded ? { pollingEnded } : {}),
    jobs,
    db,
    http,
    scheduler,
    sender,
    inbox,
    logger,
    setupCode,
    async stop() {
      if (stopped) return;
      stopped = true;
      logger.info({ event: "stopping" }, "stopping");
      if (polling?.isRunning()) await polling.stop();
      await inbox.stop();
      await scheduler.stop();
      await jobs.settle();
      await sender.stop();
      await http.close();
      await db.close();
      logger.info({ event: "stopped" }, "stopped");
    },
  };
}

