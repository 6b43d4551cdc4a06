// Differencing (README "Anonymity", adversary c): a compliance officer compares every summary
// she can see — /dashboard, /monitoring, /board_report (the draft's text and data, for ended
// periods and, through the service, the running ones), the board reminder's decision and the
// weekly digest's figures — before and after a report about compliance staff (the observers'
// audience) is filed, and again a day and a week later. Nothing may change.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reportServiceDeps } from "../../../../src/bot/features/reports/index.js";
import { toIsoDate } from "../../../../src/domain/calendar/time-zone.js";
import { fileReport } from "../../../../src/services/reports.js";
import { boardPeriodHasContent, gatherBoardReport } from "../../../../src/services/board-report.js";
import { standardLabels } from "../../../../src/services/survey-labels.js";
import { reportCounts, summaryFor } from "../../../../src/services/summaries.js";
import { summaryScopeOf } from "../../../../src/domain/summaries/policies.js";
import { digestWindow } from "../../../../src/domain/summaries/figures.js";
import { createHarness, type Harness, type TgUser } from "../../../support/harness.js";

const anna: TgUser = { id: 500001, first_name: "Анна", language_code: "ru" };
let h: Harness;

beforeEach(async () => {
  // Friday 2 October 2026: the third quarter has just ended, the fourth runs.
  h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: String(anna.id) }, now: new Date("2026-10-02T05:00:00Z") });
  await h.text(anna, "/start");
  const p = h.db.prisma;
  await p.user.create({ data: { fullName: "Орлова Ольга", phone: "77010000003", role: "observer", language: "ru", telegramId: 600002n, registeredAt: new Date() } });
  // Something in every section, so that the views are not empty.
  const task = await p.task.create({ data: { kind: "plan", number: "1", title: "Обучение", responsibleText: "Отдел кадров", deadline: JSON.stringify({ kind: "date", due: "2026-09-15" }) } });
  await p.taskOccurrence.create({ data: { taskId: task.id, dueOn: "2026-09-15" } });
  const later = await p.task.create({ data: { kind: "plan", number: "2", title: "Проверка", responsibleText: "Отдел кадров", deadline: JSON.stringify({ kind: "date", due: "2026-10-05" }) } });
  await p.taskOccurrence.create({ data: { taskId: later.id, dueOn: "2026-10-05" } });
  const svc = reportServiceDeps(h.deps, h.config);
  await fileReport(svc, { category: "bribery", involvesManagement: false, content: { what: "о взятке", whenWhere: "вчера", attachments: [] } });
  h.clear();
});
afterEach(() => h.destroy());

const stripNonces = (s: string) => s.replace(/bd\.ok:[^"]+/g, "bd.ok:*");

async function everything(): Promise<string> {
  const p = h.db.prisma;
  const today = toIsoDate(h.deps.now(), h.config.timeZone);
  h.clear();
  await h.text(anna, "/dashboard");
  await h.text(anna, "/monitoring");
  await h.text(anna, "/board_report");
  const screens = h.replies(anna.id).join("\n---\n") + JSON.stringify(h.callsOf("sendPhoto").map((c) => c.payload.caption));
  const officer = { id: (await p.user.findFirstOrThrow({ where: { role: "compliance" } })).id, role: "compliance" };
  const deps = { db: p, keyring: h.deps.keyring, calendar: h.deps.calendar, labels: standardLabels(h.deps) };
  const periods = [{ kind: "quarter", year: 2026, quarter: 3 }, { kind: "quarter", year: 2026, quarter: 2 }, { kind: "year", year: 2026 }, { kind: "year", year: 2025 }] as const;
  const board = [];
  for (const period of periods) board.push([await gatherBoardReport(deps, officer, period, today), await boardPeriodHasContent(p, period)]);
  const figures = await summaryFor(p, h.deps.calendar, summaryScopeOf("compliance")!, today);
  const digest = await reportCounts(p, "compliance", today, digestWindow(today, h.deps.calendar));
  return stripNonces(JSON.stringify({ screens, board, figures, digest }));
}

describe("a report about compliance staff, seen from compliance's summaries", () => {
  it("changes nothing compliance sees: the day it is filed, the next day and a week later", async () => {
    const days = ["2026-10-02", "2026-10-05", "2026-10-12"];
    const before: string[] = [];
    for (const day of days) {
      h.clock.now = new Date(`${day}T05:00:00Z`);
      before.push(await everything());
    }
    h.clock.now = new Date("2026-10-02T05:00:00Z");
    const svc = reportServiceDeps(h.deps, h.config);
    await fileReport(svc, { category: "gifts", involvesManagement: true, content: { what: "о руководстве", whenWhere: "сегодня", attachments: [] } });
    for (const [i, day] of days.entries()) {
      h.clock.now = new Date(`${day}T05:00:00Z`);
      expect(await everything(), day).toBe(before[i]);
    }
    expect(before[0]).toContain("Сводка на 02.10.2026");
  });
});
