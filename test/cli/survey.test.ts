// `adal survey validate` and `adal survey export`, spawned from source as users run them.
// The export runs against a SQLite database file prepared here (definition, campaigns and
// submissions through the same repository code the bot uses), whatever database the rest
// of the suite runs on: the CLI only needs DATABASE_URL, and a file keeps this test
// independent of the PostgreSQL run (it passes in both runs, always on SQLite).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCampaign, getCampaign, type CampaignRecord } from "../../src/db/repositories/campaigns.js";
import { openDatabase } from "../../src/db/client.js";
import { migrateSqlite } from "../../src/db/migrate.js";
import { submitAnonymous, submitAttributed } from "../../src/db/repositories/survey-answers.js";
import { saveDefinition } from "../../src/db/repositories/survey-definitions.js";
import { createKeyring } from "../../src/domain/crypto.js";
import { contribution } from "../../src/domain/surveys/aggregate.js";
import type { Answers } from "../../src/domain/surveys/answers.js";
import { allQuestions, parseDefinitionFile } from "../../src/domain/surveys/definition.js";
import { scrubPersonalData } from "../../src/domain/surveys/scrub.js";
import { closeSurveyCampaign, launchCampaign } from "../../src/services/surveys.js";
import { flowDefinition } from "../support/survey-fixture.js";

const root = join(__dirname, "..", "..");
const KEY = Buffer.alloc(32, 9);
const RESPONDENTS = 6;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from source in `cwd`, with a clean environment plus `env`. */
function adal(args: string[], env: Record<string, string> = {}, cwd = work): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(BOT_|DATABASE_URL|WEBHOOK_|ENCRYPTION_KEY|COMPLIANCE_|DATA_DIR|HTTP_|TELEGRAM_)/.test(k)));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", pathToFileURL(join(root, "node_modules", "tsx", "dist", "loader.mjs")).href, join(root, "test", "support", "cli-entry.ts"), ...args], {
      cwd,
      env: { ...clean, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

let work: string;
let dbEnv: Record<string, string>;
let anonymous: CampaignRecord;
let interview: CampaignRecord;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "adal-survey-cli-"));
  const file = join(work, "adal.db");
  migrateSqlite(file);
  dbEnv = { DATABASE_URL: `file:${file}`, ENCRYPTION_KEY: KEY.toString("hex") };
  const db = await openDatabase(`file:${file}`);
  try {
    const p = db.prisma;
    const keyring = createKeyring([KEY]);
    const def = flowDefinition();
    const dep = await p.department.create({ data: { name: "Бухгалтерия" } });
    const users = [];
    for (let i = 0; i < RESPONDENTS; i++) {
      users.push(await p.user.create({ data: { fullName: `Сотрудник ${i + 1}`, position: "Бухгалтер", phone: `7701000000${i}`, telegramId: BigInt(600000 + i), language: i % 2 ? "kk" : "ru", departmentId: dep.id, registeredAt: new Date() } }));
    }
    const { record } = await saveDefinition(p, def, "test", null);
    const common = { definitionId: record.id, opensOn: "2026-03-02", closesOn: "2026-03-20", audience: { kind: "all" as const }, reminderCap: 2, createdById: users[0]!.id, today: "2026-03-02" };
    anonymous = await createCampaign(p, { ...common, mode: "anonymous" });
    await launchCampaign(p, anonymous);
    for (const [i, u] of users.entries()) {
      const answers: Answers = {
        years: { number: 10 + i },
        since: { date: "2020-03-01" },
        channel: { code: i < 4 ? "boss" : "hotline" },
        risks: { codes: i === 0 ? ["buy", "other"] : ["buy"], ...(i === 0 ? { other: "Склад, тел. +7 701 555 00 11" } : {}) },
        comment: i < 2 ? { skipped: true } : { text: `Комментарий ${i}` },
      };
      const c = contribution(def, answers, (s) => scrubPersonalData(s).text);
      await submitAnonymous(p, "sqlite", keyring, { campaignId: anonymous.id, userId: u.id, today: "2026-03-03", contribution: c, draftKey: `none-${i}` });
    }
    // Closed: the box is folded for good, so the exports show the final totals of all six.
    await closeSurveyCampaign({ db, keyring, k: 5 }, anonymous, "2026-03-21");
    anonymous = (await getCampaign(p, anonymous.id))!;
    interview = await createCampaign(p, { ...common, mode: "attributed" });
    await launchCampaign(p, interview);
    await submitAttributed(p, {
      campaignId: interview.id,
      userId: users[1]!.id,
      today: "2026-03-04",
      answers: { years: { number: 7 }, since: { date: "2019-09-01" }, channel: { code: "hotline" }, risks: { codes: ["hire"] }, comment: { text: "Всё спокойно" } },
      draftKey: "none",
    });
  } finally {
    await db.close();
  }
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const BROKEN = `id: cli-test
title: { kk: "Сынақ", ru: "Проверка" }
mode: secret
sections:
  - id: main
    title: { kk: "Негізгі", ru: "Основное" }
    questions:
      - id: q1
        type: single
        text: { ru: "Только по-русски" }
        options:
          - { code: a, label: { kk: "А", ru: "А" } }
`;

