// Configuration from the environment (and an optional .env), validated with zod.
// Every problem is reported at once, by variable name, with what is expected.
import { join, resolve } from "node:path";
import { z } from "zod";
import { DEFAULT_REPORT_POLICY, type ReportDeadlinePolicy } from "./domain/reports/case.js";
import { parseOffsets, type ReminderPolicy } from "./domain/reminders.js";
import { LANGUAGES, type Lang } from "./domain/lang.js";


const TOKEN_HINT = "the bot token from @BotFather, like 123456789:AAF0s…";

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const schema = z
  .object({
    BOT_TOKEN: z.preprocess(
      emptyToUndefined,
      z.string({ error: `required: ${TOKEN_HINT}` }).regex(/^\d{3,}:[A-Za-z0-9_-]{20,}$/, `invalid: expected ${TOKEN_HINT}`),
    ),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^(file:|postgres(ql)?:\/\/)/i, "invalid: expected file:PATH (SQLite) or postgresql://user:password@host:5432/db")
        .optional(),
    ),
    BOT_MODE: z.preprocess(emptyToUndefined, z.enum(["polling", "webhook"], { error: "invalid: expected polling or webhook" }).default("polling")),
    POLLING_REPLACES_WEBHOOK: z.preprocess(emptyToUndefined, z.enum(["true", "false"], { error: "invalid: expected true or false" }).default("false")),
    WEBHOOK_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: "invalid: expected the public https:// URL Telegram posts updates to" }).optional()),
    WEBHOOK_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, "invalid: expected 16–256 characters A–Z, a–z, 0–9, _ or -").optional(),
    ),
    HTTP_HOST: z.preprocess(emptyToUndefined, z.string().default("0.0.0.0")),
    HTTP_PORT: z.preprocess(emptyToUndefined, z.coerce.number({ error: "invalid: expected a port number" }).int().min(0).max(65535, "invalid: expected a port number 0–65535").default(8080)),
    ORG_TIMEZONE: z.preprocess(emptyToUndefined, z.string().refine(isTimeZone, "invalid: expected an IANA time zone such as Asia/Almaty").default("Asia/Almaty")),
    ENCRYPTION_KEY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((v) => decodeKeys(v) !== null, "invalid: expected 32 random bytes as 64 hex characters or base64 (openssl rand -hex 32), or several separated by commas (current key first)")
        .optional(),
    ),
    COMPLIANCE_TELEGRAM_IDS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^\s*\d{1,15}(\s*,\s*\d{1,15})*\s*$/, "invalid: expected Telegram user ids separated by commas, like 123456789,987654321")
        .optional(),
    ),
    DEFAULT_LANGUAGE: z.preprocess(emptyToUndefined, z.enum(LANGUAGES, { error: "invalid: expected kk or ru" }).default("kk")),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "invalid: expected fatal, error, warn, info, debug, trace or silent" }).default("info"),
    ),
    SURVEY_DRAFT_DAYS: z.preprocess(emptyToUndefined, z.coerce.number({ error: "invalid: expected a number of days" }).int().min(1, "invalid: expected 1–90 days").max(90, "invalid: expected 1–90 days").default(14)),
    SURVEY_MIN_GROUP: z.preprocess(emptyToUndefined, z.coerce.number({ error: "invalid: expected a number" }).int().min(3, "invalid: at least 3 (smaller groups identify people)").max(50, "invalid: at most 50").default(5)),
    SURVEY_MIN_TEXT_GROUP: z.preprocess(emptyToUndefined, z.coerce.number({ error: "invalid: expected a number" }).int().min(5, "invalid: at least 5").max(100, "invalid: at most 100").default(10)),
    TASK_REMINDER_OFFSETS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((v) => parseOffsets(v) !== null, "invalid: expected working days before a deadline, separated by commas, like 5,2,1")
        .default("5,2,1"),
    ),
    TASK_REMINDER_TIME: z.preprocess(emptyToUndefined, z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "invalid: expected a time HH:MM, like 09:00").default("09:00")),
    REPORT_ACK_DAYS: z.preprocess(emptyToUndefined, z.coerce.number({ error: "invalid: expected a number of working days" }).int().min(1, "invalid: expected 1–10 working days").max(10, "invalid: expected 1–10 working days").default(3)),
    REPORT_DECISION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number({ error: "invalid: expected a number of working days" }).int().min(1, "invalid: expected 1–60 working days").max(60, "invalid: expected 1–60 working days").default(15)),
    REPORT_RETENTION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number({ error: "invalid: expected a number of days" }).int().min(30, "invalid: expected 30–3650 days").max(3650, "invalid: expected 30–3650 days").default(1095)),
    TASK_ESCALATE_AFTER: z.preprocess(emptyToUndefined, z.coerce.number({ error: "invalid: expected a number of working days" }).int().min(0).max(30, "invalid: expected 0–30 working days").default(1)),
    TELEGRAM_API_ROOT: z.preprocess(emptyToUndefined, z.url({ error: "invalid: expected a URL such as https://api.telegram.org" }).optional()),
  });

