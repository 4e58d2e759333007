import { createHash } from 'node:crypto';

/** The SHA-256 of `data` (text is hashed as UTF-8), as lower-case hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Turns CRLF and lone CR line endings into LF. */
export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
