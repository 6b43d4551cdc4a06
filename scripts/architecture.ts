// Checks the shape of src/ that docs/architecture.md describes, so that a maintainer (and CI,
// through test/architecture.test.ts) sees a break at once:
//  * layers: no import runs back up (domain → infrastructure → db → services → bot → jobs/http
//    → cli/main), and domain/ and jobs/ use no grammY;
//  * features do not import each other (shared pieces live in bot/ui, bot/flow, domain/);
//  * repositories (src/db/) are the only callers of Prisma, and only services and jobs write
//    the audit log (the bot asks a service);
//  * no function in src/bot/ is longer than MAX_FUNCTION_LINES.
// Run: npx tsx scripts/architecture.ts   (prints every finding; exit 1 when there is one)
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "@babel/parser";

export const MAX_FUNCTION_LINES = 100;

/** Layers, lowest first. A module may import its own layer's modules and lower ones only. */
const LAYERS: Array<{ name: string; match: (path: string) => boolean }> = [
  { name: "paths", match: (p) => p === "paths.ts" || p === "i18n-resources.ts" },
  { name: "domain", match: (p) => p.startsWith("domain/") },
  { name: "infrastructure", match: (p) => ["config.ts", "logger.ts", "metrics.ts", "i18n.ts", "scheduler.ts"].includes(p) },
  { name: "db", match: (p) => p.startsWith("db/") || p.startsWith("generated/") },
  { name: "services", match: (p) => p.startsWith("services/") },
  { name: "bot", match: (p) => p.startsWith("bot/") },
  { name: "jobs", match: (p) => p.startsWith("jobs/") },
  { name: "http", match: (p) => p.startsWith("http/") },
  { name: "entry", match: (p) => p === "main.ts" || p.startsWith("cli/") },
];
/** Layers side by side: neither may import the other. */
const SIBLINGS = new Set(["jobs", "http"]);
/** Packages a layer must not use. */
const FORBIDDEN_PACKAGES: Record<string, RegExp> = {
  domain: /^(grammy|@grammyjs\/|@prisma\/|\.prisma)/,
  jobs: /^(grammy|@grammyjs\/)/,
};

const PRISMA_CALL = /\b(?:db|prisma|tx|client)\s*\.\s*(?:\$(?:queryRaw|queryRawUnsafe|executeRaw|executeRawUnsafe|transaction)\b|[a-z]\w*\s*\.\s*(?:findMany|findFirst|findFirstOrThrow|findUnique|findUniqueOrThrow|create|createMany|update|updateMany|upsert|delete|deleteMany|count|aggregate|groupBy)\s*\()/;

export interface Finding {
  rule: "layer" | "package" | "feature" | "prisma" | "audit" | "length";
  file: string;
  line: number;
  message: string;
}

function layerOf(path: string): number {
  return LAYERS.findIndex((l) => l.match(path));
}

function filesUnder(dir: string, root: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "generated") out.push(...filesUnder(full, root));
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(relative(root, full).split(sep).join("/"));
  }
  return out.sort();
}

interface ImportEdge {
  source: string;
  line: number;
  typeOnly: boolean;
}

type AstNode = { type: string; loc?: { start: { line: number }; end: { line: number } }; [key: string]: unknown };

function parseFile(code: string): AstNode {
  return parse(code, { sourceType: "module", plugins: ["typescript"] }) as unknown as AstNode;
}

function importsOf(ast: AstNode): ImportEdge[] {
  const body = (ast as unknown as { program: { body: AstNode[] } }).program.body;
  const edges: ImportEdge[] = [];
  for (const node of body) {
    if ((node.type === "ImportDeclaration" || node.type === "ExportNamedDeclaration" || node.type === "ExportAllDeclaration") && node.source) {
      const kind = (node.importKind ?? node.exportKind) as string | undefined;
      const specifiers = (node.specifiers ?? []) as AstNode[];
      const typeOnly = kind === "type" || (specifiers.length > 0 && specifiers.every((s) => s.importKind === "type" || s.exportKind === "type"));
      edges.push({ source: (node.source as { value: string }).value, line: node.loc!.start.line, typeOnly });
    }
  }
  return edges;
}

const FUNCTION_TYPES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression", "ObjectMethod", "ClassMethod", "ClassPrivateMethod"]);

