import { createHash } from "node:crypto";
import type { Db } from "../client.js";
import type { SurveyDefinition } from "../../domain/surveys/definition.js";

export interface DefinitionRecord {
  id: number;
  slug: string;
  version: number;
  definition: SurveyDefinition;
  source: string;
}

function toRecord(row: { id: number; slug: string; version: number; content: string; source: string }): DefinitionRecord {
  return { id: row.id, slug: row.slug, version: row.version, source: row.source, definition: JSON.parse(row.content) as SurveyDefinition };
}

/**
 * Stores a validated definition. Same slug and same content as the latest version: nothing
 * new. Same slug, different content: the next version (campaigns keep the one they pinned).
 */
export async function saveDefinition(db: Db, definition: SurveyDefinition, source: string, createdById: number | null): Promise<{ record: DefinitionRecord; created: boolean }> {
  const content = JSON.stringify(definition);
  const checksum = createHash("sha256").update(content).digest("hex");
  return db.$transaction(async (tx) => {
    const latest = await tx.surveyDefinition.findFirst({ where: { slug: definition.id }, orderBy: { version: "desc" } });
    if (latest && latest.checksum === checksum) return { record: toRecord(latest), created: false };
    const row = await tx.surveyDefinition.create({
      data: { slug: definition.id, version: (latest?.version ?? 0) + 1, title: JSON.stringify(definition.title), content, checksum, source, createdById },
    });
    return { record: toRecord(row), created: true };
  });
}

export async function getDefinition(db: Db, id: number): Promise<DefinitionRecord | null> {
  const row = await db.surveyDefinition.findUnique({ where: { id } });
  return row ? toRecord(row) : null;
}

/** The latest version of every definition, newest first. */
export async function listLatestDefinitions(db: Db): Promise<DefinitionRecord[]> {
  const rows = await db.surveyDefinition.findMany({ orderBy: [{ slug: "asc" }, { version: "desc" }] });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.slug)) latest.set(r.slug, r);
  return [...latest.values()].sort((a, b) => b.id - a.id).map(toRecord);
}