/** Ports Telegram's Bot API posts webhooks to (setWebhook). */
export const TELEGRAM_WEBHOOK_PORTS = [443, 80, 88, 8443];

/**
 * Why Telegram would refuse this webhook URL, or null: it posts only to https:// and only to
 * ports 443, 80, 88 and 8443, and says so only when the bot starts. A local Bot API server
 * (TELEGRAM_API_ROOT) has no such rule, so it is not checked then.
 */
export function webhookUrlProblem(url: string | undefined): string | null {
  if (!url || !URL.canParse(url)) return null; // reported by the variable's own check
  const parsed = new URL(url);
  if (parsed.protocol !== "https:") return "Telegram posts updates only to https:// URLs";
  const port = parsed.port === "" ? 443 : Number(parsed.port);
  if (!TELEGRAM_WEBHOOK_PORTS.includes(port)) return `Telegram posts updates only to ports ${TELEGRAM_WEBHOOK_PORTS.join(", ")} (not ${port}); put a reverse proxy in front of the bot`;
  return null;
}

/**
 * Rules between variables. Checked on the raw values, apart from the per-variable schema,
 * so they are reported together with every other problem rather than after a second run.
 */
function crossFieldErrors(env: NodeJS.ProcessEnv): string[] {
  const value = (name: string) => (typeof env[name] === "string" && env[name]!.trim() !== "" ? env[name]!.trim() : undefined);
  const errors: string[] = [];
  if (value("BOT_MODE") === "webhook") {
    if (!value("WEBHOOK_URL")) errors.push("WEBHOOK_URL: required when BOT_MODE=webhook: the public https:// URL Telegram posts updates to");
    if (!value("WEBHOOK_SECRET")) errors.push("WEBHOOK_SECRET: required when BOT_MODE=webhook: a random secret token (openssl rand -hex 32)");
    const problem = value("TELEGRAM_API_ROOT") ? null : webhookUrlProblem(value("WEBHOOK_URL"));
    if (problem) errors.push(`WEBHOOK_URL: ${problem}`);
  }
  if (/^postgres/i.test(value("DATABASE_URL") ?? "") && !value("ENCRYPTION_KEY")) {
    errors.push("ENCRYPTION_KEY: required with PostgreSQL (every instance needs the same key): 64 hex characters (openssl rand -hex 32)");
  }
  return errors;
}

export interface Config {
  botToken: string;
  dataDir: string;
  databaseUrl: string;
  mode: "polling" | "webhook";
  /** Polling may delete a webhook found set at start (another deployment's, or this one's before a switch). */
  pollingReplacesWebhook: boolean;
  webhook?: { url: string; secret: string };
  http: { host: string; port: number };
  timeZone: string;
  /**
   * Raw 32-byte keys when configured (ENCRYPTION_KEY, comma-separated: the current key first,
   * then the old ones kept after a rotation); otherwise resolved from the data directory.
   */
  encryptionKeys?: Buffer[];
  complianceTelegramIds: number[];
  defaultLanguage: Lang;
  logLevel: string;
  apiRoot?: string;
  surveys: SurveyConfig;
  reminders: ReminderPolicy;
  /** Deadline clocks and retention of anonymous reports. */
  reports: ReportDeadlinePolicy;
}

