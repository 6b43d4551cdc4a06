// An export of survey results written to a file (the bot sends it from a temporary file, the
// command line writes where it was told). XLSX and CSV are streamed into the file as they are
// built: the export of 100k responses never holds the whole file, nor all of its free texts
// when the results were computed with `textsOnDemand` (services/surveys.ts).
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { finished } from "node:stream/promises";
import type { Translate } from "../../../i18n-resources.js";
import type { Lang, SurveyResults } from "../results.js";
import { writeResultsCsv } from "./csv.js";
import { renderResultsDocx } from "./docx.js";
import { writeResultsXlsx } from "./xlsx.js";

export type ResultsFormat = "xlsx" | "csv" | "docx";

/** Writes the export to `file` (created with `mode`, before the umask); a failed one leaves no file behind. */
export async function writeResultsFile(file: string, results: SurveyResults, format: ResultsFormat, lang: Lang, t: Translate, mode = 0o666): Promise<void> {
  const out = createWriteStream(file, { mode });
  try {
    if (format === "xlsx") await writeResultsXlsx(results, lang, t, out);
    else if (format === "csv") await writeResultsCsv(results, lang, t, out);
    // The DOCX lists at most a few texts per question: the docx library builds it in memory.
    else out.write(await renderResultsDocx(results, lang, t));
    out.end();
    await finished(out);
  } catch (error) {
    out.destroy();
    await rm(file, { force: true });
    throw error;
  }
}
