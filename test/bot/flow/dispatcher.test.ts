// The flow dispatcher on a small grammY bot of its own (session in memory, no database): test
// handlers for a few of the real flow kinds, two external flows, a router with /cancel and
// commands that start flows, and a fallback that records what nobody handled. The last block
// checks /cancel on the real bot.
import { Bot, session } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdalContext, SessionData } from "../../../src/bot/context.js";
import { FlowDispatcher, type ExternalFlow } from "../../../src/bot/flow/dispatcher.js";
import type { Flow } from "../../../src/bot/flow/types.js";
import { Router } from "../../../src/bot/router.js";
import { createI18n, langFromTelegram, type I18n } from "../../../src/i18n.js";
import { TEST_BOT_INFO } from "../../support/harness.js";
import { createUnitHarness, InProcessTelegram, type TgUser, type UnitHarness } from "../../support/unit-harness.js";

const kk: TgUser = { id: 501, first_name: "Айгүл", language_code: "kk" };
const ru: TgUser = { id: 502, first_name: "Ольга", language_code: "ru" };

let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n();
});

/** An external flow with its state outside the session, like the anonymous report draft. */
function draftFlow(seen: string[]) {
  const active = new Set<number>();
  /** The fingerprint of the session flow each chat's draft began on top of. */
  const over = new Map<number, string>();
  const flow: ExternalFlow = {
    id: "draft",
    suspends: async (ctx, fingerprint) => active.has(ctx.chatId!) && over.get(ctx.chatId!) === fingerprint,
    async end(ctx) {
      over.delete(ctx.chatId!);
      if (!active.delete(ctx.chatId!)) return null;
      seen.push("draft ended");
      return "flows.report.draft";
    },
    onMessage(ctx, next) {
      if (!active.has(ctx.chatId)) {
        seen.push("draft passed");
        return next();
      }
      seen.push(`draft: ${ctx.message.text}`);
    },
  };
  return { flow, active, over };
}

/** An external flow that is never "active" but recognises stray input (as a receipt typed without /case). */
function receiptFlow(seen: string[]): ExternalFlow {
  return {
    id: "receipt",
    end: async () => null,
    onMessage(ctx, next) {
      if (ctx.message.text !== "RECEIPT-1") {
        seen.push("receipt passed");
        return next();
      }
      seen.push("receipt recognised");
    },
  };
}

function flowBot() {
  const seen: string[] = [];
  const bot = new Bot<AdalContext>("123:flow-test", { botInfo: TEST_BOT_INFO });
  const telegram = new InProcessTelegram().connect(bot);
  const flows = new FlowDispatcher();
  const router = new Router();
  const draft = draftFlow(seen);
  bot.use(session<SessionData, AdalContext>({ initial: () => ({}) }));
  bot.use((ctx, next) => {
    ctx.lang = langFromTelegram(ctx.from?.language_code) ?? "kk";
    ctx.t = i18n.t(ctx.lang);
    ctx.user = null;
    return next();
  });

  flows.register({
    kind: "inviteSearch",
    label: () => "flows.inviteSearch",
    onMessage: (ctx) => void seen.push(`inviteSearch: ${ctx.message.text ?? (ctx.message.document ? "a document" : "?")}`),
  });
  flows.register({
    kind: "taskInput",
    label: (flow) => (flow.input === "done" ? "flows.taskInput.done" : "flows.taskInput.extension"),
    onMessage(ctx, flow, next) {
      seen.push(`taskInput(${flow.occurrenceId}): ${ctx.message.text}`);
      if (ctx.message.text === "pass") return next();
    },
  });
  flows.registerExternal(draft.flow);
  flows.registerExternal(receiptFlow(seen));

  const start = (name: string, flow: (args: string) => Flow) =>
    router.command({ name, access: "anyone", descriptionKey: "commands.help" }, async (ctx) => {
      await flows.start(ctx, flow(typeof ctx.match === "string" ? ctx.match : ""));
    });
  start("invite", () => ({ kind: "inviteSearch" }));
  start("task", (args) => ({ kind: "taskInput", input: args === "reason" ? "reason" : "done", occurrenceId: 7 }));
  router.command({ name: "draft", access: "anyone", descriptionKey: "commands.help" }, async (ctx) => {
    const over = await flows.beginExternal(ctx, "draft");
    draft.active.add(ctx.chatId!);
    if (over) draft.over.set(ctx.chatId!, over);
  });
  // The draft's own store written directly, the session flow left as it is.
  router.command({ name: "rawdraft", access: "anyone", descriptionKey: "commands.help" }, () => void draft.active.add(kk.id));
  router.command({ name: "ping", access: "anyone", descriptionKey: "commands.help" }, (ctx) => ctx.reply("pong"));
  flows.installCancel(router);

  bot.use(flows.middleware());
  bot.use(router.middleware());
  bot.on("message", (ctx) => void seen.push(`fallback: ${ctx.message.text ?? "?"}`));
  return { bot, telegram, flows, router, seen, draft };
}

