// The campaign wizard's bad input: typed dates, empty audiences, stale wizard buttons.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, type TgUser } from "../../../support/harness.js";
import { loadTemplates } from "../../../../src/services/surveys.js";

const officer: TgUser = { id: 500001, first_name: "Officer", language_code: "ru" };
let h: Harness;

beforeEach(async () => {
  h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) }, now: new Date("2026-03-02T05:00:00Z") });
  await loadTemplates(h.db.prisma);
  await h.db.prisma.department.create({ data: { name: "ИТ" } });
});
afterEach(() => h.destroy());

async function throughAudience(): Promise<string> {
  await h.text(officer, "/campaigns");
  await h.callback(officer, "sc.n");
  const pick = h.lastButtons(officer.id).find((b) => b.data.startsWith("sc.nd:"))!;
  const nonce = pick.data.split(":")[1]!;
  await h.callback(officer, pick.data);
  await h.callback(officer, `sc.nm:${nonce}:a`);
  return nonce;
}

describe("campaign wizard", () => {
  it("explains bad dates and accepts a typed period", async () => {
    const nonce = await throughAudience();
    await h.callback(officer, `sc.na:${nonce}:all`);
    expect(h.lastReply(officer.id)).toMatch(/Шаг 4 из 4/);
    await h.text(officer, "в понедельник");
    expect(h.lastReply(officer.id)).toMatch(/Не понял даты/);
    await h.text(officer, "20.03.2026 – 10.03.2026");
    expect(h.lastReply(officer.id)).toBe("Дата окончания раньше даты начала.");
    await h.text(officer, "01.02.2026 - 10.02.2026");
    expect(h.lastReply(officer.id)).toBe("Дата окончания уже прошла.");
    await h.text(officer, "02.03.2026 – 31.02.2026");
    expect(h.lastReply(officer.id)).toMatch(/Не понял даты/);
    await h.text(officer, "02.03.2026 – 16.03.2026");
    expect(h.lastReply(officer.id)).toMatch(/Срок: 02\.03\.2026 – 16\.03\.2026/);
    expect(await h.db.prisma.campaign.count()).toBe(0);
    await h.callback(officer, `sc.ok:${nonce}`);
    expect(h.replies(officer.id).join("\n")).toMatch(/Кампания #1 запущена/);
    // The same confirmation again (double tap) creates nothing more.
    await h.callback(officer, `sc.ok:${nonce}`);
    expect(await h.db.prisma.campaign.count()).toBe(1);
    expect(h.callsOf("answerCallbackQuery").at(-1)?.payload.text).toMatch(/устарела/);
  });

  it("refuses an empty department or role selection", async () => {
    const nonce = await throughAudience();
    await h.callback(officer, `sc.na:${nonce}:dep`);
    await h.callback(officer, `sc.na:${nonce}:depok`);
    expect(h.lastReply(officer.id)).toBe("Отметьте хотя бы один пункт.");
    await h.callback(officer, `sc.nt:${nonce}:1`);
    await h.callback(officer, `sc.na:${nonce}:depok`);
    expect(h.lastReply(officer.id)).toMatch(/Шаг 4 из 4/);
  });

  it("a future start schedules the campaign; buttons of an old wizard are stale", async () => {
    const nonce = await throughAudience();
    await h.callback(officer, `sc.na:${nonce}:all`);
    await h.text(officer, "10.03.2026 – 20.03.2026");
    await h.callback(officer, `sc.ok:${nonce}`);
    expect(h.lastReply(officer.id)).toMatch(/запланирована на 10\.03\.2026/);
    expect(await h.db.prisma.campaignParticipant.count()).toBe(0);
    await h.callback(officer, `sc.na:${nonce}:all`);
    expect(h.callsOf("answerCallbackQuery").at(-1)?.payload.text).toMatch(/устарела/);
  });
});
