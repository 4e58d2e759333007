import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { loadPack, type Pack } from './load-pack.js';

/** npm packages of the packs that ship with specforge; each is a dependency of this package. */
const builtinPackPackages = ['@specforge/templates-speckit'] as const;

/**
 * The folders of the built-in template packs (today only `speckit`, the package
 * `@specforge/templates-speckit`), resolved the way Node resolves this package's dependencies.
 *
 * @example
 * ```ts
 * builtinPackDirs(); // ['/…/node_modules/@specforge/templates-speckit']
 * ```
 */
export function builtinPackDirs(): string[] {
  const require = createRequire(import.meta.url);
  return builtinPackPackages.map((name) => dirname(require.resolve(`${name}/package.json`)));
}

/**
 * Loads every built-in template pack (see {@link builtinPackDirs} and {@link loadPack}).
 *
 * @example
 * ```ts
 * const [speckit] = await loadBuiltinPacks();
 * speckit?.templates.get('plan');
 * ```
 */
export async function loadBuiltinPacks(): Promise<Pack[]> {
  return Promise.all(builtinPackDirs().map((dir) => loadPack(dir)));
}
