// Access control on every command and every button: the registry is walked, so a new
// admin command or button is covered (or this test fails until sample data is added).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportServiceDeps } from "../../src/bot/features/reports/index.js";
import { commandOf } from "../../src/bot/router.js";
import { fileReport } from "../../src/services/reports.js";
import { createHarness, type Harness, type TgUser } from "../support/harness.js";

const officer: TgUser = { id: 500001, first_name: "Officer", language_code: "ru" };
const employee: TgUser = { id: 600001, first_name: "Employee", language_code: "ru" };
const observer: TgUser = { id: 600002, first_name: "Observer", language_code: "kk" };
const stranger: TgUser = { id: 600099, first_name: "Stranger", language_code: "ru" };

const N = "abcdefgh";
/** Plausible arguments for every restricted button (ids that exist in the test data). */
const SAMPLE_ARGS: Record<string, (string | number)[]> = {
  "sc.n": [],
  "sc.u": [],
  "sc.fg": [],
  "sc.nd": [N, 1],
  "sc.nm": [N, "a"],
  "sc.na": [N, "all"],
  "sc.nt": [N, 1],
  "sc.nr": [N, "employee"],
  "sc.np": [N, 7],
  "sc.ok": [N],
  "sc.x": [],
  "sc.v": [1],
  "sc.r": [1],
  "sc.ch": [1],
  "sc.e": [1, "xlsx", "kk"],
  "sc.f": [1],
  "sc.fr": [1, 0, 0],
  "sc.cl": [1],
  "sc.clok": [1],
  "sv.o": [1],
  "sv.go": [1, 1],
  "sv.p": [1, 1],
  "sv.a": [1, 1, 0],
  "sv.t": [1, 1, 0],
  "sv.d": [1, 1],
  "sv.b": [1, 1],
  "sv.s": [1, 1],
  "sv.l": [1, 1, "kk"],
  "sv.ok": [1, 1],
  "tk.o": [1],
  "tk.d": [1],
  "tk.x": [1],
  "tk.xd": [1, "20261217"],
  "pl.addd": ["abcdefgh", "20261217"],
  "tk.xa": [1],
  "tk.xr": [1],
  "pl.imp": [],
  "pl.un": [],
  "tk.as": [1],
  "tk.asp": [1, 1],
  "pl.add": [],
  "pl.addok": [N],
  "pl.ok": [N],
  "pl.no": [],
  "an.new": [],
  "an.ok": [N],
  "an.no": [],
  "an.h": ["rec", 1],
  "an.hub": [1],
  "ar.v": [1],
  "ar.t": ["order", 1],
  "ar.u": [1, 0],
  "ar.ut": [1, 1, 0],
  "ar.d": [1],
  "ar.ds": [1, "both"],
  "ar.s": [1],
  "ar.st": [1, "media"],
  "ar.c": [1],
  "ar.ct": [1, 1],
  "ar.g": [1],
  "ar.ga": [1, 1, N],
  "ar.gr": [1, 1],
  "ar.gh": [1, 1],
  "ar.l": [N],
  "as.tpl": [1],
  "as.up": [1],
  "as.add": [1],
  "as.ls": [1],
  "as.ok": [N],
  "as.no": [],
  "as.d": [1, 1],
  "as.dd": [1, 1],
  "ai.d": [1, "ru"],
  "ai.x": [1, "ru"],
  "rp.ad": [1, "ru"],
  "rp.ap": [1, "kk"],
  "rp.aa": [1, N],
  "rp.at": [1],
  "rp.as": [1, 0],
  "rp.al": [N],
  "rp.ax": [N],
  "rk.l": [1, 0],
  "rk.o": [1, 1],
  "rk.m": [1],
  "rk.n": [1],
  "rk.d": [N, "legal_acts"],
  "rk.a": [N, 0],
  "rk.f": [N, 0],
  "rk.s": [N, 3],
  "rk.ok": [N],
  "rk.e": [1, 1],
  "rk.ef": [N, "title"],
  "rk.v": [1, 1],
  "rk.vs": [N, 1],
  "rk.vq": [N, 1, 0],
  "rk.vk": [N, "r", 0],
  "rk.vx": [N, 0],
  "rk.r": [1, 1],
  "rk.ro": [1, 1, 1],
  "rk.re": [1, 1, 1],
  "rk.rd": [1, 1, 1],
  "rk.rc": [1, 1, 1],
  "rk.rl": [1, 1, 1],
  "rk.ru": [1, 1, 1, 1],
  "rk.x": [1, 1],
  "rk.xok": [N],
  "rk.t": [1, 1],
  "rk.tf": [N, "title"],
  "rk.tr": [N, 1],
  "ros.imp": [],
  "ros.ok": ["abcdefgh"],
  "ros.no": [],
  "inv.k": ["d"],
  "inv.d": [1],
  "inv.dd": [1, 7],
  "inv.p": [1],
  "inv.pd": [1, 7],
  "inv.r": [1],
  "rc.l": ["open", 0],
  "rc.b": [],
  "rc.o": ["2026-0001"],
  "rc.f": ["2026-0001"],
  "rc.r": ["2026-0001"],
  "rc.n": ["2026-0001"],
  "rc.s": ["2026-0001"],
  "rc.st": ["2026-0001", "received", "review"],
  "rc.dc": ["2026-0001", "checking", "substantiated"],
  "rc.a": ["2026-0001"],
  "rc.as": ["2026-0001", 1],
  "rc.x": ["2026-0001"],
  "rc.h": ["2026-0001"],
  "rc.c": [N],
  "rc.y": [],
  "rc.yr": [2026],
  "rc.yx": [2026, "kk"],
  "sum.off": [],
  "sum.on": [],
  "mn.q": [2026, 3],
  "mn.l": [2026, 3, "kk"],
  "mn.d": [2026, 3],
  "mn.h": [2026, 3],
  "bd.p": ["2026-Q1"],
  "bd.f": ["2026-Q1", "kk"],
  "bd.ok": ["2026-Q1", "abcdefgh"],
  "bd.g": ["2026-Q1", "ru"],
  "bd.rd": ["2026-Q1"],
  "bd.ra": ["2026-Q1", "abcdefgh"],
};

