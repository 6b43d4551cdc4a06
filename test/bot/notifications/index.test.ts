// The notifications module (src/bot/notifications/index.ts): what the jobs hand over is
// rendered by the renderer registered for its kind, in the person's language, sent paced, and
// the outcome told as "sent", "blocked" or "failed". The kind used here exists for this file
// only (declaration merging into domain/notifications.ts, which lists the real kinds).
import { Api, InlineKeyboard } from "grammy";
import { beforeAll, describe, expect, it } from "vitest";
import { Notifications } from "../../../src/bot/notifications/index.js";
import { Pacer } from "../../../src/bot/notifications/pacer.js";
import type { NotificationBase } from "../../../src/domain/notifications.js";
import { createI18n, type I18n } from "../../../src/i18n.js";
import { ApiFailure, InProcessTelegram, telegramErrors } from "../../support/unit-harness.js";

declare module "../../../src/domain/notifications.js" {
  interface NotificationKinds {
    unitTestNotice: UnitTestNotice;
  }
}

export interface UnitTestNotice extends NotificationBase<"unitTestNotice"> {
  caseId: number;
  html?: boolean;
}

let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n();
});

/** A pacer on a virtual clock that records each wait and how many messages were out by then. */
function recordingPacer(telegram: InProcessTelegram) {
  let now = 1_000_000;
  const sleeps: Array<{ ms: number; sentBefore: number }> = [];
  const pacer = new Pacer(
    { perSecond: 25, perChatIntervalMs: 1_050 },
    () => now,
    async (ms) => {
      sleeps.push({ ms, sentBefore: telegram.calls("sendMessage").length });
      now += ms;
    },
  );
  return { pacer, sleeps };
}

function setup() {
  const telegram = new InProcessTelegram();
  const api = new Api("123456:TEST-token-for-the-notifications-test");
  telegram.install(api);
  const { pacer, sleeps } = recordingPacer(telegram);
  const notifications = new Notifications(api, i18n, pacer);
  notifications.register("unitTestNotice", (notice, t) => ({
    text: `<b>${notice.caseId}</b> ${t("flows.nothingToCancel")}`,
    ...(notice.html ? { html: true } : {}),
    keyboard: new InlineKeyboard().text(t("flows.cancelled", { what: String(notice.caseId) }), `case:${notice.caseId}`),
  }));
  return { telegram, notifications, sleeps };
}

const notice = (chatId: number, fields: Partial<UnitTestNotice> = {}): UnitTestNotice => ({ kind: "unitTestNotice", chatId, lang: "ru", caseId: 12, ...fields });

describe("Notifications.send", () => {
  it("sends the registered renderer's text and keyboard, in the notice's language, as HTML when asked", async () => {
    const { telegram, notifications } = setup();
    expect(await notifications.send(notice(9001, { html: true }))).toBe("sent");
    expect(await notifications.send(notice(9002, { lang: "kk" }))).toBe("sent");
    const [html, plain] = telegram.calls("sendMessage");
    expect(html!.payload).toMatchObject({ chat_id: 9001, text: "<b>12</b> Отменять нечего.", parse_mode: "HTML" });
    expect(telegram.lastKeyboard(9001)).toEqual([{ text: "Отменено: 12.", data: "case:12" }]);
    expect(plain!.payload).toMatchObject({ chat_id: 9002, text: "<b>12</b> Тоқтататын ештеңе жоқ." });
    expect(plain!.payload.parse_mode).toBeUndefined();
    expect(telegram.lastKeyboard(9002)).toEqual([{ text: "Тоқтатылды: 12.", data: "case:12" }]);
  });

  it("a person who blocked the bot, or whose chat is gone, is blocked", async () => {
    const { telegram, notifications } = setup();
    telegram.respond("sendMessage", telegramErrors.blocked, { times: 1 });
    expect(await notifications.send(notice(9001))).toBe("blocked");
    telegram.respond("sendMessage", new ApiFailure(403, "Forbidden: user is deactivated"), { times: 1 });
    expect(await notifications.send(notice(9002))).toBe("blocked");
    telegram.respond("sendMessage", telegramErrors.chatNotFound, { times: 1 });
    expect(await notifications.send(notice(9003))).toBe("blocked");
    expect(await notifications.send(notice(9004))).toBe("sent");
  });

  it("any other error is failed, to be tried again later", async () => {
    const { telegram, notifications } = setup();
    for (const failure of [new ApiFailure(400, "Bad Request: can't parse entities"), new ApiFailure(500, "Internal Server Error"), telegramErrors.tooManyRequests(30)]) {
      telegram.respond("sendMessage", failure, { times: 1 });
      expect(await notifications.send(notice(9001)), failure.description).toBe("failed");
    }
    telegram.respond(
      "sendMessage",
      () => {
        throw new Error("socket hang up");
      },
      { times: 1 },
    );
    expect(await notifications.send(notice(9001))).toBe("failed");
    expect(await notifications.send(notice(9001))).toBe("sent");
  });

  it("waits for the pacer before each message: one per second to a chat, spaced overall", async () => {
    const { telegram, notifications, sleeps } = setup();
    await notifications.send(notice(9001));
    expect(sleeps).toEqual([]);
    await notifications.send(notice(9001));
    await notifications.send(notice(9002));
    // The second message to 9001 waited 1.05 s before it went; the one to 9002 then 40 ms (25/s).
    expect(sleeps).toEqual([
      { ms: 1_050, sentBefore: 1 },
      { ms: 40, sentBefore: 2 },
    ]);
    expect(telegram.calls("sendMessage").map((c) => c.payload.chat_id)).toEqual([9001, 9001, 9002]);
  });

  it("a kind without a renderer throws, and nothing is sent", async () => {
    const { telegram, notifications } = setup();
    await expect(notifications.send({ kind: "noSuchNotice", chatId: 9001, lang: "kk" } as never)).rejects.toThrow("no renderer for notification noSuchNotice");
    expect(telegram.calls()).toEqual([]);
  });

  it("registering a kind twice throws", () => {
    const { notifications } = setup();
    expect(() => notifications.register("unitTestNotice", () => ({ text: "again" }))).toThrow("notification unitTestNotice registered twice");
  });
});
