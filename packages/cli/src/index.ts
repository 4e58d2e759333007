/**
 * The `specforge` command. Its commands call the library packages (`@specforge/core`,
 * `@specforge/template-registry`); what is exported here is for tools that document or embed
 * the command.
 *
 * @example
 * ```ts
 * import { createProgram } from '@specforge/cli';
 *
 * // Every command of `specforge --help`, with its options, e.g. to write a CLI reference.
 * for (const command of createProgram().commands) {
 *   console.log(command.name(), command.options.map((option) => option.flags).join(' '));
 * }
 * ```
 *
 * @packageDocumentation
 */

/**
 * Builds the `specforge` commander program without running it: every command, subcommand,
 * argument and option, as `specforge --help` shows them. Actions load their implementation only
 * when they run, so walking the program (to generate a CLI reference) loads nothing else.
 *
 * @example
 * ```ts
 * import { createProgram } from '@specforge/cli';
 *
 * const program = createProgram();
 * program.commands.map((command) => command.name()); // ['init', 'plan', 'status', …]
 * ```
 */
export { createProgram } from './program.js';
