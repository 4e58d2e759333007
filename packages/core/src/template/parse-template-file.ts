import {
  type Document,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node as YamlNode,
} from 'yaml';
import type { SourceLocation } from '../errors/specforge-error.js';
import { SpecforgeError } from '../errors/specforge-error.js';
import { didYouMean } from './did-you-mean.js';
import {
  type At,
  describeValue,
  type Fail,
  isPlainObject,
  sectionPathProblem,
} from './meta-values.js';
import { readCheckRules } from './read-check-rules.js';
import type { TemplateInput, TemplateKind, TemplateMeta, TemplateSource } from './types.js';

/** Options for {@link parseTemplateFile}. */
export interface ParseTemplateFileOptions {
  /** Path of the template file, as it should appear in error messages and in the result. */
  file: string;
  /** The pack the template belongs to. */
  pack: {
    /** The pack's short name, e.g. `speckit`. */
    name: string;
    /** The pack's version, e.g. `1.0.0`. */
    version: string;
  };
}

/** Every {@link TemplateKind}, in the order the docs list them. */
export const templateKinds: readonly TemplateKind[] = [
  'spec',
  'plan',
  'tasks',
  'checklist',
  'other',
];

/**
 * The inputs every template gets without declaring them: `SPECIFICATION` (the spec text),
 * `spec` (the parsed spec), `project`, `template` and `today`. A template may not declare an
 * input with one of these names.
 */
export const standardTemplateInputNames: readonly string[] = [
  'SPECIFICATION',
  'spec',
  'project',
  'template',
  'today',
];

/**
 * What a template id looks like: lower-case letters and digits, with `-`, `_` or `.` inside,
 * e.g. `plan` or `security-review`. Ids appear in template refs (`speckit/plan`), so they never
 * hold a `/`.
 */
export const templateIdPattern: RegExp = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/;

/** The keys a template's front matter may hold, in the order the docs list them. */
export const templateMetaKeys = [
  'id',
  'kind',
  'description',
  'inputs',
  'output',
  'requiredSections',
  'placeholders',
  'idPatterns',
  'traces',
] as const;
const metaKeys = templateMetaKeys;
const inputKeys = ['required', 'description'] as const;
/** An input name is used as a Handlebars path, so it is an identifier. */
const inputNamePattern = /^[A-Za-z][A-Za-z0-9_]*$/;
/**
 * Aliases let a tiny YAML text expand into a huge value (the "billion laughs"); metadata has no
 * use for many of them.
 */
const maxAliasCount = 20;

/**
 * Splits a template file into its YAML front matter (the metadata) and its Handlebars body, and
 * validates the metadata strictly.
 *
 * The file starts with a `---` line, then YAML, then a closing `---` line; everything after the
 * closing line, byte for byte, is the body. A byte-order mark is dropped and CRLF / CR line
 * endings become LF, so a template renders the same on every checkout. Unknown keys, wrong
 * types, a missing `id` or `kind`, and invalid YAML are all reported as
 * `SPECFORGE_TEMPLATE_META_INVALID` with the file, line and column of the offending key or value.
 *
 * @param text - The template file's text.
 * @param options - The file name for messages and the pack the template belongs to.
 * @returns The template, ready to render.
 * @throws {@link SpecforgeError} `SPECFORGE_TEMPLATE_META_INVALID`.
 *
 * @example
 * ```ts
 * const template = parseTemplateFile(
 *   '---\nid: plan\nkind: plan\n---\n# Plan for {{spec.title}}\n',
 *   { file: 'plan.md', pack: { name: 'speckit', version: '1.0.0' } },
 * );
 * template.meta.output; // 'plan.md'
 * template.bodyLine; // 5
 * ```
 */
export function parseTemplateFile(text: string, options: ParseTemplateFileOptions): TemplateSource {
  const { file } = options;
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = normalized.split('\n');
  const fail = (reason: string, line = 1, column?: number) =>
    new SpecforgeError(
      'SPECFORGE_TEMPLATE_META_INVALID',
      { reason },
      { location: { file, line, column } },
    );

  if (lines[0]?.trimEnd() !== '---') {
    throw fail(
      'the file has no front matter. A template file starts with a "---" line, then YAML metadata (at least id and kind), then a closing "---" line.',
    );
  }
  const closing = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---');
  if (closing === -1) {
    throw fail('the front matter that opens on line 1 is never closed; end it with a "---" line.');
  }
  const meta = parseMeta(lines.slice(1, closing).join('\n'), file);
  return {
    meta,
    body: lines.slice(closing + 1).join('\n'),
    file,
    bodyLine: closing + 2,
    pack: { name: options.pack.name, version: options.pack.version },
  };
}

