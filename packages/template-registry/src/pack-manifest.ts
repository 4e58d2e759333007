import { posix, win32 } from 'node:path';
import {
  didYouMean,
  type SourceLocation,
  SpecforgeError,
  templateIdPattern,
} from '@specforge/core';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

/** One template a pack manifest declares. */
export interface PackManifestTemplate {
  /** Template id, the key in `specforge.templates`, e.g. `plan`. */
  id: string;
  /** Path of the template file relative to the pack folder, with `/` separators, e.g. `plan.md`. */
  path: string;
  /** Where the manifest declares the template, for errors about it. */
  location: SourceLocation;
}

/** What a pack's `package.json` says about the pack, validated. */
export interface PackManifest {
  /** Short pack name used in template refs (`speckit` in `speckit/plan`). */
  name: string;
  /** The pack version: the package's `version`, a semver version. */
  version: string;
  /** The npm package name, e.g. `@specforge/templates-speckit`; `undefined` when it has none. */
  packageName: string | undefined;
  /** The templates, in the order the manifest lists them. */
  templates: PackManifestTemplate[];
  /**
   * The base pack this pack extends, as a source spec with a semver range, e.g.
   * `@specforge/templates-speckit@^1.0.0`; `undefined` for a pack that stands alone.
   */
  extends: string | undefined;
  /** Where the manifest declares `extends`, for errors about it. */
  extendsLocation: SourceLocation | undefined;
  /** For a copy fork: the pack, source and version its templates were copied from. */
  copiedFrom: CopiedFrom | undefined;
}

/** What a copy fork records about its upstream (`specforge.copiedFrom`). */
export interface CopiedFrom {
  /** The upstream pack's short name. */
  pack: string;
  /** Its canonical source, as in the lock. */
  source: string;
  /** The version the templates were copied (or last merged) from. */
  version: string;
  /** Per template id, the `sha256-…` of the copied text kept in `.upstream/`. */
  templates: Record<string, string>;
}

/** Options for {@link parsePackManifest}. */
export interface ParsePackManifestOptions {
  /** Path of the `package.json`, for error messages. */
  file: string;
}

/**
 * What a pack name looks like: lower-case letters and digits, with `-`, `_` or `.` inside, e.g.
 * `speckit` or `acme-web`. Pack names appear in template refs, so they never hold a `/`.
 */
export const packNamePattern: RegExp = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/;

const specforgeKeys = ['name', 'templates', 'extends', 'copiedFrom'] as const;
// From semver.org: MAJOR.MINOR.PATCH with optional pre-release and build metadata.
const semverPattern =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/**
 * Derives a pack's short name from its npm package name: the scope is dropped, then a leading
 * `specforge-templates-` or `templates-`, so `@specforge/templates-speckit` becomes `speckit`
 * and `@acme/specforge-templates-web` becomes `web`. `undefined` when the result is not a valid
 * pack name (the manifest must then set `specforge.name`).
 *
 * @example
 * ```ts
 * derivePackName('@specforge/templates-speckit'); // 'speckit'
 * derivePackName('acme-plans'); // 'acme-plans'
 * ```
 */
