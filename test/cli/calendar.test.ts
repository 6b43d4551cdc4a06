// The calendar commands of the CLI (src/cli/calendar.ts).
import { runCommands } from "../support/commander.js";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { registerCalendarCommands } from "../../src/cli/calendar.js";
import { createWorkCalendar, type WorkCalendar } from "../../src/domain/calendar/work-calendar.js";

const root = join(__dirname, "..", "..");
const cal = createWorkCalendar(); // with config/calendar-transfers.yaml

describe("calendar CLI commands", () => {
  async function run(args: string[], calendar: () => WorkCalendar = () => cal) {
    return runCommands((program) => registerCalendarCommands(program, calendar), args);
  }

  it("add accepts a negative N", async () => {
    expect(await run(["calendar", "add", "2026-03-20", "-3"])).toEqual({ out: "2026-03-17\n", err: "", exitCode: 0 });
    expect((await run(["calendar", "add", "2026-03-20", "15"])).out).toBe("2026-04-15\n");
    expect((await run(["calendar", "add", "--", "2026-03-26", "-1"])).out).toBe("2026-03-20\n");
  });

  it("workdays prints the count", async () => {
    expect((await run(["calendar", "workdays", "2026-03-20", "2026-04-15"])).out).toBe("15\n");
    expect((await run(["calendar", "workdays", "2026-03-27", "2026-03-20"])).out).toBe("-2\n");
  });

  it("holidays lists the days off with names, and working weekend days", async () => {
    const r = await run(["calendar", "holidays", "2024"]);
    expect(r.exitCode).toBe(0);
    const lines = r.out.trim().split("\n");
    expect(lines).toContain("2024-03-25 Пн  Наурыз мейрамы (перенос выходного дня)");
    expect(lines).toContain("2024-05-04 Сб  рабочий день (перенос дня отдыха)");
    expect(lines).toContain("2024-05-08 Ср  Перенесённый день отдыха");
    expect(lines[0]).toBe("2024-01-01 Пн  Новый год");
    const kk = await run(["calendar", "holidays", "2026", "--lang", "kk"]);
    expect(kk.out).toContain("2026-03-25 Ср  Наурыз мейрамы (ауыстырылған демалыс күні)");
  });

  it("invalid input: a clear message on stderr and exit code 2", async () => {
    const bad = await run(["calendar", "add", "2026-02-30", "3"]);
    expect(bad).toMatchObject({ out: "", exitCode: 2 });
    expect(bad.err).toContain('invalid date "2026-02-30"');
    expect(bad.err).not.toContain("Usage:");
    expect(await run(["calendar", "add", "2026-03-20", "three"])).toMatchObject({ exitCode: 2, err: expect.stringContaining('invalid number "three"') });
    expect(await run(["calendar", "workdays", "2026-03-20", "tomorrow"])).toMatchObject({ exitCode: 2, err: expect.stringContaining("TO: invalid date") });
    expect(await run(["calendar", "holidays", "26"])).toMatchObject({ exitCode: 2, err: expect.stringContaining("invalid year") });
    expect(await run(["calendar", "add", "2076-12-30", "5"])).toMatchObject({ exitCode: 2, err: expect.stringContaining("covers 2002–2076") });
    const broken = await run(["calendar", "add", "2026-03-20", "1"], () => createWorkCalendar({ transfersFile: "/nonexistent/calendar-transfers.yaml" }));
    expect(broken).toMatchObject({ exitCode: 2, err: expect.stringContaining("/nonexistent/calendar-transfers.yaml: cannot read") });
  });

  it("runs as a process: negative N works, invalid dates exit with 2", () => {
    const cli = (args: string[]) =>
      spawnSync(process.execPath, ["--import", pathToFileURL(join(root, "node_modules", "tsx", "dist", "loader.mjs")).href, join(root, "test", "support", "calendar-cli-entry.ts"), ...args], {
        cwd: root,
        encoding: "utf8",
        timeout: 60_000,
      });
    const ok = cli(["calendar", "add", "2026-03-20", "-3"]);
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe("2026-03-17\n");
    const bad = cli(["calendar", "workdays", "2026-03-20", "2026-02-30"]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toBe('error: TO: invalid date "2026-02-30" (expected YYYY-MM-DD, e.g. 2026-03-20)\n');
  });
});
