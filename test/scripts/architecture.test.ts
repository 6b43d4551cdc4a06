// The architecture checker (scripts/architecture.ts) on small source trees written to a
// temporary folder: each rule finds what it is there for, and leaves alone what is allowed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkArchitecture, MAX_FUNCTION_LINES, type Finding } from "../../scripts/architecture.js";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** Runs the checker on a tree of files given by their path under src/. */
function check(files: Record<string, string>): Finding[] {
  const root = mkdtempSync(join(tmpdir(), "adal-arch-"));
  roots.push(root);
  for (const [path, code] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), code);
  }
  return checkArchitecture(root);
}

/** A function of exactly `lines` lines, its first line being `export function name() {`. */
function functionOf(name: string, lines: number): string {
  const body = Array.from({ length: lines - 2 }, (_, i) => `  const v${i} = ${i};`);
  return [`export function ${name}() {`, ...body, "}", ""].join("\n");
}

/** A tree that follows every rule; tests add one file that breaks (or keeps) one. */
const CLEAN: Record<string, string> = {
  "paths.ts": `export const root = "/";\n`,
  "domain/dates.ts": `import { root } from "../paths.js";\nexport const formatDay = (d: string) => root + d;\n`,
  "config.ts": `import { formatDay } from "./domain/dates.js";\nexport const config = { day: formatDay("x") };\n`,
  "db/repositories/users.ts": `import type { Db } from "../client.js";\nexport function listUsers(db: Db) {\n  return db.prisma.user.findMany({});\n}\n`,
  "db/client.ts": `export interface Db { prisma: any }\n`,
  "services/users.ts": `import { listUsers } from "../db/repositories/users.js";\nexport const users = listUsers;\n`,
  "bot/ui/html.ts": `export const HTML = { parse_mode: "HTML" } as const;\n`,
  "domain/notifications.ts": `export interface Notifier { send(n: unknown): Promise<string> }\n`,
  "bot/notifications/index.ts": `import { Api } from "grammy";\nimport type { Notifier } from "../../domain/notifications.js";\nexport class Notifications implements Notifier { constructor(readonly api: Api) {} async send() { return "sent"; } }\n`,
  "bot/features/tasks/index.ts": `import { InlineKeyboard } from "grammy";\nimport { HTML } from "../../ui/html.js";\nimport { taskButtons } from "./buttons.js";\nimport { users } from "../../../services/users.js";\nexport const install = () => [new InlineKeyboard(), HTML, taskButtons, users];\n`,
  "bot/features/tasks/buttons.ts": `export const taskButtons = [];\n`,
  "jobs/reminders.ts": `import type { Notifier } from "../domain/notifications.js";\nimport { formatDay } from "../domain/dates.js";\nexport const remind = (n: Notifier) => n.send(formatDay("2026-03-20"));\n`,
  "main.ts": `import { remind } from "./jobs/reminders.js";\nimport { install } from "./bot/features/tasks/index.js";\nexport const start = () => [remind, install];\n`,
};

const rulesOf = (findings: Finding[]) => findings.map((f) => `${f.rule} ${f.file}:${f.line}`);

describe("the clean tree", () => {
  it("has no findings", () => {
    expect(check(CLEAN)).toEqual([]);
  });
});