let h: Harness;

/** What observers may do besides answering surveys: read summaries, handle the reports routed past compliance. */
const OBSERVER_ACCESS = ["viewSummaries", "handleReports"];

/** Commands and buttons that `who` must not use. */
const refusedTo = <T extends { access: string }>(who: TgUser, items: T[]) =>
  items.filter((i) => i.access !== "anyone" && (who === stranger || i.access !== "registered") && !(who === observer && OBSERVER_ACCESS.includes(i.access)));

async function snapshot(): Promise<string> {
  const p = h.db.prisma;
  const [users, invites, departments, audit, settings, campaigns, participants, drafts, counts, tasks, analyses, extensions, digestOptOuts, planReportNotices, boards, outbox] = await Promise.all([
    p.user.findMany({ orderBy: { id: "asc" } }),
    p.invite.findMany({ orderBy: { id: "asc" } }),
    p.department.findMany({ orderBy: { id: "asc" } }),
    p.auditLog.findMany({ orderBy: { id: "asc" } }),
    p.setting.findMany({ orderBy: { key: "asc" } }),
    p.campaign.findMany({ orderBy: { id: "asc" } }),
    p.campaignParticipant.findMany({ orderBy: { id: "asc" } }),
    p.surveyDraft.count(),
    p.sealedBallot.count(),
    p.task.findMany({ orderBy: { id: "asc" } }),
    p.analysis.findMany({ orderBy: { id: "asc" } }),
    p.extensionRequest.findMany({ orderBy: { id: "asc" } }),
    p.summaryOptOut.findMany({ orderBy: { userId: "asc" } }),
    p.planReportNotice.findMany({ orderBy: { id: "asc" } }),
    p.boardReport.findMany({ orderBy: { id: "asc" } }),
    p.outboxMessage.count(),
  ]);
  return JSON.stringify({ users, invites, departments, audit, settings, campaigns, participants, drafts, counts, tasks, analyses, extensions, digestOptOuts, planReportNotices, boards, outbox }, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

beforeAll(async () => {
  h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) } });
  const p = h.db.prisma;
  await p.department.create({ data: { name: "ИТ" } });
  await p.user.create({ data: { fullName: "Unregistered Person", phone: "77010000001", departmentId: 1 } });
  await p.user.create({ data: { fullName: "Employee", phone: "77010000002", telegramId: BigInt(employee.id), role: "employee", language: "ru", registeredAt: new Date() } });
  await p.user.create({ data: { fullName: "Observer", phone: "77010000003", telegramId: BigInt(observer.id), role: "observer", language: "kk", registeredAt: new Date() } });
  await p.invite.create({ data: { tokenHash: "x", kind: "department", departmentId: 1, expiresAt: new Date("2030-01-01") } });
  // An open campaign #1 that nobody below is invited to.
  const def = await p.surveyDefinition.create({ data: { slug: "s", version: 1, title: "{}", content: JSON.stringify({ id: "s", title: { kk: "С", ru: "О" }, mode: "anonymous", sections: [] }), checksum: "x", source: "test" } });
  await p.campaign.create({ data: { definitionId: def.id, mode: "anonymous", status: "open", opensOn: "2026-03-01", closesOn: "2026-03-20", audience: JSON.stringify({ kind: "all" }) } });
  await h.text(officer, "/start");
});
afterAll(() => h.destroy());

