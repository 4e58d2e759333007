import { readFileSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { type FileSystem, nodeFileSystem, SpecforgeError } from '@specforge/core';
import satisfies from 'semver/functions/satisfies.js';
import minVersion from 'semver/ranges/min-version.js';
import { loadBuiltinPacks } from '../builtin-packs.js';
import { serializeTemplate, UPSTREAM_DIR } from '../fork/plan-fork.js';
import { loadPack, type Pack } from '../load-pack.js';
import type { Lock } from '../lock/lock.js';
import { mergeTemplate } from '../merge/index.js';
import type { CopiedFrom } from '../pack-manifest.js';
import { resolveRegistry } from '../resolve/resolve-registry.js';
import {
  formatSourceSpec,
  integrityOf,
  listGitReleases,
  parseSourceSpec,
  resolveSource,
  type SourceSpec,
} from '../sources/index.js';

/** Options for {@link planUpgrade}. */
export interface PlanUpgradeOptions {
  /** The project root and its pack sources (`packs` in the config). */
  projectRoot: string;
  /** The project's pack sources, as `packs` in the config lists them. */
  packs: readonly string[];
  /** Where git sources are cloned. */
  cacheDir: string;
  /** The project's lock, which says what base version a fork follows now. */
  lock: Lock | undefined;
  /** The pack to upgrade (a fork: it extends a base or is a copy). */
  pack: string;
  /** The base version to move to; default: the newest its source offers. */
  to?: string;
}

/** One place an upgrade could not settle by itself. */
export interface UpgradeConflict {
  /** The file to fix (absolute). */
  file: string;
  /** 1-based line in `file`. */
  line: number;
  /** The section (heading path) concerned, `''` for the text before the first heading. */
  section: string;
  /** What conflicts and what to do, e.g. a directive whose target the new base lost. */
  message: string;
}

/** One file an upgrade writes. */
export interface UpgradeFile {
  /** The file's absolute path. */
  path: string;
  /** The file's full new text. */
  content: string;
}

/** What {@link planUpgrade} found. */
export interface UpgradePlan {
  /** The fork's short name. */
  pack: string;
  /** `overlay` for a fork that extends its base, `copy` for a full copy. */
  kind: 'overlay' | 'copy';
  /** The base version the fork follows now, and the one it would follow after the upgrade. */
  from: string;
  /** The base version after the upgrade (the same as `from` when up to date). */
  to: string;
  /** True when there is nothing newer to move to. */
  upToDate: boolean;
  /** For an overlay fork, the new `extends`. */
  extends: string | undefined;
  /**
   * The files the upgrade writes: the manifest, and for a copy the merged templates and their
   * upstream text.
   */
  files: UpgradeFile[];
  /** What the upgrade could not settle: stale directives, or merge conflicts in a copy. */
  conflicts: UpgradeConflict[];
  /**
   * Whether {@link applyUpgrade} writes the files. An overlay fork with stale directives writes
   * nothing (its overlay would not resolve against the new base); a copy fork always writes,
   * leaving conflict markers where both sides changed the same lines.
   */
  writes: boolean;
}

/**
 * Plans moving a fork to a newer base. An overlay fork gets a new `extends` (caret range on the
 * new version, or the new git tag) and is re-resolved against it; directives whose target
 * section the new base no longer has are conflicts. A copy fork is merged three ways per
 * template (base: the upstream text it was copied from, ours: the fork, theirs: the new
 * upstream), section by section then line by line; overlapping changes become conflict markers.
 * Writes nothing: see {@link applyUpgrade}.
 *
 * @example
 * ```ts
 * import { findProject, nodeFileSystem } from '@specforge/core';
 * import { applyUpgrade, planUpgrade, readProjectLock } from '@specforge/template-registry';
 *
 * const project = await findProject({ cwd: process.cwd(), fs: nodeFileSystem });
 * const { lock } = await readProjectLock(project);
 * const plan = await planUpgrade({
 *   projectRoot: project.root,
 *   packs: project.config.packs,
 *   cacheDir: '.cache/specforge',
 *   lock,
 *   pack: 'acme',
 * });
 * if (!plan.upToDate) console.log(`acme: ${plan.from} → ${plan.to}, ${plan.conflicts.length} conflicts`);
 * ```
 */
export async function planUpgrade(options: PlanUpgradeOptions): Promise<UpgradePlan> {
  // The fork is found without resolving its base: after an upstream release the current range
  // may no longer resolve at all, and that is exactly when an upgrade is needed.
  const pack = await locateProjectPack(options);
  if (pack.copiedFrom) return planCopyUpgrade(options, pack, pack.copiedFrom);
  if (pack.extends) return planOverlayUpgrade(options, pack, pack.extends);
  throw new SpecforgeError('SPECFORGE_USAGE', {
    reason: `${options.pack} is not a fork: it neither extends a base pack nor records what it was copied from.`,
  });
}

async function planOverlayUpgrade(
  options: PlanUpgradeOptions,
  pack: Pack,
  extendsRaw: string,
): Promise<UpgradePlan> {
  const spec = parseSourceSpec(extendsRaw);
  const target = await targetOf(spec, options, pack.dir);
  const from = currentBaseVersion(options.lock, pack.name, spec);
  const base0 = { pack: options.pack, kind: 'overlay' as const, from };
  // A git base moves by tag; an npm or folder base is current when the fork already follows the
  // version its source offers.
  const upToDate =
    spec.kind === 'git'
      ? target.extends === extendsRaw
      : from === target.version &&
        (spec.range === undefined || satisfies(target.version, spec.range));
  if (upToDate) {
    return {
      ...base0,
      to: target.version,
      upToDate: true,
      extends: extendsRaw,
      files: [],
      conflicts: [],
      writes: false,
    };
  }
  const key = await realpath(pack.dir);
  const trial = await resolveRegistry({
    projectRoot: options.projectRoot,
    packs: options.packs,
    cacheDir: options.cacheDir,
    extendsOverrides: new Map([[key, target.extends]]),
    lenientOverlays: true,
  });
  const upgraded = trial.packs.find((candidate) => candidate.name === options.pack)!;
  const conflicts: UpgradeConflict[] = [];
  for (const template of upgraded.templates.values()) {
    for (const stale of template.stale) {
      conflicts.push({
        file: stale.file,
        line: stale.line,
        section: stale.target,
        message: `"${stale.op} ${stale.target}": the base at ${target.version} has no section ${stale.target}; retarget the directive or mark it optional.`,
      });
    }
  }
  const manifestText = await readFile(pack.manifestFile, 'utf8');
  const manifest = JSON.parse(manifestText) as { specforge: { extends: string } };
  manifest.specforge.extends = target.extends;
  return {
    ...base0,
    to: target.version,
    upToDate: false,
    extends: target.extends,
    files: [{ path: pack.manifestFile, content: `${JSON.stringify(manifest, null, 2)}\n` }],
    conflicts,
    writes: conflicts.length === 0,
  };
}

async function planCopyUpgrade(
  options: PlanUpgradeOptions,
  pack: Pack,
  copiedFrom: CopiedFrom,
): Promise<UpgradePlan> {
  const { packs } = await resolveRegistry({
    projectRoot: options.projectRoot,
    packs: options.packs,
    cacheDir: options.cacheDir,
  });
  const resolved = packs.find((candidate) => candidate.name === pack.name)!;
  const upstream = packs.find((candidate) => candidate.name === copiedFrom.pack);
  if (!upstream) {
    throw new SpecforgeError(
      'SPECFORGE_PACK_NOT_FOUND',
      { pack: copiedFrom.pack },
      {
        hint: `${options.pack} was copied from ${copiedFrom.pack}@${copiedFrom.version}; add that pack's source to "packs" in specforge.config.yaml.`,
      },
    );
  }
  if (options.to && options.to !== upstream.version) {
    throw new SpecforgeError(
      'SPECFORGE_SOURCE_VERSION_MISMATCH',
      { source: upstream.source, version: upstream.version, range: options.to },
      {
        hint: `The project resolves ${upstream.name}@${upstream.version}; point its source at ${options.to} first.`,
      },
    );
  }
  const common = {
    pack: options.pack,
    kind: 'copy' as const,
    from: copiedFrom.version,
    to: upstream.version,
    extends: undefined,
  };
  const files: UpgradeFile[] = [];
  const conflicts: UpgradeConflict[] = [];
  const hashes: Record<string, string> = {};
  let changed = false;
  for (const [id, hash] of Object.entries(copiedFrom.templates)) {
    const theirsTemplate = upstream.templates.get(id);
    const oursTemplate = resolved.templates.get(id);
    if (!theirsTemplate || !oursTemplate) continue;
    const upstreamFile = join(pack.dir, UPSTREAM_DIR, `${id}.md`);
    // Synchronous: a hundred small files read one after another, each awaited, would wait for
    // the event loop twice per file.
    const base = readFileSync(upstreamFile, 'utf8');
    const theirs = serializeTemplate(theirsTemplate.template, id);
    hashes[id] = integrityOf(theirs);
    if (theirs === base) {
      hashes[id] = hash;
      continue;
    }
    changed = true;
    const oursFile = oursTemplate.template.file;
    const ours = readFileSync(oursFile, 'utf8');
    const merged = mergeTemplate({
      base,
      ours,
      theirs,
      file: oursFile,
      labels: {
        ours: options.pack,
        base: `${copiedFrom.pack}@${copiedFrom.version}`,
        theirs: `${upstream.name}@${upstream.version}`,
      },
    });
    for (const conflict of merged.conflicts) {
      const where = conflict.section || 'the text before the first heading';
      const message = {
        content: `both sides changed ${where}`,
        heading: `both sides renamed ${where}, differently`,
        'removed-and-edited': `one side removed ${where} and the other changed it`,
        'added-twice': `both sides added a section ${where}, with different text`,
      }[conflict.kind];
      conflicts.push({ file: oursFile, line: conflict.line, section: conflict.section, message });
    }
    files.push({ path: oursFile, content: merged.text }, { path: upstreamFile, content: theirs });
  }
  if (!changed && copiedFrom.version === upstream.version) {
    return { ...common, upToDate: true, files: [], conflicts: [], writes: false };
  }
  const manifest = JSON.parse(await readFile(pack.manifestFile, 'utf8')) as {
    specforge: { copiedFrom: CopiedFrom };
  };
  manifest.specforge.copiedFrom = {
    ...copiedFrom,
    source: upstream.source,
    version: upstream.version,
    templates: hashes,
  };
  files.push({ path: pack.manifestFile, content: `${JSON.stringify(manifest, null, 2)}\n` });
  return { ...common, upToDate: false, files, conflicts, writes: true };
}

/**
 * Writes an {@link UpgradePlan} when it says it writes: every file atomically. Returns the
 * files written.
 *
 * @example
 * ```ts
 * const written = await applyUpgrade(await planUpgrade(options));
 * // Re-open the registry afterwards so that specforge.lock follows the new base.
 * ```
 */
export async function applyUpgrade(
  plan: UpgradePlan,
  fs: FileSystem = nodeFileSystem,
): Promise<string[]> {
  if (!plan.writes) return [];
  // One change: a crash leaves every file at the old version or every one at the new.
  await fs.writeFilesAtomic(plan.files.map((file) => ({ path: file.path, data: file.content })));
  return plan.files.map((file) => file.path);
}

// The version to move to and the `extends` that selects it.
async function targetOf(
  spec: SourceSpec,
  options: PlanUpgradeOptions,
  from: string,
): Promise<{ version: string; extends: string }> {
  if (spec.kind === 'git') {
    // Without --to, the newest release tag the repository offers (none: stay where it is).
    const newest = options.to ? undefined : (await listGitReleases(spec))[0]?.tag;
    const ref = options.to
      ? /^\d/.test(options.to)
        ? `v${options.to}`
        : options.to
      : (newest ?? spec.ref);
    const next = { ...spec, ref, refKind: 'name' as const };
    const found = await resolveSource(next, { projectRoot: from, cacheDir: options.cacheDir });
    return { version: found.version, extends: formatSourceSpec(next) };
  }
  // npm and path sources offer one version: what is installed, or in the folder, now.
  const open = { ...spec, range: undefined };
  const version = await versionAt(open, options, from);
  if (options.to && options.to !== version) {
    throw new SpecforgeError(
      'SPECFORGE_SOURCE_VERSION_MISMATCH',
      { source: spec.raw, version, range: options.to },
      {
        hint: `${spec.raw} offers ${version} only; install or check out ${options.to} first.`,
      },
    );
  }
  const range = `^${version}`;
  return {
    version,
    extends: spec.kind === 'npm' ? `${spec.name}@${range}` : formatSourceSpec({ ...spec, range }),
  };
}

async function versionAt(
  spec: SourceSpec,
  options: PlanUpgradeOptions,
  from: string,
): Promise<string> {
  try {
    return (await resolveSource(spec, { projectRoot: from, cacheDir: options.cacheDir })).version;
  } catch (error) {
    // The built-in packs always resolve, to the copy that ships with specforge.
    const builtin =
      spec.kind === 'npm'
        ? (await loadBuiltinPacks()).find((pack) => pack.packageName === spec.name)
        : undefined;
    if (builtin) return builtin.version;
    throw error;
  }
}

/** Options for {@link resolveAtBaseVersion}. */
export interface ResolveAtBaseVersionOptions {
  /** The project root: sources resolve from here. */
  projectRoot: string;
  /** The project's pack sources, as `packs` in the config lists them. */
  packs: readonly string[];
  /** Where git sources are cloned. */
  cacheDir: string;
  /** The overlay fork whose base is to be moved. */
  pack: string;
  /** The base version to resolve the fork against. */
  version: string;
}

/**
 * The project's packs resolved as if the overlay fork `pack` extended its base at `version`
 * (written nowhere): what `template diff --base` compares. Directives the base at that version
 * cannot take are listed in `stale`, not fatal.
 */
export async function resolveAtBaseVersion(options: ResolveAtBaseVersionOptions) {
  const pack = await locateProjectPack({ ...options, lock: undefined });
  if (!pack.extends) {
    throw new SpecforgeError('SPECFORGE_USAGE', {
      reason: `${options.pack} extends no base pack, so it has no base version to choose.`,
    });
  }
  const target = await targetOf(
    parseSourceSpec(pack.extends),
    { ...options, lock: undefined, to: options.version },
    pack.dir,
  );
  return resolveRegistry({
    projectRoot: options.projectRoot,
    packs: options.packs,
    cacheDir: options.cacheDir,
    extendsOverrides: new Map([[await realpath(pack.dir), target.extends]]),
    lenientOverlays: true,
  });
}

/**
 * The project's own packs (`packs` in the config), each loaded from its source without resolving
 * its base, so that a fork whose base moved out of range can still be found and upgraded.
 */
export async function loadProjectPacks(
  options: Pick<PlanUpgradeOptions, 'projectRoot' | 'packs' | 'cacheDir'>,
): Promise<Pack[]> {
  const packs: Pack[] = [];
  for (const raw of options.packs) {
    const found = await resolveSource(parseSourceSpec(raw), {
      projectRoot: options.projectRoot,
      cacheDir: options.cacheDir,
    });
    packs.push(await loadPack(found.dir));
  }
  return packs;
}

/** The fork pack named in the options, loaded from its source (its base is not resolved). */
async function locateProjectPack(options: PlanUpgradeOptions): Promise<Pack> {
  const packs = await loadProjectPacks(options);
  const found = packs.find((pack) => pack.name === options.pack);
  if (found) return found;
  const seen = packs.map((pack) => pack.name);
  throw new SpecforgeError(
    'SPECFORGE_PACK_NOT_FOUND',
    { pack: options.pack },
    {
      hint: seen.length
        ? `The project's own packs are: ${seen.join(', ')}; only they can be upgraded.`
        : 'The project lists no packs of its own in specforge.config.yaml; fork one first (specforge template fork).',
    },
  );
}

// What the fork follows now: the lock's record of its base, else the lowest version of its range.
function currentBaseVersion(lock: Lock | undefined, name: string, spec: SourceSpec): string {
  const baseName = lock?.packs[name]?.extends;
  const locked = baseName ? lock?.packs[baseName]?.version : undefined;
  if (locked) return locked;
  const range = spec.kind === 'git' ? undefined : spec.range;
  return (range && minVersion(range)?.version) ?? 'unknown';
}
