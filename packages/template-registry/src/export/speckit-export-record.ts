import { SpecforgeError } from '@specforge/core';
// For the TSDoc link only.
import type { templateFrontMatter } from '../template-front-matter.js';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify } from 'yaml';

/**
 * The file, beside `preset.yml`, where an export keeps what Spec Kit's files cannot hold: each
 * template's specforge metadata and how its body was written. Spec Kit ignores it;
 * `specforge template import speckit` reads it to restore every template exactly.
 */
export const SPECKIT_EXPORT_RECORD = 'specforge.yml';

/** The record format this version reads and writes. */
export const SPECKIT_EXPORT_RECORD_FORMAT = 1;

/**
 * How a template body stands in its Spec Kit file:
 *
 * - `text`: the body holds no Handlebars expression, and the file holds the text it renders to
 *   (an import escapes its `{{` again);
 * - `rendered`: the file holds the body rendered for an empty spec, placeholders where the spec
 *   would go, as a Spec Kit template reads; the record keeps the Handlebars source;
 * - `source`: the body's Handlebars source as it stands (when it cannot render without a spec).
 */
export type ExportedBodyForm = 'text' | 'rendered' | 'source';

const bodyForms: readonly string[] = ['text', 'rendered', 'source'];

/** One exported template, as the record keeps it. */
export interface SpeckitExportRecordEntry {
  /** The Spec Kit template name in `preset.yml`, e.g. `plan-template`. */
  name: string;
  /** The file in the preset folder, e.g. `templates/plan-template.md`. */
  file: string;
  /** SHA-256 (hex) of the file's text as written: an import tells an edited file by it. */
  sha256: string;
  /** How the body stands in the file. */
  body: ExportedBodyForm;
  /** For a `rendered` body, the Handlebars source the file was rendered from. */
  source?: string | undefined;
  /**
   * The template's specforge front matter, `id` included, as its file would hold it (see
   * {@link templateFrontMatter}); the import checks it as it checks any template file.
   */
  meta: Record<string, unknown>;
  /** The entry's line in the record (0 when built in memory), for messages. */
  line: number;
}

/** What an export wrote into a preset folder, for the import and for the next export. */
export interface SpeckitExportRecord {
  /** The record format, {@link SPECKIT_EXPORT_RECORD_FORMAT}. */
  format: typeof SPECKIT_EXPORT_RECORD_FORMAT;
  /** The pack the preset was exported from. */
  pack: {
    /** Its short name, e.g. `acme`. */
    name: string;
    /** Its version. */
    version: string;
  };
  /** Every exported template, in `preset.yml` order. */
  templates: SpeckitExportRecordEntry[];
  /** SHA-256 (hex) of the other files the export wrote (`preset.yml`, `README.md`), by path. */
  generated: Record<string, string>;
}

/** The record as YAML text, with a comment saying what it is. */
export function formatSpeckitExportRecord(record: SpeckitExportRecord): string {
  const data = {
    format: record.format,
    pack: record.pack,
    generated: record.generated,
    templates: record.templates.map(({ name, file, sha256, body, meta, source }) => ({
      name,
      file,
      sha256,
      body,
      meta,
      ...(source === undefined ? {} : { source }),
    })),
  };
  return (
    '# Written by `specforge export speckit-preset`: the specforge metadata of each template, which\n' +
    "# Spec Kit's files cannot hold. Spec Kit ignores this file; `specforge template import speckit`\n" +
    '# reads it to restore the templates exactly. Edit the templates, not this file.\n' +
    stringify(data, { lineWidth: 0 })
  );
}

/**
 * Reads a record's text. The metadata of each template is checked here for shape only; the
 * import checks it in full by building the template file.
 *
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_IMPORT_PRESET_INVALID`, at the line,
 *   when the text is not a record of this format.
 */
