// Regressions found in review: an officer answering a survey can still type campaign
// dates; typing after a draft expired is explained; "please specify" has a way back;
// officers bootstrapped from configuration get invitations in their Telegram language; one
// input at a time: what /cancel ends, and what a sticker gets while a typed answer is expected.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCampaign } from "../../../../src/db/repositories/campaigns.js";
import { saveDefinition } from "../../../../src/db/repositories/survey-definitions.js";
import { launchCampaign } from "../../../../src/services/surveys.js";
import { createHarness, type Harness, type TgUser } from "../../../support/harness.js";
import { flowDefinition } from "../../../support/survey-fixture.js";

const root = join(__dirname, "..", "..", "..", "..");
const officer: TgUser = { id: 500001, first_name: "Officer", language_code: "ru" };
let h: Harness;

beforeEach(async () => {
  h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) }, now: new Date("2026-03-02T05:00:00Z") });
  await h.text(officer, "/start");
  const { record } = await saveDefinition(h.db.prisma, flowDefinition(), "test", null);
  const campaign = await createCampaign(h.db.prisma, { definitionId: record.id, mode: "anonymous", opensOn: "2026-03-02", closesOn: "2026-03-20", audience: { kind: "all" }, reminderCap: 2, createdById: 1, today: "2026-03-02" });
  await launchCampaign(h.db.prisma, campaign);
});
afterEach(() => h.destroy());

async function openSurvey(): Promise<void> {
  await h.callback(officer, "sv.o:1");
  const start = h.lastButtons(officer.id).find((b) => b.data.startsWith("sv.go:"))!;
  await h.callback(officer, start.data);
}

/** A new campaign's wizard up to the question for its dates: the first definition, anonymous, everyone. */
async function wizardUpToDates(): Promise<string> {
  await h.callback(officer, "sc.n");
  const pick = h.lastButtons(officer.id).find((b) => b.data.startsWith("sc.nd:"))!;
  const nonce = pick.data.split(":")[1]!;
  await h.callback(officer, pick.data);
  await h.callback(officer, `sc.nm:${nonce}:a`);
  await h.callback(officer, `sc.na:${nonce}:all`);
  return nonce;
}

describe("survey regressions", () => {
  it("the bootstrapped officer's language is Telegram's, so invitations come in it", async () => {
    expect((await h.db.prisma.user.findUnique({ where: { telegramId: BigInt(officer.id) } }))!.language).toBe("ru");
  });

  it("an officer in the middle of a survey can still type the dates of a new campaign", async () => {
    await openSurvey();
    expect(h.lastReply(officer.id)).toMatch(/Сколько лет/);
    await wizardUpToDates();
    await h.text(officer, "02.03.2026 – 16.03.2026");
    expect(h.lastReply(officer.id)).toMatch(/Срок: 02\.03\.2026 – 16\.03\.2026/);
  });

  it("typing after the draft expired is explained", async () => {
    await openSurvey();
    h.clock.now = new Date(h.clock.now.getTime() + 15 * 86_400_000);
    await h.text(officer, "12");
    expect(h.lastReply(officer.id)).toMatch(/Незаконченные ответы удалены/);
  });

  it("'please specify' can go back to the options", async () => {
    await openSurvey();
    await h.text(officer, "12");
    await h.text(officer, "01.03.2020");
    const other = h.lastButtons(officer.id).filter((b) => b.data.startsWith("sv.a:")).at(-1)!;
    await h.callback(officer, other.data);
    expect(h.lastReply(officer.id)).toMatch(/Уточните/);
    const back = h.lastButtons(officer.id).find((b) => b.data.startsWith("sv.b:"))!;
    await h.callback(officer, back.data);
    expect(h.lastReply(officer.id)).toMatch(/Куда вы сообщили бы/);
    expect(h.lastReply(officer.id)).not.toMatch(/Ваш ответ сейчас/);
  });
});