describe("restricted commands", () => {
  it("every command declares its access", () => {
    const byAccess = (a: string) => h.adal.router.commands.filter((c) => c.access === a).map((c) => c.name).sort();
    expect(byAccess("manageRoster")).toEqual(["import", "roster"]);
    expect(byAccess("manageInvites")).toEqual(["invite", "invites"]);
    expect(byAccess("manageSurveys")).toEqual(["survey_upload"]);
    expect(byAccess("viewSummaries")).toEqual(["analysis", "board_report", "campaigns", "dashboard", "monitoring"]);
    expect(byAccess("handleReports")).toEqual(["cases"]);
    expect(byAccess("registered")).toEqual(["surveys", "tasks"]);
    expect(byAccess("managePlan")).toEqual(["plan", "plan_add", "plan_approved", "plan_import", "report_signed"]);
  });

  for (const who of [employee, observer, stranger]) {
    it(`are refused to ${who.first_name} and change nothing`, async () => {
      for (const command of refusedTo(who, h.adal.router.commands)) {
        const before = await snapshot();
        h.clear();
        await h.text(who, `/${command.name}`);
        const reply = h.lastReply(who.id);
        expect(reply, `/${command.name}`).toMatch(who === stranger ? /Сначала зарегистрируйтесь/ : /недоступна|қолжетімді емес/);
        expect(await snapshot(), `/${command.name}`).toBe(before);
      }
    });
  }

  it("work for the compliance officer", async () => {
    await h.text(officer, "/roster");
    expect(h.lastReply(officer.id)).toMatch(/Сотрудники: зарегистрировано/);
  });
});

describe("restricted buttons, including forged callback data", () => {
  it("every restricted button has sample data here", () => {
    const restricted = h.adal.router.buttons.filter((b) => b.access !== "anyone").map((b) => b.id);
    expect(restricted.sort()).toEqual(Object.keys(SAMPLE_ARGS).sort());
  });

  for (const who of [employee, observer, stranger]) {
    it(`are refused to ${who.first_name} with an alert, and change nothing`, async () => {
      const refused = refusedTo(who, h.adal.router.buttons);
      expect(refused.length).toBeGreaterThan(who === stranger ? 30 : 10);
      for (const spec of refused) {
        const before = await snapshot();
        h.clear();
        await h.callback(who, spec.encode(SAMPLE_ARGS[spec.id]!));
        const answer = h.callsOf("answerCallbackQuery").at(-1);
        expect(answer?.payload, spec.id).toMatchObject({ show_alert: true });
        expect(String(answer?.payload.text), spec.id).toMatch(who === stranger ? /Сначала зарегистрируйтесь/ : /недоступна|қолжетімді емес/);
        expect(h.callsOf("sendMessage"), spec.id).toHaveLength(0);
        expect(await snapshot(), spec.id).toBe(before);
      }
    });
  }

  it("menu entries for admins are refused to others even when forged", async () => {
    for (const entry of ["roster", "invite", "invites", "cases"]) {
      h.clear();
      await h.callback(employee, `menu:${entry}`);
      expect(h.callsOf("answerCallbackQuery").at(-1)?.payload.text).toMatch(/недоступна/);
      expect(h.callsOf("sendMessage")).toHaveLength(0);
    }
  });

  it("malformed or unknown callback data is answered as a stale button and changes nothing", async () => {
    const forged = ["", "zzz", "zzz:1", "inv.r", "inv.r:abc", "inv.r:-1", "inv.r:1:2", "inv.dd:1:5", "inv.k:x", "lang:en", "menu:nope", "ros.ok:../../etc", "x".repeat(64)];
    for (const data of forged) {
      const before = await snapshot();
      h.clear();
      await h.callback(officer, data);
      const answer = h.callsOf("answerCallbackQuery").at(-1);
      expect(answer?.payload.text, JSON.stringify(data)).toMatch(/устарела или недействительна/);
      expect(await snapshot()).toBe(before);
    }
  });

  it("a stale confirmation (no pending file) is refused", async () => {
    h.clear();
    await h.callback(officer, "ros.ok:abcdefgh");
    expect(h.callsOf("answerCallbackQuery").at(-1)?.payload.text).toMatch(/устарела/);
  });
});