export function derivePackName(packageName: string): string | undefined {
  const unscoped = packageName.replace(/^@[^/]+\//, '');
  const short = unscoped.replace(/^(?:specforge-)?templates-/, '');
  return packNamePattern.test(short) ? short : undefined;
}

/**
 * Reads and validates a pack manifest: the `package.json` of a pack folder, whose `version` is
 * the pack version and whose `specforge` key names the pack and maps template ids to files.
 *
 * ```json
 * { "name": "@acme/templates-web", "version": "2.1.0",
 *   "specforge": { "name": "web", "templates": { "plan": "plan.md" } } }
 * ```
 *
 * Template paths are relative to the pack folder, use `/`, and may not leave the folder.
 * Does not touch the disk; see `loadPack` for that.
 *
 * @param text - The `package.json` text.
 * @param options - The file name for messages.
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_PACK_MANIFEST_INVALID`, with the line and column of
 * the offending key or value where it can tell.
 *
 * @example
 * ```ts
 * const manifest = parsePackManifest(
 *   '{"name":"@specforge/templates-speckit","version":"1.0.0","specforge":{"templates":{"plan":"plan.md"}}}',
 *   { file: 'templates/speckit/package.json' },
 * );
 * manifest.name; // 'speckit'
 * ```
 */
export function parsePackManifest(text: string, options: ParsePackManifestOptions): PackManifest {
  const { file } = options;
  const source = text.replace(/^\uFEFF/, '');
  const locate = createJsonLocator(source, file);
  const fail = (reason: string, path?: readonly string[], part: 'key' | 'value' = 'value') =>
    new SpecforgeError(
      'SPECFORGE_PACK_MANIFEST_INVALID',
      { reason },
      { location: path ? locate(path, part) : { file } },
    );

  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (cause) {
    const message = (cause as Error).message;
    const position = /at position (\d+)/.exec(message)?.[1];
    throw new SpecforgeError(
      'SPECFORGE_PACK_MANIFEST_INVALID',
      { reason: `package.json is not valid JSON (${message}).` },
      {
        location:
          position === undefined ? { file } : offsetToLocation(source, Number(position), file),
        cause,
      },
    );
  }
  if (!isRecord(data)) throw fail('package.json must hold a JSON object.');
  // JSON.parse keeps the last of two equal keys without a word; a template id declared twice is
  // almost always a copy-paste slip that would silently drop a template.
  const duplicate = findDuplicateKey(source);
  if (duplicate) {
    const what =
      duplicate.path.join('.') === 'specforge.templates'
        ? `the template id "${duplicate.key}"`
        : `the key "${[...duplicate.path, duplicate.key].join('.')}"`;
    throw new SpecforgeError(
      'SPECFORGE_PACK_MANIFEST_INVALID',
      { reason: `${what} appears twice; JSON keeps only the last one.` },
      { location: offsetToLocation(source, duplicate.offset, file) },
    );
  }

  const packageName = data.name;
  if (packageName !== undefined && typeof packageName !== 'string') {
    throw fail(`"name" must be a string, not ${describe(packageName)}.`, ['name']);
  }

  const version = data.version;
  if (version === undefined) {
    throw fail(
      'package.json has no "version"; the package version is the pack version, e.g. "version": "1.0.0".',
    );
  }
  if (typeof version !== 'string' || !semverPattern.test(version)) {
    throw fail(
      `"version" is ${JSON.stringify(version)}, which is not a semver version such as 1.0.0.`,
      ['version'],
    );
  }

  const config = data.specforge;
  if (config === undefined) {
    throw fail(
      'package.json has no "specforge" key, so the folder is not a template pack. Add "specforge": { "templates": { "<id>": "<file>.md" } }.',
    );
  }
  if (!isRecord(config)) {
    throw fail(`"specforge" must be an object, not ${describe(config)}.`, ['specforge']);
  }
  for (const key of Object.keys(config)) {
    if ((specforgeKeys as readonly string[]).includes(key)) continue;
    const guess = didYouMean(key, specforgeKeys);
    throw fail(
      guess
        ? `"specforge" has an unknown key "${key}". Did you mean "${guess}"?`
        : `"specforge" has an unknown key "${key}"; the known keys are ${specforgeKeys.join(', ')}.`,
      ['specforge', key],
      'key',
    );
  }

  let name: string;
  if (config.name !== undefined) {
    if (typeof config.name !== 'string' || !packNamePattern.test(config.name)) {
      throw fail(
        `"specforge.name" is ${JSON.stringify(config.name)}; a pack name uses lower-case letters and digits, with "-", "_" or "." inside, e.g. speckit.`,
        ['specforge', 'name'],
      );
    }
    name = config.name;
  } else {
    const derived = packageName === undefined ? undefined : derivePackName(packageName);
    if (derived === undefined) {
      throw fail(
        packageName === undefined
          ? 'package.json names neither the package ("name") nor the pack ("specforge.name"); set "specforge.name", e.g. "web".'
          : `no pack name can be derived from the package name "${packageName}"; set "specforge.name", e.g. "web".`,
        ['specforge'],
        'key',
      );
    }
    name = derived;
  }

  const templates = config.templates;
  if (templates === undefined) {
    throw fail(
      '"specforge" has no "templates"; map each template id to its file, e.g. "templates": { "plan": "plan.md" }.',
      ['specforge'],
      'key',
    );
  }
  if (!isRecord(templates)) {
    throw fail(
      `"specforge.templates" must map template ids to files, e.g. { "plan": "plan.md" }, not ${describe(templates)}.`,
      ['specforge', 'templates'],
    );
  }
  const entries: PackManifestTemplate[] = [];
  for (const [id, path] of Object.entries(templates)) {
    const at = ['specforge', 'templates', id];
    if (!templateIdPattern.test(id)) {
      throw fail(
        `the template id "${id}" is not valid; a template id uses lower-case letters and digits, with "-", "_" or "." inside, e.g. plan.`,
        at,
        'key',
      );
    }
    if (typeof path !== 'string' || path === '') {
      throw fail(
        `the template "${id}" must map to a file path such as "${id}.md", not ${describe(path)}.`,
        at,
      );
    }
    const problem = checkTemplatePath(path);
    if (problem) throw fail(`the template "${id}" maps to "${path}": ${problem}`, at);
    entries.push({
      id,
      path: posix.normalize(path),
      // Found only when an error points at it: locating parses the whole manifest again.
      get location() {
        return locate(at, 'key');
      },
    });
  }

  let extendsSpec: string | undefined;
  if (config.extends !== undefined) {
    if (typeof config.extends !== 'string' || config.extends.trim() === '') {
      throw fail(
        `"specforge.extends" must name the base pack with a range, e.g. "@specforge/templates-speckit@^1.0.0", not ${describe(config.extends)}.`,
        ['specforge', 'extends'],
      );
    }
    extendsSpec = config.extends;
  }

  let copiedFrom: CopiedFrom | undefined;
  if (config.copiedFrom !== undefined) {
    const value = config.copiedFrom;
    const valid =
      isRecord(value) &&
      ['pack', 'source', 'version'].every(
        (key) => typeof value[key] === 'string' && value[key] !== '',
      ) &&
      isRecord(value.templates) &&
      Object.values(value.templates).every((hash) => typeof hash === 'string');
    if (!valid) {
      throw fail(
        '"specforge.copiedFrom" must hold the upstream "pack", "source" and "version" strings and a "templates" map of hashes, as `specforge template fork --copy` writes it.',
        ['specforge', 'copiedFrom'],
      );
    }
    copiedFrom = value as unknown as CopiedFrom;
  }
  if (copiedFrom && extendsSpec) {
    throw fail('a pack is either a copy ("copiedFrom") or extends a base ("extends"), not both.', [
      'specforge',
      'copiedFrom',
    ]);
  }
  return {
    name,
    version,
    packageName,
    templates: entries,
    extends: extendsSpec,
    get extendsLocation() {
      return extendsSpec === undefined ? undefined : locate(['specforge', 'extends'], 'value');
    },
    copiedFrom,
  };
}

/** Why `path` is not a relative path inside the pack folder, or `undefined` when it is. */
function checkTemplatePath(path: string): string | undefined {
  if (path.includes('\\')) return 'write the path with "/", not "\\".';
  if (posix.isAbsolute(path) || win32.isAbsolute(path)) {
    return 'the path must be relative to the pack folder, not absolute.';
  }
  const normalized = posix.normalize(path);
  if (normalized === '..' || normalized.startsWith('../')) {
    return 'the path leaves the pack folder; template files must live inside it.';
  }
  if (normalized === '.' || normalized.endsWith('/')) return 'the path names a folder, not a file.';
  if (path.includes('\0')) return 'the path contains a NUL character.';
  return undefined;
}

/**
 * Finds where a key or value sits in the JSON text, to point errors at it. JSON is YAML, so the
 * YAML parser gives source ranges that `JSON.parse` does not; when it cannot (tab indentation,
 * say), errors point at the file only.
 */
/**
 * The first key that appears twice in one JSON object, with the path of that object and the
 * offset of the second key's opening quote. `text` is valid JSON (`JSON.parse` accepted it), so
 * a scan of its tokens is enough: objects are checked key by key, each value before the next
 * key, and arrays item by item (their objects have the array's path).
 */
function findDuplicateKey(
  text: string,
): { path: string[]; key: string; offset: number } | undefined {
  let at = 0;
  const skipSpace = () => {
    while (
      at < text.length &&
      (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')
    )
      at++;
  };
  const readString = (): string => {
    const start = at;
    at++;
    while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const visit = (path: string[]): { path: string[]; key: string; offset: number } | undefined => {
    skipSpace();
    const open = text[at];
    if (open === '"') {
      readString();
      return undefined;
    }
    if (open !== '{' && open !== '[') {
      // A number, true, false or null.
      while (at < text.length && !',]} \t\n\r'.includes(text[at]!)) at++;
      return undefined;
    }
    at++;
    const seen = new Set<string>();
    for (;;) {
      skipSpace();
      if (text[at] === '}' || text[at] === ']') {
        at++;
        return undefined;
      }
      if (text[at] === ',') {
        at++;
        skipSpace();
      }
      if (open === '[') {
        const found = visit(path);
        if (found) return found;
        continue;
      }
      const offset = at;
      const key = readString();
      if (seen.has(key)) return { path, key, offset };
      seen.add(key);
      skipSpace();
      at++; // the colon
      const found = visit([...path, key]);
      if (found) return found;
    }
  };
  return visit([]);
}

function createJsonLocator(text: string, file: string) {
  const lineCounter = new LineCounter();
  let parsed: ReturnType<typeof parseDocument> | undefined;
  return (path: readonly string[], part: 'key' | 'value'): SourceLocation => {
    // Parsed on the first question only: a manifest without errors is never located.
    parsed ??= parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
    const doc = parsed;
    if (doc.errors.length > 0) return { file };
    let node: unknown = doc.contents;
    let offset: number | undefined;
    for (const [index, segment] of path.entries()) {
      if (!isMap(node)) break;
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (!pair) break;
      const keyOffset = isNode(pair.key) ? pair.key.range?.[0] : undefined;
      node = pair.value;
      const valueOffset = isNode(node) && !isSeq(node) ? node.range?.[0] : undefined;
      offset = index === path.length - 1 && part === 'key' ? keyOffset : (valueOffset ?? keyOffset);
    }
    if (offset === undefined) return { file };
    const position = lineCounter.linePos(offset);
    return { file, line: position.line, column: position.col };
  };
}

function offsetToLocation(text: string, offset: number, file: string): SourceLocation {
  const before = text.slice(0, offset).split('\n');
  return { file, line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