describe("one input at a time (the flow slot)", () => {
  it("a sticker while a typed answer is expected is explained; on the notice it is not", async () => {
    await h.callback(officer, "sv.o:1");
    await h.sticker(officer);
    expect(h.lastReply(officer.id)).toMatch(/Такие сообщения я не обрабатываю/);
    await h.callback(officer, h.lastButtons(officer.id).find((b) => b.data.startsWith("sv.go:"))!.data);
    expect(h.lastReply(officer.id)).toMatch(/Сколько лет/);
    await h.sticker(officer);
    expect(h.lastReply(officer.id)).toBe("⚠️ Ответ нужен текстом.");
  });

  it("/cancel while answering says the answers are kept; typing then is no answer; the survey resumes where it was", async () => {
    await openSurvey();
    await h.text(officer, "12");
    await h.text(officer, "/cancel");
    expect(h.lastReply(officer.id)).toBe("Опрос на паузе, ответы сохранены. Продолжить можно до 20.03.2026: /surveys");
    await h.text(officer, "01.03.2020");
    expect(h.lastReply(officer.id)).toMatch(/Я не понял сообщение/);
    await h.callback(officer, "sv.o:1");
    expect(h.lastReply(officer.id)).toMatch(/С какой даты в должности/);
    await h.text(officer, "01.03.2020");
    expect(h.lastReply(officer.id)).toMatch(/Куда вы сообщили бы/);
  });

  it("/survey_upload sends the format guide and the templates as files, not paths the officer cannot see", async () => {
    await h.text(officer, "/survey_upload");
    expect(h.lastReply(officer.id)).not.toMatch(/docs\/|templates|\.md/);
    const guide = h.lastButtons(officer.id).find((b) => b.data === "sc.fg")!;
    expect(guide.text).toBe("📄 Формат и образцы");
    await h.callback(officer, guide.data);
    const sent = h.callsOf("sendDocument").map((c) => ({ name: (c.payload.document as { fileName?: string }).fileName, caption: c.payload.caption }));
    expect(sent).toEqual([
      { name: "survey-format.ru.md", caption: expect.stringMatching(/^Описание формата анкеты с примерами/) },
      { name: "staff-perception-survey.yaml", caption: expect.stringMatching(/^Образец анкеты: staff-perception-survey\.yaml/) },
      { name: "unit-head-interview.yaml", caption: expect.stringMatching(/^Образец анкеты: unit-head-interview\.yaml/) },
    ]);
    // The upload still waits for the officer's file.
    await h.document(officer, "survey.txt", "text/plain");
    expect(h.lastReply(officer.id)).toMatch(/\.yaml, \.yml или \.json/);
  });

  it("the format guide comes in the officer's language: a kk officer gets the Kazakh guide, a ru officer the Russian one", async () => {
    const kkOfficer: TgUser = { id: 500002, first_name: "Офицер", language_code: "kk" };
    const h2 = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: `${officer.id},${kkOfficer.id}` } });
    try {
      const guides = async (user: TgUser) => {
        await h2.text(user, "/start");
        await h2.text(user, "/survey_upload");
        const before = h2.callsOf("sendDocument").length;
        await h2.callback(user, h2.lastButtons(user.id).find((b) => b.data === "sc.fg")!.data);
        return h2
          .callsOf("sendDocument")
          .slice(before)
          .map((c) => ({ document: c.payload.document as { fileName?: string; bytes?: Buffer }, caption: String(c.payload.caption) }))
          .filter((d) => /^survey-format/.test(d.document.fileName ?? ""));
      };
      const [kk] = await guides(kkOfficer);
      expect(kk!.document.fileName).toBe("survey-format.kk.md");
      expect(kk!.document.bytes!.toString("utf8")).toBe(readFileSync(join(root, "docs", "survey-format.kk.md"), "utf8"));
      expect(kk!.document.bytes!.toString("utf8")).toMatch(/^# Сауалнама файлын қалай құрастыру керек/);
      expect(kk!.caption).toMatch(/^Сауалнама пішімінің мысалдары бар сипаттамасы/);
      expect(kk!.caption).not.toMatch(/ағылшын/);
      const [ru] = await guides(officer);
      expect(ru!.document.fileName).toBe("survey-format.ru.md");
      expect(ru!.document.bytes!.toString("utf8")).toMatch(/^# Как составить файл анкеты/);
      expect(ru!.caption).not.toMatch(/английск/);
    } finally {
      await h2.destroy();
    }
  });

  it("/cancel after /survey_upload: the next file is not taken as a definition", async () => {
    await h.text(officer, "/survey_upload");
    await h.text(officer, "/cancel");
    expect(h.lastReply(officer.id)).toBe("Отменено: загрузка анкеты.");
    await h.document(officer, "survey.yaml", "application/x-yaml");
    expect(h.lastReply(officer.id)).toMatch(/Сейчас я не жду файл/);
  });

  it("/cancel in the wizard: typed dates are no longer taken, and its buttons are stale", async () => {
    const nonce = await wizardUpToDates();
    await h.text(officer, "/cancel");
    expect(h.lastReply(officer.id)).toBe("Отменено: настройка новой кампании, ничего не сохранено.");
    await h.text(officer, "02.03.2026 – 16.03.2026");
    expect(h.lastReply(officer.id)).not.toMatch(/Срок:/);
    await h.callback(officer, `sc.np:${nonce}:7`);
    expect(h.lastReply(officer.id)).not.toMatch(/Срок:/);
  });
});
