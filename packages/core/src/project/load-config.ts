import { isMap, isScalar, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { SpecforgeError } from '../errors/specforge-error.js';
import type { ProjectConfig } from './project.js';

const KNOWN_KEYS = ['name', 'vars', 'plan', 'packs'] as const;

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
  if (doc.contents === null) return { vars: {}, plan: {}, packs: [] };
  if (!isMap(doc.contents)) fail('the top level must be a mapping of keys to values', doc.contents.range?.[0]);

  let data: Record<string, unknown>;
  try {
    // The alias limit applies here, when aliases are expanded: a "billion laughs" stops early.
    data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (error) {
    return fail(`it cannot be expanded (${(error as Error).message})`);
  }
  const config: ProjectConfig = { vars: {}, plan: {}, packs: [] };
  for (const pair of (doc.contents as YAMLMap).items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    const value = data[key] ?? null;
    if (key === 'name') {
      if (typeof value !== 'string' || value.trim() === '') fail('"name" must be a non-empty string', keyOffset);
      config.name = value as string;
    } else if (key === 'vars') {
      if (!isPlainObject(value)) fail('"vars" must be a mapping', keyOffset);
      config.vars = value as Record<string, unknown>;
    } else if (key === 'plan') {
      if (!isPlainObject(value)) fail('"plan" must be a mapping', keyOffset);
      const plan = value as Record<string, unknown>;
      for (const planKey of Object.keys(plan)) {
        if (planKey !== 'template') fail(`unknown key "plan.${planKey}" (known: plan.template)`, keyOffset);
      }
      if (plan.template !== undefined && typeof plan.template !== 'string') {
        fail('"plan.template" must be a template reference such as speckit/plan', keyOffset);
      }
      config.plan = { template: plan.template as string | undefined };
    } else if (key === 'packs') {
      if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string' && entry.trim() !== '')) {
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
