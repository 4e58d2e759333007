import { errorCatalog } from '@specforge/core';
import { markdownCode, markdownProse, markdownTable, markdownText } from './markdown-text.js';

/** A kind of error of the catalog: what it means and the exit code the CLI gives it. */
export interface ErrorKindInfo {
  /** The exit code, or `undefined` for warnings, which never fail a command. */
  exitCode: number | undefined;
  meaning: string;
}

/**
 * The exit code of each kind of the error catalog, as `errorCatalog`'s documentation and the
 * CLI define it (docs/cli.md, "Exit codes"). A kind missing here fails the generator, so a new
 * kind cannot reach the reference without its exit code.
 */
export const errorKinds: Readonly<Record<string, ErrorKindInfo>> = {
  usage: { exitCode: 2, meaning: 'bad usage or bad input' },
  problem: { exitCode: 1, meaning: 'the command ran and found problems' },
  conflict: { exitCode: 3, meaning: 'unresolved merge conflicts' },
  warning: { exitCode: undefined, meaning: 'reported, but never fails a command' },
};

/** One entry of the catalog, as the reference shows it. */
export interface ErrorCodeEntry {
  code: string;
  kind: string;
  exitCode: number | undefined;
  /** The message with `<name>` in place of each argument it is built from. */
  message: string;
  hint: string;
}

/**
 * Every entry of the error catalog with its kind, exit code, hint, and its message with a
 * `<name>` placeholder for each argument, in catalog order.
 *
 * @throws Error when an entry has a kind {@link errorKinds} does not know.
 */
export function listErrorCodes(): ErrorCodeEntry[] {
  return Object.entries(errorCatalog).map(([code, entry]) => {
    const kind = errorKinds[entry.kind];
    if (!kind)
      throw new Error(
        `${code} has the kind ${entry.kind}, which the error-code reference does not know.`,
      );
    return {
      code,
      kind: entry.kind,
      exitCode: kind.exitCode,
      message: sampleMessage(entry.message as (args: never) => string),
      hint: entry.hint,
    };
  });
}

/**
 * The error-code reference as Markdown: the exit code of each kind, then a table of every
 * catalog entry (code, kind, exit code, message, hint), generated from `errorCatalog` so it
 * cannot drift from the codes specforge raises.
 */
export function renderErrorCodes(): string {
  const entries = listErrorCodes();
  const kindRows = Object.entries(errorKinds).map(([kind, info]) => [
    markdownCode(kind),
    info.exitCode === undefined ? 'none' : String(info.exitCode),
    markdownText(info.meaning),
  ]);
  const rows = entries.map((entry) => [
    markdownCode(entry.code),
    markdownCode(entry.kind),
    entry.exitCode === undefined ? 'none' : String(entry.exitCode),
    markdownProse(entry.message),
    markdownProse(entry.hint),
  ]);
  return `${[
    '# Error codes',
    '',
    `Every error and warning specforge reports carries a permanent code, printed with its message and a hint (and in \`--json\` output as \`error.code\`). Codes are never reused or renamed. This page is generated from the error catalog of \`@specforge/core\`: ${entries.length} codes.`,
    '',
    '## Exit codes',
    '',
    'The kind of an error decides the exit code of the command that met it; 70 is left for bugs in specforge (run again with `--debug` and report it). See also [the exit codes of each command](cli.md#exit-codes).',
    '',
    markdownTable(['Kind', 'Exit code', 'Meaning'], kindRows),
    '',
    '## Codes',
    '',
    'Messages show each value they are built from as `<name>`.',
    '',
    markdownTable(['Code', 'Kind', 'Exit code', 'Message', 'Hint'], rows),
  ].join('\n')}\n`;
}

/**
 * Calls a catalog message with placeholder arguments: each argument reads as `<name>`, as a
 * string, a number in a template literal, a list (`join`, `length`) or JSON.
 */
function sampleMessage(message: (args: never) => string): string {
  const args = new Proxy(
    {},
    {
      get: (_target, name) => (typeof name === 'string' ? placeholder(name) : undefined),
    },
  );
  try {
    // A message that is one argument (`(a) => a.reason`) returns the placeholder itself.
    return String(message(args as never));
  } catch (error) {
    return `(a message built from its arguments: ${(error as Error).message})`;
  }
}

function placeholder(name: string): object {
  const text = `<${name}>`;
  return Object.assign(new String(text), {
    join: () => text,
    map: () => [text],
    toJSON: () => text,
  });
}
