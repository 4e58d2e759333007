import type { Diagnostic, SpecforgeError } from '@specforge/core';
import { formatLocation } from '@specforge/core';
import { displayPath } from './display-path.js';
import { stylerFor } from './style.js';

/** The exit codes every command uses (see docs/cli.md). */
export const ExitCode = { ok: 0, problems: 1, usage: 2, conflict: 3, internal: 70 } as const;

/** The exit code for a specforge error, by its catalog kind. */
export function exitCodeFor(error: SpecforgeError): number {
  const byKind: Record<string, number> = {
    problem: ExitCode.problems,
    conflict: ExitCode.conflict,
  };
  return byKind[error.kind] ?? ExitCode.usage;
}

/** Prints a coded error to stderr: what happened, where, and what to do. */
export function printError(error: SpecforgeError): void {
  const style = stylerFor(process.stderr);
  const lines = [
    `${style(['bold', 'red'], 'error')} ${style('bold', error.code)}: ${error.message}`,
  ];
  if (error.location)
    lines.push(
      `  at ${formatLocation({ ...error.location, file: displayPath(error.location.file) })}`,
    );
  lines.push(`  ${style('cyan', 'hint')}: ${error.hint}`);
  process.stderr.write(`${lines.join('\n')}\n`);
}

/** Prints warnings to stderr. */
export function printWarnings(warnings: readonly Diagnostic[]): void {
  const style = stylerFor(process.stderr);
  for (const warning of warnings) {
    const at = warning.location
      ? `\n  at ${formatLocation({ ...warning.location, file: displayPath(warning.location.file) })}`
      : '';
    process.stderr.write(
      `${style(['bold', 'yellow'], 'warning')} ${style('bold', warning.code)}: ${warning.message}${at}\n`,
    );
  }
}

/** Warnings in `--json` output: code, message, and the location with its file shown as in text output. */
export function warningsToJson(warnings: readonly Diagnostic[], cwd: string): object[] {
  return warnings.map(({ code, message, location }) => ({
    code,
    message,
    location: location ? { ...location, file: displayPath(location.file, cwd) } : null,
  }));
}

/** The JSON form of an error, for `--json` output. */
export function errorToJson(error: SpecforgeError): object {
  const location = error.location
    ? { ...error.location, file: displayPath(error.location.file) }
    : null;
  return { error: { code: error.code, message: error.message, hint: error.hint, location } };
}

/** Prints one JSON document to stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
