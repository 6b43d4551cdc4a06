// PLACEHOLDER (h15-rep) — replaced by the owner's module at merge
import type { Db } from "../db/client.js";
import type { EvidenceLink, RiskEntry } from "../domain/analysis/register.js";
import type { Lang } from "../domain/lang.js";
import type { Translate } from "../i18n-resources.js";

export async function riskRegisterOf(_db: Db, _analysisId: number): Promise<RiskEntry[]> {
  return [];
}

export async function describeEvidence(_db: Db, _link: EvidenceLink, _t: Translate, _lang: Lang): Promise<string> {
  return "";
}
