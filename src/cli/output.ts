// How the CLI commands print and refuse: through commander, so that tests (exitOverride,
// configureOutput) see the same output and exit codes as a terminal.
import type { Command } from "commander";

/** Prints an error and exits with code 2; `code` names the error for exitOverride. */
export function failWith(cmd: Command, code: string, message: string): never {
  // The program shows help after usage errors; for a bad value the message says it all.
  cmd.showHelpAfterError(false);
  return cmd.error(`error: ${message}`, { exitCode: 2, code });
}

/** Writes to the command's standard output. */
export function print(cmd: Command, text: string): void {
  const write = cmd.configureOutput().writeOut ?? ((s: string) => process.stdout.write(s));
  write(text);
}
