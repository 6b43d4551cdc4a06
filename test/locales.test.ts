// Every user-facing text exists in kk and ru: same keys, none empty, same placeholders,
// and every key the code asks for exists.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createI18n, loadTranslations, type TFunction } from "../src/i18n.js";
import { ROLES } from "../src/domain/roles.js";
import { ATTACHMENT_KINDS, REPORT_AUDIENCES, REPORT_CATEGORIES, REPORT_OUTCOMES, REPORT_STATUSES } from "../src/domain/reports/case.js";
import { DEADLINE_STATES } from "../src/domain/reports/stats.js";
import { INBOX_FILTERS } from "../src/services/reports.js";

/** Every issue code src/domain/surveys/definition.ts can produce (read from its source). */
function definitionIssueCodes(): string[] {
  const src = readFileSync(join(__dirname, "..", "src", "domain", "surveys", "definition.ts"), "utf8");
  return [...new Set([...src.matchAll(/code: "([a-z_]+)"/g), ...src.matchAll(/error: "([a-z_]+)"/g)].map((m) => m[1]!))].filter((c) => c !== "type" && c !== "other");
}

const translations = loadTranslations();

function flatten(obj: unknown, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (obj && typeof obj === "object" && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) for (const [kk, vv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  } else out.set(prefix, obj);
  return out;
}

// Words that are spelled the same in Kazakh and Russian.
const SAME_IN_BOTH = new Set(["roles.compliance", "roster.column.phone", "cases.statsButton", "cases.fileKind.photo", "reports.kind.photo", "board.doc.signature"]);

const kk = flatten(translations.kk);
const ru = flatten(translations.ru);

// i18next plurals: "key_one", "key_few", … are one text; each language needs every form its
// plural rules have (Russian: one, few, many, other; Kazakh: one, other).
// (A key such as "too_many" is not a plural unless "too_one" and "too_other" exist too.)
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const pluralBase = (key: string) => key.replace(PLURAL_SUFFIX, "");
const isPluralForm = (map: Map<string, unknown>, key: string) => PLURAL_SUFFIX.test(key) && map.has(`${pluralBase(key)}_one`) && map.has(`${pluralBase(key)}_other`);
const baseKey = (key: string) => (PLURAL_SUFFIX.test(key) && (isPluralForm(kk, key) || isPluralForm(ru, key)) ? pluralBase(key) : key);
const baseKeys = (map: Map<string, unknown>) => new Set([...map.keys()].map(baseKey));
const pluralForms = (map: Map<string, unknown>, base: string) => [...map.keys()].filter((k) => k !== base && isPluralForm(map, k) && pluralBase(k) === base).map((k) => k.slice(base.length + 1)).sort();
const placeholders = (s: unknown) => [...String(s).matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === "generated" ? [] : sourceFiles(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

describe("locales", () => {
  it("kk and ru have exactly the same keys (a plural counts as one key)", () => {
    const kkKeys = baseKeys(kk);
    const ruKeys = baseKeys(ru);
    expect([...kkKeys].filter((k) => !ruKeys.has(k))).toEqual([]);
    expect([...ruKeys].filter((k) => !kkKeys.has(k))).toEqual([]);
  });

  it("every plural has all the forms of its language (ru: one, few, many, other; kk: one, other)", () => {
    for (const [lang, map] of [["kk", kk], ["ru", ru]] as const) {
      const needed = [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();
      const plurals = [...baseKeys(map)].filter((b) => !map.has(b));
      for (const base of plurals) expect(pluralForms(map, base), `${lang}:${base}`).toEqual(needed);
      // A plain key next to its plural forms would hide them.
      for (const base of baseKeys(map)) if (map.has(base)) expect(pluralForms(map, base), `${lang}:${base}`).toEqual([]);
    }
    expect(new Intl.PluralRules("ru").resolvedOptions().pluralCategories).toHaveLength(4);
  });

  it("a plural gets the right Russian form (1 день, 2 дня, 5 дней, 11 дней, 21 день)", async () => {
    const i18n = await createI18n();
    const ruT = i18n.t("ru");
    expect([1, 2, 5, 11, 21, 22].map((count) => ruT("invites.days", { count }))).toEqual(["1 день", "2 дня", "5 дней", "11 дней", "21 день", "22 дня"]);
    expect(i18n.t("kk")("invites.days", { count: 1 })).toBe("1 күн");
    expect(ruT("tasks.overdue", { count: 1 })).toBe("просрочено на 1 рабочий день");
    expect(ruT("tasks.overdue", { count: 3 })).toBe("просрочено на 3 рабочих дня");
    expect(ruT("schedule.rule.after_end", { count: 10 })).toBe("не позднее 10 рабочих дней со дня завершения ВАКР");
    expect(ruT("schedule.rule.after_end", { count: 1 })).toBe("не позднее 1 рабочего дня со дня завершения ВАКР");
  });

  it("no text is empty or left untranslated", () => {
    for (const [lang, map] of [["kk", kk], ["ru", ru]] as const) {
      for (const [key, value] of map) {
        expect(typeof value, `${lang}:${key}`).toBe("string");
        expect(String(value).trim(), `${lang}:${key}`).not.toBe("");
      }
    }
    // A text identical in both languages is almost always a forgotten translation.
    const same = [...kk.entries()].filter(([k, v]) => ru.get(k) === v && !/^[\s\p{Emoji}\p{P}\d{}]*$/u.test(String(v)) && !SAME_IN_BOTH.has(k));
    expect(same.map(([k]) => k)).toEqual([]);
  });

  it("no text points a Telegram user to a path of the repository (they cannot open it)", () => {
    for (const [key, value] of [...kk, ...ru]) expect(String(value), key).not.toMatch(/\bdocs\/|\btemplates\b|\.md\b|\bsrc\//);
  });

  it("kk and ru use the same placeholders", () => {
    const ruText = (key: string) => ru.get(key) ?? ru.get(`${baseKey(key)}_other`);
    for (const [key, value] of kk) expect(placeholders(value), key).toEqual(placeholders(ruText(key)));
  });

  it("no abbreviated words in messages («раб. дн.», «1 дн.», «чел.», «стр.»)", () => {
    const abbreviated = /(^|[\s(])(раб|дн|чел|стр|мин|сек|ж|жыл|тг)\.(?=[\s,)]|$)/u;
    for (const [lang, map] of [["kk", kk], ["ru", ru]] as const) for (const [key, value] of map) expect(String(value), `${lang}:${key}`).not.toMatch(abbreviated);
  });

  it("Kazakh numbers need no agreement the text cannot give («29 адамның 10 жауап берді», «1-сі»)", () => {
    // A suffix written after a number that is not known when the text is written: the right
    // one depends on the number's last spoken word (бір→-і, екі→-сі, алты→-сы, он→-ы; -ден/-тен/-дан…).
    // A hyphen and a noun is the written ordinal («{{row}}-жол» = «бірінші жол») and is fine.
    const suffixAfterNumber = /\}\}-(с?[ыі]|[дтн][еа]н|[гкқ][еа]|[ғ]а|[дтн][ыі]ң|н?[еа]|[дт][еа]|[ыі]?н?ш[ыі])(?![\p{L}])/u;
    // «N адамның M …» (M of N people): the number M needs the possessive («10-ы»), which depends on the number.
    const genitiveThenNumber = /\}\} \p{L}+(ның|нің|дың|дің|тың|тің) \{\{\w+\}\}(?![-\p{L}])/u;
    for (const [key, value] of kk) {
      expect(String(value), key).not.toMatch(suffixAfterNumber);
      expect(String(value), key).not.toMatch(genitiveThenNumber);
    }
    // The checks see the old defects.
    expect("{{total}} файлдың {{index}}-сі").toMatch(suffixAfterNumber);
    expect("{{min}}-ден {{max}}-ге дейінгі").toMatch(suffixAfterNumber);
    expect("{{invited}} адамның {{completed}} жауап берді").toMatch(genitiveThenNumber);
    expect("{{row}}-жол, {{version}}-нұсқа, {{maxMb}} МБ-тан").not.toMatch(suffixAfterNumber);
  });

  it("Kazakh texts use Kazakh letters, not transliteration", () => {
    const kazakh = [...kk.values()].join(" ");
    expect(kazakh).toMatch(/[әғқңөұүһі]/);
  });

  it("keys are typed: a key missing from the Russian files fails the type check (npm run typecheck)", async () => {
    const i18n = await createI18n();
    const t: TFunction = i18n.t("ru");
    expect(t("flows.nothingToCancel")).toBe("Отменять нечего.");
    // Never called: it is here for the type checker, which must reject both keys.
    const misspelled = () => [
      // @ts-expect-error: no such key in locales/ru/flows.json
      t("flows.nothingToCancell"),
      // @ts-expect-error: no such file in locales/ru
      t("nowhere.title"),
    ];
    expect(typeof misspelled).toBe("function");
  });

  it("every key used in the code exists", () => {
    const src = sourceFiles(join(__dirname, "..", "src")).map((f) => readFileSync(f, "utf8")).join("\n");
    const literal = [...src.matchAll(/\bt\(\s*"([a-zA-Z0-9_]+\.[a-zA-Z0-9_.]+)"/g), ...src.matchAll(/(?:descriptionKey|labelKey): "([a-zA-Z0-9_.]+)"/g)].map((m) => m[1]!);
    const dynamic = [
      ...ROLES.map((r) => `roles.${r}`),
      ...["not_found", "expired", "revoked", "used_up"].map((s) => `onboarding.invite.${s}`),
      ...["missing_name", "missing_phone", "bad_phone", "bad_role", "bad_language", "name_too_long", "duplicate_phone"].map((c) => `roster.issue.${c}`),
      ...["too_large", "unsupported_format", "unreadable", "too_many_rows", "empty", "no_header", "no_rows"].map((c) => `roster.fileError.${c}`),
      ...["fullName", "phone", "department", "position", "role", "language"].map((c) => `roster.column.${c}`),
      ...["scheduled", "open", "closed"].map((s) => `campaigns.status.${s}`),
      ...["anonymous", "attributed"].map((m) => `campaigns.mode.${m}`),
      ...["not_found", "unknown_group_question", "unknown_group_code", "group_too_small"].map((e) => `campaigns.filterError.${e}`),
      ...["not_a_number", "not_an_integer", "not_a_date", "empty", "invalid_choice", "not_text", "below_min", "above_max", "too_long", "too_few", "too_many"].map((e) => `surveys.error.${e}`),
      ...definitionIssueCodes().map((c) => `surveys.validation.${c}`),
      ...["bad_date", "end_before_start", "out_of_range", "event_out_of_order"].map((c) => `tasks.scheduleError.${c}`),
      ...["before", "due", "overdue", "escalation"].map((k) => `tasks.reminder.${k}`),
      ...["empty", "invalid_date", "no_year", "ambiguous", "reversed_range", "unrecognized"].map((k) => `plan.deadlineReason.${k}`),
      ...["open", "overdue", "done", "cancelled"].map((k) => `tasks.detail.status.${k}`),
      ...REPORT_CATEGORIES.map((c) => `reportTerms.category.${c}`),
      ...REPORT_STATUSES.map((s) => `reportTerms.status.${s}`),
      ...REPORT_OUTCOMES.map((o) => `reportTerms.outcome.${o}`),
      ...REPORT_AUDIENCES.map((a) => `reportTerms.audience.${a}`),
      ...ATTACHMENT_KINDS.map((k) => `reports.kind.${k}`),
      ...["draft", "filed", "case"].map((m) => `reports.expired.${m}`),
      ...INBOX_FILTERS.map((f) => `cases.filter.${f}`),
      ...ATTACHMENT_KINDS.map((k) => `cases.fileKind.${k}`),
      ...["alreadyExtended", "decided", "notLater", "tooLong"].map((p) => `cases.extendProblem.${p}`),
      ...DEADLINE_STATES.flatMap((s) => [`cases.stats.ackState.${s}`, `cases.stats.decisionState.${s}`]),
    ];
    const kkKeys = baseKeys(kk);
    const ruKeys = baseKeys(ru);
    const missing = [...new Set([...literal, ...dynamic])].filter((k) => !kkKeys.has(k) || !ruKeys.has(k));
    expect(missing).toEqual([]);
    expect(literal.length).toBeGreaterThan(40);
  });
});
