import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { flattenSections, isSpecforgeError, parseSections } from '@specforge/core';
import {
  listPackVersions,
  type PackVersion,
  type PackVersionOrigin,
  type ProjectRegistry,
  type ResolvedPack,
  resolveRegistryAtPackVersion,
} from '@specforge/template-registry';
import type { ChangedSections, PackIdentity, VersionBodiesStore } from '../cache/version-bodies.js';

/** One version of a template: its effective body as the project composed it at that pack version. */
export interface TemplateAtVersion {
  /** The pack version. */
  version: string;
  /** Where the version comes from: the current one, a git tag, or the project's history. */
  origin: PackVersionOrigin;
  /** The composed Handlebars body. */
  body: string;
  /** Heading paths whose text differs from the current version's (`[]` for the current one). */
  changedSections: string[];
}

/** A version of a pack the site offers, or why it could not be shown. */
export interface SitePackVersion {
  /** The pack version. */
  version: string;
  /** Where the version comes from: the current one, a git tag, or the project's history. */
  origin: PackVersionOrigin;
  /** The git tag or commit holding it; `''` for the current version. */
  ref: string;
  /** Set when this version could not be composed (e.g. its overlay no longer parses). */
  error: string | undefined;
}

/** The versions of one of the project's own packs, and its templates at each. */
export interface PackVersionsModel {
  /** The pack's short name. */
  pack: string;
  /** Every version its source offers, newest first, the current one included. */
  versions: SitePackVersion[];
  /** The pack's `CHANGELOG.md` (as changesets writes it), or `undefined`. */
  changelog: string | undefined;
  /** By template id: the template at every version that has it, newest first. */
  templates: Map<string, TemplateAtVersion[]>;
}

