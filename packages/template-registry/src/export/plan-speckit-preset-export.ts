import { join } from 'node:path';
import {
  createWarning,
  type Diagnostic,
  type FileSystem,
  hashGeneratedText,
  nodeFileSystem,
  SpecforgeError,
} from '@specforge/core';
import { stringify } from 'yaml';
import { sortTemplates } from '../import/_draft.js';
import { speckitCoreTemplateIds } from '../import/_template-names.js';
import { unescapeHandlebars } from '../import/escape-handlebars.js';
import type { ResolvedPack, ResolvedTemplate } from '../resolve/resolved-pack.js';
import { templateFrontMatter } from '../template-front-matter.js';
import { renderForSpeckit, SPECIFICATION_PLACEHOLDER } from './render-for-speckit.js';
import {
  type ExportedBodyForm,
  formatSpeckitExportRecord,
  SPECKIT_EXPORT_RECORD,
  SPECKIT_EXPORT_RECORD_FORMAT,
  type SpeckitExportRecord,
} from './speckit-export-record.js';

/** What Spec Kit allows in a preset id and a template name. */
export const speckitNamePattern: RegExp = /^[a-z0-9-]+$/;

/**
 * The Spec Kit version a preset requires unless told otherwise: the lowest one that the presets
 * in Spec Kit's own repository ask for.
 */
export const DEFAULT_SPECKIT_REQUIREMENT = '>=0.6.0';

/** A Python version specifier list, as `requires.speckit_version` holds one: `>=0.6.0`, `>=0.6,<2`. */
const specifierPattern =
  /^\s*(?:===?|~=|!=|<=|>=|<|>)\s*[0-9][0-9A-Za-z.*+!-]*\s*(?:,\s*(?:===?|~=|!=|<=|>=|<|>)\s*[0-9][0-9A-Za-z.*+!-]*\s*)*$/;

/** Options of {@link planSpeckitPresetExport}. */
export interface PlanSpeckitPresetExportOptions {
  /** The pack to export, resolved (its templates composed through every layer). */
  pack: ResolvedPack;
  /** The preset id (lower-case letters, digits and `-`); default: the pack name. */
  id?: string | undefined;
  /** `requires.speckit_version`; default {@link DEFAULT_SPECKIT_REQUIREMENT}. */
  speckitVersion?: string | undefined;
  /** Where the pack's `package.json` is read from; the machine's file system by default. */
  fs?: FileSystem | undefined;
}

/** One template of a planned preset. */
export interface PresetExportTemplate {
  /** The template id in the pack, e.g. `plan`. */
  id: string;
  /** Its Spec Kit name, e.g. `plan-template`. */
  name: string;
  /** Its file in the preset folder, e.g. `templates/plan-template.md`. */
  file: string;
  /** How the body stands in the file (see {@link ExportedBodyForm}). */
  body: ExportedBodyForm;
  /** Whether it replaces one of Spec Kit's own templates (`replaces:` in `preset.yml`). */
  replaces: boolean;
}

/** One file of a planned preset. */
export interface PresetExportFile {
  /** Path relative to the preset folder, with `/` separators. */
  path: string;
  /** The whole text. */
  content: string;
}

/**
 * A planned Spec Kit preset: the files of a preset folder made from a pack's effective
 * templates, not yet written. See {@link applySpeckitPresetExport} to write it.
 */
export interface SpeckitPresetExportPlan {
  /** The preset as `preset.yml` names it. */
  preset: {
    /** The preset id, e.g. `acme`. */
    id: string;
    /** Its display name, e.g. `acme templates`. */
    name: string;
    /** Its version: the pack's. */
    version: string;
  };
  /** The files: `preset.yml`, `README.md`, the record ({@link SPECKIT_EXPORT_RECORD}) and `templates/*.md`, sorted by path. */
  files: PresetExportFile[];
  /** The exported templates, in `preset.yml` order. */
  templates: PresetExportTemplate[];
  /** What the record says (also one of {@link SpeckitPresetExportPlan.files}). */
  record: SpeckitExportRecord;
  /** Templates skipped, and templates whose Handlebars source Spec Kit will show as it stands. */
  warnings: Diagnostic[];
}

