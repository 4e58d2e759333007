import { parse as parseYaml } from 'yaml';
import type { Provenance } from './provenance.js';

/** The provenance block's keys, in the order they are written, and the field each one fills. */
export const PROVENANCE_FIELDS = [
  ['template', 'template'],
  ['template-sha256', 'templateSha256'],
  ['spec', 'spec'],
  ['spec-sha256', 'specSha256'],
  ['output-sha256', 'outputSha256'],
] as const;

type Fields = Partial<Record<(typeof PROVENANCE_FIELDS)[number][1], string>>;

/**
 * The fields of a provenance block (the text between its opening and closing lines), or
 * `undefined` when it is not YAML or lacks a field. Read without the YAML parser when written
 * as `attachProvenance` writes it, which is every block a whole-repo run meets.
 */
export function parseProvenanceFields(block: string): Provenance | undefined {
  return parseCanonicalFields(block) ?? parseYamlFields(block);
}

// One field as attachProvenance writes it: `key: "JSON string"` and nothing else on the line
// (JSON.parse then refuses raw control characters, which YAML reads in its own way).
const canonicalField = /^([a-z0-9-]+): ("(?:[^"\\]|\\.)*")$/;

/**
 * The block exactly as written (LF or CRLF line endings), fields in order, each value a JSON string,
 * which is also a YAML double-quoted scalar with the same value. Anything else: `undefined`,
 * and the YAML reading decides. YAML costs far more than the rest of an up-to-date check.
 */
export function parseCanonicalFields(block: string): Provenance | undefined {
  const lines = block.split(/\r?\n/);
  if (lines.length !== PROVENANCE_FIELDS.length + 2 || lines[0] !== '' || lines.at(-1) !== '')
    return undefined;
  const out: Fields = {};
  for (const [index, [key, field]] of PROVENANCE_FIELDS.entries()) {
    const match = canonicalField.exec(lines[index + 1] ?? '');
    if (!match || match[1] !== key) return undefined;
    try {
      out[field] = JSON.parse(match[2] as string) as string;
    } catch {
      return undefined;
    }
  }
  return out as Provenance;
}

/** The block read as YAML: a mapping with a string for every field (others are ignored). */
export function parseYamlFields(block: string): Provenance | undefined {
  let data: unknown;
  try {
    data = parseYaml(block, { maxAliasCount: 0 });
  } catch {
    return undefined;
  }
  if (data === null || typeof data !== 'object') return undefined;
  const record = data as Record<string, unknown>;
  const out: Fields = {};
  for (const [key, field] of PROVENANCE_FIELDS) {
    const value = record[key];
    if (typeof value !== 'string') return undefined;
    out[field] = value;
  }
  return out as Provenance;
}
