import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { SpecforgeError } from '@specforge/core';
import { parsePackManifest } from '../pack-manifest.js';
import { type Registry, type ResolvedPack, resolveRegistry } from '../resolve/index.js';
import { resolveSource } from '../sources/resolve-source.js';
import { formatSourceSpec, parseSourceSpec } from '../sources/source-spec.js';

/** Options for {@link resolveRegistryAtPackVersion}. */
export interface ResolveAtPackVersionOptions {
  /** The project root: sources resolve from here. */
  projectRoot: string;
  /** The project's pack sources, as in its config. */
  packs: readonly string[];
  /** Where git sources are cloned. */
  cacheDir: string;
  /** The project pack to move, as resolved now. */
  pack: ResolvedPack;
  /** The pack folder at the other version (from `PackVersion.materialize`). */
  dir: string;
  /**
   * The packs as resolved now (`registry.packs`): those that neither are `pack` nor extend it are
   * reused instead of being composed again, which matters when many versions are resolved.
   */
  reuse?: readonly ResolvedPack[];
}

/**
 * The project's packs resolved with one of its own packs taken from `dir` (another version of
 * it) and everything else as it is: what the docs site shows for that version. Overlays that no
 * longer apply to the base are kept as lenient (their stale directives are listed, not fatal).
 * Written nowhere.
 *
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_PACK_NOT_FOUND` when `pack` is not one of the
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
    extendsOverrides: await baseFromOriginalFolder(options.dir, options.pack.dir, options.cacheDir),
    // Without the moved pack, a pack built on it has an incomplete chain and is not reused.
    reuse: options.reuse?.filter((candidate) => candidate.name !== options.pack.name),
  });
}

/**
 * A relative `path:` base (`extends: path:../org`) names a folder next to the pack's own, and an
 * npm base one of the `node_modules` folders around it; the version written into the cache has
 * no such neighbours, so its base is found from where the pack really lives.
 */
async function baseFromOriginalFolder(
  dir: string,
  originalDir: string,
  cacheDir: string,
): Promise<Map<string, string>> {
  const overrides = new Map<string, string>();
  // The manifest alone names the base; the templates are read once, when the pack is resolved.
  const file = join(dir, 'package.json');
  const { extends: base } = parsePackManifest(await readFile(file, 'utf8'), { file });
  if (!base) return overrides;
  const spec = parseSourceSpec(base);
  if (spec.kind === 'path' && !isAbsolute(spec.path)) {
    overrides.set(
      await realpath(dir),
      formatSourceSpec({ ...spec, path: resolve(originalDir, spec.path) }),
    );
  }
  const inCache = !relative(resolve(cacheDir), resolve(dir)).startsWith('..');
  if (spec.kind === 'npm' && inCache) {
    // Found without its range, which the folder then checks: a base the project has at another
    // version says so, instead of falling back to another copy.
    const found = await resolveSource(
      { ...spec, range: undefined },
      { projectRoot: originalDir, cacheDir },
    ).catch(() => undefined);
    if (found) {
      overrides.set(
        await realpath(dir),
        formatSourceSpec({ kind: 'path', path: found.dir, range: spec.range, raw: found.dir }),
      );
    }
  }
  return overrides;
}