export interface SurveyConfig {
  /** Unfinished answers are deleted after this many days. */
  draftDays: number;
  /** Smallest group whose figures are shown (k). */
  minGroup: number;
  /** Smallest group whose free-text answers are shown. */
  minTextGroup: number;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

export function decodeKey(value: string): Buffer | null {
  const v = value.trim();
  if (/^[0-9a-f]{64}$/i.test(v)) return Buffer.from(v, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(v)) {
    const b = Buffer.from(v.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    return b.length === 32 ? b : null;
  }
  return null;
}

/** ENCRYPTION_KEY: one key, or several separated by commas (the current one first). */
export function decodeKeys(value: string): Buffer[] | null {
  const keys = value.split(",").map(decodeKey);
  return keys.every((k): k is Buffer => k !== null) ? keys : null;
}

/** Validates everything at once. `requireToken: false` for commands that never talk to Telegram. */
export function loadConfig(env: NodeJS.ProcessEnv, options: { requireToken?: boolean; cwd?: string } = {}): ConfigResult {
  const input = { ...env };
  if (options.requireToken === false && !emptyToUndefined(input.BOT_TOKEN)) input.BOT_TOKEN = "0000:not-needed-for-this-command-xxxxx";
  const parsed = schema.safeParse(input);
  const errors = [...(parsed.success ? [] : parsed.error.issues.map((i) => `${String(i.path[0] ?? "config")}: ${i.message}`)), ...crossFieldErrors(input)];
  if (!parsed.success || errors.length) return { ok: false, errors: [...new Set(errors)] };
  const v = parsed.data;
  const dataDir = resolve(options.cwd ?? process.cwd(), v.DATA_DIR);
  return {
    ok: true,
    config: {
      botToken: v.BOT_TOKEN,
      dataDir,
      databaseUrl: v.DATABASE_URL ?? `file:${join(dataDir, "adal.db")}`,
      mode: v.BOT_MODE,
      pollingReplacesWebhook: v.POLLING_REPLACES_WEBHOOK === "true",
      ...(v.BOT_MODE === "webhook" && v.WEBHOOK_URL && v.WEBHOOK_SECRET ? { webhook: { url: v.WEBHOOK_URL, secret: v.WEBHOOK_SECRET } } : {}),
      http: { host: v.HTTP_HOST, port: v.HTTP_PORT },
      timeZone: v.ORG_TIMEZONE,
      ...(v.ENCRYPTION_KEY ? { encryptionKeys: decodeKeys(v.ENCRYPTION_KEY)! } : {}),
      complianceTelegramIds: (v.COMPLIANCE_TELEGRAM_IDS ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .map(Number),
      defaultLanguage: v.DEFAULT_LANGUAGE,
      logLevel: v.LOG_LEVEL,
      ...(v.TELEGRAM_API_ROOT ? { apiRoot: v.TELEGRAM_API_ROOT } : {}),
      reminders: { offsets: parseOffsets(v.TASK_REMINDER_OFFSETS)!, time: v.TASK_REMINDER_TIME, escalateAfter: v.TASK_ESCALATE_AFTER },
      reports: { ...DEFAULT_REPORT_POLICY, ackDays: v.REPORT_ACK_DAYS, decisionDays: v.REPORT_DECISION_DAYS, maxExtensionDays: v.REPORT_DECISION_DAYS, retentionDays: v.REPORT_RETENTION_DAYS },
      surveys: { draftDays: v.SURVEY_DRAFT_DAYS, minGroup: v.SURVEY_MIN_GROUP, minTextGroup: Math.max(v.SURVEY_MIN_TEXT_GROUP, v.SURVEY_MIN_GROUP) },
    },
  };
}

/** What to print when the configuration is unusable. */
export function formatConfigErrors(errors: string[]): string {
  return [
    "Adal cannot start: the configuration is incomplete or invalid.",
    ...errors.map((e) => `  - ${e}`),
    "Set these as environment variables or in a .env file (see .env.example and the README).",
  ].join("\n");
}
