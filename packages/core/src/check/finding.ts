import { type ErrorCode, errorCatalog } from '../errors/catalog.js';

/** The codes a check can report: the `SPECFORGE_CHECK_*` entries of the error catalog. */
export type CheckCode = Extract<ErrorCode, `SPECFORGE_CHECK_${string}`>;

/**
 * One problem a check found in a spec or plan. `severity` follows the code's catalog `kind`:
 * `problem` codes are errors (they fail `specforge check`), `warning` codes are warnings.
 */
export interface Finding {
  /** A permanent `SPECFORGE_CHECK_*` code, or the code of the error that kept a document from being read at all. */
  code: CheckCode | 'SPECFORGE_FRONT_MATTER_INVALID' | 'SPECFORGE_FILE_TOO_LARGE';
  /** `error` for a `problem` code (it fails `specforge check`), `warning` for a `warning` code. */
  severity: 'error' | 'warning';
  /** What is wrong, filled from the catalog's message for this finding. */
  message: string;
  /** The file as the caller named it. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column, in Unicode code points. */
  column: number;
  /** What to do about it: the catalog's hint for the code. */
  hint: string;
}

/** Builds a {@link Finding} from its catalog entry; the message is filled from `args`. */
export function createFinding<C extends CheckCode>(
  code: C,
  args: Parameters<(typeof errorCatalog)[C]['message']>[0],
  at: { file: string; line: number; column: number },
): Finding {
  const entry = errorCatalog[code];
  // biome-ignore lint/suspicious/noExplicitAny: each entry narrows its own args type
  const message = (entry.message as (a: any) => string)(args);
  const severity = entry.kind === 'warning' ? 'warning' : 'error';
  return {
    code,
    severity,
    message,
    file: at.file,
    line: at.line,
    column: at.column,
    hint: entry.hint,
  };
}

/** Orders findings by file, line and column, the order people read them in (then by code, so the order never depends on the order checks ran in). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