export function parseSpeckitExportRecord(text: string, file: string): SpeckitExportRecord {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: unknown): number | undefined => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  const fail = (reason: string, line?: number): never => {
    throw new SpecforgeError(
      'SPECFORGE_IMPORT_PRESET_INVALID',
      { reason: `${file}: ${reason}` },
      {
        location: { file, ...(line === undefined ? {} : { line }) },
        hint: `${SPECKIT_EXPORT_RECORD} is written by \`specforge export speckit-preset\`; export again, or delete it to import the preset as Spec Kit wrote it.`,
      },
    );
  };
  const problem = doc.errors[0];
  if (problem)
    fail(`it is not valid YAML (${problem.message})`, lineCounter.linePos(problem.pos[0]).line);
  const root = doc.contents;
  if (!isMap(root)) return fail('it must hold a mapping with format, pack and templates', 1);
  const format: unknown = root.get('format', true);
  if (!isScalar(format) || format.value !== SPECKIT_EXPORT_RECORD_FORMAT) {
    const newer = isScalar(format) && typeof format.value === 'number' && format.value > 1;
    fail(
      newer
        ? `it has format ${String(format.value)}, written by a newer specforge`
        : `"format" must be ${SPECKIT_EXPORT_RECORD_FORMAT}`,
      lineOf(format) ?? 1,
    );
  }
  const pack = root.get('pack', true);
  const packName = isMap(pack) ? pack.get('name') : undefined;
  const packVersion = isMap(pack) ? pack.get('version') : undefined;
  if (typeof packName !== 'string' || typeof packVersion !== 'string')
    fail('"pack" must hold a name and a version (strings)', lineOf(pack) ?? 1);
  const generatedNode: unknown = root.get('generated', true);
  const generated: Record<string, string> = {};
  if (generatedNode !== undefined) {
    if (!isMap(generatedNode))
      fail('"generated" must map file paths to hashes', lineOf(generatedNode) ?? 1);
    for (const pair of isMap(generatedNode) ? generatedNode.items : []) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      if (typeof key !== 'string' || typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value))
        fail(
          'each entry of "generated" must be a file path and 64 hex digits',
          lineOf(pair.key) ?? 1,
        );
      // defineProperty keeps a "__proto__" path a plain entry.
      Object.defineProperty(generated, key as string, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  const list = root.get('templates', true);
  if (!isSeq(list)) return fail('"templates" must be a list', lineOf(list) ?? 1);

  const templates: SpeckitExportRecordEntry[] = [];
  for (const item of list.items) {
    const line = lineOf(item) ?? 1;
    if (!isMap(item)) return fail('each entry of "templates" must be a mapping', line);
    const field = (key: string): string => {
      const value = item.get(key);
      if (typeof value !== 'string')
        fail(`"${key}" of an entry of "templates" must be a string`, line);
      return value as string;
    };
    const name = field('name');
    const entryFile = field('file');
    const sha256 = field('sha256');
    const body = field('body');
    if (!/^[0-9a-f]{64}$/.test(sha256)) fail(`the sha256 of ${name} is not 64 hex digits`, line);
    if (!bodyForms.includes(body))
      fail(`the body of ${name} is ${JSON.stringify(body)}, not "text", "rendered" or "source"`, line);
    const source = item.get('source');
    if (body === 'rendered' && typeof source !== 'string')
      fail(`the rendered template ${name} has no "source" (a string)`, line);
    const meta = item.get('meta', true);
    if (!isMap(meta)) return fail(`the entry ${name} has no "meta" mapping`, line);
    // Aliases are no use in metadata; a few are allowed, as in a template's front matter.
    if (templates.some((entry) => entry.name === name))
      fail(`the template ${name} is listed twice`, line);
    templates.push({
      name,
      file: entryFile,
      sha256,
      body: body as ExportedBodyForm,
      ...(body === 'rendered' ? { source: source as string } : {}),
      meta: {}, // filled in below, from the whole document's values
      line,
    });
  }
  // Aliases are no use in metadata; a few are allowed, as in a template's front matter.
  let values: { templates: { meta: Record<string, unknown> }[] };
  try {
    values = doc.toJS({ maxAliasCount: 20 }) as typeof values;
  } catch (error) {
    return fail(`its values cannot be read (${(error as Error).message})`, 1);
  }
  templates.forEach((entry, index) => {
    entry.meta = values.templates[index]!.meta;
  });
  return {
    format: SPECKIT_EXPORT_RECORD_FORMAT,
    pack: { name: packName as string, version: packVersion as string },
    templates,
    generated,
  };
}
