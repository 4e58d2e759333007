import { type Command, CommanderError } from 'commander';
import { createProgram } from './program.js';

/** Runs the specforge CLI with `argv` as in `process.argv`, setting `process.exitCode`. */
export async function main(argv: string[]): Promise<void> {
  const program = createProgram();
  // Usage errors (unknown flag, missing argument) exit 2, as every bad-usage error does.
  const exitOverride = (error: CommanderError) => {
    throw error;
  };
  const override = (command: Command): void => {
    command.exitOverride(exitOverride);
    for (const sub of command.commands) override(sub);
  };
  override(program);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  }
}
