import { realpath } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { type SourceLocation, SpecforgeError } from '@specforge/core';
import satisfies from 'semver/functions/satisfies.js';
import { loadBuiltinPacks } from '../builtin-packs.js';
import { loadPack, type Pack, packFileBytes } from '../load-pack.js';
import { diffLocks, type Lock, type LockChange } from '../lock/lock.js';
import { relativeToPack } from '../pack-paths.js';
import { hashPackFiles } from '../sources/hash-pack-dir.js';
import {
  formatSourceSpec,
  parseSourceSpec,
  resolveSource,
  type SourceSpec,
} from '../sources/index.js';
import { composePackTemplates } from './compose-pack.js';
import type { ResolvedPack } from './resolved-pack.js';

/** Options for {@link resolveRegistry}. */
export interface ResolveRegistryOptions {
  /** The project root: sources resolve from here. */
  projectRoot: string;
  /** The project's pack sources (`packs` in specforge.config.yaml). */
  packs: readonly string[];
  /** Where git sources are cloned. */
  cacheDir: string;
  /** The current lock, if there is one. */
  lock?: Lock | undefined;
  /** Fail with `SPECFORGE_LOCK_MISMATCH` instead of reporting lock changes. */
  frozen?: boolean;
  /** Use only what is on disk or in the cache (no network). */
  offline?: boolean;
  /**
   * Replaces the `extends` of the packs in these folders (absolute, real paths) for this
   * resolution only: how an upgrade tries a new base before it writes anything.
   */
  extendsOverrides?: ReadonlyMap<string, string>;
  /** List overlay directives whose target is gone (`ResolvedTemplate.stale`) instead of failing. */
  lenientOverlays?: boolean;
  /** Where `packs` is written (the config file), so that errors about an entry point there. */
  packsLocation?: SourceLocation;
  /**
   * Packs resolved earlier in this process whose folders have not changed since, such as a
   * registry's packs while its docs site resolves other versions of one of them: a pack found in
   * one of these folders (real paths compared) is taken as it is, with its base chain, instead of
   * being read and composed again. A pack folder named in `extendsOverrides` is never reused.
   */
  reuse?: readonly ResolvedPack[];
}

/** Every pack a project can use, resolved, and the lock that pins them. */
export interface Registry {
  /** Built-in packs first, then the project's, each once. */
  packs: ResolvedPack[];
  /** The lock for this resolution. */
  lock: Lock;
  /** How {@link lock} differs from the lock passed in (empty when nothing changed). */
  lockChanges: LockChange[];
}

/**
 * Resolves a project's packs: each source is located (path, npm or git) and checked against its
 * range, each pack's `extends` chain is resolved the same way (a cycle is an error naming it),
 * and every template is composed through its chain with section blame. The built-in packs are
 * always part of the registry, and a base named by its npm package falls back to the built-in
 * copy when the project has not installed it.
 *
 * @example
 * ```ts
 * const registry = await resolveRegistry({ projectRoot, packs: ['./packs/acme'], cacheDir });
 * findResolvedTemplate(registry.packs, 'acme/plan').template; // the composed template
 * ```
 */
export async function resolveRegistry(options: ResolveRegistryOptions): Promise<Registry> {
  const builtins = await loadBuiltinPacks();
  const state = new ResolutionState(options, builtins, await reusableByDir(options));
  for (const spec of options.packs)
    await state.resolveSpec(spec, options.projectRoot, [], () => options.packsLocation);
  // A project pack may take a built-in pack's name (an imported Spec Kit as `speckit`): it wins.
  for (const pack of builtins) {
    if (!state.byName.has(pack.name))
      await state.resolveLoaded(pack, `npm:${pack.packageName}@${pack.version}`, []);
  }

  const packs = [...state.byName.values()];
  const lock: Lock = { lockfileVersion: 1, packs: {} };
  for (const pack of packs) {
    lock.packs[pack.name] = {
      source: pack.source,
      version: pack.version,
      integrity: pack.integrity,
      ...(pack.base ? { extends: pack.base } : {}),
    };
  }
  const lockChanges = options.lock ? diffLocks(options.lock, lock) : [];
  if (options.frozen) {
    // A project that only uses the built-in packs has no lock (plan writes none), and needs none:
    // the installed specforge pins them.
    const unlocked = options.packs.length > 0 ? diffLocks(undefined, lock) : [];
    const changes = options.lock ? lockChanges : unlocked;
    if (changes.length > 0) {
      throw new SpecforgeError('SPECFORGE_LOCK_MISMATCH', { changes: changes.map(describeChange) });
    }
  }
  return { packs, lock, lockChanges: options.lock ? lockChanges : diffLocks(undefined, lock) };
}

