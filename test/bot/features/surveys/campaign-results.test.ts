// The officer's results screens and exports under disclosure control: each of them (results
// text, group results, charts, XLSX, CSV, DOCX) writes an audit entry; an employee gets none
// of them and leaves no entry; group results wait for the campaign to close; the results say
// how many responses they rest on; small departments are merged in the response rate.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeCampaign, createCampaign } from "../../../../src/db/repositories/campaigns.js";
import { submitAttributed } from "../../../../src/db/repositories/survey-answers.js";
import { saveDefinition } from "../../../../src/db/repositories/survey-definitions.js";
import type { Answers } from "../../../../src/domain/surveys/answers.js";
import { launchCampaign } from "../../../../src/services/surveys.js";
import { albums } from "../../../../src/bot/features/surveys/campaign-results.js";
import { addPerson } from "../../../support/campaign-fixtures.js";
import { createHarness, type Harness, type TgUser } from "../../../support/harness.js";
import { sampleDefinition } from "../../../domain/surveys/fixture.js";

const officer: TgUser = { id: 500001, first_name: "Officer", language_code: "ru" };
const employee: TgUser = { id: 600001, first_name: "Employee", language_code: "ru" };
let h: Harness;
let campaignId: number;

const answers = (unit: "adm" | "prod", i: number): Answers => ({
  unit: { code: unit },
  met: { code: i % 2 ? "yes" : "no" },
  ...(i % 2 ? { how: { codes: ["gift"] } } : {}),
  trust: { code: String((i % 3) + 1) },
  years: { number: 3 + i },
  when: { skipped: true },
  note: { skipped: true },
});

beforeEach(async () => {
  h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) }, now: new Date("2026-03-02T05:00:00Z") });
  await h.text(officer, "/start");
  const p = h.db.prisma;
  await p.user.create({ data: { fullName: "Employee", phone: "77010000002", telegramId: BigInt(employee.id), role: "employee", language: "ru", registeredAt: new Date() } });
  const big = await p.department.create({ data: { name: "Бухгалтерия" } });
  const small = await p.department.create({ data: { name: "Охрана" } });
  const people = [];
  for (let i = 0; i < 12; i++) people.push(await addPerson(p, { fullName: `Сотрудник ${i}`, telegramId: 700100 + i, language: "ru", departmentId: i < 10 ? big.id : small.id }));
  const { record } = await saveDefinition(p, sampleDefinition(), "test", null);
  const campaign = await createCampaign(p, { definitionId: record.id, mode: "attributed", opensOn: "2026-03-02", closesOn: "2026-03-20", audience: { kind: "all" }, reminderCap: 2, createdById: 1, today: "2026-03-02" });
  await launchCampaign(p, campaign);
  await p.campaignParticipant.updateMany({ where: { campaignId: campaign.id }, data: { inviteStatus: "sent" } });
  for (const [i, person] of people.entries()) await submitAttributed(p, { campaignId: campaign.id, userId: person.id, today: "2026-03-03", answers: answers(i < 7 ? "adm" : "prod", i), draftKey: `k${i}` });
  campaignId = campaign.id;
  h.clear();
});
afterEach(() => h.destroy());

const views = async () =>
  (await h.db.prisma.auditLog.findMany({ where: { action: "survey.results_viewed" }, orderBy: { id: "asc" } })).map((a): Record<string, unknown> => ({ actor: a.actorUserId, subject: a.subject, ...(JSON.parse(a.details!) as Record<string, unknown>) }));

const PATHS = (id: number) => [`sc.r:${id}`, `sc.ch:${id}`, `sc.e:${id}:xlsx:ru`, `sc.e:${id}:csv:ru`, `sc.e:${id}:docx:kk`, `sc.f:${id}`, `sc.fr:${id}:0:0`];

