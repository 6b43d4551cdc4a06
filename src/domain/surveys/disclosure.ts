// Disclosure control: which figures of a campaign's results may be shown, so that no figure
// and no difference of figures an officer can form from every screen and export rests on
// fewer than k people (PRODUCT.md §1, "disclosure control"). One policy for every view:
// buildResults asks it for the overall results and for each group filter, and every
// renderer (bot text, chart, XLSX, CSV, DOCX) only renders what buildResults let through.
//
// The rules, for k (free text: textK):
// - Breakdowns (results per group of a grouping question) only once the campaign is closed:
//   while it is open the overall totals move in steps of at least k responses, and a
//   breakdown next to them would move by fewer.
// - Groups. For a grouping question Q, a group is shown only with at least k responses, and
//   the respondents outside the shown groups of Q (small groups and people who did not
//   answer Q) number 0 or at least k; when they do not, the smallest shown groups join them
//   until they do (or nothing of Q is shown). Every shown group can be viewed in turn, so
//   they are all counted as shown.
// - Cells. Within Q's breakdown a question is shown in a group only when that group has at
//   least k answers to it (free text and dates: never per group), and the answers outside
//   the shown cells (overall answered − the shown cells' answered) number 0 or at least k;
//   otherwise the smallest cells are hidden until they do.
// - Two breakdowns. Groups of two grouping questions overlap: "group A minus group f" can
//   isolate the one man of A when every woman is in A. The second breakdown is shown only
//   when no set of 1..k−1 people can be written as a combination of the groups of both
//   (checked exactly on their cross table, `isolatesFewerThanK`); its smallest groups are
//   hidden until none can. Questions not answered by every respondent are shown in the
//   first breakdown only (the cross table of their answerers is not known). A third
//   breakdown is never shown.
// - Numbers: the count and the mean only (no minimum, maximum or median: each is one
//   person's value).
// - Response rate by department: departments with fewer than k invited are merged into one
//   row ("other units"); while that row is under k the smallest departments join it; when
//   all have joined only the total is shown.
import { answerCodes, type SurveyDefinition } from "./definition.js";

export interface DisclosureSettings {
  k: number;
  /** The campaign is closed: its results are final. */
  final: boolean;
}

/** Why a grouping question's breakdown is not shown at all. */
export type BreakdownRefusal = "not_final" | "rest_too_small" | "too_many";

export interface Breakdown {
  questionId: string;
  /** Answer codes of the groups whose results may be viewed. */
  shownCodes: string[];
  refused?: BreakdownRefusal;
  /** questionId → the groups (codes) in which that question's figures are shown. */
  cells: Map<string, Set<string>>;
}

export interface DisclosurePlan {
  /** One entry per grouping question, in definition order. */
  breakdowns: Breakdown[];
}

/** What the policy reads of the totals: responses per group and answers per question and group. */
export interface DisclosureCounts {
  /** Responses in a group ("" = all). */
  responses(groupKey: string): number;
  /** Responses in a group that answered the question. */
  answered(questionId: string, groupKey: string): number;
  /** Responses in a group that gave this answer code to the question. */
  chose(questionId: string, groupKey: string, code: string): number;
}

export interface Part {
  key: string;
  size: number;
}

/**
 * The parts that may be shown out of `total`: those of at least `needed`, and then — while
 * the rest (total − shown) is between 1 and k−1 — without the smallest shown part (the last
 * one of equal size), so that "total minus the shown parts" is 0 or at least k.
 */
export function partsWithSafeRest(parts: readonly Part[], total: number, k: number, needed = k): string[] {
  const shown = parts.filter((p) => p.size >= needed);
  const rest = () => total - shown.reduce((s, p) => s + p.size, 0);
  while (shown.length > 0 && rest() > 0 && rest() < k) {
    let smallest = 0;
    shown.forEach((p, i) => {
      if (p.size <= shown[smallest]!.size) smallest = i;
    });
    shown.splice(smallest, 1);
  }
  return rest() > 0 && rest() < k ? [] : shown.map((p) => p.key);
}

/** People of one row category and one column category of a cross table. */
export interface Atom {
  row: string;
  col: string;
  size: number;
}