describe("observers", () => {
  it("read campaigns but cannot change them or see named answers", async () => {
    h.clear();
    await h.text(observer, "/campaigns");
    expect(h.lastReply(observer.id)).toMatch(/Сауалнамалар \(науқандар\)/);
    expect(h.lastButtons(observer.id).map((b) => b.data)).not.toContain("sc.n");
    await h.callback(observer, "sc.v:1");
    const buttons = h.lastButtons(observer.id).map((b) => b.data);
    expect(buttons).toContain("sc.r:1");
    expect(buttons.some((b) => b.startsWith("sc.cl:"))).toBe(false);
    await h.callback(observer, "sc.e:1:answers:kk");
    expect(h.lastReply(observer.id)).toMatch(/қолжетімді емес/);
  });
});

describe("observers and reports", () => {
  it("handle only the cases routed to them: a compliance case is refused even by forged buttons", async () => {
    const svc = reportServiceDeps(h.deps, h.config);
    const filed = await fileReport(svc, { category: "bribery", involvesManagement: false, content: { what: "Взятка", whenWhere: "Вчера", attachments: [] } });
    h.clear();
    await h.text(observer, "/cases");
    expect(h.lastReply(observer.id)).toMatch(/Басшылық/);
    expect(h.lastReply(observer.id)).not.toContain(filed.number);
    const p = h.db.prisma;
    const state = async () => JSON.stringify([await p.report.findMany(), await p.reportEntry.findMany(), await p.auditLog.findMany()]);
    const before = await state();
    for (const data of [`rc.o:${filed.number}`, `rc.f:${filed.number}`, `rc.r:${filed.number}`, `rc.st:${filed.number}:received:review`, `rc.dc:${filed.number}:received:no_action`, `rc.x:${filed.number}`, `rc.h:${filed.number}`, `rc.a:${filed.number}`]) {
      h.clear();
      await h.callback(observer, data);
      expect(h.callsOf("answerCallbackQuery").at(-1)?.payload, data).toMatchObject({ show_alert: true, text: expect.stringMatching(/табылмады/) });
      expect(h.callsOf("sendMessage"), data).toHaveLength(0);
    }
    expect(await state()).toBe(before);
    // The compliance officer sees it.
    await h.text(officer, "/cases");
    expect(h.lastReply(officer.id)).toContain(filed.number);
  });
});

describe("roles that lose access", () => {
  it("a deactivated compliance officer is treated as unknown", async () => {
    const other: TgUser = { id: 500777, first_name: "Ex", language_code: "ru" };
    await h.db.prisma.user.create({ data: { fullName: "Ex Officer", telegramId: BigInt(other.id), role: "compliance", active: false } });
    await h.text(other, "/roster");
    expect(h.lastReply(other.id)).toMatch(/Сначала зарегистрируйтесь/);
  });
});

describe("commandOf: the command a message starts with, as grammY's command filter reads it", () => {
  const me = { username: "adal_test_bot" };
  const ctxOf = (text: string, length = text.split(" ")[0]!.length, offset = 0) =>
    ({ me, message: { text, entities: [{ type: "bot_command", offset, length }] } }) as unknown as Parameters<typeof commandOf>[0];

  it("reads the name and the rest of the text", () => {
    expect(commandOf(ctxOf("/start abc"))).toEqual({ name: "start", match: "abc" });
    expect(commandOf(ctxOf("/help"))).toEqual({ name: "help", match: "" });
  });
  it("takes a command addressed to this bot, in any case, and refuses one addressed to another", () => {
    expect(commandOf(ctxOf("/menu@Adal_Test_Bot  x"))).toEqual({ name: "menu", match: "x" });
    expect(commandOf(ctxOf("/menu@other_bot"))).toBeNull();
  });
  it("needs a bot_command entity at the start", () => {
    expect(commandOf(ctxOf("hello /start", 6, 6))).toBeNull();
    expect(commandOf({ me, message: { text: "/start" } } as unknown as Parameters<typeof commandOf>[0])).toBeNull();
    expect(commandOf({ me, callbackQuery: { data: "x" } } as unknown as Parameters<typeof commandOf>[0])).toBeNull();
  });
});
