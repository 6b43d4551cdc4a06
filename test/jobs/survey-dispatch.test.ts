// The survey dispatcher (src/jobs/survey-dispatch.ts) against the rules of PRODUCT.md:
// invitations go out throttled, exactly once, in each person's language; reminders go only
// to non-completers, capped (default 2), at least 2 working days apart (Kazakhstan calendar),
// inside working hours (09:00–18:00 Asia/Almaty), never on the closing day; a campaign opens
// on its opening day and closes after its closing day; every message is claimed in the
// database first, so two instances never send twice and a crashed claim is taken over once;
// late registrations are invited; a chat that blocked the bot is not retried.
//
// Time is an injected clock (h.clock.now), moved explicitly; nothing sleeps for real: our own
// dispatchers use a Pacer on a virtual clock with Telegram's real limits.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Api } from "grammy";
import { createHarness, type Harness } from "../support/harness.js";
import {
  BLOCKED,
  CHAT_NOT_FOUND,
  SERVER_ERROR,
  PROBE_TITLE,
  addPerson,
  createProbeCampaign,
  expectedSurveyText,
  fakeTelegram,
  openButtonText,
  seedOrganisation,
  outboxThrough,
  sendingAfterTick,
  type FakeTelegram,
  type Organisation,
  type Person,
} from "../support/campaign-fixtures.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { CLAIM_TTL_MS } from "../../src/jobs/background.js";
import { createSurveyDispatcher, type DispatchReport, type SurveyDispatcher } from "../../src/jobs/survey-dispatch.js";
import { getCampaign, responseRate } from "../../src/db/repositories/campaigns.js";
import { launchCampaign } from "../../src/services/surveys.js";
import { zonedDateTime } from "../../src/domain/calendar/time-zone.js";
import type { Notifier } from "../../src/domain/notifications.js";
import { registerSurveyNotifications } from "../../src/bot/features/surveys/notifications.js";

const TZ = "Asia/Almaty";
const NOTHING: DispatchReport = { opened: 0, closed: 0, invited: 0, reminded: 0, folded: 0 };

let h: Harness;
let org: Organisation;

beforeEach(async () => {
  // Monday 2 March 2026, 10:00 in Almaty.
  h = await createHarness({ now: new Date("2026-03-02T05:00:00Z") });
  org = await seedOrganisation(h.db.prisma);
});

afterEach(async () => {
  await h.destroy();
});

const db = () => h.db.prisma;

/** Moves the injected clock to a wall-clock time in Almaty. */
function at(date: string, time = "10:00"): void {
  h.clock.now = zonedDateTime(date, time, TZ);
}

function accounting() {
  return { kind: "departments" as const, ids: [org.accounting.id] };
}

/** The registered people of the audience (Бухгалтерия). */
function registered(): Person[] {
  return [org.aigerim, org.boris, org.dana];
}

/** A dispatcher of our own: a fake Telegram, a database (another instance's, if given), its outbox sent after each tick. */
function dispatcherWith(api: Api, options: { database?: Database } = {}): SurveyDispatcher {
  const database = options.database ?? h.db;
  const { outbox, sender } = outboxThrough(h.deps, database, api, registerSurveyNotifications);
  return sendingAfterTick(dispatcher(database, outbox), sender);
}

function dispatcher(database: Database, outbox: Notifier): SurveyDispatcher {
  return createSurveyDispatcher({
    db: database,
    keyring: h.deps.keyring,
    notifier: outbox,
    logger: h.deps.logger,
    calendar: h.deps.calendar,
    config: h.config,
    now: h.deps.now,
  });
}

/**
 * The database as a second instance sees it. PostgreSQL: a connection pool of its own, so the
 * two instances' statements really run at the same time. SQLite: the same connection —
 * better-sqlite3 waits for a lock synchronously, so a second connection in the SAME process
 * blocks the event loop while the first holds a write transaction, and both time out (two
 * processes do not have that problem). The dispatchers still interleave at every await.
 */
async function secondInstanceDatabase(): Promise<Database> {
  return h.db.provider === "postgres" ? openDatabase(h.db.url, { poolSize: 4 }) : h.db;
}

async function participant(campaignId: number, person: Person) {
  return (await db().campaignParticipant.findUnique({ where: { campaignId_userId: { campaignId, userId: person.id } } }))!;
}

async function setParticipant(campaignId: number, person: Person, data: Record<string, unknown>): Promise<void> {
  await db().campaignParticipant.update({ where: { campaignId_userId: { campaignId, userId: person.id } }, data });
}

/** sendMessage calls per chat id in the harness's fake Bot API. */
function harnessSendsPerChat(): Map<number, number> {
  const out = new Map<number, number>();
  for (const c of h.callsOf("sendMessage")) out.set(Number(c.payload.chat_id), (out.get(Number(c.payload.chat_id)) ?? 0) + 1);
  return out;
}

const isReminder = (text: string) => text.startsWith("⏰");

/** Reminders delivered by a fake, per chat. */
function remindersPerChat(tg: FakeTelegram): Map<number, number> {
  const out = new Map<number, number>();
  for (const c of tg.calls) if (c.method === "sendMessage" && c.ok && isReminder(c.text)) out.set(c.chatId, (out.get(c.chatId) ?? 0) + 1);
  return out;
}

