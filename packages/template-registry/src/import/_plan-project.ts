import { basename, join, resolve } from 'node:path';
import { createWarning, type Diagnostic, SpecforgeError } from '@specforge/core';
import { type DraftTemplate, type PackDraft, sortTemplates } from './_draft.js';
import { findSpeckitLicense, speckitAttribution } from './_license.js';
import {
  type PresetManifest,
  type PresetStrategy,
  parsePresetManifest,
} from './_preset-manifest.js';
import { listFolder, pathKind, readTextIfPresent } from './_read.js';
import { buildTemplateFile } from './_template-files.js';
import { mapTemplateName } from './_template-names.js';
import { readUpstreamText, type SourceFile } from './_upstream-text.js';
import { normalizeVersion } from './_versions.js';
import { defaultCheckoutName } from './_plan-checkout.js';

/** Spec Kit's default preset priority (a lower number wins). */
const defaultPriority = 10;

/** An installed preset, in Spec Kit's resolution order. */
interface InstalledPreset {
  id: string;
  dir: string;
  priority: number;
  version: string | undefined;
  manifest: PresetManifest | undefined;
}

/** One layer of a template's stack, as Spec Kit's resolver collects it. */
interface Layer {
  source: SourceFile;
  strategy: PresetStrategy;
}

/**
 * Plans the pack of a project that uses Spec Kit: one full template per template name, composed
 * the way Spec Kit resolves it: the project override (`.specify/templates/overrides/<name>.md`,
 * always a replacement) over the enabled presets of `.specify/presets/` by priority (a lower
 * number first, then by id; each with its manifest's strategy) over the core template
 * (`.specify/templates/<name>.md`).
 */