describe("one flow at a time", () => {
  it("starting a flow ends the previous one", async () => {
    const { telegram, seen } = flowBot();
    await telegram.command(kk, "invite");
    await telegram.command(kk, "task");
    await telegram.text(kk, "done it");
    expect(seen).toEqual(["taskInput(7): done it"]);
    await telegram.command(kk, "cancel");
    expect(telegram.lastReply(kk.id)).toBe("Тоқтатылды: орындалғаны туралы белгі.");
  });

  it("starting a session flow keeps an external draft (the session flow takes the input first); beginning an external one suspends the session flow without writing the session", async () => {
    const { telegram, seen, draft } = flowBot();
    await telegram.command(kk, "draft");
    expect(draft.active.has(kk.id)).toBe(true);
    await telegram.command(kk, "invite");
    // A half-written report is not thrown away by another feature's input.
    expect(draft.active.has(kk.id)).toBe(true);
    expect(seen).toEqual([]);
    await telegram.text(kk, "Серік");
    expect(seen).toEqual(["inviteSearch: Серік"]);

    seen.length = 0;
    await telegram.command(kk, "draft");
    // The draft is not ended by its own beginning; the session flow is suspended: the draft
    // takes the input first, and /cancel ends the draft alone.
    expect(seen).toEqual([]);
    await telegram.text(kk, "what happened");
    expect(seen).toEqual(["draft: what happened"]);
    await telegram.command(kk, "cancel");
    expect(telegram.lastReply(kk.id)).toBe("Тоқтатылды: сыбайлас жемқорлық туралы хабарлама жобасы, хабарлама жіберілмеді.");
    // The draft over, the suspended session flow has the input again; a second /cancel ends it.
    seen.length = 0;
    await telegram.text(kk, "Серік");
    expect(seen).toEqual(["inviteSearch: Серік"]);
    await telegram.command(kk, "cancel");
    expect(telegram.lastReply(kk.id)).toBe("Тоқтатылды: шақыру үшін қызметкерді іздеу.");
  });

  it("a session flow started after the external one takes the input first again", async () => {
    const { telegram, seen } = flowBot();
    await telegram.command(kk, "invite");
    await telegram.command(kk, "draft");
    await telegram.command(kk, "task");
    await telegram.text(kk, "pass");
    expect(seen).toEqual(["taskInput(7): pass", "draft: pass"]);
  });

  it("every kind of message goes to the active flow, not only texts", async () => {
    const { telegram, seen } = flowBot();
    await telegram.command(ru, "invite");
    await telegram.document(ru, { fileName: "list.xlsx" });
    expect(seen).toEqual(["inviteSearch: a document"]);
  });

  it("a flow's handler may pass a message on: it goes to the external flows (a receipt is still recognised), then to the next middleware", async () => {
    const { telegram, seen } = flowBot();
    await telegram.command(ru, "task");
    await telegram.text(ru, "pass");
    expect(seen).toEqual(["taskInput(7): pass", "draft passed", "receipt passed", "fallback: pass"]);
    seen.length = 0;
    // The test's taskInput takes anything but "pass": a receipt typed then is its input.
    await telegram.text(ru, "RECEIPT-1");
    expect(seen).toEqual(["taskInput(7): RECEIPT-1"]);
  });

  it("current() and end() see only the kind asked for", () => {
    const { flows } = flowBot();
    const ctx = { session: { flow: { kind: "taskInput", input: "done", occurrenceId: 3 } } } as unknown as AdalContext;
    expect(flows.current(ctx, "inviteSearch")).toBeUndefined();
    expect(flows.current(ctx, "taskInput")).toEqual({ kind: "taskInput", input: "done", occurrenceId: 3 });
    expect(flows.end(ctx, "inviteSearch")).toBe(false);
    expect(ctx.session.flow).toBeDefined();
    expect(flows.end(ctx, "taskInput")).toBe(true);
    expect(ctx.session.flow).toBeUndefined();
    expect(flows.end(ctx)).toBe(false);
    ctx.session.flow = { kind: "inviteSearch" };
    expect(flows.end(ctx)).toBe(true);
    expect(ctx.session.flow).toBeUndefined();
  });
});

describe("commands never reach a flow", () => {
  it("a command during a flow goes to the router; the flow stays active", async () => {
    const { telegram, seen } = flowBot();
    await telegram.command(kk, "invite");
    await telegram.command(kk, "ping");
    expect(telegram.lastReply(kk.id)).toBe("pong");
    await telegram.command(kk, "unknown", "with args");
    expect(seen).toEqual(["fallback: /unknown with args"]);
    await telegram.text(kk, "Серік");
    expect(seen.at(-1)).toBe("inviteSearch: Серік");
  });

  it("with no session flow, the external flows do not see commands either", async () => {
    const { telegram, seen } = flowBot();
    await telegram.command(kk, "draft");
    await telegram.command(kk, "unknown");
    expect(seen).toEqual(["fallback: /unknown"]);
  });
});

