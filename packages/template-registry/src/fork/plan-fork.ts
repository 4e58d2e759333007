import { basename, join, relative, sep } from 'node:path';
import { type FileSystem, nodeFileSystem, SpecforgeError, type TemplateMeta, type TemplateSource } from '@specforge/core';
import { stringify } from 'yaml';
import { packNamePattern } from '../pack-manifest.js';
import { findResolvedTemplate } from '../resolve/find-resolved-template.js';
import type { ResolvedPack } from '../resolve/resolved-pack.js';
import { parseTemplateRef } from '../template-ref.js';
import { integrityOf } from '../sources/index.js';
import { extendsSpecFor } from './base-source.js';

/** Where a copy fork keeps the upstream text it was copied from, for three-way merges. */
export const UPSTREAM_DIR = '.upstream';

/** Options for {@link planFork}. */
export interface PlanForkOptions {
  /** The resolved packs of the project. */
  packs: readonly ResolvedPack[];
  /** What to fork: a template (`speckit/plan`) or a whole pack (`speckit`). */
  from: string;
  /** The new pack's short name. */
  as: string;
  /** The new pack's folder (absolute). */
  dir: string;
  /**
   * `false` (default): an overlay fork, an empty layer that extends the base and receives every
   * upstream change. `true`: a full copy that records the upstream text it was copied from.
   */
  copy?: boolean;
}

/** One file a fork writes, relative to the fork's folder. */
export interface PlannedFile {
  /** The file's path relative to the fork's folder, with `/` separators. */
  path: string;
  /** The file's full text. */
  content: string;
}

/** What {@link planFork} would create. */
export interface ForkPlan {
  /** The new pack's short name (`--as`). */
  name: string;
  /** The new pack's first version, `0.1.0`. */
  version: string;
  /** The new pack's folder (absolute). */
  dir: string;
  /** The `extends` of the new pack (overlay forks), or `undefined` for a copy. */
  extends: string | undefined;
  /** The templates the new pack holds, by id. */
  templates: string[];
  /** Every file to write, relative to `dir`. */
  files: PlannedFile[];
}

/**
 * Plans a fork of a template or of a whole pack as a new pack folder: `package.json`, a README,
 * a CHANGELOG seed and the template files. Writes nothing: see {@link applyFork}.
 *
 * An overlay fork extends the base at its exact current version with a caret range and holds
 * one empty overlay per forked template; editing it means adding directives. A copy fork holds
 * full copies of the effective templates, records the base pack and version in
 * `specforge.copiedFrom`, and keeps the copied text under `.upstream/` so that an upgrade can
 * merge three ways.
 *
 * @example
 * ```ts
 * import { applyFork, openProjectRegistry, planFork } from '@specforge/template-registry';
 *
 * const { packs, project } = await openProjectRegistry({ cwd: process.cwd(), cacheDir: '.cache/specforge' });
 * const plan = planFork({ packs, from: 'speckit/plan', as: 'acme', dir: `${project.root}/packs/acme` });
 * plan.files.map((file) => file.path); // ['package.json', 'plan.md', 'README.md', 'CHANGELOG.md']
 * await applyFork(plan);
 * ```
 */