describe("layers", () => {
  it("finds domain importing the bot", () => {
    const findings = check({ ...CLEAN, "domain/escape.ts": `import { formatDay } from "./dates.js";\nimport { HTML } from "../bot/ui/html.js";\nexport const x = [formatDay, HTML];\n` });
    expect(rulesOf(findings)).toEqual(["layer domain/escape.ts:2"]);
    expect(findings[0]!.message).toBe("domain imports bot (bot/ui/html.ts): an upward edge");
  });

  it("finds the bot importing the jobs, also for types only", () => {
    const findings = check({
      ...CLEAN,
      "bot/features/tasks/reminder-view.ts": `import { remind } from "../../../jobs/reminders.js";\nexport const x = remind;\n`,
      "bot/menu.ts": `import type { remind } from "../jobs/reminders.js";\nexport type X = typeof remind;\n`,
    });
    expect(rulesOf(findings)).toEqual(["layer bot/features/tasks/reminder-view.ts:1", "layer bot/menu.ts:1"]);
    expect(findings[0]!.message).toBe("bot imports jobs (jobs/reminders.ts): an upward edge");
  });

  it("finds a lower layer importing a higher one anywhere below the entry points", () => {
    const findings = check({
      ...CLEAN,
      "db/repositories/audit.ts": `import { users } from "../../services/users.js";\nexport const a = users;\n`,
      "services/audit.ts": `import { HTML } from "../bot/ui/html.js";\nexport const a = HTML;\n`,
      "config.ts": `import { config as c } from "./main.js";\nexport const config = c;\n`,
    });
    expect(findings.map((f) => f.message)).toEqual([
      "infrastructure imports entry (main.ts): an upward edge",
      "db imports services (services/users.ts): an upward edge",
      "services imports bot (bot/ui/html.ts): an upward edge",
    ]);
  });

  it("finds the jobs importing a bot feature or anything else of the bot", () => {
    const findings = check({
      ...CLEAN,
      "jobs/tasks.ts": [
        `import { taskButtons } from "../bot/features/tasks/buttons.js";`,
        `import { Notifications } from "../bot/notifications/index.js";`,
        `import type { Notifications as N } from "../bot/notifications/index.js";`,
        `export const x = [taskButtons, Notifications];`,
        `export type Y = N;`,
        ``,
      ].join("\n"),
    });
    expect(rulesOf(findings)).toEqual(["layer jobs/tasks.ts:1", "layer jobs/tasks.ts:2", "layer jobs/tasks.ts:3"]);
    expect(findings[0]!.message).toBe("jobs import the bot (bot/features/tasks/buttons.ts): hand plain data to the Notifier of domain/notifications.ts instead");
  });

  it("finds the jobs importing the bot for types only too, in either form", () => {
    const findings = check({
      ...CLEAN,
      "bot/notifications/types.ts": `export interface Notifier { send(n: unknown): Promise<string> }\n`,
      "jobs/digest.ts": `import type { Notifier } from "../bot/notifications/types.js";\nimport { type Notifier as N2 } from "../bot/notifications/types.js";\nexport const send = (a: Notifier, b: N2) => [a, b];\n`,
    });
    expect(rulesOf(findings)).toEqual(["layer jobs/digest.ts:1", "layer jobs/digest.ts:2"]);
  });

  it("finds the jobs and the HTTP server importing each other", () => {
    const findings = check({
      ...CLEAN,
      "http/server.ts": `import { remind } from "../jobs/reminders.js";\nexport const s = remind;\n`,
      "jobs/health.ts": `import { s } from "../http/server.js";\nexport const h = s;\n`,
    });
    expect(findings.map((f) => f.message)).toEqual(["http imports jobs (jobs/reminders.ts): an upward edge", "jobs imports http (http/server.ts): an upward edge"]);
  });
});

describe("packages", () => {
  it("finds grammY in the domain and in the jobs", () => {
    const findings = check({
      ...CLEAN,
      "domain/keyboard.ts": `import { InlineKeyboard } from "grammy";\nexport const k = new InlineKeyboard();\n`,
      "jobs/send.ts": `import { formatDay } from "../domain/dates.js";\nimport { Api } from "grammy";\nimport { run } from "@grammyjs/runner";\nexport const x = [formatDay, Api, run];\n`,
    });
    expect(rulesOf(findings)).toEqual(["package domain/keyboard.ts:1", "package jobs/send.ts:2", "package jobs/send.ts:3"]);
    expect(findings.map((f) => f.message)).toEqual(["domain/ must not use grammy", "jobs/ must not use grammy", "jobs/ must not use @grammyjs/runner"]);
  });

  it("finds a type-only grammY import in the jobs too", () => {
    const findings = check({ ...CLEAN, "jobs/send.ts": `import type { Api } from "grammy";\nexport const send = (api: Api) => api;\n` });
    expect(rulesOf(findings)).toEqual(["package jobs/send.ts:1"]);
  });

  it("finds Prisma's packages in the domain", () => {
    const findings = check({ ...CLEAN, "domain/users.ts": `import { PrismaClient } from "@prisma/client";\nexport const p = PrismaClient;\n` });
    expect(rulesOf(findings)).toEqual(["package domain/users.ts:1"]);
  });

  it("lets the bot and the services use grammY", () => {
    expect(check({ ...CLEAN, "services/keyboard.ts": `import { InlineKeyboard } from "grammy";\nexport const k = InlineKeyboard;\n` })).toEqual([]);
  });
});

describe("features", () => {
  it("finds a feature importing another feature", () => {
    const findings = check({
      ...CLEAN,
      "bot/features/reports/index.ts": `import { HTML } from "../../ui/html.js";\nimport { taskButtons } from "../tasks/buttons.js";\nexport const x = [HTML, taskButtons];\n`,
    });
    expect(rulesOf(findings)).toEqual(["feature bot/features/reports/index.ts:2"]);
    expect(findings[0]!.message).toBe("feature reports imports feature tasks (bot/features/tasks/buttons.ts); share it through bot/ui, bot/flow or domain/");
  });

  it("finds a re-export from another feature too", () => {
    const findings = check({ ...CLEAN, "bot/features/reports/buttons.ts": `export { taskButtons } from "../tasks/buttons.js";\n` });
    expect(rulesOf(findings)).toEqual(["feature bot/features/reports/buttons.ts:1"]);
  });
});

