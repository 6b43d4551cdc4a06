// Runs `calendar …` commands as a process (the lead wires them into src/cli/main.ts).
// ADAL_CALENDAR_TRANSFERS: a transfers file instead of config/calendar-transfers.yaml.
import { Command } from "commander";
import { registerCalendarCommands } from "../../src/cli/calendar.js";
import { createWorkCalendar } from "../../src/domain/calendar/work-calendar.js";

const program = new Command("adal").showHelpAfterError();
const transfersFile = process.env.ADAL_CALENDAR_TRANSFERS;
registerCalendarCommands(program, () => createWorkCalendar(transfersFile ? { transfersFile } : {}));
await program.parseAsync(process.argv);