function chatOf(p: Person): number {
  return p.telegramId!;
}

/**
 * An anonymous campaign for Бухгалтерия opened by the first tick of a dispatcher of our own
 * at `opensOn` 10:00 (invitations sent that day).
 */
async function launched(opensOn: string, closesOn: string, extra: { reminderCap?: number } = {}) {
  at(opensOn);
  const campaign = await createProbeCampaign(db(), { opensOn, closesOn, audience: accounting(), createdById: org.officer.id, ...extra });
  const tg = fakeTelegram();
  const dispatcher = dispatcherWith(tg.api);
  const reachable = await db().user.count({ where: { departmentId: org.accounting.id, active: true, telegramId: { not: null } } });
  const first = await dispatcher.tick();
  expect(first).toMatchObject({ opened: 1, invited: reachable });
  /** Ticks at a wall-clock time in Almaty; returns the report and the reminders sent by that tick. */
  const tickAt = async (date: string, time = "10:00") => {
    at(date, time);
    const before = tg.calls.length;
    const report = await dispatcher.tick();
    const sent = tg.calls.slice(before).filter((c) => c.method === "sendMessage");
    return { report, reminders: sent.filter((c) => isReminder(c.text)), sent };
  };
  return { campaign, tg, dispatcher, tickAt };
}

// ---------------------------------------------------------------------------------------------

