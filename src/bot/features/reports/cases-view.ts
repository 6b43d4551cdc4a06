// How a case handler sees anonymous reports (PRODUCT.md §2): the inbox, the case card and the
// audit trail, as Telegram HTML. Dates only, never times. Everything the reporter or an
// officer wrote goes through escapeHtml, cut into lines that never split a tag or an entity.
import type { IsoDate } from "../../../domain/calendar/days.js";
import { isOutcome, isStatus, REPORT_CATEGORIES, REPORT_OUTCOMES, REPORT_STATUSES, type Attachment, type ReportContent } from "../../../domain/reports/case.js";
import { DEADLINE_STATES, type CaseStats } from "../../../domain/reports/stats.js";
import type { TFunction } from "../../../i18n.js";
import type { CaseEntry, CaseSummary, InboxFilter } from "../../../services/reports.js";
import { escapeHtml } from "../../ui/html.js";
import { formatDay } from "../../../domain/dates.js";

/** Longest escaped line: well under a message, so splitMessage never cuts one. */
const MAX_LINE = 3000;

/** Free text as escaped HTML lines, long lines cut between characters (never inside an entity). */
export function htmlLines(raw: string, indent = ""): string[] {
  const out: string[] = [];
  for (const line of raw.split(/\r?\n/)) {
    let current = "";
    for (const ch of line) {
      const escaped = escapeHtml(ch);
      if (current.length + escaped.length > MAX_LINE) {
        out.push(indent + current);
        current = "";
      }
      current += escaped;
    }
    out.push(indent + current);
  }
  return out;
}

/** Names of officers by User.id, already escaped. */
export type Names = Map<number, string>;

const nameOf = (t: TFunction, names: Names, id: number | null) => (id === null ? t("cases.nobody") : (names.get(id) ?? t("cases.unknownOfficer")));

export function attachmentsOf(content: ReportContent, entries: CaseEntry[]): Attachment[] {
  return [...content.attachments, ...entries.flatMap((e) => (e.body.kind === "file" ? [e.body.attachment] : []))];
}

function attachmentLabel(t: TFunction, a: Attachment): string {
  const kind = t(`cases.fileKind.${a.kind}`);
  return a.name ? `${kind} «${escapeHtml(a.name)}»` : kind;
}

// ── Inbox ──

export interface InboxView {
  audienceName: string;
  counts: Record<InboxFilter, number>;
  filter: InboxFilter;
  page: number;
  pages: number;
  cases: CaseSummary[];
  names: Names;
}

export function inboxText(t: TFunction, v: InboxView): string {
  const lines = [
    t("cases.inboxTitle", { audience: escapeHtml(v.audienceName) }),
    t("cases.counts", { ...v.counts }),
    "",
    t("cases.listTitle", { filter: t(`cases.filter.${v.filter}`), page: v.page + 1, pages: Math.max(v.pages, 1) }),
  ];
  if (!v.cases.length) lines.push(t("cases.empty"));
  for (const c of v.cases) {
    lines.push("", `<b>№ ${escapeHtml(c.number)}</b> — ${t(`reportTerms.category.${c.category}`)}`);
    const status = c.outcome ? `${t(`reportTerms.status.${c.status}`)}: ${t(`reportTerms.outcome.${c.outcome}`)}` : t(`reportTerms.status.${c.status}`);
    lines.push(`   ${status}`);
    lines.push(
      `   ${t("cases.receivedShort", { date: formatDay(c.receivedOn) })} · ${c.decidedOn ? t("cases.decidedShort", { date: formatDay(c.decidedOn) }) : t("cases.dueShort", { date: formatDay(c.decisionDueOn) })}`,
    );
    if (c.overdue.ack) lines.push(`   ⚠️ ${t("cases.overdueAck", { date: formatDay(c.ackDueOn) })}`);
    if (c.overdue.decision) lines.push(`   ⚠️ ${t("cases.overdueDecision", { date: formatDay(c.decisionDueOn) })}`);
    lines.push(`   ${t("cases.assigneeShort", { who: nameOf(t, v.names, c.assigneeId) })}`);
  }
  return lines.join("\n");
}

// ── Case card ──

