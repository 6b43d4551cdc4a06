// Runs the `adal` CLI from source (bin/adal.js runs the same code compiled in dist/).
import { runCli } from "../../src/cli/main.js";

await runCli(process.argv);
