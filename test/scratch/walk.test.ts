import { writeFileSync } from "node:fs";
import { it } from "vitest";
import { prepareSetupCode } from "../../src/services/setup-code.js";
import { createHarness, type TgUser } from "../support/harness.js";

const out: string[] = [];
function dump(h: Awaited<ReturnType<typeof createHarness>>, who: TgUser, label: string, from: number) {
  const calls = h.calls.slice(from).filter((c) => (c.payload as { chat_id?: number }).chat_id === who.id || c.method === "answerCallbackQuery");
  out.push(`\n===== ${label}`);
  for (const c of calls) {
    const p = c.payload as Record<string, unknown>;
    const kb = p.reply_markup ? JSON.stringify(p.reply_markup).slice(0, 600) : "";
    out.push(`--- ${c.method}${p.caption ? " caption" : ""}\n${String(p.text ?? p.caption ?? "").slice(0, 1500)}${kb ? `\n[kb] ${kb}` : ""}`);
  }
}

for (const lang of ["kk", "ru"] as const) {
  it(`walk ${lang}`, async () => {
    const h = await createHarness();
    const officer: TgUser = { id: 500001, first_name: "Наталья", language_code: lang };
    const emp: TgUser = { id: 600001, first_name: "Ерлан", language_code: lang };
    const step = async (who: TgUser, label: string, f: () => Promise<unknown>) => { const n = h.calls.length; await f(); dump(h, who, label, n); };
    const press = async (who: TgUser, re: RegExp) => { const b = h.lastButtons(who.id).find((x) => re.test(x.text) || re.test(x.data)); if (!b) { out.push(`(no button ${re})`); return; } await h.callback(who, b.data); };
    const code = await prepareSetupCode(h.db.prisma, h.deps.keyring, []);
    await step(officer, "officer /start", () => h.text(officer, "/start"));
    await step(officer, "officer pick lang", () => press(officer, new RegExp(`lang:${lang}`)));
    await step(officer, "officer /setup", () => h.text(officer, `/setup ${code}`));
    await step(officer, "officer /help", () => h.text(officer, "/help"));
    await step(officer, "officer /menu", () => h.text(officer, "/menu"));
    await step(officer, "officer /import", () => h.text(officer, "/import"));
    await step(officer, "officer /roster", () => h.text(officer, "/roster"));
    await step(officer, "officer /invite", () => h.text(officer, "/invite"));
    await step(officer, "officer /invites", () => h.text(officer, "/invites"));
    await step(officer, "officer /campaigns", () => h.text(officer, "/campaigns"));
    await step(officer, "officer /survey_upload", () => h.text(officer, "/survey_upload"));
    await step(officer, "officer /cancel", () => h.text(officer, "/cancel"));
    await step(officer, "officer /plan", () => h.text(officer, "/plan"));
    await step(officer, "officer /plan_import", () => h.text(officer, "/plan_import"));
    await step(officer, "officer /cancel", () => h.text(officer, "/cancel"));
    await step(officer, "officer /analysis", () => h.text(officer, "/analysis"));
    await step(officer, "officer /cancel", () => h.text(officer, "/cancel"));
    await step(officer, "officer /plan_add", () => h.text(officer, "/plan_add"));
    await step(officer, "officer /cancel", () => h.text(officer, "/cancel"));
    await step(officer, "officer /tasks", () => h.text(officer, "/tasks"));
    await step(officer, "officer /cases", () => h.text(officer, "/cases"));
    await step(officer, "officer /foo", () => h.text(officer, "/foo"));
    await step(officer, "officer hello", () => h.text(officer, "hello"));
    await step(officer, "officer pdf", () => h.document(officer, "x.pdf", "application/pdf"));
    await step(emp, "emp /start", () => h.text(emp, "/start"));
    await step(emp, "emp lang", () => press(emp, new RegExp(`lang:${lang}`)));
    await step(emp, "emp contact unknown", () => h.contact(emp, "+77019998877"));
    await step(emp, "emp /help", () => h.text(emp, "/help"));
    await step(emp, "emp hello", () => h.text(emp, "hello"));
    await step(emp, "emp sticker", () => h.sticker(emp));
    await step(emp, "emp pdf", () => h.document(emp, "x.pdf", "application/pdf"));
    await step(emp, "emp /surveys", () => h.text(emp, "/surveys"));
    await step(emp, "emp /tasks", () => h.text(emp, "/tasks"));
    await step(emp, "emp /report", () => h.text(emp, "/report"));
    for (let i = 0; i < 4; i++) {
      const btns = h.lastButtons(emp.id);
      out.push(`(buttons: ${btns.map((b) => `${b.text}=${b.data}`).join(" | ")})`);
      if (!btns.length) break;
      await step(emp, `emp report press ${btns[0]!.text}`, () => h.callback(emp, btns[0]!.data));
    }
    await step(emp, "emp report text", () => h.text(emp, "В отделе закупок начальник требует откат 10% от поставщиков"));
    for (let i = 0; i < 6; i++) {
      const btns = h.lastButtons(emp.id);
      out.push(`(buttons: ${btns.map((b) => `${b.text}=${b.data}`).join(" | ")})`);
      if (!btns.length) break;
      await step(emp, `emp report press ${btns[0]!.text}`, () => h.callback(emp, btns[0]!.data));
    }
    await step(emp, "emp /case", () => h.text(emp, "/case"));
    await step(emp, "emp /cancel", () => h.text(emp, "/cancel"));
    await step(officer, "officer /cases after", () => h.text(officer, "/cases"));
    await h.destroy();
    writeFileSync(`/tmp/walk-${lang}.txt`, out.join("\n"));
    out.length = 0;
  }, 120_000);
}