export function caseCardText(t: TFunction, c: { summary: CaseSummary; content: ReportContent; entries: CaseEntry[] }, names: Names): string {
  const s = c.summary;
  const lines = [t("cases.cardTitle", { number: escapeHtml(s.number) })];
  lines.push(t("cases.category", { category: t(`reportTerms.category.${s.category}`) }));
  lines.push(t("cases.audience", { audience: t(`reportTerms.audience.${s.audience}`) }));
  lines.push(t("cases.status", { status: t(`reportTerms.status.${s.status}`) }) + (s.outcome ? ` — ${t(`reportTerms.outcome.${s.outcome}`)}` : ""));
  lines.push(t("cases.received", { date: formatDay(s.receivedOn) }));
  lines.push(
    (s.acknowledgedOn ? t("cases.ackDone", { due: formatDay(s.ackDueOn), date: formatDay(s.acknowledgedOn) }) : t("cases.ackDue", { due: formatDay(s.ackDueOn) })) +
      (s.overdue.ack ? ` ⚠️ ${t("cases.overdueMark")}` : ""),
  );
  if (s.extendedOn && s.originalDecisionDueOn) {
    lines.push(t("cases.decisionExtended", { due: formatDay(s.decisionDueOn), original: formatDay(s.originalDecisionDueOn), date: formatDay(s.extendedOn) }) + (s.overdue.decision ? ` ⚠️ ${t("cases.overdueMark")}` : ""));
    const extension = [...c.entries].reverse().find((e) => e.body.kind === "extension");
    if (extension?.body.kind === "extension") lines.push(t("cases.extensionReason"), ...htmlLines(extension.body.reason, "   "));
  } else lines.push(t("cases.decisionDue", { due: formatDay(s.decisionDueOn) }) + (s.overdue.decision ? ` ⚠️ ${t("cases.overdueMark")}` : ""));
  if (s.decidedOn) lines.push(t("cases.decidedOn", { date: formatDay(s.decidedOn) }));
  lines.push(t("cases.assignee", { who: nameOf(t, names, s.assigneeId) }));

  const content = c.content;
  lines.push("", t("cases.contentTitle"));
  if (content.unit) lines.push(t("cases.unit"), ...htmlLines(content.unit, "   "));
  lines.push(t("cases.what"), ...htmlLines(content.what, "   "));
  lines.push(t("cases.whenWhere"), ...htmlLines(content.whenWhere, "   "));
  if (content.who) lines.push(t("cases.who"), ...htmlLines(content.who, "   "));
  lines.push(t("cases.attachments", { count: attachmentsOf(content, c.entries).length }));

  lines.push("", t("cases.entriesTitle"));
  if (!c.entries.length) lines.push(t("cases.noEntries"));
  for (const e of c.entries) lines.push(...entryLines(t, e, names));
  return lines.join("\n");
}

function entryLines(t: TFunction, e: CaseEntry, names: Names): string[] {
  const day = `<i>${formatDay(e.on)}</i>`;
  const by = e.authorId === null ? "" : ` (${nameOf(t, names, e.authorId)})`;
  const b = e.body;
  switch (b.kind) {
    case "reporter":
      return [`${day} — 💬 ${t("cases.entry.reporter")}`, ...htmlLines(b.text, "   ")];
    case "file":
      return [`${day} — 📎 ${t("cases.entry.file", { file: attachmentLabel(t, b.attachment) })}`];
    case "reply":
      return [`${day} — ✉️ ${t("cases.entry.reply")}${by}`, ...htmlLines(b.text, "   ")];
    case "note":
      return [`${day} — 📝 ${t("cases.entry.note")}${by}`, ...htmlLines(b.text, "   ")];
    case "status":
      return [
        `${day} — 🔄 ${t("cases.entry.status", { from: t(`reportTerms.status.${b.from}`), to: t(`reportTerms.status.${b.to}`) })}${b.outcome ? ` — ${t(`reportTerms.outcome.${b.outcome}`)}` : ""}${by}`,
      ];
    case "extension":
      return [`${day} — ⏳ ${t("cases.entry.extension", { from: formatDay(b.from), to: formatDay(b.to) })}${by}`, ...htmlLines(b.reason, "   ")];
    case "assign":
      return [`${day} — 👤 ${b.assigneeId === null ? t("cases.entry.unassigned") : t("cases.entry.assigned", { who: nameOf(t, names, b.assigneeId) })}${by}`];
  }
}

// ── Audit trail ──

export interface AuditRow {
  actorUserId: number | null;
  action: string;
  details: string | null;
  on: IsoDate;
}

/** Officer actions on one case, oldest first; repeated views by one officer on one day are counted, not repeated. */
export function historyText(t: TFunction, number: string, rows: AuditRow[], names: Names): string {
  const lines = [t("cases.historyTitle", { number: escapeHtml(number) })];
  if (!rows.length) lines.push(t("cases.historyEmpty"));
  let lastView = null as { key: string; index: number; count: number } | null;
  for (const row of rows) {
    const who = row.actorUserId === null ? t("cases.system") : nameOf(t, names, row.actorUserId);
    if (row.action === "report.viewed") {
      const key = `${row.on}|${row.actorUserId}`;
      if (lastView?.key === key) {
        lastView.count++;
        lines[lastView.index] = `<i>${formatDay(row.on)}</i> — ${who}: ${t("cases.history.viewedTimes", { count: lastView.count })}`;
        continue;
      }
      lines.push(`<i>${formatDay(row.on)}</i> — ${who}: ${t("cases.history.viewed")}`);
      lastView = { key, index: lines.length - 1, count: 1 };
      continue;
    }
    lastView = null;
    lines.push(`<i>${formatDay(row.on)}</i> — ${who}: ${historyAction(t, row, names)}`);
  }
  return lines.join("\n");
}