/** One line for a lock change, e.g. `acme: version 0.1.0 → 0.2.0`. */
export function describeChange(change: LockChange): string {
  if (change.kind === 'added') return `${change.pack}: added (${change.after?.source})`;
  if (change.kind === 'removed') return `${change.pack}: removed`;
  return `${change.pack}: ${change.fields.map((f) => `${f} ${change.before?.[f] ?? '-'} → ${change.after?.[f] ?? '-'}`).join(', ')}`;
}

class ResolutionState {
  readonly byName = new Map<string, ResolvedPack>();
  private readonly byDir = new Map<string, ResolvedPack>();

  constructor(
    private readonly options: ResolveRegistryOptions,
    private readonly builtins: Pack[],
    private readonly reusable: ReadonlyMap<string, ReusablePack>,
  ) {}

  /** Resolves a source spec found in `from`: the project root, or the folder of the pack that extends it. */
  async resolveSpec(
    raw: string,
    from: string,
    chain: string[],
    // A thunk: a manifest's locations are found only for an error.
    location: () => SourceLocation | undefined,
  ): Promise<ResolvedPack> {
    const spec = withLocation(() => parseSourceSpec(raw), location);
    const located = await this.locate(spec, from, location);
    const key = await realpath(located.dir);
    const done = this.byDir.get(key) ?? this.adopt(key);
    if (done) return done;
    // A base that falls back to a built-in pack is that pack, already loaded.
    const pack =
      this.builtins.find((builtin) => builtin.dir === located.dir) ?? (await loadPack(located.dir));
    return this.resolveLoaded(pack, located.source, chain);
  }

  async resolveLoaded(pack: Pack, source: string, chain: string[]): Promise<ResolvedPack> {
    const key = await realpath(pack.dir);
    const done = this.byDir.get(key) ?? this.adopt(key);
    if (done) return done;
    if (chain.includes(key)) {
      const names = [...chain.slice(chain.indexOf(key)), key].map(
        (dir) => relative(this.options.projectRoot, dir) || '.',
      );
      throw new SpecforgeError(
        'SPECFORGE_PACK_CYCLE',
        { cycle: names },
        { location: pack.extendsLocation },
      );
    }
    // A base is found from the extending pack's folder, as Node would resolve its dependencies.
    const extendsSpec = this.options.extendsOverrides?.get(key) ?? pack.extends;
    const base = extendsSpec
      ? await this.resolveSpec(extendsSpec, pack.dir, [...chain, key], () => pack.extendsLocation)
      : undefined;
    const resolved: ResolvedPack = {
      name: pack.name,
      version: pack.version,
      dir: pack.dir,
      source,
      // From the bytes loadPack read: hashing must not read the files a second time.
      integrity: await hashPackFiles(pack.dir, packFiles(pack), packFileBytes(pack)),
      base: base?.name,
      copiedFrom: pack.copiedFrom,
      templates: composePackTemplates(pack, base, this.lineage(base), {
        lenient: this.options.lenientOverlays,
      }),
    };
    this.register(key, resolved);
    return resolved;
  }

  /** Takes a reusable pack in the folder `key`, and its base chain, into this resolution. */
  private adopt(key: string): ResolvedPack | undefined {
    const found = this.reusable.get(key);
    if (!found) return undefined;
    // Bases first, the order a resolution from disk registers them in.
    for (const [dir, pack] of found.chain.toReversed())
      if (!this.byDir.has(dir)) this.register(dir, pack);
    return found.pack;
  }

