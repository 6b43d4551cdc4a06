// Time zones, with Intl only: the calendar date of an instant and the instant of a local time.
import { dayNumber, daysFromCivil, pad2, type IsoDate } from "./days.js";

export const DEFAULT_TIME_ZONE = "Asia/Almaty";
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw new RangeError(`invalid time zone ${JSON.stringify(timeZone)}: expected an IANA zone such as ${DEFAULT_TIME_ZONE}`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a zone. */
function wallClock(ms: number, timeZone: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const out = { y: 0, m: 0, d: 0, h: 0, min: 0, s: 0 };
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    const v = Number(part.value);
    switch (part.type) {
      case "year": out.y = v; break;
      case "month": out.m = v; break;
      case "day": out.d = v; break;
      case "hour": out.h = v === 24 ? 0 : v; break;
      case "minute": out.min = v; break;
      case "second": out.s = v; break;
      default: break;
    }
  }
  return out;
}

/** The zone's offset from UTC at an instant, in milliseconds (Almaty: +5 h since 2024-03-01). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = daysFromCivil(w.y, w.m, w.d) * 86_400_000 + ((w.h * 60 + w.min) * 60 + w.s) * 1000;
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The calendar date of an instant in a time zone (default Asia/Almaty). */
export function toIsoDate(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): IsoDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("toIsoDate: invalid Date");
  const w = wallClock(ms, timeZone);
  return `${String(w.y).padStart(4, "0")}-${pad2(w.m)}-${pad2(w.d)}`;
}

/**
 * The instant at a wall-clock time ("HH:MM", 00:00–23:59) on a date in a time zone (default
 * Asia/Almaty). Around a DST change (none in Kazakhstan) a repeated time gives the earlier
 * instant and a skipped time is shifted forward, like Temporal's "compatible".
 */
export function zonedDateTime(date: IsoDate, time: string, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const day = dayNumber(date);
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`invalid time ${JSON.stringify(time)}: expected HH:MM, 00:00–23:59`);
  const local = day * 86_400_000 + (Number(match[1]) * 60 + Number(match[2])) * 60_000;
  // The offsets a day either side (at most one transition in between): a time valid with both
  // is ambiguous (take the earlier instant), with neither is in a gap (shift forward).
  const before = offsetAt(local - 86_400_000, timeZone);
  const after = offsetAt(local + 86_400_000, timeZone);
  const valid = [before, after].map((o) => local - o).filter((t) => offsetAt(t, timeZone) === local - t);
  const result = valid.length ? Math.min(...valid) : local - before;
  return new Date(result);
}
