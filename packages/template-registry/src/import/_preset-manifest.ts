import { posix, win32 } from 'node:path';
import { didYouMean, SpecforgeError } from '@specforge/core';
import {
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLMap,
} from 'yaml';

/** Spec Kit's composition strategies, as `preset.yml` spells them. */
export const presetStrategies = ['replace', 'prepend', 'append', 'wrap'] as const;

/** A Spec Kit composition strategy. */
export type PresetStrategy = (typeof presetStrategies)[number];

/** One entry of `provides.templates` in a `preset.yml`. */
export interface PresetEntry {
  /** `template`, `command` or `script`. */
  type: 'template' | 'command' | 'script';
  /** The template or command name, e.g. `spec-template` or `speckit.specify`. */
  name: string;
  /** The content file, relative to the preset folder. */
  file: string;
  description: string | undefined;
  replaces: string | undefined;
  /** The strategy, lower case; `replace` when the entry names none. */
  strategy: PresetStrategy;
  /** The entry's line in `preset.yml`. */
  line: number;
  /** The line of the entry's `file` value. */
  fileLine: number;
}

/** A `preset.yml`, read and checked as Spec Kit checks it. */
export interface PresetManifest {
  /** The manifest's path. */
  file: string;
  id: string;
  name: string;
  /** `preset.version` as written (Spec Kit accepts any Python version; a pack needs semver). */
  version: string;
  versionLine: number;
  description: string;
  author: string | undefined;
  repository: string | undefined;
  license: string | undefined;
  /** `requires.speckit_version`, a Python version specifier such as `>=0.1.0`. */
  speckitRequirement: string | undefined;
  entries: PresetEntry[];
}

const entryTypes = ['template', 'command', 'script'] as const;

/**
 * Reads a Spec Kit `preset.yml` and checks what Spec Kit checks before it installs a preset:
 * `schema_version: "1.0"`, `preset.{id, name, version, description}` (the id in lower case with
 * `-`), and a non-empty `provides.templates` whose entries have a `type` (`template`, `command`
 * or `script`), a `name`, a `file` inside the preset folder and an optional `strategy`.
 *
 * @throws {@link SpecforgeError} `SPECFORGE_IMPORT_PRESET_INVALID` at the offending line;
 *   `SPECFORGE_IMPORT_STRATEGY_UNKNOWN` for a strategy Spec Kit does not know.
 */
export function parsePresetManifest(text: string, file: string): PresetManifest {
  const source = text.replace(/^\uFEFF/, '');
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line;
  const lineOf = (node: unknown) => (isNode(node) ? lineAt(node.range?.[0]) : undefined);
  const fail = (reason: string, line?: number, hint?: string) =>
    new SpecforgeError(
      'SPECFORGE_IMPORT_PRESET_INVALID',
      { reason: `${file}: ${reason}` },
      { location: { file, ...(line === undefined ? {} : { line }) }, ...(hint ? { hint } : {}) },
    );

  const problem = doc.errors[0];
  if (problem) throw fail(`it is not valid YAML (${problem.message})`, lineAt(problem.pos[0]));
  const root = doc.contents;
  if (!isMap(root))
    throw fail('it must hold a YAML mapping (schema_version, preset, provides, …)', lineOf(root));

  const schema: unknown = root.get('schema_version', true);
  if (!isScalar(schema) || schema.value !== '1.0') {
    throw fail(
      schema === undefined
        ? 'it has no schema_version; Spec Kit presets say schema_version: "1.0"'
        : `schema_version is ${JSON.stringify(isScalar(schema) ? schema.value : null)}; Spec Kit reads only "1.0" (a quoted string)`,
      lineOf(schema) ?? 1,
    );
  }

  const preset = root.get('preset', true);
  if (!isMap(preset))
    throw fail(
      'it has no "preset" mapping with id, name, version and description',
      lineOf(preset) ?? 1,
    );
  const field = (
    key: string,
    required: boolean,
  ): { value: string | undefined; line: number | undefined } => {
    const node = preset.get(key, true);
    if (node === undefined || (isScalar(node) && node.value === null)) {
      if (required)
        throw fail(`"preset.${key}" is missing`, lineOf(preset.items[0]?.key) ?? lineOf(preset));
      return { value: undefined, line: undefined };
    }
    if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) {
      throw fail(`"preset.${key}" must be a string`, lineOf(node));
    }
    // `version: 1.0` is a number to YAML; the text as written is what the author meant.
    const value =
      typeof node.value === 'number' && node.range
        ? source.slice(node.range[0], node.range[1])
        : String(node.value);
    return { value, line: lineOf(node) };
  };
  const id = field('id', true);
  if (!/^[a-z0-9-]+$/.test(id.value!)) {
    throw fail(
      `the preset id ${JSON.stringify(id.value)} is not lower-case letters, digits and "-"`,
      id.line,
    );
  }
  const name = field('name', true);
  const version = field('version', true);
  const description = field('description', true);

  const requires = root.get('requires', true);
  const speckit = isMap(requires) ? requires.get('speckit_version', true) : undefined;
  const speckitRequirement =
    isScalar(speckit) && typeof speckit.value === 'string' ? speckit.value : undefined;

  const provides = root.get('provides', true);
  const list = isMap(provides) ? provides.get('templates', true) : undefined;
  if (!isSeq(list) || list.items.length === 0) {
    throw fail(
      'it provides no templates; Spec Kit presets list them under provides.templates',
      lineOf(list) ?? lineOf(provides) ?? 1,
    );
  }
  const entries = list.items.map((item) => readEntry(item, lineOf, fail, file));

  return {
    file,
    id: id.value!,
    name: name.value!,
    version: version.value!,
    versionLine: version.line ?? 1,
    description: description.value!,
    author: field('author', false).value,
    repository: field('repository', false).value,
    license: field('license', false).value,
    speckitRequirement,
    entries,
  };
}

