import { type ErrorCode, errorCatalog } from './catalog.js';
import type { SourceLocation } from './specforge-error.js';

/** A problem worth telling the user about that does not stop the command. */
export interface Diagnostic {
  code: ErrorCode;
  severity: 'warning';
  message: string;
  hint: string;
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
