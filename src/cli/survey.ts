// `adal survey validate FILE` and `adal survey export`: the same code the bot uses, under
// the same disclosure policy; every export is audited with the operating-system user.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import type { Config } from "../config.js";
import { type Lang, isLang } from "../domain/lang.js";
import { openDatabase } from "../db/client.js";
import { toIsoDate } from "../domain/calendar/time-zone.js";
import { createKeyring, KEY_FILE, loadOrCreateKeyFile } from "../domain/crypto.js";
import { parseDatabaseUrl } from "../db/url.js";
import { parseDefinitionFile } from "../domain/surveys/definition.js";
import { writeResultsFile } from "../domain/surveys/report/files.js";
import { exportInterviewXlsx } from "../domain/surveys/report/xlsx.js";
import { createI18n } from "../i18n.js";
import { standardLabels } from "../services/survey-labels.js";
import { computeResults, exportNamedAnswersFromCli } from "../services/surveys.js";
import { verifyKey } from "../services/keys.js";

export function registerSurveyCommands(program: Command, loadConfig: () => Config): void {
  const survey = program.command("survey").description("questionnaire definitions and results");

  survey
    .command("validate")
    .argument("<file>", "definition file (.yaml, .yml or .json)")
    .option("--lang <lang>", "language of the error messages (kk or ru)", "ru")
    .description("check a survey definition; exit 0 when valid, 1 when not (errors on stderr)")
    .action(async (file: string, options: { lang: string }) => {
      const lang: Lang = isLang(options.lang) ? options.lang : "ru";
      let content: Buffer;
      try {
        content = readFileSync(file);
      } catch (error) {
        process.stderr.write(`${file}: ${(error as Error).message}\n`);
        process.exit(2);
      }
      const result = parseDefinitionFile(content, file);
      if (result.ok) {
        const count = result.definition.sections.reduce((n, s) => n + s.questions.length, 0);
        process.stdout.write(`${file}: OK — "${result.definition.id}", ${result.definition.sections.length} sections, ${count} questions\n`);
        return;
      }
      const t = (await createI18n()).t(lang);
      for (const issue of result.issues) process.stderr.write(`${file}: ${issue.path}: ${t(`surveys.validation.${issue.code}`, issue.params ?? {})} [${issue.code}]\n`);
      process.exit(1);
    });

  survey
    .command("export")
    .requiredOption("--campaign <id>", "campaign number")
    .option("--format <format>", "xlsx, csv, docx, or answers (attributed interviews, XLSX)", "xlsx")
    .option("--lang <lang>", "kk or ru", "ru")
    .option("--group <question=code>", "results of one group of a grouping question")
    .option("--out <file>", "output file (default: survey-<id>-<date>-<lang>.<ext>)")
    .description("export campaign results (same files as in the bot)")
    .action(async (options: { campaign: string; format: string; lang: string; group?: string; out?: string }) => {
      const config = loadConfig();
      const campaignId = /^\d{1,9}$/.test(options.campaign) ? Number(options.campaign) : 0;
      if (campaignId <= 0) fail(`--campaign: expected a campaign number, got ${options.campaign}`);
      if (!["xlsx", "csv", "docx", "answers"].includes(options.format)) fail(`--format: expected xlsx, csv, docx or answers`);
      if (!isLang(options.lang)) fail(`--lang: expected kk or ru`);
      const lang = options.lang as Lang;
      const filter = options.group ? /^([a-z0-9_-]+)=([a-z0-9_-]+)$/.exec(options.group) : null;
      if (options.group && !filter) fail(`--group: expected question=code, e.g. unit=admin`);
      const target = parseDatabaseUrl(config.databaseUrl);
      if (target.provider === "sqlite" && !existsSync(target.file)) fail(`no database at ${target.file}: set DATABASE_URL or DATA_DIR to the bot's`);
      // Never create a key here: a new key could not read the bot's data anyway.
      const keyFile = join(config.dataDir, KEY_FILE);
      if (!config.encryptionKeys && !existsSync(keyFile)) fail(`no encryption key: set ENCRYPTION_KEY or DATA_DIR to the bot's (${keyFile} does not exist)`);
      const keyring = createKeyring(config.encryptionKeys ?? loadOrCreateKeyFile(config.dataDir).keys);
      const db = await openDatabase(config.databaseUrl);
      try {
        await verifyKey(db.prisma, keyring, { record: false }).catch((error: Error) => fail(error.message));
        const i18n = await createI18n();
        const t = i18n.t(lang);
        const labels = standardLabels({ i18n });
        const today = toIsoDate(new Date(), config.timeZone);
        const ext = options.format === "answers" ? "xlsx" : options.format;
        const out = options.out ?? `survey-${campaignId}-${today}-${lang}.${ext}`;
        if (options.format === "answers") {
          const written = await exportNamedAnswersFromCli(db.prisma, userInfo().username, { campaignId, today, labels }, async (data) => writeFileSync(out, await exportInterviewXlsx(data, lang, t)));
          if (!written) fail(`campaign ${campaignId} does not exist or is not an attributed interview`);
        } else {
          const viewer = { kind: "cli" as const, osUser: userInfo().username };
          const format = options.format as "xlsx" | "csv" | "docx";
          const r = await computeResults(db.prisma, keyring, { campaignId, today, labels, viewer, view: format, lang, k: config.surveys.minGroup, textK: config.surveys.minTextGroup, textsOnDemand: true, ...(filter ? { filter: { questionId: filter[1]!, code: filter[2]! } } : {}) });
          if (!r.ok) fail(r.error === "not_found" ? `campaign ${campaignId} not found` : t(`campaigns.filterError.${r.error}`, { k: config.surveys.minGroup }));
          await writeResultsFile(out, (r as Extract<typeof r, { ok: true }>).results, format, lang, t);
        }
        process.stdout.write(`${out}\n`);
      } catch (error) {
        fail(/not configured|not an Adal ciphertext|Unsupported state|authenticate/i.test((error as Error).message) ? "the encryption key does not match this database" : (error as Error).message);
      } finally {
        await db.close();
      }
    });
}

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}