export function planFork(options: PlanForkOptions): ForkPlan {
  const { packs, from, as, dir } = options;
  if (!packNamePattern.test(as)) {
    throw new SpecforgeError('SPECFORGE_USAGE', {
      reason: `"${as}" is not a pack name; use lower-case letters and digits, with "-", "_" or "." inside, e.g. acme.`,
    });
  }
  if (packs.some((pack) => pack.name === as)) {
    throw new SpecforgeError('SPECFORGE_USAGE', { reason: `A pack named "${as}" exists already; pick another name with --as.` });
  }
  const isTemplateRef = from.includes('/');
  const base = packs.find((pack) => pack.name === (isTemplateRef ? parseTemplateRef(from).pack : from));
  if (!base) {
    throw new SpecforgeError('SPECFORGE_PACK_NOT_FOUND', { pack: from }, {
      hint: `Fork one of: ${packs.map((pack) => pack.name).join(', ')} (or <pack>/<template>).`,
    });
  }
  const ids = isTemplateRef ? [findResolvedTemplateId(packs, from)] : [...base.templates.keys()];
  const version = '0.1.0';
  const files: PlannedFile[] = [];
  const manifest: Record<string, unknown> = {
    name: `${as}-templates`,
    version,
    private: true,
    description: `${as}'s fork of the ${base.name} templates.`,
  };

  if (options.copy) {
    const hashes: Record<string, string> = {};
    for (const id of ids) {
      const text = serializeTemplate(base.templates.get(id)!.template, id);
      files.push({ path: `${id}.md`, content: text }, { path: `${UPSTREAM_DIR}/${id}.md`, content: text });
      hashes[id] = integrityOf(text);
    }
    manifest.specforge = {
      name: as,
      templates: Object.fromEntries(ids.map((id) => [id, `${id}.md`])),
      copiedFrom: { pack: base.name, source: base.source, version: base.version, templates: hashes },
    };
  } else {
    const extendsSpec = extendsSpecFor(base, dir);
    // A whole-pack fork inherits every template; a template fork gets one empty overlay to edit.
    const templates = isTemplateRef ? Object.fromEntries(ids.map((id) => [id, `${id}.md`])) : {};
    for (const id of Object.keys(templates)) {
      files.push({ path: `${id}.md`, content: `---\nextends: ${base.name}/${id}\n---\n` });
    }
    manifest.specforge = { name: as, extends: extendsSpec, templates };
  }
  files.unshift({ path: 'package.json', content: `${JSON.stringify(manifest, null, 2)}\n` });
  files.push(
    { path: 'README.md', content: readme(as, base, ids, options.copy ?? false) },
    { path: 'CHANGELOG.md', content: `# ${as}-templates\n\n## ${version}\n\n- Forked from ${base.name}@${base.version}.\n` },
  );
  return {
    name: as,
    version,
    dir,
    extends: options.copy ? undefined : (manifest.specforge as { extends: string }).extends,
    templates: ids,
    files,
  };
}

/**
 * Writes a {@link ForkPlan}: every file atomically, after checking that none exists (nothing is
 * written when one does). Returns the absolute paths written.
 *
 * @example
 * ```ts
 * const written = await applyFork(planFork({ packs, from: 'speckit', as: 'acme', dir, copy: true }));
 * ```
 */
export async function applyFork(plan: ForkPlan, fs: FileSystem = nodeFileSystem): Promise<string[]> {
  const targets = plan.files.map((file) => join(plan.dir, ...file.path.split('/')));
  const existing: string[] = [];
  for (const target of targets) if ((await fs.kind(target)) !== undefined) existing.push(target);
  if (existing.length > 0) {
    throw new SpecforgeError('SPECFORGE_FILE_EXISTS', { file: relative(plan.dir, existing[0]!).split(sep).join('/') }, {
      location: { file: existing[0]! },
      hint: `Fork into an empty folder: ${basename(plan.dir)} already holds ${existing.length} of the files a fork writes.`,
    });
  }
  for (const [index, file] of plan.files.entries()) {
    const target = targets[index]!;
    await fs.mkdirp(join(target, '..'));
    await fs.writeFileAtomic(target, file.content);
  }
  return targets;
}

function findResolvedTemplateId(packs: readonly ResolvedPack[], ref: string): string {
  findResolvedTemplate(packs, ref);
  return parseTemplateRef(ref).template;
}

/**
 * A template as a standalone file: its metadata as YAML front matter (under `id`), then its body.
 * Copy forks write their templates, and the upstream text they keep, in this form.
 */
export function serializeTemplate(template: TemplateSource, id: string = template.meta.id): string {
  return `---\n${stringify(withId(template.meta, id), { lineWidth: 0 })}---\n${template.body}`;
}

function withId(meta: TemplateMeta, id: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...meta, id };
  // Empty rules are the default; leaving them out keeps the copied front matter as short as the original's.
  if (meta.requiredSections.length === 0) delete out.requiredSections;
  if (meta.placeholders.length === 0) delete out.placeholders;
  if (Object.keys(meta.idPatterns).length === 0) delete out.idPatterns;
  if (meta.traces.length === 0) delete out.traces;
  return out;
}

function readme(name: string, base: ResolvedPack, ids: string[], copy: boolean): string {
  const how = copy
    ? `This pack is a full copy of ${base.name}@${base.version} (${ids.join(', ')}). Edit the templates freely;\n` +
      '`specforge template upgrade` merges later upstream versions into them three ways, using the\n' +
      'copied text kept in `.upstream/`. Do not edit `.upstream/`.'
    : `This pack extends ${base.name}@${base.version}. Each template file is an overlay: add directives such as\n` +
      '`<!-- specforge: replace technical-approach/technology-stack -->` followed by the new section\n' +
      '(see docs/overlays.md). Everything an overlay does not mention comes from the base, so upstream\n' +
      'improvements arrive when the base is upgraded.';
  return `# ${name} templates\n\n${how}\n`;
}
