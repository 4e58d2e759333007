import { normalizeLineEndings, sha256Hex } from '../text/hash.js';
import { PROVENANCE_FIELDS, parseProvenanceFields } from './provenance-fields.js';

/**
 * What produced a generated document. Stored as a trailing HTML comment, so the document stays
 * valid Markdown that renders exactly as the template wrote it.
 */
export interface Provenance {
  /** `pack@version#template`, e.g. `speckit@1.0.0#plan`. */
  template: string;
  /** SHA-256 of the template's body and metadata. */
  templateSha256: string;
  /** The spec's path relative to the project root, with `/` separators. */
  spec: string;
  /** SHA-256 of the spec file's bytes. */
  specSha256: string;
  /** SHA-256 of the generated text (line endings normalized to LF). */
  outputSha256: string;
}

/** A generated document split into its content and its provenance. */
export interface ProvenanceRead {
  /** The document without the provenance block. */
  content: string;
  /** `undefined` when the document carries no (readable) provenance block. */
  provenance: Provenance | undefined;
  /** True when `content` still hashes to `provenance.outputSha256`: nobody edited it. */
  pristine: boolean;
}

const OPEN = '<!-- specforge:provenance';
const CLOSE = '-->';

/** Hashes generated text the way provenance records it: immune to CRLF conversion by git. */
export function hashGeneratedText(text: string): string {
  return sha256Hex(normalizeLineEndings(text));
}

/**
 * Appends a provenance block to generated `content` (given a final line break if it lacks one).
 * The block follows a blank line and ends the file; {@link readProvenance} gives the content back.
 *
 * @example
 * ```ts
 * const file = attachProvenance(planText, { template: 'speckit@1.0.0#plan', ... });
 * readProvenance(file).content === planText; // true
 * ```
 */
export function attachProvenance(
  content: string,
  provenance: Omit<Provenance, 'outputSha256'>,
): string {
  // A text file ends with a line break; the block then follows after one blank line.
  const body = content.endsWith('\n') ? content : `${content}\n`;
  const full: Provenance = { ...provenance, outputSha256: hashGeneratedText(body) };
  const lines = PROVENANCE_FIELDS.map(([key, field]) => `${key}: ${quote(full[field])}`);
  return `${body}\n${OPEN}\n${lines.join('\n')}\n${CLOSE}\n`;
}

/** Splits a generated document into content and provenance; tolerant of CRLF and trailing blank lines. */
export function readProvenance(text: string): ProvenanceRead {
  const start = text.lastIndexOf(OPEN);
  const end = start < 0 ? -1 : text.indexOf(CLOSE, start + OPEN.length);
  const atLineStart = start === 0 || text[start - 1] === '\n';
  if (start < 0 || end < 0 || !atLineStart || text.slice(end + CLOSE.length).trim() !== '') {
    return { content: text, provenance: undefined, pristine: false };
  }
  const provenance = parseProvenanceFields(text.slice(start + OPEN.length, end));
  // The block was preceded by exactly one added line break.
  const content = text.slice(0, start).replace(/\r?\n$/, '');
  const pristine =
    provenance !== undefined && hashGeneratedText(content) === provenance.outputSha256;
  return { content, provenance, pristine };
}

// A JSON string is a valid YAML double-quoted scalar; escaping `>` keeps a path such as
// `a-->b` from closing the HTML comment early.
function quote(value: string): string {
  return JSON.stringify(value).replace(/>/g, '\\u003e');
}