describe("/cancel", () => {
  it("ends the session flow and names it, in Kazakh and in Russian", async () => {
    const { telegram, seen } = flowBot();
    await telegram.command(kk, "task", "reason");
    await telegram.command(kk, "cancel");
    expect(telegram.lastReply(kk.id)).toBe("Тоқтатылды: мерзімді ұзартуды сұрау.");
    await telegram.command(ru, "invite");
    await telegram.command(ru, "cancel");
    expect(telegram.lastReply(ru.id)).toBe("Отменено: поиск сотрудника для приглашения.");
    // Ended: the next text goes past the flows.
    await telegram.text(ru, "Серік");
    expect(seen).toEqual(["draft passed", "receipt passed", "fallback: Серік"]);
  });

  it("ends an external flow and names it", async () => {
    const { telegram, draft } = flowBot();
    await telegram.command(ru, "draft");
    await telegram.command(ru, "cancel");
    expect(telegram.lastReply(ru.id)).toBe("Отменено: черновик сообщения о коррупции, сообщение не отправлено.");
    expect(draft.active.has(ru.id)).toBe(false);
  });

  it("ends everything active, one line each", async () => {
    const { telegram } = flowBot();
    await telegram.command(kk, "task");
    await telegram.command(kk, "rawdraft");
    await telegram.command(kk, "cancel");
    expect(telegram.lastReply(kk.id)).toBe("Тоқтатылды: орындалғаны туралы белгі.\nТоқтатылды: сыбайлас жемқорлық туралы хабарлама жобасы, хабарлама жіберілмеді.");
  });

  it("a flow's own text for /cancel replaces «Cancelled: …»; with nothing active, idle notes speak before 'nothing to cancel'", async () => {
    const { telegram, flows, router } = flowBot();
    const kept = new Set<number>();
    flows.register({ kind: "survey", label: () => "flows.survey", onMessage: () => undefined, cancelled: async (ctx) => `paused ${ctx.chatId}` });
    flows.registerIdleNote(async (ctx) => (kept.has(ctx.chatId!) ? `kept for ${ctx.chatId}` : null));
    router.command({ name: "survey", access: "anyone", descriptionKey: "commands.help" }, (ctx) => flows.start(ctx, { kind: "survey", campaignId: 1 }));
    await telegram.command(ru, "survey");
    await telegram.command(ru, "cancel");
    expect(telegram.lastReply(ru.id)).toBe(`paused ${ru.id}`);
    await telegram.command(ru, "cancel");
    expect(telegram.lastReply(ru.id)).toBe("Отменять нечего.");
    kept.add(ru.id);
    await telegram.command(ru, "cancel");
    expect(telegram.lastReply(ru.id)).toBe(`kept for ${ru.id}`);
    // Something active: what it ended, not the idle notes.
    await telegram.command(ru, "invite");
    await telegram.command(ru, "cancel");
    expect(telegram.lastReply(ru.id)).toBe("Отменено: поиск сотрудника для приглашения.");
  });

  it("says there is nothing to cancel otherwise, and removes a reply keyboard either way", async () => {
    const { telegram } = flowBot();
    await telegram.command(kk, "cancel");
    expect(telegram.lastReply(kk.id)).toBe("Тоқтататын ештеңе жоқ.");
    await telegram.command(ru, "cancel");
    expect(telegram.lastReply(ru.id)).toBe("Отменять нечего.");
    for (const call of telegram.calls("sendMessage")) expect(call.payload.reply_markup).toEqual({ remove_keyboard: true });
  });
});

describe("messages with no flow", () => {
  it("go through the external flows in order, then on", async () => {
    const { telegram, seen } = flowBot();
    await telegram.text(kk, "hello");
    expect(seen).toEqual(["draft passed", "receipt passed", "fallback: hello"]);
  });

  it("stop at the external flow that takes them", async () => {
    const { telegram, seen } = flowBot();
    await telegram.text(kk, "RECEIPT-1");
    expect(seen).toEqual(["draft passed", "receipt recognised"]);
    seen.length = 0;
    await telegram.command(kk, "draft");
    await telegram.text(kk, "RECEIPT-1");
    expect(seen).toEqual(["draft: RECEIPT-1"]);
  });
});

describe("registration", () => {
  it("registering a kind twice throws", () => {
    const { flows } = flowBot();
    expect(() => flows.register({ kind: "inviteSearch", label: () => "flows.inviteSearch", onMessage: () => undefined })).toThrow("flow inviteSearch registered twice");
  });
});

describe("/cancel on the real bot", () => {
  let h: UnitHarness;
  beforeAll(async () => {
    h = await createUnitHarness();
  });
  afterAll(() => h.destroy());

  it("answers anyone, also outside the roster, in their language", async () => {
    await h.command(kk, "cancel");
    expect(h.lastReply(kk.id)).toBe("Тоқтататын ештеңе жоқ.");
    await h.command(ru, "cancel");
    expect(h.lastReply(ru.id)).toBe("Отменять нечего.");
    expect(h.calls("sendMessage").map((c) => c.payload.reply_markup)).toEqual([{ remove_keyboard: true }, { remove_keyboard: true }]);
  });
});