/** Every function with its first line and length in lines (nested functions counted on their own too). */
export function functionsOf(ast: AstNode): Array<{ name: string; line: number; lines: number }> {
  const out: Array<{ name: string; line: number; lines: number }> = [];
  const visit = (node: unknown, name: string): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, name);
      return;
    }
    const n = node as AstNode;
    if (typeof n.type !== "string") return;
    let childName = name;
    if (n.type === "VariableDeclarator" && (n.id as AstNode)?.type === "Identifier") childName = (n.id as unknown as { name: string }).name;
    if ((n.type === "ObjectProperty" || n.type === "ClassProperty") && (n.key as AstNode)?.type === "Identifier") childName = (n.key as unknown as { name: string }).name;
    if (FUNCTION_TYPES.has(n.type) && n.loc) {
      const id = (n.id ?? n.key) as { name?: string } | undefined;
      const fname = id?.name ?? name;
      out.push({ name: fname || "(anonymous)", line: n.loc.start.line, lines: n.loc.end.line - n.loc.start.line + 1 });
      childName = fname;
    }
    for (const [key, value] of Object.entries(n)) {
      if (key === "loc" || key === "start" || key === "end" || key === "leadingComments" || key === "trailingComments" || key === "innerComments") continue;
      if (value && typeof value === "object") visit(value, childName);
    }
  };
  visit((ast as unknown as { program: AstNode }).program, "");
  return out;
}

function resolveImport(from: string, source: string, files: Set<string>): string | null {
  if (!source.startsWith(".")) return null;
  const target = join(dirname(from), source).split(sep).join("/").replace(/\.js$/, ".ts");
  if (files.has(target)) return target;
  if (files.has(target.replace(/\.ts$/, "/index.ts"))) return target.replace(/\.ts$/, "/index.ts");
  return target;
}

const featureOf = (p: string) => /^bot\/features\/([^/]+)\//.exec(p)?.[1] ?? null;

export function checkArchitecture(srcRoot: string): Finding[] {
  const files = filesUnder(srcRoot, srcRoot);
  const known = new Set(files);
  const findings: Finding[] = [];
  for (const file of files) {
    const code = readFileSync(join(srcRoot, file), "utf8");
    const ast = parseFile(code);
    const layer = layerOf(file);
    const layerName = LAYERS[layer]?.name ?? "?";
    for (const edge of importsOf(ast)) {
      const target = resolveImport(file, edge.source, known);
      if (target === null) {
        const forbidden = FORBIDDEN_PACKAGES[layerName];
        if (forbidden?.test(edge.source)) findings.push({ rule: "package", file, line: edge.line, message: `${layerName}/ must not use ${edge.source}` });
        continue;
      }
      const targetLayer = layerOf(target);
      const targetName = LAYERS[targetLayer]?.name ?? "?";
      if (layerName === "jobs" && targetName === "bot") {
        findings.push({ rule: "layer", file, line: edge.line, message: `jobs import the bot (${target}): hand plain data to the Notifier of domain/notifications.ts instead` });
        continue;
      }
      if (targetLayer > layer || (targetLayer === layer && targetName !== layerName) || (SIBLINGS.has(layerName) && SIBLINGS.has(targetName) && layerName !== targetName)) {
        findings.push({ rule: "layer", file, line: edge.line, message: `${layerName} imports ${targetName} (${target}): an upward edge` });
      }
      if (target === "db/repositories/audit.ts" && !["services", "jobs", "db"].includes(layerName)) {
        findings.push({ rule: "audit", file, line: edge.line, message: `${layerName} writes the audit log: a service does that` });
      }
      const a = featureOf(file);
      const b = featureOf(target);
      if (a && b && a !== b) findings.push({ rule: "feature", file, line: edge.line, message: `feature ${a} imports feature ${b} (${target}); share it through bot/ui, bot/flow or domain/` });
    }
    if (!file.startsWith("db/")) {
      code.split("\n").forEach((text, i) => {
        if (PRISMA_CALL.test(text)) findings.push({ rule: "prisma", file, line: i + 1, message: `Prisma called outside a repository: ${text.trim().slice(0, 100)}` });
      });
    }
    if (file.startsWith("bot/")) {
      for (const fn of functionsOf(ast)) {
        if (fn.lines > MAX_FUNCTION_LINES) findings.push({ rule: "length", file, line: fn.line, message: `function ${fn.name} has ${fn.lines} lines (at most ${MAX_FUNCTION_LINES})` });
      }
    }
  }
  return findings;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..", "src");
  const findings = checkArchitecture(root);
  for (const f of findings) console.log(`${f.rule.padEnd(8)} src/${f.file}:${f.line}  ${f.message}`);
  const counts = findings.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.rule]: (acc[f.rule] ?? 0) + 1 }), {});
  console.log(findings.length ? `${findings.length} findings: ${JSON.stringify(counts)}` : "architecture: no findings");
  process.exitCode = findings.length ? 1 : 0;
}
