// The list of positions exposed to corruption risks (seed 002: «№ п/п | Должность подверженная
// коррупционному риску | Должностные полномочия, содержащие коррупционные риски | Коррупционные
// риски»), built from the risk register and the unit heads' interviews: one row per position,
// named the same way in either language whatever the letter case, with the corruption-prone
// functions and the risks of every risk that names it; a position the interviews name and no
// risk does is listed with its units, so nothing the unit heads said is lost.
import { createHash } from "node:crypto";
import type { InterviewTables } from "./interview-tables.js";
import type { RiskEntry } from "./register.js";
import { isBlank, type LocalizedText } from "./text.js";

export interface PositionRow {
  position: LocalizedText;
  /** The units the interviews name it for (empty when only the register names it). */
  units: string[];
  /** The corruption-prone functions of the risks naming it, one per risk, in risk order. */
  powers: LocalizedText[];
  /** The risks naming it: number and name. */
  risks: { number: number; title: LocalizedText }[];
}

function key(text: string | undefined): string {
  return (text ?? "").trim().replace(/\s+/g, " ").toLocaleLowerCase("ru");
}

function keysOf(text: LocalizedText): string[] {
  return [key(text.kk), key(text.ru)].filter(Boolean);
}

/** A text the interviews give in one language: Kazakh when it has Kazakh letters, else Russian. */
function interviewText(text: string): LocalizedText {
  return /[әғқңөұүһі]/i.test(text) ? { kk: text.trim() } : { ru: text.trim() };
}

/**
 * The positions a unit head's answer names: one a line or between semicolons («Оператор службы
 * СОП; старший оператор службы СОП»), list marks («—», «•», «1)») dropped.
 */
function positionNames(answer: string): string[] {
  return answer
    .split(/[;\n]+/)
    .map((part) => part.replace(/^\s*(?:[-–—•*]|\d+[.)])\s*/, "").trim())
    .filter(Boolean);
}

export function positionsList(risks: RiskEntry[], interviews: InterviewTables | null): PositionRow[] {
  const rows: PositionRow[] = [];
  const find = (text: LocalizedText): PositionRow | undefined => {
    const keys = keysOf(text);
    return rows.find((r) => keysOf(r.position).some((k) => keys.includes(k)));
  };
  for (const risk of [...risks].sort((a, b) => a.number - b.number)) {
    for (const position of risk.positions) {
      if (isBlank(position)) continue;
      let row = find(position);
      if (!row) rows.push((row = { position: { ...position }, units: [], powers: [], risks: [] }));
      else row.position = { kk: row.position.kk || position.kk, ru: row.position.ru || position.ru };
      if (row.risks.some((r) => r.number === risk.number)) continue;
      row.risks.push({ number: risk.number, title: risk.title });
      if (!isBlank(risk.functions)) row.powers.push(risk.functions);
    }
  }
  for (const named of interviews?.riskyPositions ?? []) {
    for (const name of positionNames(named.text)) {
      const text = interviewText(name);
      let row = find(text);
      if (!row) rows.push((row = { position: text, units: [], powers: [], risks: [] }));
      if (named.unit.trim() && !row.units.includes(named.unit.trim())) row.units.push(named.unit.trim());
    }
  }
  return rows.map((r) => ({ ...r, position: Object.fromEntries(Object.entries(r.position).filter(([, v]) => v)) as LocalizedText }));
}

/** What the approval is of: a change of any row after it reads as «changed after approval». */
export function positionsDigest(rows: PositionRow[]): string {
  return createHash("sha256").update(JSON.stringify(rows)).digest("base64url").slice(0, 16);
}