/** Reads and validates the metadata; the YAML text starts on line 2 of the file. */
function parseMeta(yamlText: string, file: string): TemplateMeta {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
  });
  const locate = (offset: number | undefined): SourceLocation => {
    if (offset === undefined) return { file, line: 1 };
    const position = lineCounter.linePos(offset);
    return { file, line: position.line + 1, column: position.col };
  };
  const fail = (reason: string, offset?: number) =>
    new SpecforgeError('SPECFORGE_TEMPLATE_META_INVALID', { reason }, { location: locate(offset) });

  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem)
    throw fail(`the front matter is not valid YAML: ${problem.message}.`, problem.pos[0]);
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    throw fail(
      'the front matter is empty; declare at least the template id and kind, e.g. "id: plan" and "kind: plan".',
    );
  }
  if (!isMap(root)) {
    throw fail(
      `the front matter must be a mapping of metadata fields (key: value), not ${describeNode(root)}.`,
      root.range?.[0],
    );
  }
  checkKeys(root.items, metaKeys, 'the front matter', fail);

  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount }) as Record<string, unknown>;
  } catch (cause) {
    throw fail(`the front matter cannot be read: ${(cause as Error).message}.`);
  }
  const at = (path: readonly (string | number)[], part: 'key' | 'value' = 'value') =>
    offsetOf(doc, path, part);

  const id = readString(data, 'id', at, fail, { required: true });
  if (!templateIdPattern.test(id)) {
    throw fail(
      `"id" is ${JSON.stringify(id)}; a template id uses lower-case letters and digits, with "-", "_" or "." inside, e.g. plan or security-review.`,
      at(['id']),
    );
  }

  const kindText = readString(data, 'kind', at, fail, { required: true });
  if (!(templateKinds as readonly string[]).includes(kindText)) {
    const guess = didYouMean(kindText, templateKinds);
    throw fail(
      `"kind" is ${JSON.stringify(kindText)}; it must be one of ${templateKinds.join(', ')}.${guess ? ` Did you mean "${guess}"?` : ''}`,
      at(['kind']),
    );
  }
  const kind = kindText as TemplateKind;

  const description = readString(data, 'description', at, fail, { required: false }).trim();
  const inputs = readInputs(data, doc, at, fail);

  const output =
    data.output === undefined
      ? `${id}.md`
      : readString(data, 'output', at, fail, { required: true });
  const badOutput = checkOutputPath(output);
  if (badOutput) throw fail(`"output" is ${JSON.stringify(output)}; ${badOutput}`, at(['output']));

  const requiredSections = readRequiredSections(data, at, fail);
  const { placeholders, idPatterns, traces } = readCheckRules(data, at, fail);

  // A fixed key order: the metadata is hashed (as JSON) to detect template changes.
  return {
    id,
    kind,
    description,
    inputs,
    output,
    requiredSections,
    placeholders,
    idPatterns,
    traces,
  };
}

/** Rejects keys that are not plain names or not among `allowed`, suggesting the likely one. */
function checkKeys(
  items: readonly unknown[],
  allowed: readonly string[],
  where: string,
  fail: Fail,
): void {
  for (const pair of items) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key;
    const offset = isNode(keyNode) ? keyNode.range?.[0] : undefined;
    if (!isScalar(keyNode) || typeof keyNode.value !== 'string') {
      throw fail(
        `${where} has a key that is not a plain name; keys are ${formatList(allowed)}.`,
        offset,
      );
    }
    const key = keyNode.value;
    if (allowed.includes(key)) continue;
    const guess = didYouMean(key, allowed);
    throw fail(
      guess
        ? `${where} has an unknown key "${key}". Did you mean "${guess}"?`
        : `${where} has an unknown key "${key}"; the known keys are ${formatList(allowed)}.`,
      offset,
    );
  }
}

/** Reads a string field; an absent optional field is `''`. */
function readString(
  data: Record<string, unknown>,
  key: string,
  at: At,
  fail: Fail,
  options: { required: boolean },
): string {
  if (!Object.hasOwn(data, key)) {
    if (options.required) throw fail(`"${key}" is missing; every template declares its ${key}.`);
    return '';
  }
  const value = data[key];
  if (typeof value !== 'string') {
    throw fail(`"${key}" must be a string, not ${describeValue(value)}.`, at([key]));
  }
  if (options.required && value.trim() === '') throw fail(`"${key}" is empty.`, at([key]));
  return value;
}