/** Candidate sets checked at most; past it the answer is "yes, it might" (refuse). */
const MAX_CANDIDATES = 20_000;

/**
 * True when some set of 1..k−1 people is a linear combination of the rows and columns of a
 * cross table (every row and every column is shown, or is the rest of shown ones, so all
 * count as shown). A combination is f(row) + g(col) on every non-empty cell; for it to
 * count a set of fewer than k people it is 0 on every cell of k or more, which ties the
 * row and column of such a cell together, and 1 on a few small cells whose total is under
 * k. The check contracts the big cells and tries every such choice of small cells.
 */
export function isolatesFewerThanK(atoms: readonly Atom[], k: number): boolean {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const cells = atoms.filter((a) => a.size > 0).map((a) => ({ u: `r:${a.row}`, v: `c:${a.col}`, size: a.size }));
  for (const c of cells) {
    if (!parent.has(c.u)) parent.set(c.u, c.u);
    if (!parent.has(c.v)) parent.set(c.v, c.v);
  }
  for (const c of cells) if (c.size >= k) parent.set(find(c.u), find(c.v));
  // Small cells between different contracted nodes; one inside a node is forced to 0.
  const edges = cells.filter((c) => c.size < k).map((c) => ({ u: find(c.u), v: find(c.v), size: c.size })).filter((e) => e.u !== e.v);
  const feasible = (chosen: ReadonlySet<number>): boolean => {
    // Potentials p with p(u) − p(v) = 1 on chosen edges and 0 on the others.
    const adjacency = new Map<string, { to: string; diff: number }[]>();
    edges.forEach((e, i) => {
      const d = chosen.has(i) ? 1 : 0;
      adjacency.set(e.u, [...(adjacency.get(e.u) ?? []), { to: e.v, diff: -d }]);
      adjacency.set(e.v, [...(adjacency.get(e.v) ?? []), { to: e.u, diff: d }]);
    });
    const p = new Map<string, number>();
    for (const start of adjacency.keys()) {
      if (p.has(start)) continue;
      p.set(start, 0);
      const queue = [start];
      while (queue.length > 0) {
        const x = queue.pop()!;
        for (const { to, diff } of adjacency.get(x)!) {
          const want = p.get(x)! + diff;
          if (!p.has(to)) {
            p.set(to, want);
            queue.push(to);
          } else if (p.get(to) !== want) return false;
        }
      }
    }
    return true;
  };
  let tried = 0;
  const chosen = new Set<number>();
  const search = (from: number, weight: number): boolean => {
    for (let i = from; i < edges.length; i++) {
      const w = weight + edges[i]!.size;
      if (w >= k) continue;
      chosen.add(i);
      if (++tried > MAX_CANDIDATES || feasible(chosen) || search(i + 1, w)) return true;
      chosen.delete(i);
    }
    return false;
  };
  return search(0, 0);
}

const REST = "\u0000rest";

function groupKeyOf(questionId: string, code: string): string {
  return `${questionId}=${code}`;
}

/** The cross table of two breakdowns: their shown groups and the rest of each. */
function crossTable(a: { questionId: string; shown: string[] }, b: { questionId: string; shown: string[] }, counts: DisclosureCounts): Atom[] {
  const total = counts.responses("");
  const atoms: Atom[] = [];
  const rowSizes = new Map(a.shown.map((x) => [x, counts.responses(groupKeyOf(a.questionId, x))]));
  const colSums = new Map(b.shown.map((y) => [y, 0]));
  let inner = 0;
  for (const x of a.shown) {
    let rowSum = 0;
    for (const y of b.shown) {
      const size = counts.chose(b.questionId, groupKeyOf(a.questionId, x), y);
      atoms.push({ row: x, col: y, size });
      rowSum += size;
      colSums.set(y, colSums.get(y)! + size);
    }
    atoms.push({ row: x, col: REST, size: rowSizes.get(x)! - rowSum });
    inner += rowSizes.get(x)!;
  }
  let colRest = 0;
  for (const y of b.shown) {
    const size = counts.responses(groupKeyOf(b.questionId, y)) - colSums.get(y)!;
    atoms.push({ row: REST, col: y, size });
    colRest += size;
  }
  atoms.push({ row: REST, col: REST, size: total - inner - colRest });
  return atoms;
}

