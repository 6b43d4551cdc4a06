// The survey format guides (docs/survey-format.md, .ru.md, .kk.md): every YAML example in them
// must pass the validator, so the guides officers read cannot drift from what the bot accepts.
// A complete definition is validated as it is; a `sections:` block or a list of questions is
// wrapped into a minimal definition first. English blocks with "…" placeholders are skipped.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { validateDefinition } from "../../src/domain/surveys/definition.js";

const docs = join(__dirname, "..", "..", "docs");
const title = { kk: "Үлгі", ru: "Образец" };

/** The ```yaml blocks of a markdown file. */
function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
}

/** A block as a definition to validate, or null when it is not one of the three shapes. */
function asDefinition(data: unknown): unknown {
  if (Array.isArray(data)) return { id: "guide", title, sections: [{ id: "s", title, questions: data }] };
  if (data && typeof data === "object" && "sections" in data) return "id" in data ? data : { id: "guide", title, ...data };
  return null;
}

describe.each([
  ["survey-format.ru.md", 9],
  ["survey-format.kk.md", 9],
  ["survey-format.md", 8],
])("docs/%s", (file, atLeast) => {
  const blocks = yamlBlocks(readFileSync(join(docs, file), "utf8"));
  const checked = file === "survey-format.md" ? blocks.filter((b) => !b.includes("…")) : blocks;

  it(`has its examples (at least ${atLeast} checked)`, () => {
    expect(checked.length).toBeGreaterThanOrEqual(atLeast);
  });

  it.each(checked.map((b, i) => [i + 1, b] as const))("example %i is a valid definition or part of one", (_, block) => {
    const definition = asDefinition(parseYaml(block));
    if (file !== "survey-format.md") expect(definition, block).not.toBeNull();
    if (definition === null) return;
    const result = validateDefinition(definition);
    expect(result.ok ? [] : result.issues, block).toEqual([]);
  });
});
