import type { HbLocation, HbPosition } from './_handlebars.js';
import type { BodyOrigin } from './_location.js';

/** A compiled Handlebars body with what error mapping needs to point into it. */
export interface CompiledOrigin extends BodyOrigin {
  /** Where the body calls each partial (see `listPartialCalls`). */
  partialCalls: ReadonlyMap<string, HbPosition>;
}

/**
 * A helper failed (bad arguments, or a trusted helper threw). Carries the position Handlebars
 * passed to the helper, which is relative to the body the call sits in.
 */
export class HelperFailure extends Error {
  override readonly name = 'HelperFailure';
  constructor(
    readonly helper: string,
    readonly reason: string,
    readonly loc: HbLocation | undefined,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

/**
 * An error raised while a partial rendered. Positions inside it are relative to the partial's
 * body, so the error travels with the partial's origin to be located in the partial's file.
 */
export class PartialFailure extends Error {
  override readonly name = 'PartialFailure';
  constructor(
    readonly partial: string,
    readonly origin: CompiledOrigin,
    readonly error: unknown,
  ) {
    super(`in partial ${partial}`, { cause: error });
  }
}

/** True for errors that already know where they happened and must pass through unchanged. */
export function isLocatedFailure(error: unknown): boolean {
  if (error instanceof HelperFailure || error instanceof PartialFailure) return true;
  // Handlebars exceptions with a position (strict lookups) belong to the expression that raised them.
  return (
    error instanceof Error && typeof (error as { lineNumber?: unknown }).lineNumber === 'number'
  );
}
