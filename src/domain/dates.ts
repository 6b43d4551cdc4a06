// Dates as people write and read them in Kazakhstan's documents (DD.MM.YYYY), and the
// calendar dates (YYYY-MM-DD, see calendar/days.ts) they stand for.
import type { IsoDate } from "./calendar/days.js";

/** YYYY-MM-DD → DD.MM.YYYY. */
export function formatDay(iso: IsoDate): string {
  const [y, m, d] = iso.split("-");
  return `${d}.${m}.${y}`;
}

/** dd.mm.yyyy (also d.m.yyyy, with / or -) or yyyy-mm-dd → YYYY-MM-DD, or null. */
export function parseDateInput(raw: string): IsoDate | null {
  const s = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(s);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900 || y > 2100) return null;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Two days typed as a period ("02.03.2026 – 16.03.2026", "02.03.2026 16.03.2026"), in the order typed, or null. */
export function parseDayPair(raw: string): { from: IsoDate; to: IsoDate } | null {
  const parts = raw.trim().split(/\s*[–—-]\s*(?=\d)|\s+/).filter(Boolean);
  if (parts.length !== 2) return null;
  const from = parseDateInput(parts[0]!);
  const to = parseDateInput(parts[1]!);
  return from && to ? { from, to } : null;
}