describe("Prisma outside the repositories", () => {
  it("finds Prisma calls outside src/db, with their lines", () => {
    const findings = check({
      ...CLEAN,
      "services/report.ts": [
        `import type { Db } from "../db/client.js";`,
        `export async function report(db: Db) {`,
        `  const n = await db.prisma.report.count({ where: {} });`,
        `  await db.prisma.$transaction(async (tx: any) => {`,
        `    await tx.report.update({ where: { id: 1 }, data: {} });`,
        `  });`,
        `  return n;`,
        `}`,
        ``,
      ].join("\n"),
      "bot/features/tasks/list.ts": `export const list = (ctx: any) => ctx.deps.db.prisma.task.findMany({});\n`,
    });
    expect(rulesOf(findings)).toEqual(["prisma bot/features/tasks/list.ts:1", "prisma services/report.ts:3", "prisma services/report.ts:4", "prisma services/report.ts:5"]);
    expect(findings[1]!.message).toBe("Prisma called outside a repository: const n = await db.prisma.report.count({ where: {} });");
  });

  it("finds raw SQL outside src/db", () => {
    const findings = check({ ...CLEAN, "jobs/claim.ts": "export const claim = (prisma: any) => prisma.$executeRaw`UPDATE job SET claimed = 1`;\n" });
    expect(rulesOf(findings)).toEqual(["prisma jobs/claim.ts:1"]);
  });

  it("lets the repositories call Prisma", () => {
    expect(check({ ...CLEAN, "db/repositories/tasks.ts": `export const tasks = (db: any) => db.prisma.task.findMany({});\nexport const raw = (db: any) => db.prisma.$queryRaw\`SELECT 1\`;\n` })).toEqual([]);
  });
});

describe("the audit log", () => {
  const AUDIT = `export async function audit(db: unknown, entry: { action: string }) {\n  return entry;\n}\n`;

  it("finds the bot writing the audit log, and lets services and jobs write it", () => {
    const findings = check({
      ...CLEAN,
      "db/repositories/audit.ts": AUDIT,
      "services/invites.ts": `import { audit } from "../db/repositories/audit.js";\nexport const revoke = () => audit(null, { action: "invite.revoked" });\n`,
      "jobs/escalate.ts": `import { audit } from "../db/repositories/audit.js";\nexport const escalate = () => audit(null, { action: "report.escalated" });\n`,
      "bot/features/admin/invite-list.ts": `import { audit } from "../../../db/repositories/audit.js";\nexport const revoke = () => audit(null, { action: "invite.revoked" });\n`,
    });
    expect(findings).toEqual([{ rule: "audit", file: "bot/features/admin/invite-list.ts", line: 1, message: "bot writes the audit log: a service does that" }]);
  });
});

describe("function length in src/bot", () => {
  it(`finds a function of ${MAX_FUNCTION_LINES + 1} lines and not one of ${MAX_FUNCTION_LINES}`, () => {
    expect(MAX_FUNCTION_LINES).toBe(100);
    const findings = check({ ...CLEAN, "bot/features/tasks/long.ts": functionOf("fits", 100) + functionOf("tooLong", 101) });
    expect(findings).toEqual([{ rule: "length", file: "bot/features/tasks/long.ts", line: 101, message: "function tooLong has 101 lines (at most 100)" }]);
  });

  it("counts nested and arrow functions on their own, named after their variable", () => {
    const inner = functionOf("unused", 101).replace("export function unused() {", "  const handler = async () => {").replace(/\}\n$/, "  };\n");
    const code = `export function install() {\n${inner}  return handler;\n}\n`;
    const findings = check({ ...CLEAN, "bot/features/tasks/install.ts": code });
    expect(findings.map((f) => f.message)).toEqual(["function install has 104 lines (at most 100)", "function handler has 101 lines (at most 100)"]);
  });

  it("leaves long functions outside src/bot alone", () => {
    expect(check({ ...CLEAN, "services/long.ts": functionOf("long", 150), "domain/long.ts": functionOf("long", 150) })).toEqual([]);
  });
});

describe("this repository's src/", () => {
  it("has no upward import, no cross-feature import, no Prisma outside src/db, no audit written by the bot, no long function in src/bot", () => {
    const src = join(dirname(new URL(import.meta.url).pathname), "..", "..", "src");
    const findings = checkArchitecture(src).map((f) => `${f.rule} src/${f.file}:${f.line} ${f.message}`);
    expect(findings).toEqual([]);
  });
});