/**
 * The disclosure plan of a campaign's results: for each grouping question, whether its
 * breakdown is shown, which groups, and which questions in which groups.
 */
export function planDisclosure(def: SurveyDefinition, counts: DisclosureCounts, settings: DisclosureSettings): DisclosurePlan {
  const { k } = settings;
  const all = def.sections.flatMap((s) => s.questions);
  const grouping = all.filter((q) => (q.type === "single" || q.type === "yesno") && q.group);
  const total = counts.responses("");
  const accepted: { questionId: string; shown: string[] }[] = [];
  const breakdowns: Breakdown[] = [];
  for (const gq of grouping) {
    const refuse = (refused: BreakdownRefusal): void => void breakdowns.push({ questionId: gq.id, shownCodes: [], refused, cells: new Map() });
    if (!settings.final) {
      refuse("not_final");
      continue;
    }
    if (accepted.length >= 2) {
      refuse("too_many");
      continue;
    }
    const codes = answerCodes(gq)!;
    let shown = partsWithSafeRest(codes.map((c) => ({ key: c, size: counts.responses(groupKeyOf(gq.id, c)) })), total, k);
    const [first] = accepted;
    if (first) {
      // Hide the smallest groups of this breakdown until the two together isolate no one.
      while (shown.length > 0 && isolatesFewerThanK(crossTable(first, { questionId: gq.id, shown }, counts), k)) {
        const sizes = shown.map((c) => counts.responses(groupKeyOf(gq.id, c)));
        shown = shown.filter((_, i) => i !== sizes.lastIndexOf(Math.min(...sizes)));
      }
    }
    if (shown.length === 0) {
      refuse("rest_too_small");
      continue;
    }
    const cells = new Map<string, Set<string>>();
    for (const q of all) {
      if (q.type === "text" || q.type === "date") continue; // free-form answers are shown overall only
      // With a first breakdown shown, only questions everyone answered have a known cross table.
      if (first && counts.answered(q.id, "") !== total) continue;
      const parts = shown.map((c) => ({ key: c, size: counts.answered(q.id, groupKeyOf(gq.id, c)) }));
      const inGroups = partsWithSafeRest(parts, counts.answered(q.id, ""), k, k);
      if (inGroups.length > 0) cells.set(q.id, new Set(inGroups));
    }
    accepted.push({ questionId: gq.id, shown });
    breakdowns.push({ questionId: gq.id, shownCodes: shown, cells });
  }
  return { breakdowns };
}

/** Mean of the values, rounded to one decimal (it rests on at least k of them). */
export function numberSummary(values: readonly number[]): { count: number; mean: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { count: values.length, mean: Math.round(mean * 10) / 10 };
}

export interface AudienceRow {
  /** Department name; "" for people without one. */
  label: string;
  invited: number;
  completed: number;
}

/**
 * Response rate by department with small departments merged: every department with fewer
 * than k invited goes into one "other units" row (`other: true`, label ""); while that row
 * has between 1 and k−1 invited, the smallest remaining department joins it; when every
 * department has joined, no row is left (the total says it all).
 */
export function mergeSmallAudiences(rows: readonly AudienceRow[], k: number): (AudienceRow & { other?: true })[] {
  const kept = rows.filter((r) => r.invited >= k);
  const merged = { invited: 0, completed: 0 };
  for (const r of rows.filter((x) => x.invited < k)) {
    merged.invited += r.invited;
    merged.completed += r.completed;
  }
  while (merged.invited > 0 && merged.invited < k && kept.length > 0) {
    let smallest = 0;
    kept.forEach((r, i) => {
      if (r.invited <= kept[smallest]!.invited) smallest = i;
    });
    const [r] = kept.splice(smallest, 1);
    merged.invited += r!.invited;
    merged.completed += r!.completed;
  }
  if (kept.length === 0) return [];
  return merged.invited > 0 ? [...kept, { label: "", ...merged, other: true }] : kept;
}
