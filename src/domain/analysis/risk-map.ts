// PLACEHOLDER (h15-rep) — replaced by the owner's module at merge
import { createCanvas } from "@napi-rs/canvas";
import type { Translate } from "../../i18n-resources.js";
import type { Lang } from "../lang.js";
import type { RiskEntry } from "./register.js";

export async function renderRiskMapPng(_risks: RiskEntry[], _t: Translate, _lang: Lang): Promise<Buffer> {
  return createCanvas(4, 4).encode("png");
}

export function riskLevel(likelihood: number, impact: number): "low" | "medium" | "high" | "critical" {
  const score = likelihood * impact;
  return score >= 20 ? "critical" : score >= 10 ? "high" : score >= 5 ? "medium" : "low";
}