describe("opening a scheduled campaign and inviting its audience", () => {
  it("does nothing before the opening day; on it, opens the campaign for the audience only and invites each registered person once, in their language", async () => {
    const campaign = await createProbeCampaign(db(), { opensOn: "2026-03-04", closesOn: "2026-03-20", audience: accounting(), createdById: org.officer.id, today: "2026-03-02" });
    const dispatcher = h.jobs.surveyDispatcher; // the bot's own dispatcher, sending through bot.api

    expect(await dispatcher.tick()).toEqual(NOTHING);
    at("2026-03-03", "23:59"); // the eve of the opening day
    expect(await dispatcher.tick()).toEqual(NOTHING);
    expect((await getCampaign(db(), campaign.id))!.status).toBe("scheduled");
    expect(await db().campaignParticipant.count()).toBe(0);
    expect(h.callsOf("sendMessage")).toHaveLength(0);

    at("2026-03-04", "09:30");
    expect(await dispatcher.tick()).toEqual({ ...NOTHING, opened: 1, invited: 3 });
    expect((await getCampaign(db(), campaign.id))!.status).toBe("open");

    // The ledger holds the audience (Бухгалтерия, registered or not) and nobody else.
    const ledger = await db().campaignParticipant.findMany({ where: { campaignId: campaign.id } });
    expect(ledger.map((r) => r.userId).sort((a, b) => a - b)).toEqual([org.aigerim.id, org.boris.id, org.dana.id, org.zhanna.id].sort((a, b) => a - b));
    for (const p of registered()) {
      expect(await participant(campaign.id, p)).toMatchObject({ inviteStatus: "sent", invitedOn: "2026-03-04", inviteClaimedAt: null, remindersSent: 0, departmentId: org.accounting.id });
    }
    expect(await participant(campaign.id, org.zhanna)).toMatchObject({ inviteStatus: "pending", invitedOn: null });

    // One invitation per registered person; nothing to the warehouse or the officer.
    expect(harnessSendsPerChat()).toEqual(new Map(registered().map((p) => [chatOf(p), 1])));
    for (const p of registered()) {
      const lang = p.language!;
      const [call] = h.callsOf("sendMessage").filter((c) => Number(c.payload.chat_id) === chatOf(p));
      expect(call!.payload.text).toBe(expectedSurveyText("invitation", lang, PROBE_TITLE[lang], "2026-03-20"));
      const keyboard = (call!.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
      expect(keyboard.flat()).toEqual([{ text: openButtonText(lang), callback_data: `sv.o:${campaign.id}` }]);
    }
    expect(h.replies(chatOf(org.aigerim))[0]).toContain("сауалнамасына қатысуға шақырамыз");
    expect(h.replies(chatOf(org.boris))[0]).toContain("Приглашаем пройти опрос");
  });

  it("sends every invitation exactly once: later ticks send nothing new", async () => {
    await createProbeCampaign(db(), { opensOn: "2026-03-02", closesOn: "2026-03-20", audience: accounting(), createdById: org.officer.id });
    const dispatcher = h.jobs.surveyDispatcher;
    expect(await dispatcher.tick()).toMatchObject({ opened: 1, invited: 3 });
    const calls = h.callsOf("sendMessage").length;
    expect(await dispatcher.tick()).toEqual(NOTHING);
    at("2026-03-02", "16:00");
    expect(await dispatcher.tick()).toEqual(NOTHING);
    at("2026-03-03", "10:00");
    expect(await dispatcher.tick()).toEqual(NOTHING);
    expect(h.callsOf("sendMessage")).toHaveLength(calls);
    expect(harnessSendsPerChat()).toEqual(new Map(registered().map((p) => [chatOf(p), 1])));
  });

  it("concurrent ticks of one dispatcher share one pass", async () => {
    await createProbeCampaign(db(), { opensOn: "2026-03-02", closesOn: "2026-03-20", audience: accounting(), createdById: org.officer.id });
    const dispatcher = h.jobs.surveyDispatcher;
    const [a, b] = await Promise.all([dispatcher.tick(), dispatcher.tick()]);
    expect(a).toBe(b);
    expect(a).toMatchObject({ opened: 1, invited: 3 });
    expect(harnessSendsPerChat()).toEqual(new Map(registered().map((p) => [chatOf(p), 1])));
  });

  it("a person who has not chosen a language is invited in the default language (kk)", async () => {
    const askhat = await addPerson(db(), { fullName: "Нұрланов Асхат", telegramId: 710009, language: null, departmentId: org.accounting.id });
    const { tg } = await launched("2026-03-02", "2026-03-20");
    expect(tg.delivered(chatOf(askhat)).map((c) => c.text)).toEqual([expectedSurveyText("invitation", "kk", PROBE_TITLE.kk, "2026-03-20")]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("reminders", () => {
  it("go two working days after the invitation, once, only to those who have not completed, in their language", async () => {
    const { campaign, tickAt } = await launched("2026-03-02", "2026-03-20"); // invited Monday
    await setParticipant(campaign.id, org.dana, { completedOn: "2026-03-03" });

    // Tuesday: one working day since the invitation.
    expect((await tickAt("2026-03-03", "10:00")).sent).toEqual([]);
    expect((await tickAt("2026-03-03", "17:59")).sent).toEqual([]);

    // Wednesday, two working days: one reminder to each non-completer.
    const wed = await tickAt("2026-03-04", "09:00");
    expect(wed.report).toEqual({ ...NOTHING, reminded: 2 });
    expect(wed.reminders.map((c) => c.chatId).sort()).toEqual([chatOf(org.aigerim), chatOf(org.boris)].sort());
    for (const p of [org.aigerim, org.boris]) {
      const lang = p.language!;
      const call = wed.reminders.find((c) => c.chatId === chatOf(p))!;
      expect(call.text).toBe(expectedSurveyText("reminder", lang, PROBE_TITLE[lang], "2026-03-20"));
      expect((call.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard.flat().map((b) => b.callback_data)).toEqual([`sv.o:${campaign.id}`]);
      expect(await participant(campaign.id, p)).toMatchObject({ remindersSent: 1, lastRemindedOn: "2026-03-04", reminderClaimedAt: null });
    }
    expect(await participant(campaign.id, org.dana)).toMatchObject({ remindersSent: 0, lastRemindedOn: null });

    // The same day again, and the next day (one working day since the reminder): nothing.
    expect((await tickAt("2026-03-04", "17:59")).sent).toEqual([]);
    expect((await tickAt("2026-03-05", "10:00")).sent).toEqual([]);
  });

  it("go only inside working hours (09:00–18:00 Almaty)", async () => {
    const { tickAt } = await launched("2026-03-02", "2026-03-20");
    // Wednesday is the first day a reminder is due.
    for (const time of ["00:00", "07:00", "08:59", "18:00", "19:00", "23:59"]) {
      expect((await tickAt("2026-03-04", time)).sent, time).toEqual([]);
    }
    expect((await tickAt("2026-03-05", "07:00")).sent).toEqual([]);
    const thu = await tickAt("2026-03-05", "09:00");
    expect(thu.report.reminded).toBe(3);
    expect(thu.reminders.map((c) => c.chatId).sort()).toEqual(registered().map(chatOf).sort());
  });

  it("never go on a Saturday, a Sunday or a day off (9 March 2026, for Women's Day on a Sunday)", async () => {
    const { campaign, tickAt } = await launched("2026-03-02", "2026-05-29");
    for (const p of registered()) await setParticipant(campaign.id, p, { invitedOn: "2026-03-04" }); // a Wednesday
    expect(h.deps.calendar.isWorkingDay("2026-03-09")).toBe(false);
    for (const day of ["2026-03-07", "2026-03-08", "2026-03-09"]) {
      expect((await tickAt(day, "10:00")).sent, day).toEqual([]);
      expect((await tickAt(day, "15:00")).sent, day).toEqual([]);
    }
    const tue = await tickAt("2026-03-10", "10:00");
    expect(tue.reminders.map((c) => c.chatId).sort()).toEqual(registered().map(chatOf).sort());
  });

  it("never go on 1 May 2026 (Unity Day, a Friday): the next working day instead", async () => {
    const { campaign, tickAt } = await launched("2026-03-02", "2026-05-29");
    for (const p of registered()) await setParticipant(campaign.id, p, { invitedOn: "2026-04-28" }); // a Tuesday
    expect((await tickAt("2026-05-01", "10:00")).sent).toEqual([]);
    expect((await tickAt("2026-05-02", "10:00")).sent).toEqual([]);
    expect((await tickAt("2026-05-04", "10:00")).reminders).toHaveLength(3);
  });

  it("are spaced in working days: across Nauryz (23–25 March 2026 off) six calendar days are one working day", async () => {
    const { campaign, tickAt } = await launched("2026-03-02", "2026-04-17");
    // Reminded once on Friday 20 March (the last working day before Nauryz).
    for (const p of registered()) await setParticipant(campaign.id, p, { invitedOn: "2026-03-18", remindersSent: 1, lastRemindedOn: "2026-03-20" });
    for (const day of ["2026-03-21", "2026-03-22", "2026-03-23", "2026-03-24", "2026-03-25"]) {
      expect(h.deps.calendar.isWorkingDay(day), day).toBe(false);
      expect((await tickAt(day, "10:00")).sent, day).toEqual([]);
    }
    // Thursday 26 March: six calendar days later, but only one working day.
    expect((await tickAt("2026-03-26", "10:00")).sent).toEqual([]);
    expect((await tickAt("2026-03-26", "17:00")).sent).toEqual([]);
    // Friday 27 March: two working days.
    const fri = await tickAt("2026-03-27", "10:00");
    expect(fri.report.reminded).toBe(3);
    for (const p of registered()) expect(await participant(campaign.id, p)).toMatchObject({ remindersSent: 2, lastRemindedOn: "2026-03-27" });
  });

  it("are capped at 2 (the default): none after the second", async () => {
    const { campaign, tg, tickAt } = await launched("2026-03-02", "2026-03-31");
    expect(campaign.reminderCap).toBe(2);
    expect((await tickAt("2026-03-04")).reminders).toHaveLength(3); // first
    expect((await tickAt("2026-03-05")).reminders).toHaveLength(0);
    expect((await tickAt("2026-03-06")).reminders).toHaveLength(3); // second
    for (const day of ["2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13", "2026-03-16", "2026-03-18", "2026-03-20", "2026-03-27"]) {
      expect((await tickAt(day, "11:00")).sent, day).toEqual([]);
    }
    expect(remindersPerChat(tg)).toEqual(new Map(registered().map((p) => [chatOf(p), 2])));
    for (const p of registered()) expect(await participant(campaign.id, p)).toMatchObject({ remindersSent: 2, lastRemindedOn: "2026-03-06" });
  });

  it("follow the campaign's own cap", async () => {
    const { tg, tickAt } = await launched("2026-03-02", "2026-03-31", { reminderCap: 1 });
    expect((await tickAt("2026-03-04")).reminders).toHaveLength(3);
    expect((await tickAt("2026-03-06")).sent).toEqual([]);
    expect((await tickAt("2026-03-10")).sent).toEqual([]);
    expect((await tickAt("2026-03-11")).sent).toEqual([]);
    expect(remindersPerChat(tg)).toEqual(new Map(registered().map((p) => [chatOf(p), 1])));
  });

  it("with more than 500 non-completers every one is reminded", async () => {
    const { campaign, tg, tickAt } = await launched("2026-03-02", "2026-03-31");
    // 503 more people invited on Monday (ledger rows written directly: sending 503
    // invitations would only slow the test down).
    const crowd: Person[] = [];
    for (let i = 0; i < 503; i++) crowd.push(await addPerson(db(), { fullName: `Адам ${i}`, telegramId: 800000 + i, language: "ru", departmentId: org.accounting.id }));
    await db().campaignParticipant.createMany({ data: crowd.map((p) => ({ campaignId: campaign.id, userId: p.id, departmentId: org.accounting.id, inviteStatus: "sent", invitedOn: "2026-03-02" })) });
    const wednesday = await tickAt("2026-03-04");
    expect(wednesday.reminders).toHaveLength(503 + registered().length);
    expect(remindersPerChat(tg).get(800502)).toBe(1);
  }, 120_000);

  it("never go on the closing day; the day after, the campaign is closed (in Almaty time) and nothing is sent", async () => {
    const { campaign, tg, tickAt } = await launched("2026-03-02", "2026-03-06"); // closes Friday
    expect((await tickAt("2026-03-04")).reminders).toHaveLength(3);
    // Friday: the second reminder would be due (two working days), but it is the closing day.
    for (const time of ["09:00", "12:00", "17:59", "23:59"]) {
      const r = await tickAt("2026-03-06", time);
      expect(r.report, time).toEqual(NOTHING);
    }
    expect((await getCampaign(db(), campaign.id))!.status).toBe("open");

    // 00:30 on Saturday in Almaty is still Friday in UTC: closed all the same.
    expect(zonedDateTime("2026-03-07", "00:30", TZ).toISOString()).toBe("2026-03-06T19:30:00.000Z");
    const sat = await tickAt("2026-03-07", "00:30");
    expect(sat.report).toEqual({ ...NOTHING, closed: 1 });
    expect(await getCampaign(db(), campaign.id)).toMatchObject({ status: "closed", closedOn: "2026-03-07" });

    // Later: nothing, not even to someone who registers now.
    await db().user.update({ where: { id: org.zhanna.id }, data: { telegramId: 710004n, language: "ru", registeredAt: new Date() } });
    for (const day of ["2026-03-10", "2026-03-11"]) expect((await tickAt(day, "10:00")).report, day).toEqual(NOTHING);
    expect(tg.calls.filter((c) => c.method === "sendMessage" && c.chatId === 710004)).toEqual([]);
    expect(remindersPerChat(tg)).toEqual(new Map(registered().map((p) => [chatOf(p), 1])));
  });
});

// ---------------------------------------------------------------------------------------------

describe("two instances on one database", () => {
  let second: Database;
  const staff: Person[] = [];

  beforeEach(async () => {
    second = await secondInstanceDatabase();
    staff.length = 0;
    for (let i = 0; i < 20; i++) staff.push(await addPerson(db(), { fullName: `Қызметкер ${i}`, telegramId: 730000 + i, language: i % 2 ? "kk" : "ru", departmentId: org.accounting.id }));
  });

  afterEach(async () => {
    if (second !== h.db) await second.close();
  });

  const everyone = () => [...registered(), ...staff];

  function merged(...fakes: FakeTelegram[]): Map<number, number> {
    const out = new Map<number, number>();
    for (const tg of fakes) for (const [chat, n] of tg.deliveredPerChat()) out.set(chat, (out.get(chat) ?? 0) + n);
    return out;
  }

  /**
   * Runs concurrent ticks; proves nothing is sent twice nor skipped, and no tick fails.
   */
  async function settleTicks(ticks: Promise<DispatchReport>[]): Promise<{ reports: DispatchReport[] }> {
    // Neither instance's tick may fail: opening a campaign and adding a newly registered
    // person are both safe when two instances do them at the same moment.
    const settled = await Promise.allSettled(ticks);
    expect(settled.flatMap((s) => (s.status === "rejected" ? [String(s.reason)] : []))).toEqual([]);
    return { reports: settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : [])) };
  }

  function sum(reports: DispatchReport[], key: keyof DispatchReport): number {
    return reports.reduce((n, r) => n + r[key], 0);
  }

  it("ticking concurrently, they send every invitation exactly once in total", async () => {
    const campaign = await createProbeCampaign(db(), { opensOn: "2026-03-02", closesOn: "2026-03-20", audience: accounting(), createdById: org.officer.id });
    // Launched from the wizard (as the bot does when the campaign opens today).
    expect(await launchCampaign(db(), campaign)).toBe(24);
    const a = fakeTelegram({ yieldTurns: 2 });
    const b = fakeTelegram({ yieldTurns: 2 });
    const one = dispatcherWith(a.api);
    const two = dispatcherWith(b.api, { database: second });
    const reports = await Promise.all([one.tick(), two.tick()]);
    expect(sum(reports, "invited")).toBe(23);
    expect(merged(a, b)).toEqual(new Map(everyone().map((p) => [chatOf(p), 1])));
    // Again, and again later: nothing new from either.
    const again = await Promise.all([one.tick(), two.tick()]);
    at("2026-03-02", "15:00");
    const later = await Promise.all([two.tick(), one.tick()]);
    expect([...again, ...later]).toEqual([NOTHING, NOTHING, NOTHING, NOTHING]);
    expect(merged(a, b)).toEqual(new Map(everyone().map((p) => [chatOf(p), 1])));
    const ledger = await db().campaignParticipant.findMany({ where: { campaignId: campaign.id, userId: { not: org.zhanna.id } } });
    expect(ledger.every((r) => r.inviteStatus === "sent" && r.inviteClaimedAt === null && r.invitedOn === "2026-03-02")).toBe(true);
  });

  it("opening a scheduled campaign concurrently, they open it once and invite everyone once", async () => {
    const campaign = await createProbeCampaign(db(), { opensOn: "2026-03-03", closesOn: "2026-03-20", audience: accounting(), createdById: org.officer.id });
    const a = fakeTelegram({ yieldTurns: 2 });
    const b = fakeTelegram({ yieldTurns: 2 });
    const one = dispatcherWith(a.api);
    const two = dispatcherWith(b.api, { database: second });
    expect(await Promise.all([one.tick(), two.tick()])).toEqual([NOTHING, NOTHING]);
    at("2026-03-03", "09:00");
    const { reports } = await settleTicks([one.tick(), two.tick()]);
    expect(sum(reports, "opened")).toBe(1);
    expect(await db().campaignParticipant.count({ where: { campaignId: campaign.id } })).toBe(24);
    await settleTicks([one.tick(), two.tick()]);
    expect(merged(a, b)).toEqual(new Map(everyone().map((p) => [chatOf(p), 1])));
  });

  it("someone registering while both tick is invited exactly once", async () => {
    const campaign = await createProbeCampaign(db(), { opensOn: "2026-03-02", closesOn: "2026-03-20", audience: accounting(), createdById: org.officer.id });
    const a = fakeTelegram({ yieldTurns: 2 });
    const b = fakeTelegram({ yieldTurns: 2 });
    const one = dispatcherWith(a.api);
    const two = dispatcherWith(b.api, { database: second });
    await settleTicks([one.tick(), two.tick()]);
    const newcomer = await addPerson(db(), { fullName: "Жаңа Мәди", telegramId: 719999, language: "kk", departmentId: org.accounting.id });
    await db().user.update({ where: { id: org.zhanna.id }, data: { telegramId: 710004n, language: "ru", registeredAt: new Date() } });
    at("2026-03-02", "10:05");
    await settleTicks([one.tick(), two.tick()]);
    at("2026-03-02", "10:10");
    await settleTicks([one.tick(), two.tick()]);
    expect(merged(a, b)).toEqual(new Map([...everyone(), newcomer, { ...org.zhanna, telegramId: 710004 }].map((p) => [chatOf(p), 1])));
    expect(await db().campaignParticipant.count({ where: { campaignId: campaign.id, inviteStatus: "sent" } })).toBe(25);
  });

  it("reminding concurrently, each non-completer gets one reminder in total", async () => {
    const campaign = await createProbeCampaign(db(), { opensOn: "2026-03-02", closesOn: "2026-03-20", audience: accounting(), createdById: org.officer.id });
    const a = fakeTelegram({ yieldTurns: 2 });
    const b = fakeTelegram({ yieldTurns: 2 });
    const one = dispatcherWith(a.api);
    const two = dispatcherWith(b.api, { database: second });
    await one.tick();
    await setParticipant(campaign.id, org.dana, { completedOn: "2026-03-03" });
    at("2026-03-04", "09:05");
    const reports = await Promise.all([one.tick(), two.tick()]);
    expect(sum(reports, "reminded")).toBe(22);
    const reminders = new Map([...remindersPerChat(a)]);
    for (const [chat, n] of remindersPerChat(b)) reminders.set(chat, (reminders.get(chat) ?? 0) + n);
    expect(reminders).toEqual(new Map(everyone().filter((p) => p !== org.dana).map((p) => [chatOf(p), 1])));
    expect(await Promise.all([one.tick(), two.tick()])).toEqual([NOTHING, NOTHING]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("a claim left by a crash", () => {
  it("is respected while fresh (5 minutes) and taken over once it is older than 10 minutes: the invitation is sent once", async () => {
    expect(CLAIM_TTL_MS).toBe(10 * 60 * 1000);
    const campaign = await createProbeCampaign(db(), { opensOn: "2026-03-02", closesOn: "2026-03-20", audience: accounting(), createdById: org.officer.id });
    await launchCampaign(db(), campaign);
    const now = h.clock.now.getTime();
    // Another instance claimed Айгерім's invitation 5 minutes ago and died before sending.
    await setParticipant(campaign.id, org.aigerim, { inviteStatus: "sending", inviteClaimedAt: new Date(now - 5 * 60_000) });
    const tg = fakeTelegram();
    const dispatcher = dispatcherWith(tg.api);
    expect(await dispatcher.tick()).toMatchObject({ invited: 2 });
    expect(tg.delivered(chatOf(org.aigerim))).toEqual([]);
    expect(await participant(campaign.id, org.aigerim)).toMatchObject({ inviteStatus: "sending", invitedOn: null });

    h.clock.now = new Date(now + 4 * 60_000); // the claim is 9 minutes old
    expect(await dispatcher.tick()).toEqual(NOTHING);
    h.clock.now = new Date(now + 6 * 60_000); // 11 minutes old
    expect(await dispatcher.tick()).toEqual({ ...NOTHING, invited: 1 });
    expect(tg.delivered(chatOf(org.aigerim)).map((c) => c.text)).toEqual([expectedSurveyText("invitation", "kk", PROBE_TITLE.kk, "2026-03-20")]);
    expect(await participant(campaign.id, org.aigerim)).toMatchObject({ inviteStatus: "sent", invitedOn: "2026-03-02", inviteClaimedAt: null });

    h.clock.now = new Date(now + 30 * 60_000);
    expect(await dispatcher.tick()).toEqual(NOTHING);
    expect(tg.deliveredPerChat()).toEqual(new Map(registered().map((p) => [chatOf(p), 1])));
  });

  it("an 11-minute-old claim taken over by two instances at once is still sent once", async () => {
    const second = await secondInstanceDatabase();
    try {
      const campaign = await createProbeCampaign(db(), { opensOn: "2026-03-02", closesOn: "2026-03-20", audience: accounting(), createdById: org.officer.id });
      await launchCampaign(db(), campaign);
      for (const p of registered()) await setParticipant(campaign.id, p, { inviteStatus: "sending", inviteClaimedAt: new Date(h.clock.now.getTime() - 11 * 60_000) });
      const a = fakeTelegram({ yieldTurns: 2 });
      const b = fakeTelegram({ yieldTurns: 2 });
      const reports = await Promise.all([dispatcherWith(a.api).tick(), dispatcherWith(b.api, { database: second }).tick()]);
      expect(reports[0]!.invited + reports[1]!.invited).toBe(3);
      for (const p of registered()) expect(a.delivered(chatOf(p)).length + b.delivered(chatOf(p)).length, p.fullName).toBe(1);
    } finally {
      if (second !== h.db) await second.close();
    }
  });

  it("on a reminder: respected while fresh, taken over after 10 minutes, the reminder sent once", async () => {
    const { campaign, tg, dispatcher } = await launched("2026-03-02", "2026-03-20");
    at("2026-03-04", "10:00");
    const now = h.clock.now.getTime();
    await setParticipant(campaign.id, org.boris, { reminderClaimedAt: new Date(now - 5 * 60_000) });
    expect(await dispatcher.tick()).toEqual({ ...NOTHING, reminded: 2 });
    expect(remindersPerChat(tg).get(chatOf(org.boris))).toBeUndefined();
    h.clock.now = new Date(now + 6 * 60_000);
    expect(await dispatcher.tick()).toEqual({ ...NOTHING, reminded: 1 });
    expect(tg.delivered(chatOf(org.boris)).filter((c) => isReminder(c.text)).map((c) => c.text)).toEqual([expectedSurveyText("reminder", "ru", PROBE_TITLE.ru, "2026-03-20")]);
    expect(await participant(campaign.id, org.boris)).toMatchObject({ remindersSent: 1, lastRemindedOn: "2026-03-04", reminderClaimedAt: null });
    h.clock.now = new Date(now + 60 * 60_000);
    expect(await dispatcher.tick()).toEqual(NOTHING);
    expect(remindersPerChat(tg)).toEqual(new Map(registered().map((p) => [chatOf(p), 1])));
  });
});

// ---------------------------------------------------------------------------------------------

describe("people who register after launch", () => {
  it("are invited on the next tick; someone never registered is never messaged and counts as not reachable", async () => {
    const { campaign, tg, tickAt } = await launched("2026-03-02", "2026-03-20");
    const nurlan = await addPerson(db(), { fullName: "Серіков Нұрлан", telegramId: null, language: null, departmentId: org.accounting.id });
    // Not registered: in the ledger (pending), never messaged.
    expect((await tickAt("2026-03-02", "10:05")).report).toEqual(NOTHING);
    expect(await participant(campaign.id, org.zhanna)).toMatchObject({ inviteStatus: "pending" });
    expect(await participant(campaign.id, nurlan)).toMatchObject({ inviteStatus: "pending" });

    // Жанна registers on Tuesday (the bot binds her Telegram account to her roster entry).
    await db().user.update({ where: { id: org.zhanna.id }, data: { telegramId: 710004n, language: "ru", registeredAt: new Date() } });
    // Someone added to the roster after launch, already registered, and one in another department.
    const sultan = await addPerson(db(), { fullName: "Қасымов Сұлтан", telegramId: 710005, language: "kk", departmentId: org.accounting.id });
    const olga = await addPerson(db(), { fullName: "Ким Ольга", telegramId: 720005, language: "ru", departmentId: org.warehouse.id });
    const tue = await tickAt("2026-03-03", "11:00");
    expect(tue.report).toEqual({ ...NOTHING, invited: 2 });
    expect(tg.delivered(710004).map((c) => c.text)).toEqual([expectedSurveyText("invitation", "ru", PROBE_TITLE.ru, "2026-03-20")]);
    expect(tg.delivered(chatOf(sultan)).map((c) => c.text)).toEqual([expectedSurveyText("invitation", "kk", PROBE_TITLE.kk, "2026-03-20")]);
    expect(tg.delivered(chatOf(olga))).toEqual([]);
    expect(await db().campaignParticipant.findUnique({ where: { campaignId_userId: { campaignId: campaign.id, userId: olga.id } } })).toBeNull();
    expect(await participant(campaign.id, org.zhanna)).toMatchObject({ inviteStatus: "sent", invitedOn: "2026-03-03" });

    // Her reminder is spaced from her own invitation (Tuesday), not the launch (Monday).
    const wed = await tickAt("2026-03-04", "10:00");
    expect(wed.reminders.map((c) => c.chatId).sort()).toEqual(registered().map(chatOf).sort());
    const thu = await tickAt("2026-03-05", "10:00");
    expect(thu.reminders.map((c) => c.chatId).sort()).toEqual([710004, chatOf(sultan)].sort());

    await setParticipant(campaign.id, org.boris, { completedOn: "2026-03-05" });
    const rate = await responseRate(db(), campaign.id);
    expect(rate).toMatchObject({ invited: 5, completed: 1, notReachable: 1 });
    expect(rate.byDepartment).toEqual([{ departmentId: org.accounting.id, name: "Бухгалтерия", invited: 5, completed: 1 }]);
    // Нұрлан (no Telegram account yet) was never messaged: every message went to a known chat.
    expect(new Set(tg.calls.filter((c) => c.method === "sendMessage").map((c) => c.chatId))).toEqual(new Set([...registered().map(chatOf), 710004, chatOf(sultan)]));
    expect(await participant(campaign.id, nurlan)).toMatchObject({ inviteStatus: "pending", invitedOn: null, remindersSent: 0 });
  });

  it("500+ people not registered yet do not keep registered ones from being invited", async () => {
    at("2026-03-02");
    const crowd: Person[] = [];
    for (let i = 0; i < 505; i++) crowd.push(await addPerson(db(), { fullName: `Тіркелмеген ${i}`, telegramId: null, language: null, departmentId: org.accounting.id }));
    const late = await addPerson(db(), { fullName: "Late", telegramId: 810001, language: "kk", departmentId: org.accounting.id });
    const campaign = await createProbeCampaign(db(), { opensOn: "2026-03-02", closesOn: "2026-03-20", audience: accounting(), createdById: org.officer.id });
    const tg = fakeTelegram();
    const report = await dispatcherWith(tg.api).tick();
    expect(report.opened).toBe(1);
    expect(tg.delivered(810001)).toHaveLength(1);
    expect(await participant(campaign.id, late)).toMatchObject({ inviteStatus: "sent" });
  }, 120_000);

  it("someone deactivated in the roster before being invited is not messaged", async () => {
    const campaign = await createProbeCampaign(db(), { opensOn: "2026-03-02", closesOn: "2026-03-20", audience: accounting(), createdById: org.officer.id });
    await launchCampaign(db(), campaign);
    await db().user.update({ where: { id: org.dana.id }, data: { active: false } });
    const tg = fakeTelegram();
    expect(await dispatcherWith(tg.api).tick()).toMatchObject({ invited: 2 });
    expect(tg.delivered(chatOf(org.dana))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("a chat that cannot be reached", () => {
  it("blocked the bot (403): the invitation is marked failed and not retried", async () => {
    const campaign = await createProbeCampaign(db(), { opensOn: "2026-03-02", closesOn: "2026-03-20", audience: accounting(), createdById: org.officer.id });
    const tg = fakeTelegram();
    tg.failures.set(chatOf(org.boris), BLOCKED);
    const dispatcher = dispatcherWith(tg.api);
    expect(await dispatcher.tick()).toEqual({ ...NOTHING, opened: 1, invited: 3 });
    expect(await participant(campaign.id, org.boris)).toMatchObject({ inviteStatus: "failed", inviteClaimedAt: null });
    expect(await db().outboxMessage.count()).toBe(0);
    const attempts = () => tg.calls.filter((c) => c.method === "sendMessage" && c.chatId === chatOf(org.boris)).length;
    expect(attempts()).toBe(1);
    for (const [day, time] of [["2026-03-02", "10:05"], ["2026-03-02", "16:00"], ["2026-03-04", "10:00"], ["2026-03-06", "10:00"], ["2026-03-10", "10:00"]] as const) {
      at(day, time);
      await dispatcher.tick();
    }
    expect(attempts()).toBe(1);
    expect(await participant(campaign.id, org.boris)).toMatchObject({ inviteStatus: "failed", remindersSent: 0 });
    expect((await responseRate(db(), campaign.id)).notReachable).toBe(2); // Борис and Жанна
  });

  it("a chat that no longer exists (400 chat not found) is treated the same", async () => {
    const campaign = await createProbeCampaign(db(), { opensOn: "2026-03-02", closesOn: "2026-03-20", audience: accounting(), createdById: org.officer.id });
    const tg = fakeTelegram();
    tg.failures.set(chatOf(org.dana), CHAT_NOT_FOUND);
    const dispatcher = dispatcherWith(tg.api);
    expect(await dispatcher.tick()).toMatchObject({ invited: 3 });
    at("2026-03-02", "11:00");
    expect(await dispatcher.tick()).toEqual(NOTHING);
    expect(await participant(campaign.id, org.dana)).toMatchObject({ inviteStatus: "failed" });
  });

  it("a Telegram error that may hide a delivery (5xx) is recorded on the outbox row and sent again later, once it works", async () => {
    const campaign = await createProbeCampaign(db(), { opensOn: "2026-03-02", closesOn: "2026-03-20", audience: accounting(), createdById: org.officer.id });
    const tg = fakeTelegram();
    tg.failures.set(chatOf(org.aigerim), SERVER_ERROR);
    const dispatcher = dispatcherWith(tg.api);
    expect(await dispatcher.tick()).toMatchObject({ invited: 3 });
    expect(await participant(campaign.id, org.aigerim)).toMatchObject({ inviteStatus: "sent", inviteClaimedAt: null });
    expect(await db().outboxMessage.findMany({ select: { status: true, ambiguous: true } })).toEqual([{ status: "pending", ambiguous: 1 }]);
    expect(h.logs.events("outbox_ambiguous")).toHaveLength(1);
    tg.failures.clear();
    at("2026-03-02", "10:05");
    expect(await dispatcher.tick()).toEqual(NOTHING);
    at("2026-03-02", "10:10");
    expect(await dispatcher.tick()).toEqual(NOTHING);
    expect(tg.deliveredPerChat()).toEqual(new Map(registered().map((p) => [chatOf(p), 1])));
    expect(await db().outboxMessage.count()).toBe(0);
  });

  it("blocked after the invitation: reminders stop at the cap, not retried forever", async () => {
    const { campaign, tg, tickAt } = await launched("2026-03-02", "2026-03-31");
    tg.failures.set(chatOf(org.aigerim), BLOCKED);
    for (const day of ["2026-03-04", "2026-03-06", "2026-03-11", "2026-03-13", "2026-03-17", "2026-03-19"]) await tickAt(day, "10:00");
    const attempts = tg.calls.filter((c) => c.method === "sendMessage" && c.chatId === chatOf(org.aigerim) && isReminder(c.text));
    expect(attempts).toHaveLength(2);
    expect(await participant(campaign.id, org.aigerim)).toMatchObject({ remindersSent: 2 });
  });
});
