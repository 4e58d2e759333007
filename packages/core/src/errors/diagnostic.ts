import { type ErrorCode, errorCatalog } from './catalog.js';
import type { SourceLocation } from './specforge-error.js';

/** A problem worth telling the user about that does not stop the command. */
export interface Diagnostic {
  /** The permanent catalog code, e.g. `SPECFORGE_SPEC_INVALID_UTF8`. */
  code: ErrorCode;
  /** Always `warning`: a diagnostic never fails a command. */
  severity: 'warning';
  /** What happened, filled from the catalog's message. */
  message: string;
  /** What to do about it: the catalog's hint. */
  hint: string;
  /** Where in which file, when known. */
  location: SourceLocation | undefined;
}

/** Builds a warning {@link Diagnostic} from a catalog entry. */
export function createWarning<C extends ErrorCode>(
  code: C,
  args: Parameters<(typeof errorCatalog)[C]['message']>[0],
  location?: SourceLocation,
): Diagnostic {
  const entry = errorCatalog[code];
  // biome-ignore lint/suspicious/noExplicitAny: each entry narrows its own args type
  const message = (entry.message as (a: any) => string)(args);
  return { code, severity: 'warning', message, hint: entry.hint, location };
}
