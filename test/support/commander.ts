// Runs `adal` subcommands in-process: output captured, exit codes returned instead of exiting.
import { Command, CommanderError } from "commander";

export interface CommandRun {
  out: string;
  err: string;
  exitCode: number;
}

export async function runCommands(register: (program: Command) => unknown, args: string[]): Promise<CommandRun> {
  let out = "";
  let err = "";
  const program = new Command("adal")
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  register(program);
  let exitCode = 0;
  try {
    await program.parseAsync(args, { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    exitCode = error.exitCode;
  }
  return { out, err, exitCode };
}