/**
 * Plans a Spec Kit preset from a pack, so that a team still on Spec Kit's `specify` can install
 * the team's templates (`specify preset add --dev <folder>`). Writes nothing.
 *
 * Each template is composed through every layer of the pack (the upstream pack, the org's
 * fork, the team's overlays) and written whole, as a `replace` entry of `provides.templates`
 * named `<id>-template`, so Spec Kit needs no base to compose it on. A body without Handlebars
 * expressions is written as the text it renders to; a body with expressions is written rendered
 * for an empty spec (see {@link renderForSpeckit}), placeholders where the spec would go, which
 * is how Spec Kit's own templates read; one that cannot render without a spec is written as its
 * source, with a warning. The Handlebars source and the specforge metadata (kind, inputs, check
 * rules) that Spec Kit has no place for go into
 * {@link SPECKIT_EXPORT_RECORD}, so that `specforge template import speckit` of the preset gives
 * back the same effective templates.
 *
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_EXPORT_ID_INVALID` when the preset id
 *   (the pack name unless `id` is given) is not a Spec Kit id; `SPECFORGE_USAGE` for a
 *   `speckitVersion` that is not a version specifier.
 *
 * @example
 * ```ts
 * import { applySpeckitPresetExport, findResolvedPack, openProjectRegistry, planSpeckitPresetExport } from '@specforge/template-registry';
 *
 * const { packs } = await openProjectRegistry({ cwd: process.cwd(), cacheDir: '.cache/specforge' });
 * const plan = await planSpeckitPresetExport({ pack: findResolvedPack(packs, 'acme') });
 * await applySpeckitPresetExport(plan, 'presets/acme');
 * ```
 */
export async function planSpeckitPresetExport(
  options: PlanSpeckitPresetExportOptions,
): Promise<SpeckitPresetExportPlan> {
  const { pack } = options;
  const id = options.id ?? pack.name;
  if (!speckitNamePattern.test(id)) {
    const suggestion = id
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '');
    throw new SpecforgeError(
      'SPECFORGE_EXPORT_ID_INVALID',
      { id },
      suggestion ? { hint: `Pass --id with such a name, e.g. --id ${suggestion}.` } : {},
    );
  }
  const requirement = options.speckitVersion ?? DEFAULT_SPECKIT_REQUIREMENT;
  if (!specifierPattern.test(requirement)) {
    throw new SpecforgeError('SPECFORGE_USAGE', {
      reason: `--speckit-version ${JSON.stringify(requirement)} is not a version specifier such as ${DEFAULT_SPECKIT_REQUIREMENT}.`,
    });
  }
  const about = await readPackAbout(pack.dir, options.fs ?? nodeFileSystem);
  const warnings: Diagnostic[] = [];
  const exported: (PresetExportTemplate & {
    content: string;
    source: string | undefined;
    meta: Record<string, unknown>;
    description: string;
  })[] = [];

  for (const [templateId, resolved] of pack.templates) {
    const ref = `${pack.name}/${templateId}`;
    if (!speckitNamePattern.test(templateId)) {
      warnings.push(
        createWarning('SPECFORGE_EXPORT_SKIPPED', {
          ref,
          reason: `its id holds "." or "_", which a Spec Kit template name cannot hold (lower-case letters, digits and "-")`,
        }),
      );
      continue;
    }
    const { meta, body } = resolved.template;
    const text = unescapeHandlebars(body);
    const rendered = text === undefined ? renderForSpeckit(resolved.template) : undefined;
    if (text === undefined && rendered === undefined) {
      const first = firstExpression(body);
      warnings.push(
        createWarning(
          'SPECFORGE_EXPORT_EXPRESSIONS_KEPT',
          { ref, expression: first.text },
          locateInLayers(resolved, first.raw),
        ),
      );
    }
    const form: ExportedBodyForm =
      text !== undefined ? 'text' : rendered !== undefined ? 'rendered' : 'source';
    const name = `${templateId}-template`;
    exported.push({
      id: templateId,
      name,
      file: `templates/${name}.md`,
      body: form,
      replaces: speckitCoreTemplateIds.includes(templateId),
      content: text ?? rendered ?? body,
      source: form === 'rendered' ? body : undefined,
      meta: templateFrontMatter({ ...meta, id: templateId }),
      description: meta.description.trim() || `The ${templateId} template (${meta.kind}).`,
    });
  }
  sortTemplates(exported);

  const version = pack.version;
  const presetName = `${pack.name} templates`;
  const record: SpeckitExportRecord = {
    format: SPECKIT_EXPORT_RECORD_FORMAT,
    pack: { name: pack.name, version },
    templates: exported.map((template) => ({
      name: template.name,
      file: template.file,
      sha256: hashGeneratedText(template.content),
      body: template.body,
      ...(template.source === undefined ? {} : { source: template.source }),
      meta: template.meta,
      line: 0,
    })),
    generated: {},
  };
  const manifest = formatPresetManifest({
    id,
    name: presetName,
    version,
    description:
      about.description ?? `The ${pack.name} template pack ${version}, exported from specforge.`,
    author: about.author,
    repository: about.repository,
    license: about.license,
    requirement,
    templates: exported,
    packName: pack.name,
  });
  const readme = formatReadme({
    id,
    name: presetName,
    version,
    packName: pack.name,
    layers: chainOf(pack),
    templates: exported,
  });
  record.generated = {
    'preset.yml': hashGeneratedText(manifest),
    'README.md': hashGeneratedText(readme),
  };
  const files: PresetExportFile[] = [
    { path: 'preset.yml', content: manifest },
    { path: 'README.md', content: readme },
    { path: SPECKIT_EXPORT_RECORD, content: formatSpeckitExportRecord(record) },
    ...exported.map((template) => ({ path: template.file, content: template.content })),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  return {
    preset: { id, name: presetName, version },
    files,
    templates: exported.map(({ id: templateId, name, file, body, replaces }) => ({
      id: templateId,
      name,
      file,
      body,
      replaces,
    })),
    record,
    warnings,
  };
}

