// The risk register in the bot: the wizard end to end (a risk, a recommendation, a plan item
// made from it, which shows the risk on its card), observers reading only, forged and stale
// buttons refused.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, type TgUser } from "../../../support/harness.js";

const compliance: TgUser = { id: 500001, first_name: "Анна", language_code: "ru" };
const observer: TgUser = { id: 600002, first_name: "Observer", language_code: "kk" };
let h: Harness;
let analysisId: number;

beforeEach(async () => {
  h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: String(compliance.id) }, now: new Date("2026-03-02T05:00:00Z") });
  await h.text(compliance, "/start");
  const p = h.db.prisma;
  await p.user.create({ data: { fullName: "Ахметов Ерлан", phone: "77010000001", role: "officer", language: "ru", telegramId: 710001n, registeredAt: new Date() } });
  await p.user.create({ data: { fullName: "Наблюдатель Айгүл", phone: "77010000002", role: "observer", language: "kk", telegramId: BigInt(observer.id), registeredAt: new Date() } });
  analysisId = (await p.analysis.create({ data: { startOn: "2026-03-02", endOn: "2026-04-30" } })).id;
  h.clear();
});
afterEach(() => h.destroy());

const press = async (who: TgUser, pattern: RegExp) => {
  const button = h.lastButtons(who.id).find((b) => pattern.test(b.data));
  if (!button) throw new Error(`no button ${pattern} in ${JSON.stringify(h.lastButtons(who.id))}`);
  await h.callback(who, button.data);
};
const lastAlert = () => h.callsOf("answerCallbackQuery").at(-1)?.payload;

async function addRisk(): Promise<void> {
  await h.text(compliance, "/analysis");
  expect(h.lastReply(compliance.id)).toMatch(/Риски: 0/);
  await h.callback(compliance, `an.h:risk:${analysisId}`);
  expect(h.lastReply(compliance.id)).toMatch(/Реестр коррупционных рисков: 0\nРисков пока нет/);
  await press(compliance, /^rk\.n:/);
  expect(h.lastReply(compliance.id)).toMatch(/Выберите направление/);
  await press(compliance, /^rk\.d:.*:organisational$/);
  expect(h.lastReply(compliance.id)).toMatch(/1\. Управление персоналом/);
  await press(compliance, /^rk\.a:.*:0$/);
  expect(h.lastReply(compliance.id)).toMatch(/2\. Назначение на должность без проведения конкурсного отбора/);
  await press(compliance, /^rk\.f:.*:2$/);
  expect(h.lastReply(compliance.id)).toMatch(/Наименование коррупционного риска/);
  await h.text(compliance, "   ");
  expect(h.lastReply(compliance.id)).toMatch(/Текст пуст или слишком длинный/);
  await h.text(compliance, "Назначение без конкурса");
  await h.text(compliance, "Сотрудники назначаются на должности без конкурсного отбора");
  expect(h.lastReply(compliance.id)).toMatch(/Примерный перечень коррупциогенных функций/);
  await h.text(compliance, "-");
  await h.text(compliance, "Руководитель кадровой службы\nГлавный специалист");
  await press(compliance, /^rk\.s:.*:4$/);
  await h.text(compliance, "7");
  expect(h.lastReply(compliance.id)).toMatch(/Последствия — целое число от 1 до 5/);
  await h.text(compliance, "5");
  expect(h.lastReply(compliance.id)).toMatch(/Проверьте риск/);
  await press(compliance, /^rk\.ok:/);
}

