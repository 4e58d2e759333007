import { SpecforgeError } from '@specforge/core';

/** A `SPECFORGE_OVERLAY_INVALID` error at a line of the overlay file. */
export function overlayInvalid(
  file: string,
  line: number,
  reason: string,
  hint?: string,
  column?: number,
): SpecforgeError<'SPECFORGE_OVERLAY_INVALID'> {
  return new SpecforgeError(
    'SPECFORGE_OVERLAY_INVALID',
    { reason },
    {
      location: { file, line, ...(column === undefined ? {} : { column }) },
      ...(hint ? { hint } : {}),
    },
  );
}

/** `#` marks for a heading level, for messages: 3 → `###`. */
export function hashes(level: number): string {
  return '#'.repeat(level);
}