/** What a pack's `package.json` says about it, for the preset's own fields. */
interface PackAbout {
  description: string | undefined;
  author: string | undefined;
  repository: string | undefined;
  license: string | undefined;
}

async function readPackAbout(dir: string, fs: FileSystem): Promise<PackAbout> {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(
      new TextDecoder().decode(await fs.readFile(join(dir, 'package.json'))),
    );
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      data = parsed as Record<string, unknown>;
  } catch {
    // A pack resolved without a readable manifest has nothing more to say; the fields stay out.
  }
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() ? value.trim() : undefined;
  const field = (value: unknown, key: string) =>
    text(value) ??
    (value && typeof value === 'object'
      ? text((value as Record<string, unknown>)[key])
      : undefined);
  const repository = field(data.repository, 'url')
    ?.replace(/^git\+/, '')
    .replace(/\.git$/, '');
  return {
    description: text(data.description),
    author: field(data.author, 'name'),
    repository,
    license: text(data.license),
  };
}

/** The packs of the chain, lowest first, as `name@version`. */
function chainOf(pack: ResolvedPack): string[] {
  const seen: string[] = [];
  for (const resolved of pack.templates.values()) {
    for (const layer of resolved.layers) {
      const label = `${layer.pack}@${layer.version}`;
      if (!seen.includes(label)) seen.push(label);
    }
  }
  return seen.length > 0 ? seen : [`${pack.name}@${pack.version}`];
}

/** The first `{{…}}` of a body that holds expressions: as written, and shortened for a message. */
function firstExpression(body: string): { raw: string; text: string } {
  const match = /(?<!\\)\{\{[\s\S]*?\}\}/.exec(body) ?? /\{\{[\s\S]*?(?:\}\}|$)/.exec(body);
  const raw = match?.[0] ?? '{{';
  const short = raw.length > 60 ? `${raw.slice(0, 57)}…` : raw;
  return { raw, text: short.replace(/\s+/g, ' ') };
}

/**
 * The file and line of the layer that wrote `snippet`: the topmost overlay holding it, else the
 * root template; the composed template itself is no file to point at.
 */
function locateInLayers(
  resolved: ResolvedTemplate,
  snippet: string,
): { file: string; line?: number } | undefined {
  const layers = [...resolved.overlays.map(({ overlay }) => overlay).reverse(), resolved.root];
  for (const layer of layers) {
    const index = layer.body.indexOf(snippet);
    if (index !== -1)
      return {
        file: layer.file,
        line: layer.bodyLine + layer.body.slice(0, index).split('\n').length - 1,
      };
  }
  return undefined;
}