describe("adal survey validate", () => {
  it("accepts both shipped templates: exit 0, OK on stdout", async () => {
    const files = ["staff-perception-survey.yaml", "unit-head-interview.yaml"];
    const runs = await Promise.all(files.map((f) => adal(["survey", "validate", join(root, "templates", f)])));
    for (const [i, r] of runs.entries()) {
      const path = join(root, "templates", files[i]!);
      const parsed = parseDefinitionFile(readFileSync(path), path);
      if (!parsed.ok) throw new Error(`${files[i]} is invalid`);
      const d = parsed.definition;
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe(`${path}: OK — "${d.id}", ${d.sections.length} sections, ${allQuestions(d).length} questions\n`);
      expect(r.stderr).toBe("");
    }
  }, 60_000);

  it("an invalid file: exit 1, each error with its path on stderr, in Russian by default and in Kazakh with --lang kk", async () => {
    const file = join(work, "broken.yaml");
    writeFileSync(file, BROKEN);
    const [ru, kk] = await Promise.all([adal(["survey", "validate", file]), adal(["survey", "validate", file, "--lang", "kk"])]);
    expect(ru.status).toBe(1);
    expect(ru.stdout).toBe("");
    expect(ru.stderr.trimEnd().split("\n")).toEqual([
      `${file}: mode: режим: anonymous или attributed [bad_mode]`,
      `${file}: sections[0].questions[0].text.kk: нет текста на одном из языков (нужны kk и ru) [missing_translation]`,
      `${file}: sections[0].questions[0].options: нужно не меньше двух вариантов ответа [too_few_options]`,
    ]);
    expect(kk.status).toBe(1);
    expect(kk.stderr.trimEnd().split("\n")).toEqual([
      `${file}: mode: режим: anonymous немесе attributed [bad_mode]`,
      `${file}: sections[0].questions[0].text.kk: тілдердің бірінде мәтін жоқ (kk және ru қажет) [missing_translation]`,
      `${file}: sections[0].questions[0].options: кемінде екі жауап нұсқасы қажет [too_few_options]`,
    ]);
  }, 60_000);

  it("a missing file: exit 2 with the file named", async () => {
    const file = join(work, "no-such-file.yaml");
    const r = await adal(["survey", "validate", file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}: ENOENT`);
    expect(r.stdout).toBe("");
  }, 60_000);
});

describe("adal survey export", () => {
  it("writes valid XLSX, CSV and DOCX files of an anonymous campaign", async () => {
    const out = (ext: string) => join(work, `results.${ext}`);
    const runs = await Promise.all(
      (["xlsx", "csv", "docx"] as const).map((format) => adal(["survey", "export", "--campaign", String(anonymous.id), "--format", format, "--lang", "ru", "--out", out(format)], dbEnv)),
    );
    for (const [i, format] of (["xlsx", "csv", "docx"] as const).entries()) {
      expect(runs[i]!.status, runs[i]!.stderr).toBe(0);
      expect(runs[i]!.stdout).toBe(`${out(format)}\n`);
      expect(existsSync(out(format))).toBe(true);
    }

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out("xlsx")) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Сводка", "Вопросы"]);
    const summary: unknown[] = [];
    wb.getWorksheet("Сводка")!.eachRow((r) => summary.push((r.values as unknown[]).slice(1)));
    expect(summary).toContainEqual(["Анкета", "Проверочный опрос"]);
    expect(summary).toContainEqual(["Заполнили анкету", RESPONDENTS]);
    const questions: unknown[][] = [];
    wb.getWorksheet("Вопросы")!.eachRow((r) => questions.push((r.values as unknown[]).slice(1)));
    expect(questions).toContainEqual([1, "Руководителю", 4, 4 / 6]);
    expect(questions).toContainEqual([1, "Закупки", RESPONDENTS, 1]);

    const csv = readFileSync(out("csv"), "utf8");
    expect(csv.startsWith("\ufeff")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe("Раздел;Вопрос;Тип вопроса;Ответили;Ответ или показатель;Количество;Доля;Значение;Код вопроса;Код ответа");
    expect(lines).toContain("Мнения;Куда вы сообщили бы о нарушении?;Один вариант ответа;6;Руководителю;4;0,6667;;channel;boss");
    // The "other" text was scrubbed before it was stored; fewer than 10 texts: not shown.
    expect(csv).not.toContain("555 00 11");
    expect(lines.find((l) => l.endsWith(";comment;suppressed"))).toBeDefined();

    const docx = readFileSync(out("docx"));
    expect(docx.subarray(0, 4).toString("binary")).toBe("PK\u0003\u0004");
    expect(docx.includes(Buffer.from("word/document.xml"))).toBe(true);
  }, 90_000);

  it("exports the answers of an attributed interview (XLSX by respondent and by question)", async () => {
    const out = join(work, "answers.xlsx");
    const r = await adal(["survey", "export", "--campaign", String(interview.id), "--format", "answers", "--lang", "kk", "--out", out], dbEnv);
    expect(r.status, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Респонденттер бойынша", "Сұрақтар бойынша"]);
    const row = (wb.worksheets[0]!.getRow(2).values as unknown[]).slice(1);
    expect(row[0]).toBe("Сотрудник 2");
    expect(row.slice(4)).toEqual(["7", "01.09.2019", "Сенім телефонына", "Жалдау", "Всё спокойно"]);
    // An anonymous campaign has no answers per person.
    const refused = await adal(["survey", "export", "--campaign", String(anonymous.id), "--format", "answers", "--out", join(work, "nope.xlsx")], dbEnv);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(`error: campaign ${anonymous.id} does not exist or is not an attributed interview\n`);
    expect(existsSync(join(work, "nope.xlsx"))).toBe(false);
  }, 60_000);

  it("every export is audited with the operating-system user; a refused one is not", async () => {
    const auditRows = async () => {
      const db = await openDatabase(dbEnv.DATABASE_URL!);
      try {
        return (await db.prisma.auditLog.findMany({ orderBy: { id: "asc" } })).map((a) => ({ action: a.action, actor: a.actorUserId, subject: a.subject, ...(JSON.parse(a.details ?? "{}") as Record<string, unknown>) }));
      } finally {
        await db.close();
      }
    };
    const before = (await auditRows()).length;
    const csv = await adal(["survey", "export", "--campaign", String(anonymous.id), "--format", "csv", "--lang", "kk", "--out", join(work, "audited.csv")], dbEnv);
    expect(csv.status, csv.stderr).toBe(0);
    const answers = await adal(["survey", "export", "--campaign", String(interview.id), "--format", "answers", "--out", join(work, "audited.xlsx")], dbEnv);
    expect(answers.status, answers.stderr).toBe(0);
    const group = await adal(["survey", "export", "--campaign", String(anonymous.id), "--format", "xlsx", "--group", "channel=boss", "--out", join(work, "group.xlsx")], dbEnv);
    expect(group.status).toBe(2);
    expect(group.stderr).toBe("error: Такой группы в анкете нет.\n"); // this definition has no grouping question
    expect(existsSync(join(work, "group.xlsx"))).toBe(false);
    const added = (await auditRows()).slice(before);
    expect(added).toEqual([
      { action: "survey.results_viewed", actor: null, subject: `campaign:${anonymous.id}`, view: "csv", filter: null, lang: "kk", via: "cli", osUser: userInfo().username, responses: RESPONDENTS },
      { action: "survey.answers_exported", actor: null, subject: `campaign:${interview.id}`, via: "cli", osUser: userInfo().username },
    ]);
  }, 90_000);

  it("bad arguments: exit 2 with a clear message and no file", async () => {
    const out = join(work, "bad.out");
    const base = ["survey", "export", "--out", out];
    const [pdf, abc, unknown, lang, missing] = await Promise.all([
      adal([...base, "--campaign", String(anonymous.id), "--format", "pdf"], dbEnv),
      adal([...base, "--campaign", "abc"], dbEnv),
      adal([...base, "--campaign", "999", "--format", "csv"], dbEnv),
      adal([...base, "--campaign", String(anonymous.id), "--lang", "en"], dbEnv),
      adal(["survey", "export", "--format", "csv"], dbEnv),
    ]);
    expect(pdf.status).toBe(2);
    expect(pdf.stderr).toBe("error: --format: expected xlsx, csv, docx or answers\n");
    expect(abc.status).toBe(2);
    expect(abc.stderr).toBe("error: --campaign: expected a campaign number, got abc\n");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe("error: campaign 999 not found\n");
    expect(lang.status).toBe(2);
    expect(lang.stderr).toBe("error: --lang: expected kk or ru\n");
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/required option '--campaign <id>' not specified/);
    for (const r of [pdf, abc, unknown, lang, missing]) expect(r.stdout).toBe("");
    expect(existsSync(out)).toBe(false);
  }, 90_000);
});