export async function planProject(
  root: string,
  options: { name: string | undefined; version: string | undefined },
): Promise<PackDraft> {
  const warnings: Diagnostic[] = [];
  const notImported: string[] = [];
  const specify = join(root, '.specify');
  const templatesRel = '.specify/templates';
  const src = (rel: string): SourceFile => ({ rel, path: join(root, rel) });

  const recorded = await readProjectSpeckitVersion(root);
  const speckitVersion = recorded === undefined ? undefined : normalizeVersion(recorded);
  const version = options.version ?? speckitVersion;
  if (version === undefined) {
    throw new SpecforgeError(
      'SPECFORGE_IMPORT_VERSION_INVALID',
      {
        reason:
          recorded === undefined
            ? 'the project records no Spec Kit version (speckit_version in .specify/init-options.json), and a pack needs a version'
            : `.specify/init-options.json says speckit_version "${recorded}", which is not a semver version`,
      },
      { location: { file: join(specify, 'init-options.json') } },
    );
  }

  const core = new Map<string, string>();
  for (const entry of await listFolder(join(root, templatesRel))) {
    const rel = `${templatesRel}/${entry.name}`;
    if (entry.kind === 'file' && entry.name.endsWith('-template.md'))
      core.set(entry.name.slice(0, -3), rel);
    else if (entry.kind === 'file' && entry.name.endsWith('.md'))
      notImported.push(`\`${rel}\`: not a document template (only \`*-template.md\` files are).`);
    else if (entry.kind === 'directory' && entry.name === 'commands') {
      warnings.push(
        createWarning(
          'SPECFORGE_IMPORT_SKIPPED',
          {
            what: `${rel}/`,
            reason: 'it holds the prompts of the /speckit.* agent commands, not document templates',
          },
          { file: join(root, rel) },
        ),
      );
      notImported.push(`\`${rel}/\`: the prompts of the agent commands.`);
    }
  }
  const overrides = new Map<string, string>();
  for (const entry of await listFolder(join(root, templatesRel, 'overrides'))) {
    if (entry.kind === 'file' && entry.name.endsWith('.md')) {
      overrides.set(entry.name.slice(0, -3), `${templatesRel}/overrides/${entry.name}`);
    }
  }
  const presets = await installedPresets(root, warnings, notImported);

  const extensions = (await listFolder(join(specify, 'extensions'))).filter(
    (entry) => entry.kind === 'directory' && !entry.name.startsWith('.'),
  );
  if (extensions.length > 0) {
    const names = extensions.map((entry) => entry.name).join(', ');
    warnings.push(
      createWarning(
        'SPECFORGE_IMPORT_SKIPPED',
        {
          what: `.specify/extensions/ (${names})`,
          reason:
            'extension templates are not composed; a template an extension provides is left out of every stack',
        },
        { file: join(specify, 'extensions') },
      ),
    );
    notImported.push(
      `\`.specify/extensions/\` (${names}): extension templates, which sit between the presets and the core templates in Spec Kit's stack.`,
    );
  }

  const names = new Set<string>([...core.keys(), ...overrides.keys()]);
  for (const preset of presets) {
    for (const entry of preset.manifest?.entries ?? [])
      if (entry.type === 'template') names.add(entry.name);
  }

  const templates: DraftTemplate[] = [];
  const ids = new Set<string>();
  // Spec Kit's own names (`*-template`) first, so a stray `overrides/spec.md` cannot take the id `spec`.
  const ordered = [...names].sort((a, b) => {
    const rank = (name: string) => (name.endsWith('-template') ? 0 : 1);
    return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
  });
  // A template Spec Kit would not resolve, or that cannot get an id, is named in the warnings
  // and in the pack's README rather than dropped silently.
  const skipTemplate = (name: string, file: string, reason: string) => {
    warnings.push(createWarning('SPECFORGE_IMPORT_SKIPPED', { what: `The template ${name}`, reason }, { file }));
    notImported.push(`The template \`${name}\`: ${reason}.`);
  };
  for (const name of ordered) {
    const layers: Layer[] = [];
    const override = overrides.get(name);
    if (override) layers.push({ source: src(override), strategy: 'replace' });
    for (const preset of presets) {
      const layer = await presetLayer(root, preset, name);
      if (layer) layers.push(layer);
    }
    const coreRel = core.get(name);
    if (coreRel) layers.push({ source: src(coreRel), strategy: 'replace' });
    const top = layers[0];
    if (!top) continue;

    const mapped = mapTemplateName(name);
    if (!mapped || ids.has(mapped.id)) {
      const reason = mapped
        ? `another template already has the id ${mapped.id}`
        : 'its name does not make a template id (lower-case letters, digits, "-", "_" or ".")';
      skipTemplate(name, top.source.path, reason);
      continue;
    }
    const baseIndex = layers.findIndex((layer) => layer.strategy === 'replace');
    if (baseIndex === -1) {
      const reason = `every layer (${layers.map((layer) => `${layer.source.rel}, ${layer.strategy}`).join('; ')}) composes onto a lower one and none replaces, so Spec Kit resolves nothing`;
      skipTemplate(name, top.source.path, reason);
      continue;
    }
    const used = layers.slice(0, baseIndex + 1).reverse();
    const composed = await composeLayers(used, warnings);
    if (composed === undefined) {
      const reason = 'one of its layers holds a NUL byte, so it is not a text template';
      skipTemplate(name, top.source.path, reason);
      continue;
    }
    ids.add(mapped.id);
    const from = used.map((layer) => layer.source.rel);
    const stack = used.map((layer, index) =>
      index === 0 ? layer.source.rel : `${layer.source.rel} (${layer.strategy})`,
    );
    const description = `Imported from a Spec Kit project${speckitVersion ? ` (Spec Kit v${speckitVersion})` : ''}: ${stack.join(' + ')}`;
    const built = buildTemplateFile(composed, mapped, description, used.at(-1)!.source);
    warnings.push(...built.warnings);
    templates.push({
      id: mapped.id,
      kind: mapped.kind,
      path: `${mapped.id}.md`,
      strategy: 'template',
      from,
      output: mapped.output,
      content: built.content,
      escaped: built.escaped,
    });
  }

  sortTemplates(templates);
  if (templates.length === 0) {
    throw new SpecforgeError(
      'SPECFORGE_IMPORT_NOTHING',
      {
        path: root,
        reason:
          'its .specify/templates/ holds no *-template.md, and no override or preset provides a template.',
      },
      { location: { file: join(root, templatesRel) } },
    );
  }

  const license = await findSpeckitLicense([root]);
  const folder = basename(resolve(root));
  const presetList = presets
    .map(
      (preset) =>
        `\`${preset.id}\`${preset.version ? ` ${preset.version}` : ''} (priority ${preset.priority})`,
    )
    .join(', ');
  const customized = templates.filter((template) =>
    template.from.some((rel) => layerKind(rel) !== 'core templates'),
  ).length;
  return {
    detected: 'project',
    name: options.name ?? defaultCheckoutName,
    version,
    speckitVersion,
    templates,
    extends: undefined,
    baseName: undefined,
    license: 'MIT',
    description: `The Spec Kit templates of the project ${folder}, as its overrides and presets compose them, as a specforge template pack.`,
    origin: `the document templates of the project \`${folder}\`${speckitVersion ? ` (Spec Kit v${speckitVersion})` : ''}, each composed as Spec Kit resolves it (project override, then presets by priority, then the core template)${customized > 0 ? `; ${customized} of them come from overrides or presets` : ''}${presetList ? `. Presets, highest precedence first: ${presetList}` : ''}`,
    notImported,
    versionNote: `The pack version is ${options.version === undefined ? "the project's Spec Kit version" : 'the one given to the import'}, ${version}. Re-import with \`--force\` after changing an override or a preset, and raise the version when you publish the change.`,
    attribution: speckitAttribution(
      license,
      'The core templates, and the presets that GitHub publishes,',
    ),
    changelog: `Imports the project's Spec Kit templates (${templates.map((t) => t.id).join(', ')}), composed from ${[...new Set(templates.flatMap((t) => t.from.map(layerKind)))].join(', ')}.`,
    warnings,
  };
}