  private register(key: string, resolved: ResolvedPack): void {
    const clash = this.byName.get(resolved.name);
    if (clash) {
      throw new SpecforgeError('SPECFORGE_PACK_NAME_CONFLICT', {
        name: resolved.name,
        first: clash.dir,
        second: resolved.dir,
      });
    }
    this.byName.set(resolved.name, resolved);
    this.byDir.set(key, resolved);
  }

  private lineage(base: ResolvedPack | undefined): string[] {
    const names: string[] = [];
    for (let pack = base; pack; pack = pack.base ? this.byName.get(pack.base) : undefined)
      names.push(pack.name);
    return names;
  }

  private async locate(spec: SourceSpec, from: string, location: () => SourceLocation | undefined) {
    try {
      const located = await resolveSource(spec, {
        projectRoot: from,
        cacheDir: this.options.cacheDir,
        offline: this.options.offline,
      });
      if (spec.kind !== 'path') return located;
      // The lock names every folder from the project root, whichever pack's `extends` named it.
      const path = relative(this.options.projectRoot, located.dir).split(sep).join('/') || '.';
      return {
        ...located,
        source: formatSourceSpec({ kind: 'path', path, range: undefined, raw: path }),
      };
    } catch (error) {
      // specforge ships its own packs: a base named by their package resolves to the built-in copy
      // when the project has not installed that package itself.
      const builtin =
        spec.kind === 'npm' && (error as SpecforgeError).code === 'SPECFORGE_SOURCE_NOT_FOUND'
          ? this.builtins.find((pack) => pack.packageName === spec.name)
          : undefined;
      if (builtin && (spec.range === undefined || satisfies(builtin.version, spec.range))) {
        return {
          dir: builtin.dir,
          version: builtin.version,
          source: `npm:${builtin.packageName}@${builtin.version}`,
        };
      }
      if (builtin && spec.range !== undefined) {
        const args = { source: spec.raw, version: builtin.version, range: spec.range };
        throw new SpecforgeError('SPECFORGE_SOURCE_VERSION_MISMATCH', args, {
          location: location(),
        });
      }
      throw attachLocation(error, location);
    }
  }
}

/** A reusable pack and its base chain (itself first), each with its real folder. */
interface ReusablePack {
  pack: ResolvedPack;
  chain: [dir: string, pack: ResolvedPack][];
}

/**
 * The reusable packs by real folder. A pack is reusable only with its whole base chain: when a
 * folder on the chain is missing or its `extends` is overridden, the pack was composed against
 * another base than this resolution would give it.
 */
async function reusableByDir(options: ResolveRegistryOptions): Promise<Map<string, ReusablePack>> {
  const dirs = new Map<ResolvedPack, string>();
  const byName = new Map<string, ResolvedPack>();
  for (const pack of options.reuse ?? []) {
    const dir = await realpath(pack.dir).catch(() => undefined);
    if (dir === undefined || options.extendsOverrides?.has(dir)) continue;
    dirs.set(pack, dir);
    byName.set(pack.name, pack);
  }
  const reusable = new Map<string, ReusablePack>();
  for (const [pack, dir] of dirs) {
    const chain: [string, ResolvedPack][] = [];
    let at: ResolvedPack | undefined = pack;
    // Bounded by the number of packs, so that a list with a cycle in it cannot loop.
    while (at && dirs.has(at) && chain.length < dirs.size) {
      chain.push([dirs.get(at)!, at]);
      if (at.base === undefined) {
        reusable.set(dir, { pack, chain });
        break;
      }
      at = byName.get(at.base);
    }
  }
  return reusable;
}

function packFiles(pack: Pack): string[] {
  const files = ['package.json'];
  for (const template of pack.templates.values())
    files.push(relativeToPack(pack.dir, template.file));
  for (const overlay of pack.overlays.values()) files.push(relativeToPack(pack.dir, overlay.file));
  return files;
}

function withLocation<T>(run: () => T, location: () => SourceLocation | undefined): T {
  try {
    return run();
  } catch (error) {
    throw attachLocation(error, location);
  }
}

// A source error raised for a manifest's `extends` points at that manifest line.
function attachLocation(error: unknown, location: () => SourceLocation | undefined): unknown {
  return error instanceof SpecforgeError ? error.locatedAt(location()) : error;
}
