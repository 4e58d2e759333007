import { basename, join, relative, sep } from 'node:path';
import { type FileSystem, nodeFileSystem, SpecforgeError, type TemplateSource } from '@specforge/core';
import { stringify } from 'yaml';
import { findResolvedTemplate } from '../resolve/find-resolved-template.js';
import type { ResolvedPack } from '../resolve/resolved-pack.js';
import { parseTemplateRef } from '../template-ref.js';
import { templateFrontMatter } from '../template-front-matter.js';
import { integrityOf } from '../sources/index.js';
import { extendsSpecFor } from './base-source.js';
import { type ChangesetsWorkspace, type ForkName, parseForkName } from './fork-package.js';

/** Where a copy fork keeps the upstream text it was copied from, for three-way merges. */
export const UPSTREAM_DIR = '.upstream';

/** Options for {@link planFork}. */
export interface PlanForkOptions {
  /** The resolved packs of the project. */
  packs: readonly ResolvedPack[];
  /** What to fork: a template (`speckit/plan`) or a whole pack (`speckit`). */
  from: string;
  /**
   * The new pack's short name (`acme`: a private package of the project, `acme-templates`), or a
   * scoped npm package name (`@acme/templates`: a publishable package whose pack name is derived,
   * see {@link parseForkName}).
   */
  as: string;
  /** The new pack's folder (absolute). */
  dir: string;
  /**
   * `false` (default): an overlay fork, an empty layer that extends the base and receives every
   * upstream change. `true`: a full copy that records the upstream text it was copied from.
   */
  copy?: boolean;
  /** The `license` of a publishable fork's `package.json` (default `UNLICENSED`). */
  license?: string;
  /**
   * The changesets workspace the fork's folder is in (see `findChangesetsWorkspace`). A
   * publishable fork that is a package of one starts at `0.0.0` with a changeset that releases it
   * as `0.1.0`; elsewhere it starts at `0.1.0`.
   */
  changesets?: ChangesetsWorkspace;
}

/** One file a fork writes, relative to the fork's folder. */
export interface PlannedFile {
  /** The file's path relative to the fork's folder, with `/` separators. */
  path: string;
  /** The file's full text. */
  content: string;
}

/** The changeset a publishable fork adds to its changesets workspace. */
export interface PlannedChangeset {
  /** The changeset file's absolute path, under the workspace's `.changeset/`. */
  path: string;
  /** Its text: front matter naming the package and bump, then the entry for the CHANGELOG. */
  content: string;
}

/** What {@link planFork} would create. */
export interface ForkPlan {
  /** The new pack's short name (`--as`, or derived from the package name). */
  name: string;
  /** The npm package name in the fork's `package.json`. */
  packageName: string;
  /** Whether the fork is a publishable package (`--as` was a scoped package name). */
  publishable: boolean;
  /**
   * The new pack's version: `0.1.0`, or `0.0.0` for a publishable fork in a changesets
   * workspace, whose changeset makes its first release `0.1.0`.
   */
  version: string;
  /** The new pack's folder (absolute). */
  dir: string;
  /** The `extends` of the new pack (overlay forks), or `undefined` for a copy. */
  extends: string | undefined;
  /** The templates the new pack holds, by id. */
  templates: string[];
  /** Every file to write, relative to `dir`. */
  files: PlannedFile[];
  /** The changeset that announces a publishable fork; `undefined` when none is written. */
  changeset: PlannedChangeset | undefined;
  /** What the user should know about the fork, e.g. why no changeset was written. */
  notes: string[];
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
  const { packs, from, dir } = options;
  const naming = parseForkName(options.as);
  const as = naming.pack;
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
  const released = naming.publishable && options.changesets?.workspacePackage === true;
  const version = released ? '0.0.0' : FIRST_VERSION;
  const files: PlannedFile[] = [];
  const manifest: Record<string, unknown> = naming.publishable
    ? publishableManifest(naming, version, base, options)
    : { name: naming.packageName, version, private: true, description: `${as}'s fork of the ${base.name} templates.` };
  if (options.license !== undefined && !naming.publishable) manifest.license = options.license;

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
  const how = readme(as, base, ids, options.copy ?? false);
  const forked = `Forked from ${base.name}@${base.version}.`;
  files.push(
    {
      path: 'README.md',
      content: naming.publishable ? packageReadme(naming, how, ids, Boolean(released), options.license) : how,
    },
    {
      path: 'CHANGELOG.md',
      // In a changesets workspace the changeset writes the first entry when it releases 0.1.0.
      content: released
        ? `# ${naming.packageName}\n`
        : `# ${naming.packageName}\n\n## ${version}\n\n- ${forked}\n`,
    },
  );
  const notes: string[] = [];
  let changeset: PlannedChangeset | undefined;
  if (released) {
    const slug = naming.packageName.replace(/^@/, '').replace(/[^a-z0-9]+/g, '-');
    const kind = options.copy ? 'a full copy' : 'an overlay fork';
    changeset = {
      path: join(options.changesets!.root, '.changeset', `new-pack-${slug}.md`),
      content:
        `---\n${JSON.stringify(naming.packageName)}: minor\n---\n\n` +
        `Adds the \`${as}\` template pack, ${kind} of \`${from}\` (${base.name}@${base.version}). ` +
        `Projects use it with \`packs: [npm:${naming.packageName}@^${FIRST_VERSION}]\` in specforge.config.yaml.\n`,
    };
  } else if (naming.publishable && options.changesets) {
    notes.push(
      `No changeset written: ${relative(options.changesets.root, dir).split(sep).join('/') || '.'} is not a package of the workspace; ` +
        'add its folder to the workspace packages (pnpm-workspace.yaml), then run `changeset add`.',
    );
  } else if (naming.publishable) {
    notes.push('No changeset written: the folder is in no changesets workspace (no .changeset/config.json above it).');
  }
  return {
    name: as,
    packageName: naming.packageName,
    publishable: naming.publishable,
    version,
    dir,
    extends: options.copy ? undefined : (manifest.specforge as { extends: string }).extends,
    templates: ids,
    files,
    changeset,
    notes,
  };
}

