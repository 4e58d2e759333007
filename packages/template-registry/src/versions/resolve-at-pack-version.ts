import { realpath } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { SpecforgeError } from '@specforge/core';
import { loadPack } from '../load-pack.js';
import { type Registry, type ResolvedPack, resolveRegistry } from '../resolve/index.js';
import { resolveSource } from '../sources/resolve-source.js';
import { formatSourceSpec, parseSourceSpec } from '../sources/source-spec.js';

/** Options for {@link resolveRegistryAtPackVersion}. */
export interface ResolveAtPackVersionOptions {
  projectRoot: string;
  /** The project's pack sources, as in its config. */
  packs: readonly string[];
  cacheDir: string;
  /** The project pack to move, as resolved now. */
  pack: ResolvedPack;
  /** The pack folder at the other version (from `PackVersion.materialize`). */
  dir: string;
}

/**
 * The project's packs resolved with one of its own packs taken from `dir` (another version of
 * it) and everything else as it is: what the docs site shows for that version. Overlays that no
 * longer apply to the base are kept as lenient (their stale directives are listed, not fatal).
 * Written nowhere.
 *
 * @throws {@link SpecforgeError} `SPECFORGE_PACK_NOT_FOUND` when `pack` is not one of the
 *   project's own packs (a base or a built-in pack has only the version installed).
 *
 * @example
 * ```ts
 * const [, previous] = await listPackVersions(pack, { projectRoot, cacheDir });
 * const registry = await resolveRegistryAtPackVersion({ projectRoot, packs, cacheDir, pack, dir: await previous.materialize() });
 * ```
 */
export async function resolveRegistryAtPackVersion(
  options: ResolveAtPackVersionOptions,
): Promise<Registry> {
  const target = await realpath(options.pack.dir);
  const packs: string[] = [];
  let replaced = false;
  for (const raw of options.packs) {
    const found = await resolveSource(parseSourceSpec(raw), {
      projectRoot: options.projectRoot,
      cacheDir: options.cacheDir,
    }).catch(() => undefined);
    const same =
      found !== undefined && (await realpath(found.dir).catch(() => found.dir)) === target;
    packs.push(same ? `path:${options.dir}` : raw);
    replaced ||= same;
  }
  if (!replaced) {
    throw new SpecforgeError(
      'SPECFORGE_PACK_NOT_FOUND',
      { pack: options.pack.name },
      {
        hint: 'Only the packs listed in specforge.config.yaml have other versions to show.',
      },
    );
  }
  return resolveRegistry({
    projectRoot: options.projectRoot,
    packs,
    cacheDir: options.cacheDir,
    lenientOverlays: true,
    extendsOverrides: await baseFromOriginalFolder(options.dir, options.pack.dir),
  });
}

/**
 * A relative `path:` base (`extends: path:../org`) names a folder next to the pack's own; the
 * version written into the cache has no such neighbour, so its base is found from where the
 * pack really lives.
 */
async function baseFromOriginalFolder(
  dir: string,
  originalDir: string,
): Promise<Map<string, string>> {
  const overrides = new Map<string, string>();
  const { extends: base } = await loadPack(dir);
  if (!base) return overrides;
  const spec = parseSourceSpec(base);
  if (spec.kind === 'path' && !isAbsolute(spec.path)) {
    overrides.set(
      await realpath(dir),
      formatSourceSpec({ ...spec, path: resolve(originalDir, spec.path) }),
    );
  }
  return overrides;
}