type LineOf = (node: unknown) => number | undefined;
type Fail = (reason: string, line?: number, hint?: string) => SpecforgeError;

function readEntry(item: unknown, lineOf: LineOf, fail: Fail, file: string): PresetEntry {
  const line = lineOf(item) ?? 1;
  if (!isMap(item))
    throw fail('each entry of provides.templates must be a mapping with type, name and file', line);
  const text = (key: string, required: boolean) =>
    readString(item, key, required, line, lineOf, fail);

  const type = text('type', true)!;
  if (!(entryTypes as readonly string[]).includes(type.value)) {
    throw fail(
      `the entry type ${JSON.stringify(type.value)} is none of template, command, script`,
      type.line,
    );
  }
  const name = text('name', true)!;
  const pattern = type.value === 'command' ? /^[a-z0-9.-]+$/ : /^[a-z0-9-]+$/;
  if (!pattern.test(name.value)) {
    throw fail(
      `the ${type.value} name ${JSON.stringify(name.value)} is not lower-case letters, digits and "-"${type.value === 'command' ? ' or "."' : ''}`,
      name.line,
    );
  }
  const path = text('file', true)!;
  const normalized = posix.normalize(path.value.replace(/\\/g, '/'));
  if (
    posix.isAbsolute(normalized) ||
    win32.isAbsolute(path.value) ||
    normalized === '..' ||
    normalized.startsWith('../')
  ) {
    throw fail(
      `the file ${JSON.stringify(path.value)} of ${name.value} is not a relative path inside the preset folder`,
      path.line,
    );
  }
  const strategyField = text('strategy', false);
  let strategy: PresetStrategy = 'replace';
  if (strategyField) {
    const value = strategyField.value.toLowerCase();
    if (!(presetStrategies as readonly string[]).includes(value)) {
      throw new SpecforgeError(
        'SPECFORGE_IMPORT_STRATEGY_UNKNOWN',
        {
          name: name.value,
          strategy: strategyField.value,
          suggestion: didYouMean(value, presetStrategies),
        },
        { location: { file, line: strategyField.line } },
      );
    }
    strategy = value as PresetStrategy;
  }
  return {
    type: type.value as PresetEntry['type'],
    name: name.value,
    file: normalized,
    description: text('description', false)?.value,
    replaces: text('replaces', false)?.value,
    strategy,
    line,
    fileLine: path.line,
  };
}

function readString(
  map: YAMLMap,
  key: string,
  required: boolean,
  entryLine: number,
  lineOf: LineOf,
  fail: Fail,
): { value: string; line: number } | undefined {
  const node = map.get(key, true) as Node | undefined;
  if (node === undefined || (isScalar(node) && node.value === null)) {
    if (required) throw fail(`an entry of provides.templates has no "${key}"`, entryLine);
    return undefined;
  }
  if (!isScalar(node) || typeof node.value !== 'string') {
    throw fail(
      `"${key}" of an entry of provides.templates must be a string`,
      lineOf(node) ?? entryLine,
    );
  }
  return { value: node.value, line: lineOf(node) ?? entryLine };
}
