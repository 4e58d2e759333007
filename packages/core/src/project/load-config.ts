import { isMap, isScalar, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { SpecforgeError } from '../errors/specforge-error.js';
import type { ProjectConfig } from './project.js';

const KNOWN_KEYS = ['name', 'vars', 'plan', 'spec', 'tasks', 'packs'] as const;
/** The keys that name the template a kind of document is made with (and checked against). */
const TEMPLATE_KEYS = ['plan', 'spec', 'tasks'] as const;

/**
 * Parses and validates a specforge config file's text (YAML; JSON is valid YAML too).
 * Errors name the file and the line of the offending key.
 */
export function parseProjectConfig(text: string, file: string): ProjectConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter });
  const fail = (reason: string, offset?: number): never => {
    const at = offset === undefined ? undefined : lineCounter.linePos(offset);
    const location = at ? { file, line: at.line, column: at.col } : { file };
    throw new SpecforgeError('SPECFORGE_CONFIG_INVALID', { reason }, { location });
  };
  const firstError = doc.errors[0];
  if (firstError) fail(firstError.message.split('\n')[0] ?? 'invalid YAML', firstError.pos[0]);
  if (doc.contents === null) return { vars: {}, plan: {}, spec: {}, tasks: {}, packs: [] };
  if (!isMap(doc.contents))
    fail('the top level must be a mapping of keys to values', doc.contents.range?.[0]);

  let data: Record<string, unknown>;
  try {
    // The alias limit applies here, when aliases are expanded: a "billion laughs" stops early.
    data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (error) {
    return fail(`it cannot be expanded (${(error as Error).message})`);
  }
  const config: ProjectConfig = { vars: {}, plan: {}, spec: {}, tasks: {}, packs: [] };
  for (const pair of (doc.contents as YAMLMap).items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    const value = data[key] ?? null;
    if (key === 'name') {
      if (typeof value !== 'string' || value.trim() === '')
        fail('"name" must be a non-empty string', keyOffset);
      config.name = value as string;
    } else if (key === 'vars') {
      if (!isPlainObject(value)) fail('"vars" must be a mapping', keyOffset);
      config.vars = value as Record<string, unknown>;
    } else if ((TEMPLATE_KEYS as readonly string[]).includes(key)) {
      const example = `speckit/${key}`;
      if (!isPlainObject(value))
        fail(`"${key}" must be a mapping such as { template: ${example} }`, keyOffset);
      const entry = value as Record<string, unknown>;
      for (const entryKey of Object.keys(entry)) {
        if (entryKey !== 'template')
          fail(`unknown key "${key}.${entryKey}" (known: ${key}.template)`, keyOffset);
      }
      if (entry.template !== undefined && typeof entry.template !== 'string') {
        fail(`"${key}.template" must be a template reference such as ${example}`, keyOffset);
      }
      config[key as (typeof TEMPLATE_KEYS)[number]] = {
        template: entry.template as string | undefined,
      };
    } else if (key === 'packs') {
      if (
        !Array.isArray(value) ||
        !value.every((entry) => typeof entry === 'string' && entry.trim() !== '')
      ) {
        fail('"packs" must be a list of pack sources, e.g. [./packs/acme]', keyOffset);
      }
      config.packs = value as string[];
    } else {
      fail(`unknown key "${key}" (known: ${KNOWN_KEYS.join(', ')})`, keyOffset);
    }
  }
  return config;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
