import { relative, sep } from 'node:path';
import type { ResolvedPack } from '../resolve/resolved-pack.js';
import { formatSourceSpec, parseSourceSpec } from '../sources/index.js';

/**
 * The `extends` value with which a pack in `fromDir` extends `base` at its current version and
 * every compatible later one: `^version` for npm and path sources; a git source stays pinned to
 * the ref it was resolved from (git sources take no range).
 *
 * @example
 * ```ts
 * extendsSpecFor(speckit, 'packs/acme'); // '@specforge/templates-speckit@^1.0.0'
 * ```
 */
export function extendsSpecFor(base: ResolvedPack, fromDir: string): string {
  const spec = parseSourceSpec(base.source);
  const range = `^${base.version}`;
  switch (spec.kind) {
    case 'npm':
      return `${spec.name}@${range}`;
    case 'path': {
      const path = relative(fromDir, base.dir).split(sep).join('/') || '.';
      return formatSourceSpec({ ...spec, path: path.startsWith('.') ? path : `./${path}`, range });
    }
    case 'git':
      return formatSourceSpec(spec);
  }
}
