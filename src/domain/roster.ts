// Roster import: the compliance officer's list of employees (full name, phone, department,
// position, role, language). Headers may be in Russian, Kazakh or English, in any order.
// Validation is complete before anything is stored: one bad row rejects the whole file.
import type { Lang } from "./lang.js";
import { normalizePhone } from "./phone.js";
import type { Role } from "./roles.js";
import { firstRowCells, readTable, tableFormat, type TableError } from "./tables.js";

export type RosterField = "fullName" | "phone" | "department" | "position" | "role" | "language";

const HEADER_ALIASES: Record<RosterField, string[]> = {
  fullName: ["фио", "ф.и.о.", "ф.и.о", "фамилия имя отчество", "аты-жөні", "аты жөні", "тегі, аты, әкесінің аты", "full name", "full_name", "name"],
  phone: ["телефон", "номер телефона", "телефон нөмірі", "мобильный телефон", "ұялы телефон", "phone", "mobile"],
  department: ["подразделение", "структурное подразделение", "отдел", "бөлімше", "құрылымдық бөлімше", "бөлім", "department", "unit"],
  position: ["должность", "лауазымы", "лауазым", "position", "title"],
  role: ["роль", "рөлі", "рөл", "role"],
  language: ["язык", "тіл", "тілі", "language", "lang"],
};

const ROLE_ALIASES: Record<string, Role> = {
  employee: "employee", сотрудник: "employee", работник: "employee", қызметкер: "employee", респондент: "employee",
  officer: "officer", ответственный: "officer", "ответственное лицо": "officer", жауапты: "officer", "жауапты тұлға": "officer", исполнитель: "officer", орындаушы: "officer",
  compliance: "compliance", комплаенс: "compliance", "комплаенс-офицер": "compliance", "комплаенс офицер": "compliance", "комплаенс-служба": "compliance", "комплаенс қызметі": "compliance",
  observer: "observer", наблюдатель: "observer", руководитель: "observer", руководство: "observer", бақылаушы: "observer", басшы: "observer", басшылық: "observer",
};

const LANG_ALIASES: Record<string, Lang> = {
  kk: "kk", kz: "kk", қаз: "kk", қазақ: "kk", "қазақ тілі": "kk", "қазақша": "kk", казахский: "kk", каз: "kk",
  ru: "ru", рус: "ru", русский: "ru", "орыс": "ru", "орыс тілі": "ru", "орысша": "ru",
};

export interface RosterRow {
  rowNumber: number;
  fullName: string;
  phone: string;
  department: string | null;
  position: string | null;
  role: Role;
  language: Lang | null;
}

export type RosterIssue =
  | { rowNumber: number; code: "missing_name" | "missing_phone" }
  | { rowNumber: number; code: "bad_phone" | "bad_role" | "bad_language" | "name_too_long"; value: string }
  | { rowNumber: number; code: "duplicate_phone"; value: string; firstRow: number };

export type RosterParseResult =
  | { ok: true; rows: RosterRow[] }
  | { ok: false; fileError: TableError | { code: "no_header"; missing: RosterField[]; found: string[] } | { code: "no_rows" } }
  | { ok: false; issues: RosterIssue[]; validRows: number };

const norm = (s: string) => s.toLocaleLowerCase("ru").replace(/\s+/g, " ").replace(/[*:]/g, "").trim();

function findHeader(rows: string[][]): { index: number; columns: Partial<Record<RosterField, number>> } | null {
  // The header is the first of the first 10 rows that names at least the two required
  // columns; title rows above it (common in exported forms) are skipped.
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const columns: Partial<Record<RosterField, number>> = {};
    rows[i]!.forEach((cell, col) => {
      const c = norm(cell);
      for (const [field, aliases] of Object.entries(HEADER_ALIASES) as [RosterField, string[]][]) {
        if (columns[field] === undefined && aliases.includes(c)) columns[field] = col;
      }
    });
    if (columns.fullName !== undefined && columns.phone !== undefined) return { index: i, columns };
  }
  return null;
}

export const MAX_NAME_LENGTH = 200;

