import { resolve } from 'node:path';
import type { PackVersion, ProjectRegistry, ResolvedPack } from '@specforge/template-registry';
import { type BuildCache, hashParts } from './build-cache.js';
import { CACHE_REVISION, readToolVersions } from './tool-versions.js';

/** What identifies a pack's files where it was resolved. */
export type PackIdentity = Pick<ResolvedPack, 'name' | 'version' | 'dir' | 'source' | 'integrity'>;

/** The sections of a template changed at a version, compared with the current body. */
export interface ChangedSections {
  /** The `sha256` of the current body they were compared with. */
  against: string;
  /** The heading paths that differ (see `changedSections`). */
  sections: string[];
}

/** A pack at an earlier version, as the build cache keeps it. */
export interface VersionBodies {
  /** The composed body of each template, by id. */
  bodies: ReadonlyMap<string, string>;
  /** Each template's changed sections, by id. */
  changed: ReadonlyMap<string, ChangedSections>;
  /** The packs it was composed with (the pack itself is left out). */
  packs: readonly PackIdentity[];
}

/**
 * Packs at earlier versions, composed by earlier builds (see {@link openVersionBodies}).
 */
export interface VersionBodiesStore {
  /** `pack` at `version`, when an earlier build composed it over the packs the project has now. */
  get(pack: ResolvedPack, version: PackVersion): Promise<VersionBodies | undefined>;
  /** Keeps `pack` at `version`; `packs` are those of the registry resolved at that version. */
  set(pack: ResolvedPack, version: PackVersion, value: VersionBodies): void;
}

/**
 * A {@link VersionBodiesStore} over the build cache, for the versions of `registry`'s packs.
 *
 * Only a version from the project's git history is kept: it is a commit, whose files never
 * change. (A git tag can be moved, and an installed or cached npm package replaced, so those are
 * composed every build.) The key is `sha256` over the pack (name, source, folder), the version
 * and its commit, the project root and cache folder (errors and paths depend on them) and the
 * versions of this package, `@specforge/core` and the registry. The packs a version was composed
 * with (its extends chain as the project has it now) are stored with it and compared, by folder,
 * source, version and the `sha256` of their files, with the packs the project resolves now: an
 * entry composed over a base that changed since is not used.
 */
export function openVersionBodies(
  cache: BuildCache,
  registry: ProjectRegistry,
  cacheDir: string,
): VersionBodiesStore {
  const versions = readToolVersions();
  const context = hashParts([
    'version-bodies',
    String(CACHE_REVISION),
    versions.docsSite,
    versions.core,
    versions.registry,
    registry.project.root,
    resolve(cacheDir),
  ]);
  const now = new Map(registry.packs.map((pack) => [pack.name, pack]));
  const keyOf = (pack: ResolvedPack, version: PackVersion) =>
    version.origin === 'history' && /^[0-9a-f]{40,64}$/.test(version.ref)
      ? hashParts([context, pack.name, pack.source, pack.dir, version.version, version.ref])
      : undefined;
  return {
    async get(pack, version) {
      const key = keyOf(pack, version);
      const entry = key && cache.read('versions', key);
      if (!entry) return undefined;
      const stored = parseStored(entry.content.toString('utf8'));
      const same = stored?.packs.every((then) => {
        const current = now.get(then.name);
        return (
          current !== undefined &&
          then.name !== pack.name &&
          current.version === then.version &&
          current.dir === then.dir &&
          current.source === then.source &&
          current.integrity === then.integrity
        );
      });
      if (!stored || !same) return undefined;
      return {
        bodies: new Map(stored.bodies),
        changed: new Map(
          stored.changed.map(([id, against, sections]) => [id, { against, sections }]),
        ),
        packs: stored.packs,
      };
    },
    set(pack, version, { bodies, changed, packs }) {
      const key = keyOf(pack, version);
      if (!key) return;
      const stored: Stored = {
        packs: packs
          .filter((other) => other.name !== pack.name)
          .map(({ name, version: at, dir, source, integrity }) => ({
            name,
            version: at,
            dir,
            source,
            integrity,
          })),
        bodies: [...bodies],
        changed: [...changed].map(([id, { against, sections }]) => [id, against, sections]),
      };
      cache.write('versions', key, JSON.stringify(stored));
    },
  };
}

interface Stored {
  packs: PackIdentity[];
  bodies: [string, string][];
  changed: [string, string, string[]][];
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** The stored entry, when it has the shape {@link openVersionBodies} writes. */
function parseStored(text: string): Stored | undefined {
  let stored: Partial<Stored>;
  try {
    stored = JSON.parse(text) as Partial<Stored>;
  } catch {
    return undefined;
  }
  const fields = ['name', 'version', 'dir', 'source', 'integrity'] as const;
  const valid =
    Array.isArray(stored.packs) &&
    stored.packs.every(
      (pack) =>
        typeof pack === 'object' && pack !== null && fields.every((field) => isString(pack[field])),
    ) &&
    Array.isArray(stored.bodies) &&
    stored.bodies.every(
      (pair) => Array.isArray(pair) && pair.length === 2 && pair.every(isString),
    ) &&
    Array.isArray(stored.changed) &&
    stored.changed.every(
      (item) =>
        Array.isArray(item) &&
        item.length === 3 &&
        isString(item[0]) &&
        isString(item[1]) &&
        Array.isArray(item[2]) &&
        item[2].every(isString),
    );
  return valid ? (stored as Stored) : undefined;
}
