import { type ErrorCode, errorCatalog } from './catalog.js';

/** Where in a file a problem sits. Lines and columns are 1-based. */
export interface SourceLocation {
  /** Path as the user gave it, or relative to the project root. */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
}

/** Options accepted by {@link SpecforgeError}. */
export interface SpecforgeErrorOptions {
  /** Where the problem sits, shown as `file:line:column`. */
  location?: SourceLocation;
  /** Overrides the catalog's hint when the situation calls for a more precise one. */
  hint?: string;
  /** The error that led to this one, kept as the standard `cause`. */
  cause?: unknown;
}

// The same symbol in every copy of this package. An install may hold two copies of
// @specforge/core (the bundled CLI carries its own; @specforge/docs-site, an optional peer,
// imports the installed one), and an error one copy throws must still be recognised as coded
// by the other, or the CLI reports it as an internal error (exit 70).
const specforgeErrorBrand = Symbol.for('@specforge/core:SpecforgeError');

/**
 * The one error type specforge throws on purpose. Every instance carries a permanent
 * `code` from the {@link errorCatalog}, a message that says what happened, a hint that says
 * what to do, and, where there is one, the file position that caused it.
 *
 * @example
 * ```ts
 * throw new SpecforgeError('SPECFORGE_SPEC_NOT_FOUND', { file: 'spec.md' }, { location: { file: 'spec.md' } });
 * ```
 */
export class SpecforgeError<C extends ErrorCode = ErrorCode> extends Error {
  /** Always `SpecforgeError`, whatever the code. */
  override readonly name = 'SpecforgeError';
  /** The permanent catalog code, e.g. `SPECFORGE_SPEC_NOT_FOUND`. */
  readonly code: C;
  /** What to do: the catalog's hint, or the more precise one the thrower gave. */
  readonly hint: string;
  /** Where the problem sits, when it comes from a file position. */
  readonly location: SourceLocation | undefined;
  /** Exit-code class from the catalog: `usage` (bad input), `problem` (found problems), `conflict`. */
  readonly kind: (typeof errorCatalog)[C]['kind'];

  constructor(
    code: C,
    args: Parameters<(typeof errorCatalog)[C]['message']>[0],
    options: SpecforgeErrorOptions = {},
  ) {
    const entry = errorCatalog[code];
    // biome-ignore lint/suspicious/noExplicitAny: each entry narrows its own args type
    super((entry.message as (a: any) => string)(args), { cause: options.cause });
    this.code = code;
    this.kind = entry.kind;
    this.hint = options.hint ?? entry.hint;
    this.location = options.location;
    brandSpecforgeError(this);
  }

  /**
   * This error, placed at `location` when it has no location of its own: e.g. a source error
   * raised while resolving a manifest's `extends` points at that manifest line.
   */
  locatedAt(location: SourceLocation | undefined): SpecforgeError<C> {
    if (!location || this.location) return this;
    const copy = Object.create(Object.getPrototypeOf(this)) as SpecforgeError<C>;
    Object.defineProperties(copy, Object.getOwnPropertyDescriptors(this));
    Object.defineProperty(copy, 'location', { value: location, enumerable: true });
    return copy;
  }
}

/** Marks `error` as one {@link isSpecforgeError} recognises from any copy of this package. */
export function brandSpecforgeError(error: Error): void {
  Object.defineProperty(error, specforgeErrorBrand, { value: true });
}

/**
 * True when `value` is a {@link SpecforgeError}, optionally with the given code; also when
 * another copy of `@specforge/core` in the same process threw it.
 */
export function isSpecforgeError<C extends ErrorCode>(
  value: unknown,
  code?: C,
): value is SpecforgeError<C> {
  const coded =
    value instanceof SpecforgeError ||
    // Thrown by another copy of this package (see specforgeErrorBrand).
    (value instanceof Error && Reflect.get(value, specforgeErrorBrand) === true);
  return coded && (code === undefined || (value as SpecforgeError).code === code);
}

/** Formats a location as `file:line:column`, leaving out the parts that are unknown. */
export function formatLocation(location: SourceLocation): string {
  let out = location.file;
  if (location.line !== undefined) {
    out += `:${location.line}`;
    if (location.column !== undefined) out += `:${location.column}`;
  }
  return out;
}
