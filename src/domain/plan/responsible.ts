// Plans name responsible people as written: a full name («Ахметов Е.С.»), a position
// («главный бухгалтер»), a unit or the compliance service. This matches them to people in
// the roster; what matches nobody is reported so the officer can assign it by hand.

export interface RosterPerson {
  id: number;
  fullName: string;
  position: string | null;
  role: string;
}

export interface ResponsibleMatch {
  userIds: number[];
  unmatched: string[];
}

const norm = (s: string) =>
  s
    .toLocaleLowerCase("ru")
    .replace(/ё/g, "е")
    .replace(/[«»"“”()]/g, " ")
    .replace(/\s*-\s*/g, "-")
    .replace(/\s+/g, " ")
    .trim();

const COMPLIANCE = /комплаенс|compliance/;

/** «Ахметов Ерлан Серикович» → ["ахметов е.с.", "ахметов е. с.", "е.с. ахметов", "ахметов ерлан"]. */
function nameForms(fullName: string): string[] {
  const parts = norm(fullName).split(" ").filter(Boolean);
  if (parts.length < 2) return [norm(fullName)];
  const [surname, ...rest] = parts;
  const initials = rest.map((p) => `${p[0]}.`);
  return [...new Set([parts.join(" "), `${surname} ${initials.join("")}`, `${surname} ${initials.join(" ")}`, `${initials.join("")} ${surname}`, `${surname} ${rest[0]}`])];
}

/**
 * The people a cell names in its last parentheses after a unit, as seed 004 writes them:
 * «Служба управления персоналом (Нурсейтова Б.К., Айтулова А.К.)» → the two names. Empty when
 * there are no parentheses or they hold one part only (a unit's other name, «(кадровая служба)»).
 */
export function namesInParentheses(text: string): string[] {
  const last = /\(([^()]*)\)\s*$/.exec(text.trim());
  if (!last) return [];
  const parts = last[1]!.split(/[,;]/).map((p) => p.trim()).filter(Boolean);
  return parts.length > 1 ? parts : [];
}

export function matchResponsible(texts: string[], roster: RosterPerson[]): ResponsibleMatch {
  const ids = new Set<number>();
  const unmatched: string[] = [];
  const byName = new Map<string, number[]>();
  for (const p of roster) {
    for (const form of nameForms(p.fullName)) byName.set(form, [...new Set([...(byName.get(form) ?? []), p.id])]);
  }
  const personNamed = (name: string): number | undefined => {
    const found = byName.get(norm(name));
    return found && found.length === 1 ? found[0] : undefined;
  };
  for (const raw of texts) {
    const text = norm(raw);
    if (!text) continue;
    // A unit with its people in parentheses: each person named is responsible (when at least
    // one of them is found; otherwise the cell is matched as a whole below).
    const inner = namesInParentheses(raw).map((name) => ({ name, id: personNamed(name) }));
    if (inner.some((n) => n.id !== undefined)) {
      for (const n of inner) {
        if (n.id !== undefined) ids.add(n.id);
        else unmatched.push(n.name);
      }
      continue;
    }
    const named = byName.get(text);
    if (named && named.length === 1) {
      ids.add(named[0]!);
      continue;
    }
    const byPosition = roster.filter((p) => p.position && norm(p.position) === text);
    if (byPosition.length) {
      for (const p of byPosition) ids.add(p.id);
      continue;
    }
    if (COMPLIANCE.test(text)) {
      const officers = roster.filter((p) => p.role === "compliance");
      if (officers.length) {
        for (const p of officers) ids.add(p.id);
        continue;
      }
    }
    unmatched.push(raw.trim());
  }
  return { userIds: [...ids], unmatched };
}