/** Options for {@link buildVersionsModel}. */
export interface VersionsModelOptions {
  /** Where git sources are cloned and versions from git are written. */
  cacheDir: string;
  /** At most this many versions per pack, newest first; 10 by default. */
  maxVersions?: number;
  /** The environment git starts from; `process.env` by default. */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * For each of the project's own packs: every version its source offers (see `listPackVersions`),
 * the pack composed at that version (through its extends chain as the project has it now), and
 * each template's body there, with the sections that differ from the current version. Built-in
 * packs offer only their installed version and are left out, and so is an npm pack with no other
 * version installed or in the npm cache. A version that cannot be composed is listed with its
 * error, not fatal.
 */
export async function buildVersionsModel(
  registry: ProjectRegistry,
  options: VersionsModelOptions,
): Promise<PackVersionsModel[]> {
  return composeVersionsModel(registry, options);
}

/**
 * {@link buildVersionsModel}, with the bodies of versions that `store` has (composed by an
 * earlier build) taken from there instead of being composed again.
 */
export async function composeVersionsModel(
  registry: ProjectRegistry,
  options: VersionsModelOptions,
  store?: VersionBodiesStore,
): Promise<PackVersionsModel[]> {
  // Packs and versions are composed concurrently: git reads and file reads of one overlap the
  // composing of another.
  const models = await Promise.all(
    registry.packs.map((pack) => packVersionsModel(registry, pack, options, store)),
  );
  // An npm pack is shown only when another version of it is installed or in the npm cache; a
  // built-in pack never has one (see listPackVersions).
  return models.filter(
    (model, index) =>
      model.versions.length > 1 || !registry.packs[index]!.source.startsWith('npm:'),
  );
}

async function packVersionsModel(
  registry: ProjectRegistry,
  pack: ResolvedPack,
  options: VersionsModelOptions,
  store: VersionBodiesStore | undefined,
): Promise<PackVersionsModel> {
  const { project } = registry;
  const listed = await listPackVersions(pack, {
    projectRoot: project.root,
    cacheDir: options.cacheDir,
    env: options.env,
  });
  const current = new Map(
    [...pack.templates].map(([id, resolved]) => [id, resolved.template.body]),
  );
  const composed = await Promise.all(
    listed.slice(0, options.maxVersions ?? 10).map(async (entry): Promise<ComposedVersion> => {
      try {
        if (entry.origin === 'current')
          return { entry, bodies: current, error: undefined, fromCache: false };
        const known = await store?.get(pack, entry);
        if (known) return { entry, ...known, error: undefined, fromCache: true };
        const dir = await entry.materialize();
        const { bodies, packs } = await bodiesAt(registry, pack, dir, options.cacheDir);
        return { entry, bodies, packs, error: undefined, fromCache: false };
      } catch (cause) {
        if (!isSpecforgeError(cause)) throw cause;
        const error = withDisplayPaths(cause.message, project.root, options.cacheDir);
        return { entry, bodies: new Map<string, string>(), error, fromCache: false };
      }
    }),
  );
  // Each distinct body is parsed once, however many versions share it; a body the same as the
  // current one has no changed section and is not parsed at all.
  const textsByBody = new Map<string, Map<string, string>>();
  const textsOf = (body: string) => {
    let texts = textsByBody.get(body);
    if (!texts) {
      texts = ownTexts(body);
      textsByBody.set(body, texts);
    }
    return texts;
  };
  const currentHashes = new Map<string, string>();
  const currentHash = (id: string) => {
    let hash = currentHashes.get(id);
    if (hash === undefined) {
      hash = hashText(current.get(id) ?? '');
      currentHashes.set(id, hash);
    }
    return hash;
  };
  const templates = new Map<string, TemplateAtVersion[]>();
  const versions: SitePackVersion[] = [];
  for (const { entry, bodies, error, changed: known, packs, fromCache } of composed) {
    versions.push({ version: entry.version, origin: entry.origin, ref: entry.ref, error });
    // The sections changed at this version, by template, with the current body they were
    // compared with; kept in the build cache with the bodies.
    const changed = new Map<string, ChangedSections>();
    let recomputed = false;
    for (const [id, body] of bodies) {
      let sections: string[] = [];
      if (entry.origin !== 'current') {
        const against = currentHash(id);
        const stored = known?.get(id);
        if (stored?.against === against) sections = stored.sections;
        else {
          const now = current.get(id) ?? '';
          sections = body === now ? [] : changedSectionsOf(textsOf(now), textsOf(body));
          recomputed = true;
        }
        changed.set(id, { against, sections });
      }
      const list = templates.get(id) ?? [];
      list.push({ version: entry.version, origin: entry.origin, body, changedSections: sections });
      templates.set(id, list);
    }
    // Stored when composed now, or when the current body of a template changed since.
    if (packs && error === undefined && (!fromCache || recomputed))
      store?.set(pack, entry, { bodies, changed, packs });
  }
  const changelog = await readFile(join(pack.dir, 'CHANGELOG.md'), 'utf8').catch(() => undefined);
  return { pack: pack.name, versions, changelog, templates };
}

/** A version of a pack, composed or taken from the build cache. */
interface ComposedVersion {
  entry: PackVersion;
  bodies: ReadonlyMap<string, string>;
  error: string | undefined;
  /** From the build cache: the sections changed at this version, as compared then. */
  changed?: ReadonlyMap<string, ChangedSections>;
  /** The packs it was composed with (none for the current version or one that failed). */
  packs?: readonly PackIdentity[];
  /** Whether it came from the build cache. */
  fromCache: boolean;
}

function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function bodiesAt(
  { project, packs }: ProjectRegistry,
  pack: ResolvedPack,
  dir: string,
  cacheDir: string,
): Promise<{ bodies: Map<string, string>; packs: readonly ResolvedPack[] }> {
  // Only the pack is resolved (its extends chain comes with it), not every pack of the config: a
  // pack's templates compose from its chain alone, the other packs would be resolved for nothing
  // at every version, and a pack that extends this one would clash with its other version.
  const then = await resolveRegistryAtPackVersion({
    projectRoot: project.root,
    packs: [pack.source],
    cacheDir,
    pack,
    dir,
    reuse: packs,
  });
  const resolved = then.packs.find((candidate) => candidate.name === pack.name);
  const bodies = new Map([...(resolved?.templates ?? [])].map(([id, t]) => [id, t.template.body]));
  return { bodies, packs: then.packs };
}

/**
 * The heading paths whose own text (heading and body, sub-sections excluded) differs between
 * two bodies, in `other`'s order, then those only `current` has: enough to point a reader at
 * what changed between versions.
 */
export function changedSections(current: string, other: string): string[] {
  return changedSectionsOf(ownTexts(current), ownTexts(other));
}

function changedSectionsOf(
  a: ReadonlyMap<string, string>,
  b: ReadonlyMap<string, string>,
): string[] {
  const changed: string[] = [];
  for (const [path, text] of b) if (a.get(path) !== text) changed.push(path);
  for (const path of a.keys()) if (!b.has(path)) changed.push(path);
  return changed;
}

function ownTexts(body: string): Map<string, string> {
  const lines = body.split(/\r\n?|\n/);
  const texts = new Map<string, string>();
  for (const section of flattenSections(parseSections(body))) {
    const end = section.children[0] ? section.children[0].line - 1 : section.endLine;
    texts.set(
      section.path,
      lines
        .slice(section.line - 1, end)
        .join('\n')
        .trim(),
    );
  }
  return texts;
}

// Errors name files by their path on the machine that built the site: the project's files are
// shown relative to it, the cache's under `<cache>/`.
function withDisplayPaths(message: string, root: string, cacheDir: string): string {
  return message
    .split(`${root}/`)
    .join('')
    .split(`${resolve(cacheDir)}/`)
    .join('<cache>/');
}
