// bestEffort (src/bot/ui/best-effort.ts): a call whose failure must not stop the update is
// logged at debug level with what was attempted, never dropped without a trace.
import { describe, expect, it } from "vitest";
import { bestEffort } from "../../../src/bot/ui/best-effort.js";
import { createLogger } from "../../../src/logger.js";
import { LogCapture } from "../../support/harness.js";

const PINO_DEBUG = 20;

function logger(level = "debug") {
  const logs = new LogCapture();
  return { logger: createLogger(level, logs), entries: () => logs.lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("bestEffort", () => {
  it("passes a value through, from a promise or a function", async () => {
    const { logger: log, entries } = logger();
    expect(await bestEffort(log, "edit", Promise.resolve(7))).toBe(7);
    expect(await bestEffort(log, "edit", async () => ({ message_id: 3 }))).toEqual({ message_id: 3 });
    expect(await bestEffort(log, "delete", Promise.resolve(false))).toBe(false);
    expect(entries()).toEqual([]);
  });

  it("returns undefined when the call fails, and logs what was attempted at debug level", async () => {
    const { logger: log, entries } = logger();
    expect(await bestEffort(log, "delete the old menu", Promise.reject(new Error("Bad Request: message to delete not found")))).toBeUndefined();
    expect(entries()).toEqual([expect.objectContaining({ level: PINO_DEBUG, event: "best_effort_failed", what: "delete the old menu", message: "Bad Request: message to delete not found" })]);
  });

  it("catches a function that throws before returning a promise", async () => {
    const { logger: log, entries } = logger();
    const call = (): Promise<number> => {
      throw new Error("no message to edit");
    };
    expect(await bestEffort(log, "edit", call)).toBeUndefined();
    expect(entries()).toHaveLength(1);
    expect(entries()[0]).toMatchObject({ what: "edit", message: "no message to edit" });
  });

  it("starts a function's call only once", async () => {
    const { logger: log } = logger();
    let calls = 0;
    await bestEffort(log, "edit", async () => {
      calls++;
      throw new Error("fails");
    });
    expect(calls).toBe(1);
  });

  it("is silent above debug level", async () => {
    const { logger: log, entries } = logger("info");
    expect(await bestEffort(log, "edit", Promise.reject(new Error("fails")))).toBeUndefined();
    expect(entries()).toEqual([]);
  });
});