/** The project's `speckit_version` from `.specify/init-options.json`, as written. */
async function readProjectSpeckitVersion(root: string): Promise<string | undefined> {
  const text = await readTextIfPresent(join(root, '.specify', 'init-options.json'));
  if (text === undefined) return undefined;
  try {
    const value = (JSON.parse(text) as Record<string, unknown> | null)?.speckit_version;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The presets Spec Kit would use, in its order: those `.specify/presets/.registry` lists as
 * enabled, by priority (lower first, default 10), then by id. A preset folder the registry does
 * not list (or every folder, when there is no registry) is not used by Spec Kit and is skipped
 * with a warning.
 */
async function installedPresets(
  root: string,
  warnings: Diagnostic[],
  notImported: string[],
): Promise<InstalledPreset[]> {
  const presetsRel = '.specify/presets';
  const dirs = (await listFolder(join(root, presetsRel))).filter(
    (entry) => entry.kind === 'directory' && !entry.name.startsWith('.'),
  );
  if (dirs.length === 0) return [];
  const registryFile = join(root, presetsRel, '.registry');
  const registryText = await readTextIfPresent(registryFile);
  let registry: Record<string, unknown>;
  if (registryText !== undefined) {
    try {
      const data = JSON.parse(registryText) as { presets?: unknown } | null;
      registry = isRecord(data?.presets) ? data.presets : {};
    } catch {
      registry = {};
    }
  } else {
    const names = dirs.map((entry) => entry.name).join(', ');
    const reason = `${presetsRel}/ has no .registry, and Spec Kit uses only the presets its registry lists`;
    warnings.push(
      createWarning(
        'SPECFORGE_IMPORT_SKIPPED',
        { what: `${presetsRel}/ (${names})`, reason },
        { file: join(root, presetsRel) },
      ),
    );
    notImported.push(`The presets in \`${presetsRel}/\` (${names}): ${reason}.`);
    return [];
  }

  const presets: InstalledPreset[] = [];
  for (const { name: id } of dirs) {
    const dir = join(root, presetsRel, id);
    const entry = registry[id];
    if (!isRecord(entry)) {
      const reason = `${presetsRel}/.registry does not list it, so Spec Kit does not use it`;
      warnings.push(
        createWarning(
          'SPECFORGE_IMPORT_SKIPPED',
          { what: `The preset ${id}`, reason },
          { file: dir },
        ),
      );
      notImported.push(`The preset \`${id}\`: ${reason}.`);
      continue;
    }
    if (entry.enabled === false) {
      notImported.push(`The preset \`${id}\`: it is disabled.`);
      continue;
    }
    const manifestFile = join(dir, 'preset.yml');
    const manifestText = await readTextIfPresent(manifestFile);
    const manifest =
      manifestText === undefined ? undefined : parsePresetManifest(manifestText, manifestFile);
    presets.push({
      id,
      dir,
      priority: normalizePriority(entry.priority),
      version: typeof entry.version === 'string' ? entry.version : manifest?.version,
      manifest,
    });
  }
  return presets.sort(
    (a, b) => a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * A preset's layer for template `name`, as Spec Kit finds it: the manifest entry of that name
 * (type `template`) with its file and strategy; when the manifest lists no such entry,
 * `templates/<name>.md` or `<name>.md` in the preset folder, as a replacement.
 */
async function presetLayer(
  root: string,
  preset: InstalledPreset,
  name: string,
): Promise<Layer | undefined> {
  const rel = (file: string) => `.specify/presets/${preset.id}/${file}`;
  const entry = preset.manifest?.entries.find(
    (item) => item.type === 'template' && item.name === name,
  );
  if (entry) {
    // An entry whose file is missing hides the preset's conventional file too, as in Spec Kit.
    if ((await pathKind(join(preset.dir, entry.file))) !== 'file') return undefined;
    return {
      source: { rel: rel(entry.file), path: join(root, rel(entry.file)) },
      strategy: entry.strategy,
    };
  }
  for (const file of [`templates/${name}.md`, `${name}.md`]) {
    if ((await pathKind(join(preset.dir, file))) === 'file') {
      return { source: { rel: rel(file), path: join(root, rel(file)) }, strategy: 'replace' };
    }
  }
  return undefined;
}

/**
 * Composes layers (lowest first, the lowest a replacement) as Spec Kit's `resolve_content`
 * does: `prepend` is layer + blank line + content, `append` content + blank line + layer, `wrap`
 * the layer with every `{CORE_TEMPLATE}` replaced by the content.
 *
 * @returns `undefined` when a layer holds a NUL byte.
 * @throws {@link SpecforgeError} `SPECFORGE_IMPORT_PRESET_INVALID` for a `wrap` layer without `{CORE_TEMPLATE}`.
 */
async function composeLayers(
  layers: readonly Layer[],
  warnings: Diagnostic[],
): Promise<string | undefined> {
  let content = '';
  for (const layer of layers) {
    const raw = (await readTextIfPresent(layer.source.path)) ?? '';
    const upstream = readUpstreamText(raw, layer.source);
    if (!upstream) return undefined;
    warnings.push(...upstream.warnings);
    const text = upstream.text;
    if (layer.strategy === 'replace') content = text;
    else if (layer.strategy === 'prepend') content = `${text}\n\n${content}`;
    else if (layer.strategy === 'append') content = `${content}\n\n${text}`;
    else {
      if (!text.includes('{CORE_TEMPLATE}')) {
        throw new SpecforgeError(
          'SPECFORGE_IMPORT_PRESET_INVALID',
          {
            reason: `${layer.source.rel} (strategy wrap) never says {CORE_TEMPLATE}, where Spec Kit puts the lower layer`,
          },
          {
            location: { file: layer.source.path },
            hint: 'Write {CORE_TEMPLATE} on the line where the wrapped template goes, or use another strategy.',
          },
        );
      }
      content = text.split('{CORE_TEMPLATE}').join(content);
    }
  }
  return content;
}

function normalizePriority(value: unknown): number {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 1
    ? number
    : defaultPriority;
}

function layerKind(rel: string): string {
  if (rel.includes('/overrides/')) return 'overrides';
  if (rel.startsWith('.specify/presets/')) return `preset ${rel.split('/')[2]}`;
  return 'core templates';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
