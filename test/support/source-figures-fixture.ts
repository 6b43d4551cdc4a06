// Seed 001's figures from the other sources, as an officer would enter them (2022 and 2023).
import type { SourceFigureInput } from "../../src/domain/analysis/source-figures.js";

export const fig = (kind: SourceFigureInput["kind"], period: string, category: string, count: number, topic = "", source: string | null = null): SourceFigureInput => ({ kind, period, category, topic, count, source, note: null });

const SPAN = "2022-01-01..2023-12-31";
export const SEED_001: SourceFigureInput[] = [
  fig("appeals", "2022", "total", 2342, "", "Проектный офис «Е-Өтініш» и «Е-Нәтиже»"),
  fig("appeals", "2023", "total", 270, "", "Проектный офис «Е-Өтініш» и «Е-Нәтиже»"),
  fig("appeals", SPAN, "individual", 2882, "", "Проектный офис «Е-Өтініш» и «Е-Нәтиже»"),
  fig("appeals", SPAN, "legal_entity", 719, "", "Проектный офис «Е-Өтініш» и «Е-Нәтиже»"),
  fig("appeals", SPAN, "anonymous", 11, "", "Проектный офис «Е-Өтініш» и «Е-Нәтиже»"),
  fig("court", SPAN, "total", 118),
  fig("court", SPAN, "defendant", 83),
  fig("court", SPAN, "defendant_satisfied", 30),
  fig("court", SPAN, "defendant_pending", 15),
  ...([["remark", 1031], ["reprimand", 385], ["severe_reprimand", 233], ["severe_warning", 1]] as const).map(([c, n]) => fig("penalties", "2022", c, n)),
  ...([["remark", 1426], ["reprimand", 663], ["severe_reprimand", 457], ["dismissal", 1]] as const).map(([c, n]) => fig("penalties", "2023", c, n)),
];
