import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { applyImportPlan } from '../import/apply-import-plan.js';
import { parsePresetManifest } from '../import/_preset-manifest.js';
import { planSpeckitImport } from '../import/plan-speckit-import.js';
import {
  corpusDir,
  corpusPresent,
  withoutFrontMatter,
} from '../import/test-utils/import-helpers.js';
import { findResolvedPack, openProjectRegistry } from '../resolve/index.js';
import type { ResolvedPack } from '../resolve/resolved-pack.js';
import { manifest, removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { applySpeckitPresetExport } from './apply-speckit-preset-export.js';
import { planSpeckitPresetExport } from './plan-speckit-preset-export.js';

// The round trip of the issue: export a pack as a Spec Kit preset, import the preset with
// `template import speckit`, and get the same effective templates (metadata and body, byte for
// byte) — for the example team's fork, for a three-layer fork with every kind of metadata, and
// for Spec Kit's own release when the corpus is there.

const example = fileURLToPath(new URL('../../../../examples/acme-shop', import.meta.url));
const cache = await mkdtemp(join(tmpdir(), 'specforge-export-cache-'));
afterAll(() => rm(cache, { recursive: true, force: true }));
afterEach(removeTempTrees);

async function packOf(cwd: string, name: string): Promise<ResolvedPack> {
  const registry = await openProjectRegistry({ cwd, cacheDir: cache });
  return findResolvedPack(registry.packs, name);
}

/** Each template's metadata and body: what "the same effective templates" compares. */
function effective(pack: ResolvedPack): Record<string, { meta: unknown; body: string }> {
  return Object.fromEntries(
    [...pack.templates].map(([id, resolved]) => [
      id,
      { meta: resolved.template.meta, body: resolved.template.body },
    ]),
  );
}

/** Exports `pack`, imports the preset as a pack `name` in a new project, and resolves it. */
async function roundTrip(pack: ResolvedPack, name = pack.name) {
  const work = await writeTempTree({});
  const presetDir = join(work, 'preset');
  const exported = await planSpeckitPresetExport({ pack });
  await applySpeckitPresetExport(exported, presetDir);
  const imported = await planSpeckitImport({ path: presetDir, name });
  const project = await writeTempTree({ 'specforge.config.yaml': `packs:\n  - ./packs/${name}\n` });
  await applyImportPlan(imported, join(project, 'packs', name));
  return { exported, imported, presetDir, back: await packOf(project, name) };
}

/** A fork of a fork of the built-in pack, with a template of every shape of the team's own. */
const threeLayers = {
  'specforge.config.yaml': 'packs:\n  - ./packs/org\n  - ./packs/team\n',
  'packs/org/package.json': manifest({
    name: '@org/templates',
    version: '3.1.0',
    description: 'The org fork.',
    license: 'Apache-2.0',
    author: { name: 'Org Platform Team', email: 'platform@example.org' },
    repository: { type: 'git', url: 'git+https://example.org/org/templates.git' },
    specforge: {
      name: 'org',
      extends: '@specforge/templates-speckit@^1.0.0',
      templates: { plan: 'plan.md' },
    },
  }),
  'packs/org/plan.md': [
    '---',
    'extends: speckit/plan',
    'description: The org plan.',
    '---',
    '<!-- specforge: replace technical-approach/technology-stack -->',
    '### Technology Stack',
    '',
    '- Kotlin on the JVM',
    '',
  ].join('\n'),
  'packs/team/package.json': manifest({
    name: '@team/templates',
    version: '0.4.2',
    specforge: {
      name: 'team',
      extends: 'path:../org@^3.0.0',
      templates: {
        plan: 'plan.md',
        notes: 'notes.md',
        review: 'review.md',
        legacy: 'legacy.md',
        'odd.name': 'odd.md',
      },
    },
  }),
  'packs/team/plan.md': [
    '---',
    'extends: org/plan',
    '---',
    '<!-- specforge: insert before testing-strategy -->',
    '## Security Review',
    '',
    '- Threat model for {{spec.title}}',
    '',
    '<!-- specforge: remove deployment -->',
    '',
  ].join('\n'),
  // Text only, with braces that Handlebars would read: exported as plain text.
  'packs/team/notes.md': [
    '---',
    'id: notes',
    'kind: other',
    'description: Meeting notes.',
    'output: notes.md',
    '---',
    '# Notes for [FEATURE]',
    '',
    'Gemini writes \\{{args}}; a path: C:\\\\{{!}}\\{{dir}}',
    '',
  ].join('\n'),
  // Every kind of metadata.
  'packs/team/review.md': [
    '---',
    'id: review',
    'kind: checklist',
    'description: A review checklist.',
    'inputs:',
    '  reviewer:',
    '    required: true',
    '    description: Who reviews.',
    'output: review.md',
    'requiredSections:',
    '  - checks',
    'placeholders:',
    '  - "[REVIEWER]"',
    'idPatterns:',
    '  CHK: "CHK\\\\d{3}"',
    'traces:',
    '  - from: requirements',
    '    in: checks',
    '---',
    '# Review by {{reviewer}}',
    '',
    '## Checks',
    '',
    '- [ ] CHK001 [REVIEWER] checks {{spec.title}}',
    '',
  ].join('\n'),
  'packs/team/odd.md': '---\nid: odd.name\nkind: other\n---\n# Odd\n',
  // Names an input it does not declare, so it cannot render without a project: kept as source.
  'packs/team/legacy.md': '---\nid: legacy\nkind: other\n---\n# Owner: {{owner}}\n',
};

describe('export speckit-preset, then template import speckit', () => {
  it("gives back the example team's effective templates", async () => {
    const pack = await packOf(example, 'acme');
    const { back, imported } = await roundTrip(pack);
    expect(imported.extends).toBeUndefined();
    expect(imported.warnings).toEqual([]);
    expect(effective(back)).toEqual(effective(pack));
    expect(back.version).toBe(pack.version);
  });

  it('gives back a three-layer fork, its own templates and all their metadata', async () => {
    const project = await writeTempTree(threeLayers);
    const pack = await packOf(project, 'team');
    const { back, exported } = await roundTrip(pack);
    const expected = effective(pack);
    // Spec Kit names cannot hold "." or "_": that template stays out, with a warning.
    delete expected['odd.name'];
    expect(effective(back)).toEqual(expected);
    expect(exported.warnings.map((warning) => [warning.code, warning.message])).toContainEqual([
      'SPECFORGE_EXPORT_SKIPPED',
      'The template team/odd.name was not exported: its id holds "." or "_", which a Spec Kit template name cannot hold (lower-case letters, digits and "-").',
    ]);
    // The composed plan holds every layer's change.
    const plan = back.templates.get('plan')!.template.body;
    expect(plan).toContain('- Kotlin on the JVM');
    expect(plan).toContain('## Security Review');
    expect(plan).not.toContain('## Deployment');
  });

  it('writes text-only templates as the text they render to, for Spec Kit to read', async () => {
    const project = await writeTempTree(threeLayers);
    const { exported, presetDir } = await roundTrip(await packOf(project, 'team'));
    const notes = exported.templates.find((template) => template.id === 'notes')!;
    expect(notes.body).toBe('text');
    expect(readFileSync(join(presetDir, 'templates/notes-template.md'), 'utf8')).toBe(
      '# Notes for [FEATURE]\n\nGemini writes {{args}}; a path: C:\\{{dir}}\n',
    );
  });

  it('writes templates with expressions rendered for an empty spec, placeholders in place', async () => {
    const project = await writeTempTree(threeLayers);
    const { exported, presetDir } = await roundTrip(await packOf(project, 'team'));
    const forms = Object.fromEntries(exported.templates.map((template) => [template.id, template.body]));
    expect(forms).toEqual({
      spec: 'rendered',
      plan: 'rendered',
      tasks: 'rendered',
      checklist: 'rendered',
      'plan-draft': 'rendered',
      'tasks-draft': 'rendered',
      notes: 'text',
      review: 'rendered',
      legacy: 'source',
    });
    const review = readFileSync(join(presetDir, 'templates/review-template.md'), 'utf8');
    expect(review).toBe('# Review by [REVIEWER]\n\n## Checks\n\n- [ ] CHK001 [REVIEWER] checks \n');
    const plan = readFileSync(join(presetDir, 'templates/plan-template.md'), 'utf8');
    expect(plan).not.toContain('{{');
    expect(plan).toContain('```\n[FEATURE SPECIFICATION]\n```');
    expect(plan).toContain('- Threat model for \n');
    expect(readFileSync(join(presetDir, 'templates/legacy-template.md'), 'utf8')).toBe(
      '# Owner: {{owner}}\n',
    );
    expect(exported.warnings.map((warning) => warning.code)).toContain(
      'SPECFORGE_EXPORT_EXPRESSIONS_KEPT',
    );
  });

  it('fills the preset from the pack manifest: description, author, repository, license', async () => {
    const project = await writeTempTree(threeLayers);
    const { presetDir } = await roundTrip(await packOf(project, 'org'));
    const read = parsePresetManifest(
      readFileSync(join(presetDir, 'preset.yml'), 'utf8'),
      'preset.yml',
    );
    expect(read).toMatchObject({
      id: 'org',
      version: '3.1.0',
      description: 'The org fork.',
      author: 'Org Platform Team',
      repository: 'https://example.org/org/templates',
      license: 'Apache-2.0',
      speckitRequirement: '>=0.6.0',
    });
  });
});

// Spec Kit's own release, imported as a pack, exported and imported again; and our preset.yml
// beside the presets Spec Kit ships (schema keys, file layout).
describe.skipIf(!corpusPresent)('the Spec Kit corpus (../shared/corpus/spec-kit/v1.0.1)', () => {
  const release = join(corpusDir, 'v1.0.1');
  const presetsDir = join(release, 'presets');

  async function importedRelease(): Promise<ResolvedPack> {
    const plan = await planSpeckitImport({ path: release, name: 'upstream' });
    const project = await writeTempTree({
      'specforge.config.yaml': 'packs:\n  - ./packs/upstream\n',
    });
    await applyImportPlan(plan, join(project, 'packs', 'upstream'));
    return packOf(project, 'upstream');
  }

  it("round-trips Spec Kit's release, writing each template back as Spec Kit's own text", async () => {
    const pack = await importedRelease();
    const { back, exported, presetDir } = await roundTrip(pack);
    expect(effective(back)).toEqual(effective(pack));
    expect(exported.templates.every((template) => template.body === 'text')).toBe(true);
    for (const template of exported.templates) {
      const original = readFileSync(join(release, 'templates', `${template.name}.md`), 'utf8');
      expect(readFileSync(join(presetDir, template.file), 'utf8'), template.name).toBe(
        withoutFrontMatter(original.replace(/\r\n?/g, '\n')),
      );
    }
  });

  it("writes preset.yml with the keys and file layout of Spec Kit's presets", async () => {
    const shipped = readdirSync(presetsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) =>
        parseYamlKeys(readFileSync(join(presetsDir, entry.name, 'preset.yml'), 'utf8')),
      );
    const union = (pick: (keys: ManifestKeys) => string[]) => new Set(shipped.flatMap(pick));
    const { presetDir, exported } = await roundTrip(await importedRelease());
    const ours = parseYamlKeys(readFileSync(join(presetDir, 'preset.yml'), 'utf8'));

    expect(ours.top).toEqual(shipped.find((keys) => keys.top.includes('tags'))!.top);
    for (const key of ours.preset) expect(union((keys) => keys.preset)).toContain(key);
    for (const key of ours.requires) expect(union((keys) => keys.requires)).toContain(key);
    // `strategy` is documented in the scaffold preset's comments rather than used by a shipped entry.
    for (const key of ours.entry)
      expect([...union((keys) => keys.entry), 'strategy']).toContain(key);
    // The scaffold keeps a template named <name> at templates/<name>.md; so do we.
    const scaffold = readFileSync(join(presetsDir, 'scaffold', 'preset.yml'), 'utf8');
    expect(scaffold).toMatch(/name: "spec-template"\n\s+file: "templates\/spec-template.md"/);
    for (const template of exported.templates)
      expect(template.file).toBe(`templates/${template.name}.md`);
    // And Spec Kit's own checks (as the import runs them) accept it.
    const read = parsePresetManifest(readFileSync(join(presetDir, 'preset.yml'), 'utf8'), 'x');
    expect(read.entries.map((entry) => entry.name)).toEqual(
      exported.templates.map((template) => template.name),
    );
  });
});

interface ManifestKeys {
  top: string[];
  preset: string[];
  requires: string[];
  entry: string[];
}

/** The keys a preset.yml uses at each level (entries' keys united). */
function parseYamlKeys(text: string): ManifestKeys {
  // Top-level, `preset:` and `requires:` keys, and list-entry keys, read off the indentation.
  const lines = text.split('\n').filter((line) => !/^\s*(#|$)/.test(line));
  const keysUnder = (parent: string, indent: string) => {
    const start = lines.indexOf(`${parent}:`);
    if (start === -1) return [];
    const keys: string[] = [];
    for (const line of lines.slice(start + 1)) {
      if (!line.startsWith(' ')) break;
      const match = new RegExp(`^${indent}([a-z_]+):`).exec(line);
      if (match) keys.push(match[1]!);
    }
    return keys;
  };
  return {
    top: lines.flatMap((line) => /^([a-z_]+):/.exec(line)?.[1] ?? []),
    preset: keysUnder('preset', '  '),
    requires: keysUnder('requires', '  '),
    entry: [
      ...new Set(lines.flatMap((line) => /^ {4}(?:- | {2})([a-z_]+):/.exec(line)?.[1] ?? [])),
    ],
  };
}
