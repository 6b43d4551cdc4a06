// A campaign of 10,000 people through invitations, late registrations, reminders and the
// close: no query may carry an unbounded list of ids (SQLite and Prisma refuse long IN lists,
// and a failing tick stops every campaign after it). The messages are counted in the outbox,
// where the jobs leave them (sending them is test/bot/notifications/sender.test.ts's part).
import { afterAll, beforeAll, expect, it } from "vitest";
import { createOutbox } from "../../src/services/outbox.js";
import { zonedDateTime } from "../../src/domain/calendar/time-zone.js";
import { createSurveyDispatcher, type SurveyDispatcher } from "../../src/jobs/survey-dispatch.js";
import { getCampaign } from "../../src/db/repositories/campaigns.js";
import { createProbeCampaign } from "../support/campaign-fixtures.js";
import { createHarness, type Harness } from "../support/harness.js";

const PEOPLE = 10_000;
const TZ = "Asia/Almaty";
let h: Harness;
let dispatcher: SurveyDispatcher;

beforeAll(async () => {
  h = await createHarness({ now: new Date("2026-03-02T05:00:00Z") });
  const p = h.db.prisma;
  const departments = await Promise.all(Array.from({ length: 20 }, (_, i) => p.department.create({ data: { name: `Подразделение ${i + 1}` } })));
  const rows = Array.from({ length: PEOPLE }, (_, i) => ({
    fullName: `Сотрудник ${i + 1}`,
    phone: `7702${String(i).padStart(7, "0")}`,
    // The last 300 register only after the launch.
    telegramId: i < PEOPLE - 300 ? BigInt(3_000_000 + i) : null,
    language: i % 2 ? "kk" : "ru",
    departmentId: departments[i % departments.length]!.id,
    registeredAt: i < PEOPLE - 300 ? new Date("2026-02-02T05:00:00Z") : null,
  }));
  for (let i = 0; i < rows.length; i += 1000) await p.user.createMany({ data: rows.slice(i, i + 1000) });
  dispatcher = createSurveyDispatcher({ db: h.db, keyring: h.deps.keyring, notifier: createOutbox({ db: h.db, keyring: h.deps.keyring, now: h.deps.now }), logger: h.deps.logger, calendar: h.deps.calendar, config: h.config, now: h.deps.now });
}, 120_000);
afterAll(async () => h.destroy());

const at = (date: string, time: string) => (h.clock.now = zonedDateTime(date, time, TZ));
/** Messages queued, by kind (the payload is encrypted: read it as the sender does). */
async function queued(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const rows = await h.db.prisma.outboxMessage.findMany({ select: { payload: true } });
  for (const r of rows) {
    const kind = (JSON.parse(h.deps.keyring.decryptText(r.payload)) as { n: { kind: string } }).n.kind;
    out[kind] = (out[kind] ?? 0) + 1;
  }
  return out;
}

it("invites 10,000 people once, adds the late ones, reminds and closes", async () => {
  const officer = await h.db.prisma.user.create({ data: { fullName: "Офицер", role: "compliance", telegramId: BigInt(99), language: "ru", registeredAt: new Date() } });
  const campaign = await createProbeCampaign(h.db.prisma, { opensOn: "2026-03-02", closesOn: "2026-03-13", audience: { kind: "all" }, createdById: officer.id });
  at("2026-03-02", "10:00");
  const first = await dispatcher.tick();
  expect(first.opened).toBe(1);
  expect(first.invited).toBe(PEOPLE - 300 + 1); // and the officer
  // The late ones register; the next tick adds them to the ledger (10,000 known already) and invites them.
  const late = await h.db.prisma.user.findMany({ where: { telegramId: null }, select: { id: true } });
  for (const [i, u] of late.entries()) await h.db.prisma.user.update({ where: { id: u.id }, data: { telegramId: BigInt(4_000_000 + i), registeredAt: new Date() } });
  const second = await dispatcher.tick();
  expect(second.invited).toBe(300);
  expect(await h.db.prisma.campaignParticipant.count({ where: { campaignId: campaign.id } })).toBe(PEOPLE + 1);
  // Three working days later everyone who has not answered is reminded once.
  at("2026-03-05", "10:00");
  const third = await dispatcher.tick();
  expect(third.reminded).toBe(PEOPLE + 1);
  expect(await queued()).toEqual({ surveyInvitation: PEOPLE + 1, surveyReminder: PEOPLE + 1 });
  expect((await dispatcher.tick()).reminded).toBe(0);
  at("2026-03-14", "10:00");
  expect((await dispatcher.tick()).closed).toBe(1);
  expect((await getCampaign(h.db.prisma, campaign.id))!.status).toBe("closed");
}, 600_000);