/** The version a fork is first released at. */
const FIRST_VERSION = '0.1.0';

// The package.json fields of a fork that is published: what publint asks of a data package.
function publishableManifest(
  naming: ForkName,
  version: string,
  base: ResolvedPack,
  options: PlanForkOptions,
): Record<string, unknown> {
  return {
    name: naming.packageName,
    version,
    description: `${naming.pack}: specforge templates forked from ${base.name}@${base.version}.`,
    license: options.license ?? 'UNLICENSED',
    keywords: ['specforge', 'specforge-templates'],
    // Template files, overlays, README and CHANGELOG (and a copy's .upstream/): every Markdown file.
    files: ['**/*.md'],
    exports: { './package.json': './package.json' },
  };
}

/**
 * Writes a {@link ForkPlan}: every file atomically, and its changeset, after checking that none
 * exists (nothing is written when one does). Returns the absolute paths written.
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
  if (plan.changeset && (await fs.kind(plan.changeset.path)) !== undefined) {
    throw new SpecforgeError('SPECFORGE_FILE_EXISTS', { file: basename(plan.changeset.path) }, {
      location: { file: plan.changeset.path },
      hint: 'A changeset of that name exists already: release or remove it, or fork under another package name.',
    });
  }
  const writes = plan.files.map((file, index) => ({ target: targets[index]!, content: file.content }));
  if (plan.changeset) writes.push({ target: plan.changeset.path, content: plan.changeset.content });
  // One change: a crash leaves the whole fork or none of it.
  await fs.writeFilesAtomic(writes.map(({ target, content }) => ({ path: target, data: content })));
  return writes.map((write) => write.target);
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
  return `---\n${stringify(templateFrontMatter({ ...template.meta, id }), { lineWidth: 0 })}---\n${template.body}`;
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

function packageReadme(naming: ForkName, how: string, ids: string[], changesets: boolean, license: string | undefined): string {
  const { pack, packageName } = naming;
  const refs = ids.map((id) => `\`${pack}/${id}\``).join(', ');
  const example = ids.includes('plan') ? 'plan' : (ids[0] ?? 'plan');
  const release = changesets
    ? 'Record each change with a changeset (`pnpm changeset`): `pnpm changeset version` sets the next\n' +
      'version and writes this CHANGELOG, and `changeset publish` publishes what is not on the registry yet.\n' +
      `The changeset written with the fork releases it as ${FIRST_VERSION}.`
    : 'Raise `version` (semver: a change that can break a plan is a major version) and add an entry to\n' +
      'CHANGELOG.md for each release, then `npm publish` from this folder.';
  const licensing =
    license === undefined
      ? '`license` is `UNLICENSED`: no one outside your organisation may use the pack. Set your own\nlicense before publishing it anywhere public.'
      : `\`license\` is \`${license}\`.`;
  return `# ${packageName}

The \`${pack}\` template pack for [specforge](https://github.com/specforge/specforge), as an npm package.

${how.replace(/^# .*\n\n/, '')}
## Use it in a project

Install it next to the specforge CLI (which brings the base pack):

\`\`\`sh
npm install --save-dev @specforge/cli ${packageName}@^${FIRST_VERSION}
\`\`\`

and list it in the project's \`specforge.config.yaml\`:

\`\`\`yaml
packs:
  - npm:${packageName}@^${FIRST_VERSION}
\`\`\`

Its templates are ${refs}: \`specforge plan spec.md --template ${pack}/${example}\`, or set
\`plan.template: ${pack}/${example}\` in the config.

## Release it

This folder is a normal npm package: \`version\` is the pack version, \`files\` lists what is
published (every Markdown file), and the \`specforge\` key is the pack manifest.
${release}

${licensing}
`;
}