interface ManifestInput {
  id: string;
  name: string;
  version: string;
  description: string;
  author: string | undefined;
  repository: string | undefined;
  license: string | undefined;
  requirement: string;
  packName: string;
  templates: (PresetExportTemplate & { description: string })[];
}

/** `preset.yml` in the shape of Spec Kit's own presets: quoted strings, a blank line between blocks. */
function formatPresetManifest(input: ManifestInput): string {
  const yaml = (data: unknown) =>
    stringify(data, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
  const preset = {
    id: input.id,
    name: input.name,
    version: input.version,
    description: input.description,
    ...(input.author === undefined ? {} : { author: input.author }),
    ...(input.repository === undefined ? {} : { repository: input.repository }),
    ...(input.license === undefined ? {} : { license: input.license }),
  };
  const templates = input.templates.map((template) => ({
    type: 'template',
    name: template.name,
    file: template.file,
    description: template.description,
    ...(template.replaces ? { replaces: template.name } : {}),
    strategy: 'replace',
  }));
  return [
    `# Exported by \`specforge export speckit-preset\` from the template pack ${input.packName} ${input.version}.`,
    '# Install it with `specify preset add --dev <this folder>`. See README.md.',
    yaml({ schema_version: '1.0' }),
    yaml({ preset }),
    yaml({ requires: { speckit_version: input.requirement } }),
    yaml({ provides: { templates } }),
    yaml({ tags: [...new Set(['specforge', input.id])] }),
  ].join('\n');
}

interface ReadmeInput {
  id: string;
  name: string;
  version: string;
  packName: string;
  layers: string[];
  templates: PresetExportTemplate[];
}

const bodyLabels: Record<ExportedBodyForm, string> = {
  text: 'plain text',
  rendered: 'rendered for an empty spec',
  source: 'Handlebars source',
};

function formatReadme(input: ReadmeInput): string {
  const code = (text: string) => `\`${text}\``;
  const rows = input.templates.map(
    (template) =>
      `| ${code(template.name)} | ${code(template.file)} | ${template.replaces ? `Spec Kit's ${code(template.name)}` : 'a template of its own'} | ${bodyLabels[template.body]} |`,
  );
  const table =
    rows.length === 0
      ? 'The pack has no template that Spec Kit can hold, so the preset provides none.'
      : ['| Template | File | Replaces | Body |', '| --- | --- | --- | --- |', ...rows].join('\n');
  const notes = [
    input.templates.some((template) => template.body === 'rendered') &&
      `A template marked "rendered for an empty spec" is written as specforge renders it for a spec that says nothing yet: each place the spec would fill keeps its placeholder (\`[FEATURE NAME]\`, \`[DATE]\`, and \`${SPECIFICATION_PLACEHOLDER}\` where the spec text goes), for a person or an agent to fill in as with any Spec Kit template.`,
    input.templates.some((template) => template.body === 'source') &&
      'A template marked "Handlebars source" could not be rendered without a spec and is written as it stands: Spec Kit shows its `{{…}}` expressions as written.',
  ].filter((note): note is string => typeof note === 'string');
  const expressions = notes.length > 0 ? `\n\n${notes.join('\n\n')}` : '';
  return `# ${input.name}

The Spec Kit preset ${code(input.id)} ${input.version}, exported by \`specforge export speckit-preset\` from the specforge template pack ${code(input.packName)} (layers, lowest first: ${input.layers.map(code).join(' ← ')}). Each template is composed through every layer and written whole, with the \`replace\` strategy, so Spec Kit needs nothing else to use it.

${table}${expressions}

## Install with Spec Kit

\`\`\`sh
specify preset add --dev path/to/this/folder
\`\`\`

## Back to specforge

\`\`\`sh
specforge template import speckit path/to/this/folder
\`\`\`

${code(SPECKIT_EXPORT_RECORD)} keeps what Spec Kit's files cannot hold: each template's specforge metadata (kind, inputs, required sections, placeholders, traceability rules), the Handlebars source of each rendered template, and the hash of each file as exported. The import reads it and gives back the same templates; a template file edited since is imported as its edited text, with a warning. Change the pack in specforge and export again rather than editing these files: \`specforge export speckit-preset ${input.packName} --out <this folder>\` rewrites what it wrote and leaves edited files alone unless \`--force\`.
`;
}