function historyAction(t: TFunction, row: AuditRow, names: Names): string {
  let d: Record<string, unknown> = {};
  try {
    d = row.details ? (JSON.parse(row.details) as Record<string, unknown>) : {};
  } catch {
    d = {};
  }
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  // Statuses and outcomes come from stored audit details: unknown ones are shown as a dash.
  const status = (v: unknown) => (isStatus(v) ? t(`reportTerms.status.${v}`) : "—");
  switch (row.action) {
    case "report.assigned":
      return typeof d.assigneeId === "number" ? t("cases.history.assigned", { who: nameOf(t, names, d.assigneeId) }) : t("cases.history.unassigned");
    case "report.status": {
      const text = t("cases.history.status", { from: status(d.from), to: status(d.to) });
      return isOutcome(d.outcome) ? `${text} — ${t(`reportTerms.outcome.${d.outcome}`)}` : text;
    }
    case "report.replied":
      return t("cases.history.replied");
    case "report.noted":
      return t("cases.history.noted");
    case "report.extended":
      return t("cases.history.extended", { from: formatDay(str(d.from)), to: formatDay(str(d.to)) });
    default:
      return escapeHtml(row.action);
  }
}

// ── Statistics ──

/** The case statistics of one year (the same blocks as the XLSX), or that there were no cases. */
/**
 * The organisation's total and the part the other audience handles (a finished year), or why
 * it is not given yet (domain/reports/stats.ts, organisationTotalShown).
 */
export function organisationLine(t: TFunction, stats: CaseStats): string | null {
  if (!stats.audience) return null;
  if (!stats.organisation) return t(`cases.stats.organisationLater.${stats.audience}`);
  return t(`cases.stats.organisation.${stats.audience}`, { total: stats.organisation.total, elsewhere: stats.organisation.elsewhere });
}

export function statsText(t: TFunction, year: number, stats: CaseStats, audienceName: string): string {
  const lines = [
    t("cases.stats.title", { year }),
    `${t("cases.stats.audience")}: ${escapeHtml(audienceName)}`,
    t("cases.stats.periodLine", { from: formatDay(stats.period.from), to: formatDay(stats.period.to), date: formatDay(stats.asOf) }),
  ];
  if (stats.purgedAfterDays !== null) lines.push(`⚠️ ${t("cases.stats.incomplete", { count: stats.purgedAfterDays })}`);
  const organisation = organisationLine(t, stats);
  if (organisation) lines.push("", organisation);
  lines.push("");
  if (stats.received === 0) {
    lines.push(t("cases.stats.none", { year }));
    return lines.join("\n");
  }
  const item = (label: string, n: number) => `${label}: ${n}`;
  lines.push(
    `${t("cases.stats.received")}: <b>${stats.received}</b>`,
    item(t("cases.stats.decided"), stats.byStatus.decided),
    item(t("cases.stats.extended"), stats.extended),
    `${item(t("cases.stats.open"), stats.open)}, ${item(t("cases.stats.openOverdue"), stats.openOverdue)}`,
  );
  lines.push("", `<b>${t("cases.stats.byCategory")}</b>`, ...REPORT_CATEGORIES.map((c) => item(t(`reportTerms.category.${c}`), stats.byCategory[c])));
  lines.push("", `<b>${t("cases.stats.byStatus")}</b>`, ...REPORT_STATUSES.map((s) => item(t(`reportTerms.status.${s}`), stats.byStatus[s])));
  lines.push("", `<b>${t("cases.stats.byOutcome")}</b>`, ...REPORT_OUTCOMES.map((o) => item(t(`reportTerms.outcome.${o}`), stats.byOutcome[o])));
  lines.push("", `<b>${t("cases.stats.ack")}</b>`, ...DEADLINE_STATES.map((k) => item(t(`cases.stats.ackState.${k}`), stats.ack[k])));
  lines.push("", `<b>${t("cases.stats.decision")}</b>`, ...DEADLINE_STATES.map((k) => item(t(`cases.stats.decisionState.${k}`), stats.decision[k])));
  return lines.join("\n");
}
