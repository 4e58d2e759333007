import { isUtf8 } from 'node:buffer';

/** One byte sequence that is not valid UTF-8, and where it sits in the decoded text. */
export interface InvalidUtf8Sequence {
  /** 1-based line in the decoded text; lines end at LF, CR or CRLF, as in the spec model. */
  line: number;
  /** 1-based column in code points; the replacement character U+FFFD stands there. */
  column: number;
  /** Offset of the first bad byte in the input. */
  offset: number;
  /** The bad byte(s) as upper-case hex, e.g. `92`. */
  bytes: string;
}

/** The result of {@link decodeUtf8}. */
export interface DecodedText {
  /** The text, with a leading byte-order mark removed and each bad sequence replaced by U+FFFD. */
  text: string;
  /** True when the input began with a UTF-8 byte-order mark. */
  hadBom: boolean;
  /** Every invalid sequence, in order. Empty for valid UTF-8. */
  invalid: InvalidUtf8Sequence[];
}

const decoder = new TextDecoder('utf-8');

/**
 * Decodes UTF-8 the way every browser does (WHATWG: one U+FFFD per maximal invalid subpart)
 * and, unlike `TextDecoder`, says where each replacement happened so that nothing is altered
 * silently. Valid input takes the fast path.
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const hadBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  // TextDecoder drops a leading BOM itself.
  const text = decoder.decode(bytes);
  if (isUtf8(bytes)) return { text, hadBom, invalid: [] };
  return { text, hadBom, invalid: locateInvalidSequences(bytes, hadBom ? 3 : 0) };
}

// The WHATWG UTF-8 decoder state machine, tracking line and column instead of building text;
// it must split errors exactly as TextDecoder does so that columns match its U+FFFD output.
function locateInvalidSequences(bytes: Uint8Array, start: number): InvalidUtf8Sequence[] {
  const found: InvalidUtf8Sequence[] = [];
  let line = 1;
  let column = 1;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let sequenceStart = start;

  const fail = (end: number) => {
    found.push({
      line,
      column,
      offset: sequenceStart,
      bytes: hex(bytes.subarray(sequenceStart, end)),
    });
    column += 1;
  };

  let i = start;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    if (needed === 0) {
      sequenceStart = i;
      if (byte <= 0x7f) {
        if (byte === 0x0a || byte === 0x0d) {
          // Lines end at LF, CR or CRLF (one break), as the spec model counts them.
          if (byte === 0x0d || bytes[i - 1] !== 0x0d) line += 1;
          column = 1;
        } else {
          column += 1;
        }
      } else if (byte >= 0xc2 && byte <= 0xdf) {
        needed = 1;
      } else if (byte >= 0xe0 && byte <= 0xef) {
        if (byte === 0xe0) lower = 0xa0;
        if (byte === 0xed) upper = 0x9f;
        needed = 2;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        if (byte === 0xf0) lower = 0x90;
        if (byte === 0xf4) upper = 0x8f;
        needed = 3;
      } else {
        fail(i + 1);
      }
      i += 1;
      continue;
    }
    if (byte < lower || byte > upper) {
      // The sequence so far is one error; the current byte is looked at again on its own.
      needed = 0;
      seen = 0;
      lower = 0x80;
      upper = 0xbf;
      fail(i);
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    seen += 1;
    i += 1;
    if (seen === needed) {
      needed = 0;
      seen = 0;
      column += 1;
    }
  }
  if (needed !== 0) fail(bytes.length);
  return found;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}