describe("the risk register", () => {
  it("a risk through the wizard, a recommendation, a plan item from it that names the risk", async () => {
    await addRisk();
    const replies = h.replies(compliance.id).join("\n");
    expect(replies).toMatch(/Риск № 1 добавлен в реестр/);
    expect(replies).toMatch(/Риск № 1: Назначение без конкурса\nНаправление: Организационно-управленческая/);
    expect(replies).toMatch(/Вероятность: 4, последствия: 5, уровень: Критический \(20\)/);
    const risk = await h.db.prisma.risk.findFirstOrThrow();
    expect(risk).toMatchObject({ analysisId, number: 1, direction: "organisational", area: "personnel", factorCode: "p2", likelihood: 4, impact: 5, functions: "{}" });
    expect(JSON.parse(risk.positions)).toEqual([{ ru: "Руководитель кадровой службы" }, { ru: "Главный специалист" }]);

    await press(compliance, /^rk\.r:/);
    await h.text(compliance, "Проводить конкурсный отбор на все должности");
    expect(h.replies(compliance.id).join("\n")).toMatch(/Рекомендация 1\.1 добавлена/);
    await press(compliance, /^rk\.ro:/);
    await press(compliance, /^rk\.rc:/);
    await h.text(compliance, "когда-нибудь");
    expect(h.lastReply(compliance.id)).toMatch(/Срок не распознан/);
    await h.text(compliance, "6 декабря 2026 года");
    expect(h.lastReply(compliance.id)).toBe("06.12.2026 — нерабочий день. Ближайшие рабочие дни: 04.12.2026, 07.12.2026. Введите срок еще раз.");
    await h.text(compliance, "7 декабря 2026 года");
    await h.text(compliance, "Ахметов Ерлан");
    expect(h.replies(compliance.id).join("\n")).toMatch(/Пункт плана 1 создан: 1 срок\./);
    expect(h.lastReply(compliance.id)).toMatch(/— пункт плана 1: Проводить конкурсный отбор на все должности; срок: 07\.12\.2026/);
    const task = await h.db.prisma.task.findFirstOrThrow({ where: { kind: "plan" }, include: { occurrences: true, assignees: true, recommendationLinks: true } });
    expect(task).toMatchObject({ risk: "Назначение без конкурса", number: "1" });
    expect(task.occurrences.map((o) => o.dueOn)).toEqual(["2026-12-07"]);
    expect(task.assignees).toHaveLength(1);
    expect(task.recommendationLinks).toHaveLength(1);

    // The plan item's card names the risk and the recommendation.
    h.clear();
    await h.callback(compliance, `tk.o:${task.occurrences[0]!.id}`);
    expect(h.lastReply(compliance.id)).toMatch(/Риск № 1: Назначение без конкурса; рекомендация 1\.1/);

    // The map.
    await h.callback(compliance, `rk.m:${analysisId}`);
    expect(h.callsOf("sendPhoto")).toHaveLength(1);
  });

  it("observers read the register and the card, without buttons that change anything; their presses of them are refused", async () => {
    await addRisk();
    const riskId = (await h.db.prisma.risk.findFirstOrThrow()).id;
    h.clear();
    await h.text(observer, "/analysis");
    expect(h.lastReply(observer.id)).toMatch(/Тәуекелдер: 1/);
    await h.callback(observer, `an.h:risk:${analysisId}`);
    expect(h.lastReply(observer.id)).toMatch(/1\. Аса жоғары — Назначение без конкурса/);
    expect(h.lastButtons(observer.id).map((b) => b.data.split(":")[0])).toEqual(["rk.o", "rk.m", "an.hub"]);
    await h.callback(observer, `rk.o:${analysisId}:${riskId}`);
    expect(h.lastReply(observer.id)).toMatch(/№ 1 тәуекел: Назначение без конкурса/);
    expect(h.lastButtons(observer.id).map((b) => b.data.split(":")[0])).toEqual(["rk.l"]);
    const before = await h.db.prisma.risk.findFirstOrThrow();
    await h.callback(observer, `rk.x:${analysisId}:${riskId}`);
    expect(lastAlert()).toMatchObject({ show_alert: true });
    await h.callback(observer, `rk.e:${analysisId}:${riskId}`);
    expect(lastAlert()).toMatchObject({ show_alert: true });
    expect(await h.db.prisma.risk.findFirstOrThrow()).toEqual(before);
  });

  it("a forged risk of another analysis and a stale wizard button are refused; nothing changes", async () => {
    await addRisk();
    const riskId = (await h.db.prisma.risk.findFirstOrThrow()).id;
    const other = (await h.db.prisma.analysis.create({ data: { startOn: "2027-03-01", endOn: "2027-04-30" } })).id;
    h.clear();
    await h.callback(compliance, `rk.o:${other}:${riskId}`);
    expect(lastAlert()?.text).toMatch(/устарела/);
    await h.callback(compliance, `rk.x:${other}:${riskId}`);
    expect(lastAlert()?.text).toMatch(/устарела/);
    // Two wizards: the first one's buttons are stale.
    await h.callback(compliance, `rk.n:${analysisId}`);
    const first = h.lastButtons(compliance.id).find((b) => b.data.startsWith("rk.d:"))!.data;
    await h.callback(compliance, `rk.n:${analysisId}`);
    await h.callback(compliance, first);
    expect(lastAlert()?.text).toMatch(/устарела/);
    // Deleting needs the confirmation of this flow.
    await h.callback(compliance, `rk.x:${analysisId}:${riskId}`);
    const confirm = h.lastButtons(compliance.id).find((b) => b.data.startsWith("rk.xok:"))!.data;
    await h.callback(compliance, `rk.xok:abcdefgh`);
    expect(lastAlert()?.text).toMatch(/устарела/);
    expect(await h.db.prisma.risk.count()).toBe(1);
    await h.callback(compliance, confirm);
    expect(h.lastReply(compliance.id)).toMatch(/Риск № 1 удален/);
    expect(await h.db.prisma.risk.count()).toBe(0);
  });

  it("every button that names a risk or a recommendation: another analysis's, another risk's, or a deleted one is stale, says nothing else and changes nothing", async () => {
    await addRisk();
    const risk = await h.db.prisma.risk.findFirstOrThrow();
    const rec = await h.db.prisma.riskRecommendation.create({ data: { riskId: risk.id, number: 1, text: JSON.stringify({ ru: "Проводить конкурс" }) } });
    const second = await h.db.prisma.risk.create({ data: { analysisId, number: 2, direction: risk.direction, area: risk.area, factorCode: risk.factorCode, factor: risk.factor, title: JSON.stringify({ ru: "Второй" }), description: "{}", functions: "{}", positions: "[]", likelihood: 1, impact: 1, evidence: "[]" } });
    const other = (await h.db.prisma.analysis.create({ data: { startOn: "2027-03-01", endOn: "2027-04-30" } })).id;
    const snapshot = async () => JSON.stringify([await h.db.prisma.risk.findMany({ orderBy: { id: "asc" } }), await h.db.prisma.riskRecommendation.findMany(), await h.db.prisma.task.count()]);
    const pressAll = async (a: number, r: number, c: number) => {
      for (const data of [`rk.o:${a}:${r}`, `rk.e:${a}:${r}`, `rk.v:${a}:${r}`, `rk.r:${a}:${r}`, `rk.x:${a}:${r}`, `rk.ro:${a}:${r}:${c}`, `rk.re:${a}:${r}:${c}`, `rk.rd:${a}:${r}:${c}`, `rk.rc:${a}:${r}:${c}`, `rk.rl:${a}:${r}:${c}`, `rk.ru:${a}:${r}:${c}:1`]) {
        const before = h.callsOf("sendMessage").length;
        await h.callback(compliance, data);
        expect(lastAlert()?.text, data).toMatch(/устарела/);
        expect(h.callsOf("sendMessage").length, data).toBe(before);
      }
    };
    const before = await snapshot();
    h.clear();
    await pressAll(other, risk.id, rec.id); // another analysis
    for (const data of [`rk.ro:${analysisId}:${second.id}:${rec.id}`, `rk.re:${analysisId}:${second.id}:${rec.id}`, `rk.rd:${analysisId}:${second.id}:${rec.id}`, `rk.rc:${analysisId}:${second.id}:${rec.id}`, `rk.rl:${analysisId}:${second.id}:${rec.id}`, `rk.ru:${analysisId}:${second.id}:${rec.id}:1`]) {
      await h.callback(compliance, data); // a recommendation of another risk
      expect(lastAlert()?.text, data).toMatch(/устарела/);
    }
    expect(await snapshot()).toBe(before);
    await h.db.prisma.risk.delete({ where: { id: risk.id } }); // deleted meanwhile (its recommendation with it)
    const after = await snapshot();
    await pressAll(analysisId, risk.id, rec.id);
    expect(await snapshot()).toBe(after);
  });

  it("changes one field through its steps, adds evidence in the officer's words, and /cancel names the flow", async () => {
    await addRisk();
    const riskId = (await h.db.prisma.risk.findFirstOrThrow()).id;
    h.clear();
    await h.callback(compliance, `rk.e:${analysisId}:${riskId}`);
    await press(compliance, /^rk\.ef:.*:direction$/);
    await press(compliance, /^rk\.d:.*:legal_acts$/);
    expect(h.lastReply(compliance.id)).toMatch(/1\. Правовой пробел/);
    await press(compliance, /^rk\.a:.*:3$/);
    expect(h.lastReply(compliance.id)).toMatch(/1\. Использование формулировок «вправе», «могут»/);
    await press(compliance, /^rk\.f:.*:1$/);
    expect(h.replies(compliance.id).join("\n")).toMatch(/Риск № 1 изменен/);
    expect(await h.db.prisma.risk.findFirstOrThrow()).toMatchObject({ direction: "legal_acts", area: "discretion", factorCode: "d1", title: JSON.stringify({ ru: "Назначение без конкурса" }) });
    await h.callback(compliance, `rk.e:${analysisId}:${riskId}`);
    await press(compliance, /^rk\.ef:.*:likelihood$/);
    await press(compliance, /^rk\.s:.*:1$/);
    expect((await h.db.prisma.risk.findFirstOrThrow()).likelihood).toBe(1);
    await h.callback(compliance, `rk.v:${analysisId}:${riskId}`);
    await press(compliance, /^rk\.vk:.*:o:0$/);
    await h.text(compliance, "Акт проверки от 5 марта 2026 года");
    expect(h.lastReply(compliance.id)).toMatch(/Основания:\n• Акт проверки от 5 марта 2026 года/);
    await h.callback(compliance, `rk.v:${analysisId}:${riskId}`);
    await press(compliance, /^rk\.vk:.*:t:3$/);
    expect(h.lastReply(compliance.id)).toMatch(/• Таблица интервью: персонал/);
    // The first link removed from the evidence menu.
    await h.callback(compliance, `rk.v:${analysisId}:${riskId}`);
    await press(compliance, /^rk\.vx:.*:0$/);
    expect(h.lastReply(compliance.id)).toMatch(/Основания:\n• Таблица интервью: персонал\nРекомендации/);
    expect(JSON.parse((await h.db.prisma.risk.findFirstOrThrow()).evidence)).toEqual([{ kind: "interview", table: "personnel" }]);
    await h.callback(compliance, `rk.r:${analysisId}:${riskId}`);
    await h.text(compliance, "/cancel");
    expect(h.lastReply(compliance.id)).toBe("Отменено: ввод в реестр коррупционных рисков.");
    expect(await h.db.prisma.riskRecommendation.count()).toBe(0);
  });
});
