// Survey answers against a bare grammY bot, on SQLite and on PostgreSQL, side by side in one
// run, with the targets of issue 11. Prints figures, asserts nothing.
// Run: npx tsx bench/answers.ts (npm run bench runs it). PostgreSQL: BENCH_POSTGRES_URL, else a
// DATABASE_URL of PostgreSQL, else the local server's `adal_bench` database (created when
// missing; its Adal tables are emptied); skipped when no server answers.
// Each database is measured in a process of its own (bench/answers-run.ts, which also runs
// alone), so one's memory and compiled code do not carry into the other.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { benchPostgresUrl } from "./postgres-url.js";

interface Phase {
  rate: number;
  cpuMs: number;
  p50: number;
  p95: number;
  p99: number;
  missed: number;
}
interface Result {
  provider: string;
  ours: { saturated: Phase; offered: Phase };
  bare: { saturated: Phase; offered: Phase };
  roundTrips: { button: number; typed: number; open: number; submit: number };
  rssMiB: number;
}

const runner = fileURLToPath(new URL("./answers-run.ts", import.meta.url));

function measure(databaseUrl: string | undefined): Promise<Result> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    if (databaseUrl) env.DATABASE_URL = databaseUrl;
    else delete env.DATABASE_URL;
    const child = spawn(process.execPath, [...process.execArgv, runner], { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      process.stdout.write(chunk.toString().replace(/^BENCH_RESULT .*\n?/m, ""));
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
      if (code !== 0 || !line) return reject(new Error(`bench/answers-run.ts exited with ${code}`));
      resolve(JSON.parse(line.slice("BENCH_RESULT ".length)) as Result);
    });
  });
}


const results: Result[] = [await measure(undefined)];
const pgUrl = await benchPostgresUrl();
if (pgUrl) results.push(await measure(pgUrl));
else console.log("PostgreSQL: no server at 127.0.0.1:5432 and no BENCH_POSTGRES_URL; measured on SQLite only");

// ── side by side, with the targets ──
const targets: Record<string, { rate: number; ratio: number }> = { sqlite: { rate: 1000, ratio: 0.2 }, postgres: { rate: 500, ratio: 0.1 } };
const n = (x: number, digits = 0) => x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const rows: [string, (r: Result) => string][] = [
  ["saturated updates/s, Adal", (r) => n(r.ours.saturated.rate)],
  ["saturated updates/s, bare grammY", (r) => n(r.bare.saturated.rate)],
  ["ratio to bare grammY", (r) => n(r.ours.saturated.rate / r.bare.saturated.rate, 3)],
  ["CPU per update, Adal / bare (ms)", (r) => `${n(r.ours.saturated.cpuMs, 3)} / ${n(r.bare.saturated.cpuMs, 3)}`],
  ["saturated p50 / p99, Adal (ms)", (r) => `${n(r.ours.saturated.p50, 1)} / ${n(r.ours.saturated.p99, 1)}`],
  ["at 300/s offered: handled/s, p50 / p99 (ms)", (r) => `${n(r.ours.offered.rate)}, ${n(r.ours.offered.p50, 1)} / ${n(r.ours.offered.p99, 1)}`],
  ["bare grammY at 300/s: p50 / p99 (ms)", (r) => `${n(r.bare.offered.p50, 1)} / ${n(r.bare.offered.p99, 1)}`],
  ["round trips: button / typed / open / submit", (r) => `${n(r.roundTrips.button, 1)} / ${n(r.roundTrips.typed, 1)} / ${n(r.roundTrips.open)} / ${n(r.roundTrips.submit)}`],
  ["resident memory after the run (MiB)", (r) => n(r.rssMiB)],
  [
    "targets: updates/s, ratio, p99 at 300/s",
    (r) => {
      const t = targets[r.provider]!;
      const ok = [r.ours.saturated.rate >= t.rate, r.ours.saturated.rate / r.bare.saturated.rate >= t.ratio, r.ours.offered.p99 <= 50];
      return ok.map((x) => (x ? "met" : "NOT met")).join(" / ");
    },
  ],
];
const width = Math.max(...rows.map(([label]) => label.length));
console.log(`\nsurvey answers, side by side (${new Date().toISOString().slice(0, 16)}Z, load average ${(await import("node:os")).loadavg().map((l) => l.toFixed(1)).join(" ")})`);
console.log(`${"".padEnd(width)}  ${results.map((r) => r.provider.padStart(24)).join("  ")}`);
for (const [label, cell] of rows) console.log(`${label.padEnd(width)}  ${results.map((r) => cell(r).padStart(24)).join("  ")}`);
console.log(`targets of issue 11: SQLite ≥${n(targets.sqlite!.rate)} updates/s and ≥${targets.sqlite!.ratio}× bare grammY, PostgreSQL ≥${n(targets.postgres!.rate)} and ≥${targets.postgres!.ratio}×; p99 ≤50 ms at 300 updates/s offered`);
