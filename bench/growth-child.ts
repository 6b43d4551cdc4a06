// A measured phase of bench/growth.ts in a process of its own, so that its peak resident
// memory (getrusage's maxrss) is its own. Prints one JSON line.
//   tsx bench/growth-child.ts fold|close|results|xlsx|csv|docx CAMPAIGN_ID [OUT_DIR]
import { statSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openDatabase } from "../src/db/client.js";
import { foldOpenBallotBox } from "../src/db/repositories/survey-answers.js";
import { wipeFreedPages } from "../src/db/repositories/storage-hygiene.js";
import { createKeyring } from "../src/domain/crypto.js";
import { writeResultsFile } from "../src/domain/surveys/report/files.js";
import { createI18n } from "../src/i18n.js";
import { closeSurveyCampaign, computeResults } from "../src/services/surveys.js";
import { standardLabels } from "../src/services/survey-labels.js";

const K = 5;
const url = process.env.BENCH_DB!;
const keyring = createKeyring([Buffer.alloc(32, 0x11)]);
const peakRss = () => process.resourceUsage().maxRSS * 1024;

async function child(phase: string, campaignId: number, extra: string | undefined): Promise<void> {
  const db = await openDatabase(url);
  const base = peakRss();
  const labels = standardLabels({ i18n: await createI18n() });
  const args = { campaignId, today: "2026-03-25", labels, viewer: { kind: "cli" as const, osUser: "bench" }, k: K };
  const out: Record<string, unknown> = {};
  const t0 = performance.now();
  if (phase === "fold") {
    // As the dispatcher folds: batches (one transaction each) until fewer than 2k wait.
    let folded = 0;
    let batches = 0;
    for (let n; (n = await foldOpenBallotBox(db.prisma, db.provider, keyring, { campaignId, k: K })) > 0; batches++) folded += n;
    out.folded = folded;
    out.batches = batches;
    out.foldMs = performance.now() - t0;
    await wipeFreedPages(db);
    out.wipeMs = performance.now() - t0 - (out.foldMs as number);
  } else if (phase === "close") {
    await closeSurveyCampaign({ db, keyring, k: K }, { id: campaignId, mode: "anonymous" }, "2026-03-21");
    out.ms = performance.now() - t0;
  } else if (phase === "results") {
    const first = await computeResults(db.prisma, keyring, { ...args, view: "screen" });
    out.firstMs = performance.now() - t0;
    if (!first.ok) throw new Error(first.error);
    const t1 = performance.now();
    await computeResults(db.prisma, keyring, { ...args, view: "screen" });
    out.ms = performance.now() - t1;
  } else {
    const i18n = await createI18n();
    // As the bot and the command line export: texts read per question, the file streamed.
    const format = phase as "xlsx" | "csv" | "docx";
    const r = await computeResults(db.prisma, keyring, { ...args, view: format, textsOnDemand: true });
    if (!r.ok) throw new Error(r.error);
    out.resultsMs = performance.now() - t0;
    const t1 = performance.now();
    const file = join(extra!, `results.${phase}`);
    await writeResultsFile(file, r.results, format, "ru", i18n.t("ru"));
    out.renderMs = performance.now() - t1;
    out.bytes = statSync(file).size;
  }
  out.baseRss = base;
  out.peakRss = peakRss();
  await db.close();
  console.log(JSON.stringify(out));
}

await child(process.argv[2]!, Number(process.argv[3]), process.argv[4]);