describe("results and exports", () => {
  it("an employee gets none of them, and nothing is audited", async () => {
    for (const data of PATHS(campaignId)) {
      h.clear();
      await h.callback(employee, data);
      expect(String(h.callsOf("answerCallbackQuery").at(-1)?.payload.text), data).toMatch(/недоступна/);
      for (const method of ["sendMessage", "sendDocument", "sendPhoto"]) expect(h.callsOf(method), `${data} ${method}`).toHaveLength(0);
    }
    expect(await views()).toEqual([]);
  });

  it("every view is audited with who, what and which filter; open results rest on whole batches of k", async () => {
    const officerId = (await h.db.prisma.user.findUnique({ where: { telegramId: BigInt(officer.id) } }))!.id;
    await h.callback(officer, `sc.r:${campaignId}`);
    // 12 interviews, k = 5: the open results count the first 10.
    expect(h.lastReply(officer.id)).toMatch(/ответов — 10\./);
    expect(h.lastReply(officer.id)).toMatch(/Кампания не завершена: итоги на .* учитывают ответов — 10 \(всего заполнили анкету — 12\)/);
    expect(h.lastReply(officer.id)).not.toMatch(/медиана|мин\.|макс\./);
    await h.callback(officer, `sc.ch:${campaignId}`);
    expect(h.callsOf("sendMediaGroup")).toHaveLength(1);
    for (const format of ["xlsx", "csv", "docx"]) await h.callback(officer, `sc.e:${campaignId}:${format}:kk`);
    expect(h.callsOf("sendDocument")).toHaveLength(3);
    // Streamed into a temporary file and uploaded from it: the whole file arrives.
    const sent = h.callsOf("sendDocument").map((c) => c.payload.document as { fileName: string; bytes: Buffer });
    expect(sent.map((d) => d.fileName.replace(/-\d{4}-\d{2}-\d{2}-/, "-"))).toEqual(["xlsx", "csv", "docx"].map((f) => `survey-${campaignId}-kk.${f}`));
    expect(sent.map((d) => d.bytes.subarray(0, 2).toString("latin1"))).toEqual(["PK", "\xef\xbb", "PK"]);
    expect(sent[1]!.bytes.toString("utf8")).toMatch(/^\ufeffБөлім;Сұрақ;Сұрақ түрі;/);
    expect(await views()).toEqual([
      { actor: officerId, subject: `campaign:${campaignId}`, view: "screen", filter: null, via: "bot", responses: 10 },
      { actor: officerId, subject: `campaign:${campaignId}`, view: "charts", filter: null, via: "bot", responses: 10 },
      ...["xlsx", "csv", "docx"].map((view) => ({ actor: officerId, subject: `campaign:${campaignId}`, view, filter: null, lang: "kk", via: "bot", responses: 10 })),
    ]);
  });

  it("group results are refused while the campaign is open, and shown (and audited) once it is closed", async () => {
    await h.callback(officer, `sc.f:${campaignId}`);
    expect(h.lastReply(officer.id)).toMatch(/Итоги по группам показываются только после завершения кампании/);
    await h.callback(officer, `sc.fr:${campaignId}:0:0`);
    expect(h.lastReply(officer.id)).toMatch(/Итоги по группам показываются только после завершения кампании/);
    expect(await views()).toEqual([]);

    await closeCampaign(h.db.prisma, campaignId, "2026-03-05");
    await h.callback(officer, `sc.fr:${campaignId}:0:0`);
    expect(h.lastReply(officer.id)).toMatch(/ответов — 7\.\nГруппа: Подразделение — Администрация/);
    expect(h.lastReply(officer.id)).toMatch(/Итоги окончательные: учтено ответов — 12\./);
    expect((await views()).map((v) => [v.view, v.filter, v.responses])).toEqual([["screen", "unit=adm", 7]]);
  });

  it("charts come as one album, captions numbered as the questions, and the questions without a chart are named", async () => {
    await closeCampaign(h.db.prisma, campaignId, "2026-03-05");
    await h.callback(officer, `sc.ch:${campaignId}`);
    expect(h.callsOf("sendPhoto")).toHaveLength(0);
    const [album] = h.callsOf("sendMediaGroup");
    const media = album!.payload.media as { type: string; caption: string; media: { fileName: string; bytes: Buffer } }[];
    // 1 unit, 2 met, 3 how, 4 trust, 5 years chart; 6 when (a date) and 7 note (free text) do not.
    expect(media.map((m) => m.caption)).toEqual(["1. Подразделение", "2. Сталкивались ли вы с коррупцией?", "3. Как именно?", "4. Доверие", "5. Стаж"]);
    expect(media.every((m) => m.type === "photo" && m.media.bytes.subarray(1, 4).toString() === "PNG")).toBe(true);
    expect(media.map((m) => m.media.fileName)).toEqual(["q1.png", "q2.png", "q3.png", "q4.png", "q5.png"]);
    const intro = String(h.callsOf("sendMessage").at(-1)!.payload.text);
    expect(intro).toMatch(/Диаграммы пронумерованы так же, как вопросы в анкете/);
    expect(intro).toMatch(/Вопросы без диаграмм \(ответы в свободной форме или недостаточно данных\): № 6, 7\./);
  });

  it("the campaign screen merges departments with fewer than k invited", async () => {
    await h.callback(officer, `sc.v:${campaignId}`);
    const text = h.lastReply(officer.id);
    // Охрана (2 invited) and those without a department (2) are under k together: the smallest
    // other department joins them, and then nothing but the total is left.
    expect(text).not.toMatch(/Охрана/);
    expect(text).not.toMatch(/Бухгалтерия: /);
    expect(text).toMatch(/Ответили: 12 из 14 приглашённых/);
  });
});

describe("albums of charts", () => {
  it("hold at most 10 and at least 2, as evenly as they can (25 charts: 9, 8, 8 — not 25 photos, not 10, 10, 5)", () => {
    const sizes = (n: number) => albums(Array.from({ length: n }, (_, i) => i)).map((a) => a.length);
    expect(sizes(25)).toEqual([9, 8, 8]);
    expect(sizes(11)).toEqual([6, 5]);
    expect(sizes(10)).toEqual([10]);
    expect(sizes(21)).toEqual([7, 7, 7]);
    expect(sizes(1)).toEqual([1]);
    expect(albums(Array.from({ length: 25 }, (_, i) => i)).flat()).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });
});