function readInputs(
  data: Record<string, unknown>,
  doc: Document,
  at: At,
  fail: Fail,
): Record<string, TemplateInput> {
  const inputs: Record<string, TemplateInput> = {};
  if (!Object.hasOwn(data, 'inputs')) return inputs;
  const value = data.inputs;
  if (!isPlainObject(value)) {
    throw fail(
      `"inputs" must be a mapping of input names to { required, description }, not ${describeValue(value)}; write "inputs: {}" when there are none.`,
      at(['inputs']),
    );
  }
  const inputsNode = doc.getIn(['inputs'], true);
  if (isMap(inputsNode)) {
    for (const pair of inputsNode.items) {
      const keyNode = pair.key;
      if (!isScalar(keyNode) || typeof keyNode.value !== 'string') {
        throw fail(
          '"inputs" has a key that is not a plain name.',
          isNode(keyNode) ? keyNode.range?.[0] : undefined,
        );
      }
      const entry = pair.value;
      if (isMap(entry)) checkKeys(entry.items, inputKeys, `the input "${keyNode.value}"`, fail);
    }
  }
  for (const [name, spec] of Object.entries(value)) {
    if (!inputNamePattern.test(name)) {
      throw fail(
        `the input name "${name}" is not an identifier; use letters, digits and "_", starting with a letter.`,
        at(['inputs', name], 'key'),
      );
    }
    if (standardTemplateInputNames.includes(name)) {
      throw fail(
        `the input "${name}" is one every template gets already (${standardTemplateInputNames.join(', ')}); remove it from "inputs".`,
        at(['inputs', name], 'key'),
      );
    }
    if (!isPlainObject(spec)) {
      throw fail(
        `the input "${name}" must be a mapping such as { required: true, description: "…" }, not ${describeValue(spec)}.`,
        at(['inputs', name]),
      );
    }
    const required = spec.required ?? false;
    if (typeof required !== 'boolean') {
      throw fail(
        `"required" of the input "${name}" must be true or false, not ${describeValue(required)}.`,
        at(['inputs', name, 'required']),
      );
    }
    const inputDescription = spec.description ?? '';
    if (typeof inputDescription !== 'string') {
      throw fail(
        `"description" of the input "${name}" must be a string, not ${describeValue(inputDescription)}.`,
        at(['inputs', name, 'description']),
      );
    }
    inputs[name] = { required, description: inputDescription.trim() };
  }
  return inputs;
}

/** Why `output` is not a relative path inside the spec's folder, or `undefined` when it is. */
function checkOutputPath(output: string): string | undefined {
  if (output.includes('\\')) return 'write paths with "/", not "\\".';
  if (output.startsWith('/') || /^[A-Za-z]:/.test(output)) {
    return "it must be a file name relative to the spec's folder, e.g. plan.md.";
  }
  if (output.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return 'it must be a file name inside the spec\'s folder, e.g. plan.md or checklists/requirements.md, without "." or ".." parts.';
  }
  if (output.includes('\0')) return 'it contains a NUL character.';
  return undefined;
}

function readRequiredSections(data: Record<string, unknown>, at: At, fail: Fail): string[] {
  if (!Object.hasOwn(data, 'requiredSections')) return [];
  const value = data.requiredSections;
  if (!Array.isArray(value)) {
    throw fail(
      `"requiredSections" must be a list of heading paths such as technical-approach/architecture, not ${describeValue(value)}.`,
      at(['requiredSections']),
    );
  }
  const seen = new Set<string>();
  return value.map((path, index) => {
    const where = at(['requiredSections', index]);
    if (typeof path !== 'string') {
      throw fail(
        `each entry of "requiredSections" must be a heading path (a string), not ${describeValue(path)}.`,
        where,
      );
    }
    const problem = sectionPathProblem(path);
    if (problem) throw fail(`the required section ${JSON.stringify(path)} ${problem}`, where);
    if (seen.has(path)) throw fail(`the required section "${path}" is listed twice.`, where);
    seen.add(path);
    return path;
  });
}

/** Offset of the key or value at `path` in the YAML text, or of the closest parent found. */
function offsetOf(
  doc: Document,
  path: readonly (string | number)[],
  part: 'key' | 'value',
): number | undefined {
  let node: unknown = doc.contents;
  let offset = isNode(node) ? node.range?.[0] : undefined;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (!pair) return offset;
      const keyOffset = isNode(pair.key) ? pair.key.range?.[0] : undefined;
      if (last && part === 'key') return keyOffset ?? offset;
      node = pair.value;
      // `key:` with nothing after it points at the key, not at the empty value.
      const valueOffset =
        isScalar(node) && node.value === null
          ? undefined
          : isNode(node)
            ? node.range?.[0]
            : undefined;
      offset = valueOffset ?? keyOffset ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (isNode(node)) offset = node.range?.[0] ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

function describeNode(node: YamlNode): string {
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return `the value ${JSON.stringify(node.toJSON())}`;
  return 'an alias';
}

function formatList(items: readonly string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
