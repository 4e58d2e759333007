import { SpecforgeError } from '../errors/specforge-error.js';

/**
 * The largest file specforge reads as a document (a spec, plan, template, config, manifest or
 * lock): 8 MiB. Real specs and templates are a few kilobytes; the bound keeps a stray file
 * (a log, a dump) from taking seconds and hundreds of megabytes before failing elsewhere.
 */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

/**
 * Throws `SPECFORGE_FILE_TOO_LARGE` when `size` bytes exceed {@link MAX_DOCUMENT_BYTES}.
 *
 * @param file - The file as messages name it.
 */
export function assertDocumentSize(size: number, file: string): void {
  if (size > MAX_DOCUMENT_BYTES) {
    throw new SpecforgeError(
      'SPECFORGE_FILE_TOO_LARGE',
      { file, size, limit: MAX_DOCUMENT_BYTES },
      { location: { file } },
    );
  }
}