export function parseRosterRows(rows: string[][]): RosterParseResult {
  const header = findHeader(rows);
  if (!header) {
    const first = (rows[0] ?? []).map(norm);
    const missing = (["fullName", "phone"] as RosterField[]).filter((f) => !first.some((c) => HEADER_ALIASES[f].includes(c)));
    return { ok: false, fileError: { code: "no_header", missing, found: firstRowCells(rows) } };
  }
  const col = header.columns;
  const get = (row: string[], field: RosterField) => (col[field] === undefined ? "" : (row[col[field]!] ?? "").trim());
  const issues: RosterIssue[] = [];
  const out: RosterRow[] = [];
  const seenPhones = new Map<string, number>();
  for (let i = header.index + 1; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.every((c) => c.trim() === "")) continue;
    const rowNumber = i + 1;
    const fullName = get(row, "fullName").replace(/\s+/g, " ");
    const rawPhone = get(row, "phone");
    const rawRole = get(row, "role");
    const rawLang = get(row, "language");
    let bad = false;
    if (!fullName) { issues.push({ rowNumber, code: "missing_name" }); bad = true; }
    else if (fullName.length > MAX_NAME_LENGTH) { issues.push({ rowNumber, code: "name_too_long", value: fullName.slice(0, 40) + "…" }); bad = true; }
    const phone = rawPhone ? normalizePhone(rawPhone) : null;
    if (!rawPhone) { issues.push({ rowNumber, code: "missing_phone" }); bad = true; }
    else if (!phone) { issues.push({ rowNumber, code: "bad_phone", value: rawPhone }); bad = true; }
    else if (seenPhones.has(phone)) { issues.push({ rowNumber, code: "duplicate_phone", value: rawPhone, firstRow: seenPhones.get(phone)! }); bad = true; }
    else seenPhones.set(phone, rowNumber);
    const role = rawRole ? ROLE_ALIASES[norm(rawRole)] : "employee";
    if (!role) { issues.push({ rowNumber, code: "bad_role", value: rawRole }); bad = true; }
    const language = rawLang ? LANG_ALIASES[norm(rawLang)] : null;
    if (rawLang && !language) { issues.push({ rowNumber, code: "bad_language", value: rawLang }); bad = true; }
    if (bad) continue;
    out.push({
      rowNumber,
      fullName,
      phone: phone!,
      department: get(row, "department").replace(/\s+/g, " ") || null,
      position: get(row, "position") || null,
      role: role!,
      language: language ?? null,
    });
  }
  if (issues.length) return { ok: false, issues, validRows: out.length };
  if (out.length === 0) return { ok: false, fileError: { code: "no_rows" } };
  return { ok: true, rows: out };
}

export async function parseRosterFile(content: Buffer, fileName: string | undefined, mimeType?: string): Promise<RosterParseResult> {
  const format = tableFormat(fileName, mimeType);
  if (!format) return { ok: false, fileError: { code: "unsupported_format" } };
  const table = await readTable(content, format);
  if (!table.ok) return { ok: false, fileError: table.error };
  return parseRosterRows(table.rows);
}

// ── one person, one record ──
// A person may reach the bot before the roster holds them (the officer who ran /setup, someone
// who joined by a department link) and then be imported as a row of their own. The two become
// one record only on proof: the phone Telegram vouches for (a shared contact). A name alone
// never links two records; it is only a reason to ask for that proof.

/** The words of a name, compared without case, «ё» or punctuation. */
export function nameWords(name: string): string[] {
  return name
    .toLocaleLowerCase("ru")
    .replaceAll("ё", "е")
    .split(/[\s,.;]+/)
    .map((w) => w.replace(/^[-'’]+|[-'’]+$/g, ""))
    .filter((w) => w !== "");
}

/** A full name is at least a surname and a first name: two words of two letters or more (not «Наталья», not «Иванова Н.»). */
export function isFullName(name: string): boolean {
  return nameWords(name).filter((w) => (w.match(/\p{L}/gu)?.length ?? 0) >= 2).length >= 2;
}

/** Whether a typed full name names this roster entry: each typed word is one of the entry's words (the patronymic may be left out, the order may differ). */
export function namesMatch(typed: string, rosterName: string): boolean {
  const entry = new Set(nameWords(rosterName));
  const words = nameWords(typed);
  return isFullName(typed) && words.every((w) => entry.has(w));
}

/**
 * The role a person keeps when their account is linked to their roster entry, or when the
 * roster is imported by them: a compliance officer keeps the role, so a file (where the role
 * column defaults to «employee») cannot take the importer's own access away.
 */
export function keptRole(current: string, fromRoster: Role): Role {
  return current === "compliance" ? "compliance" : fromRoster;
}
