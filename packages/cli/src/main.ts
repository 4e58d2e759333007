import { createProgram } from './program.js';

/** Runs the specforge CLI with the given argv (as `process.argv`). */
export async function main(argv: string[]): Promise<void> {
  await createProgram().parseAsync(argv);
}
