import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPack } from '../load-pack.js';
import { findResolvedTemplate, resolveRegistry } from '../resolve/index.js';
import { failure, removeTempTrees, type Tree, writeTempTree } from '../test-utils/temp-tree.js';
import { planSpeckitImport } from './plan-speckit-import.js';
import {
  planFile,
  renderTemplate,
  warningsOf,
  withoutFrontMatter,
  writePlan,
} from './test-utils/import-helpers.js';

afterEach(removeTempTrees);

const specTemplate = [
  '# Feature Specification: [FEATURE NAME]',
  '',
  '**Input**: User description: "$ARGUMENTS"',
  '',
  '<!-- ACTION REQUIRED: fill in, then run __SPECKIT_COMMAND_PLAN__ with {SCRIPT} -->',
  '',
  '- **FR-001**: System MUST [NEEDS CLARIFICATION: auth method?]',
  '- Gemini receives {{args}}; a literal \\{{ stays; {{{raw}}}',
  '',
].join('\n');
const tasksTemplate =
  '---\n\ndescription: "Task list template"\nscripts:\n  sh: run.sh\n---\n\n# Tasks: [FEATURE NAME]\n\n- [ ] T001 [P] [US1] Do it\n';
const planTemplate =
  '# Implementation Plan: [FEATURE]\n\n## Summary\n\n[Extract from feature spec]';
const checkoutTree: Tree = {
  'pyproject.toml':
    '[project]\nname = "specify-cli"\nversion = "2.1.0"\n\n[tool.other]\nversion = "9.9.9"\n',
  'templates/spec-template.md': specTemplate,
  'templates/tasks-template.md': tasksTemplate,
  'templates/plan-template.md': planTemplate,
  'templates/checklist-template.md':
    '\uFEFF# [CHECKLIST TYPE] Checklist\r\n\r\n- [ ] CHK001 Item\r\n',
  'templates/agent-file-template.md': '# [PROJECT NAME] Development Guidelines\n',
  'templates/notes.md': '# Notes\n',
  'templates/commands/plan.md': '---\ndescription: Plan\n---\n$ARGUMENTS\n',
  'templates/commands/tasks.md': '---\ndescription: Tasks\n---\n$ARGUMENTS\n',
  'templates/vscode-settings.json': '{}\n',
};

describe('planSpeckitImport of a checkout', () => {
  it('plans one template per *-template.md, versioned by pyproject.toml, with warnings for what it skips or changes', async () => {
    const root = await writeTempTree(checkoutTree);
    const plan = await planSpeckitImport({ path: root });
    expect({
      pack: plan.pack,
      detected: plan.detected,
      speckitVersion: plan.speckitVersion,
      extends: plan.extends,
      files: plan.files.map((file) => file.path),
      templates: plan.templates.map(
        (template) =>
          `${template.id} ${template.kind} ${template.path} ← ${template.from.join(' + ')}`,
      ),
      warnings: warningsOf(plan, root),
    }).toEqual({
      pack: { name: 'speckit', version: '2.1.0', packageName: 'specforge-templates-speckit' },
      detected: 'checkout',
      speckitVersion: '2.1.0',
      extends: undefined,
      files: [
        'CHANGELOG.md',
        'README.md',
        'agent-file.md',
        'checklist.md',
        'package.json',
        'plan.md',
        'spec.md',
        'tasks.md',
      ],
      templates: [
        'spec spec spec.md ← templates/spec-template.md',
        'plan plan plan.md ← templates/plan-template.md',
        'tasks tasks tasks.md ← templates/tasks-template.md',
        'checklist checklist checklist.md ← templates/checklist-template.md',
        'agent-file other agent-file.md ← templates/agent-file-template.md',
      ],
      warnings: [
        'SPECFORGE_IMPORT_TEXT_CHANGED: templates/checklist-template.md was changed on import: its UTF-8 byte-order mark was dropped.',
        'SPECFORGE_IMPORT_TEXT_CHANGED: templates/checklist-template.md was changed on import: its CRLF line breaks became LF, as in every specforge template.',
        'SPECFORGE_IMPORT_SKIPPED: templates/commands/ (2 command prompts: plan, tasks) was not imported: they are the prompts of the /speckit.* agent commands, not document templates',
        'SPECFORGE_IMPORT_TEXT_CHANGED: templates/tasks-template.md was changed on import: its front matter key "scripts" was dropped (a specforge template\'s metadata has no such field).',
      ],
    });
  });

  it('writes specforge front matter over the Spec Kit text, escaping only "{{"', async () => {
    const plan = await planSpeckitImport({ path: await writeTempTree(checkoutTree) });
    expect(planFile(plan, 'spec.md')).toBe(
      [
        '---',
        'id: spec',
        'kind: spec',
        'description: Imported from Spec Kit v2.1.0 templates/spec-template.md',
        'output: spec.md',
        'inputs: {}',
        '---',
        '# Feature Specification: [FEATURE NAME]',
        '',
        '**Input**: User description: "$ARGUMENTS"',
        '',
        '<!-- ACTION REQUIRED: fill in, then run __SPECKIT_COMMAND_PLAN__ with {SCRIPT} -->',
        '',
        '- **FR-001**: System MUST [NEEDS CLARIFICATION: auth method?]',
        '- Gemini receives \\{{args}}; a literal \\\\{{!}}\\{{ stays; \\{{{raw}}}',
        '',
      ].join('\n'),
    );
    // One front matter block: Spec Kit's description joined ours.
    expect(planFile(plan, 'tasks.md')).toBe(
      '---\nid: tasks\nkind: tasks\ndescription: Task list template. Imported from Spec Kit v2.1.0 templates/tasks-template.md\noutput: tasks.md\ninputs: {}\n---\n\n# Tasks: [FEATURE NAME]\n\n- [ ] T001 [P] [US1] Do it\n',
    );
  });

  it('plans a pack that loads and renders every template back to the Spec Kit text', async () => {
    const root = await writeTempTree(checkoutTree);
    const plan = await planSpeckitImport({ path: root });
    const pack = await loadPack(await writePlan(plan));
    expect(pack).toMatchObject({
      name: 'speckit',
      version: '2.1.0',
      packageName: 'specforge-templates-speckit',
      extends: undefined,
    });
    const rendered = Object.fromEntries(
      [...pack.templates].map(([id, template]) => [id, renderTemplate(template)]),
    );
    expect(rendered).toEqual({
      spec: specTemplate,
      plan: planTemplate,
      tasks: withoutFrontMatter(tasksTemplate),
      checklist: '# [CHECKLIST TYPE] Checklist\n\n- [ ] CHK001 Item\n',
      'agent-file': '# [PROJECT NAME] Development Guidelines\n',
    });
  });

  it('writes a package.json, a README that credits Spec Kit and a CHANGELOG', async () => {
    const root = await writeTempTree({
      ...checkoutTree,
      LICENSE: 'MIT License\n\nCopyright Test.\n\nPermission is hereby granted, free of charge.\n',
    });
    const plan = await planSpeckitImport({ path: root, name: 'upstream' });
    expect(JSON.parse(planFile(plan, 'package.json'))).toEqual({
      name: 'specforge-templates-upstream',
      version: '2.1.0',
      description:
        'The document templates of GitHub Spec Kit v2.1.0 (spec, plan, tasks, checklist, agent-file) as a specforge template pack.',
      license: 'MIT',
      keywords: ['specforge', 'specforge-pack', 'spec-kit'],
      files: ['spec.md', 'plan.md', 'tasks.md', 'checklist.md', 'agent-file.md'],
      specforge: {
        name: 'upstream',
        templates: {
          spec: 'spec.md',
          plan: 'plan.md',
          tasks: 'tasks.md',
          checklist: 'checklist.md',
          'agent-file': 'agent-file.md',
        },
      },
    });
    const readme = planFile(plan, 'README.md');
    expect(readme).toContain(
      '| `upstream/spec` | `spec.md` | spec | `spec.md` | `templates/spec-template.md` |',
    );
    expect(readme).toContain(
      'These files hold 3 `{{`, each written `\\{{` so that it renders as it stands.',
    );
    expect(readme).toContain('- `templates/notes.md`: not a document template');
    expect(readme).toContain(
      '> MIT License\n>\n> Copyright Test.\n>\n> Permission is hereby granted, free of charge.\n',
    );
    expect(planFile(plan, 'CHANGELOG.md')).toBe(
      '# specforge-templates-upstream\n\n## 2.1.0\n\n- Imports the templates of GitHub Spec Kit v2.1.0 (spec, plan, tasks, checklist, agent-file) from a Spec Kit checkout.\n',
    );
  });

  it('takes --version over pyproject.toml, and warns when the folder name or VERSIONS.txt says otherwise', async () => {
    const parent = await writeTempTree({
      'VERSIONS.txt': 'v2.1.0 abc 2026-01-01\nv2.2.0 def 2026-02-01\n',
      ...Object.fromEntries(
        Object.entries(checkoutTree).map(([path, text]) => [`v2.2.0/${path}`, text]),
      ),
    });
    const root = join(parent, 'v2.2.0');
    const stated = await planSpeckitImport({ path: root, version: 'v2.2.0' });
    expect([
      stated.pack.version,
      stated.speckitVersion,
      warningsOf(stated).filter((w) => w.includes('VERSION')),
    ]).toEqual(['2.2.0', '2.2.0', []]);
    const fromPyproject = await planSpeckitImport({ path: root });
    expect(warningsOf(fromPyproject).filter((w) => w.includes('VERSION'))).toEqual([
      'SPECFORGE_IMPORT_VERSION_UNCERTAIN: The pack version is 2.1.0, but it comes from pyproject.toml (line 3) while the folder name v2.2.0 says 2.2.0.',
    ]);
    const wrongFlag = await planSpeckitImport({ path: root, version: '2.3.0' });
    expect(
      wrongFlag.warnings
        .filter((w) => w.code === 'SPECFORGE_IMPORT_VERSION_UNCERTAIN')
        .map((w) => w.message),
    ).toEqual([
      'The pack version is 2.3.0, but it comes from --version while the folder name v2.2.0 says 2.2.0.',
    ]);
  });

  it('accepts the templates folder itself', async () => {
    const root = await writeTempTree(checkoutTree);
    const plan = await planSpeckitImport({ path: join(root, 'templates') });
    expect([plan.detected, plan.pack.version, plan.templates.length]).toEqual([
      'checkout',
      '2.1.0',
      5,
    ]);
  });

  it("names the pack speckit, which takes the built-in pack's place in a project, and says so in the README", async () => {
    const plan = await planSpeckitImport({ path: await writeTempTree(checkoutTree) });
    expect(plan.warnings.map((warning) => warning.code)).not.toContain(
      'SPECFORGE_IMPORT_NAME_TAKEN',
    );
    expect(planFile(plan, 'README.md')).toContain(
      "List this folder under `packs:` in `specforge.config.yaml` to use its templates as `speckit/<id>`. Named `speckit`, it takes the place of the built-in `speckit` pack there, so `speckit/plan`, the default plan template, becomes this pack's.",
    );
  });
});

const presetYaml = (templates: string, extra = '') =>
  [
    'schema_version: "1.0"',
    'preset:',
    '  id: "acme"',
    '  name: "Acme Compliance"',
    '  version: "1.2.0"',
    '  description: "Compliance sections for Acme"',
    '  author: "Acme"',
    '  license: "MIT"',
    'requires:',
    '  speckit_version: ">=2.0.0"',
    'provides:',
    '  templates:',
    templates,
    extra,
  ].join('\n');

const presetTree: Tree = {
  'preset.yml': presetYaml(
    [
      '    - type: "template"',
      '      name: "spec-template"',
      '      file: "templates/spec-wrap.md"',
      '      description: "Wrap the spec"',
      '      strategy: "wrap"',
      '    - type: "template"',
      '      name: "plan-template"',
      '      file: "templates/plan-top.md"',
      '      strategy: "Prepend"',
      '    - type: "template"',
      '      name: "tasks-template"',
      '      file: "templates/tasks-end.md"',
      '      strategy: "append"',
      '    - type: "template"',
      '      name: "checklist-template"',
      '      file: "templates/checklist.md"',
      '      replaces: "checklist-template"',
      '    - type: "command"',
      '      name: "speckit.specify"',
      '      file: "commands/speckit.specify.md"',
      '    - type: "script"',
      '      name: "create-new-feature"',
      '      file: "scripts/create.sh"',
      '    - type: "template"',
      '      name: "myext-template"',
      '      file: "templates/myext.md"',
      '      strategy: "append"',
      '    - type: "template"',
      '      name: "spec-template"',
      '      file: "templates/other.md"',
    ].join('\n'),
  ),
  'templates/spec-wrap.md':
    '> Acme: read {{policy}} first.\n\n{CORE_TEMPLATE}\n\n## Compliance\n\n- [ ] Reviewed\n',
  'templates/plan-top.md': '> Plan with the Acme checklist.',
  'templates/tasks-end.md': '## Phase N: Compliance\n\n- [ ] T900 Sign-off\n',
  'templates/checklist.md': '---\ndescription: Acme checklist\n---\n# Acme Checklist\n',
  'templates/myext.md': 'More.\n',
  'templates/other.md': 'Never used.\n',
  'commands/speckit.specify.md': '$ARGUMENTS\n',
};

describe('planSpeckitImport of a preset', () => {
  it("warns when the preset pack takes its base pack's name", async () => {
    const plan = await planSpeckitImport({
      path: await writeTempTree(presetTree),
      name: 'speckit',
    });
    expect(warningsOf(plan).at(-1)).toBe(
      'SPECFORGE_IMPORT_NAME_TAKEN: The pack is named speckit, like the base pack its overlays extend; a project cannot resolve both (SPECFORGE_PACK_NAME_CONFLICT).',
    );
  });

  it('plans whole-file overlays with the preset strategies over the speckit pack, skipping commands and scripts', async () => {
    const root = await writeTempTree(presetTree);
    const plan = await planSpeckitImport({ path: root });
    expect({
      pack: plan.pack,
      detected: plan.detected,
      speckitVersion: plan.speckitVersion,
      extends: plan.extends,
      templates: plan.templates.map(
        (template) => `${template.id} ${template.strategy} ← ${template.from.join(' + ')}`,
      ),
      warnings: warningsOf(plan, root),
    }).toEqual({
      pack: { name: 'acme', version: '1.2.0', packageName: 'specforge-templates-acme' },
      detected: 'preset',
      speckitVersion: undefined,
      extends: 'path:../speckit@>=2.0.0',
      templates: [
        'spec wrap ← templates/spec-wrap.md',
        'plan prepend ← templates/plan-top.md',
        'tasks append ← templates/tasks-end.md',
        'checklist replace ← templates/checklist.md',
      ],
      warnings: [
        'SPECFORGE_IMPORT_SKIPPED: The command speckit.specify was not imported: it is an agent command prompt, not a document template',
        'SPECFORGE_IMPORT_SKIPPED: The script create-new-feature was not imported: it is a script, not a document template',
        "SPECFORGE_IMPORT_SKIPPED: The template myext-template was not imported: it appends onto myext-template, which is not a Spec Kit core template (an extension's, perhaps), so there is no base template to compose it onto",
        'SPECFORGE_IMPORT_SKIPPED: The second template spec-template was not imported: an earlier entry provides the same template, and Spec Kit uses the first',
      ],
    });
    expect(planFile(plan, 'spec.md')).toBe(
      '---\nextends: speckit/spec\nstrategy: wrap\ndescription: Wrap the spec. Imported from Spec Kit preset acme 1.2.0 templates/spec-wrap.md\n---\n> Acme: read \\{{policy}} first.\n\n{CORE_TEMPLATE}\n\n## Compliance\n\n- [ ] Reviewed\n',
    );
  });

  it('composes, over an imported checkout, to the text Spec Kit composes', async () => {
    const base = await planSpeckitImport({ path: await writeTempTree(checkoutTree) });
    const preset = await planSpeckitImport({ path: await writeTempTree(presetTree) });
    const project = await writeTempTree(
      Object.fromEntries([
        ...base.files.map((file) => [`packs/speckit/${file.path}`, file.content]),
        ...preset.files.map((file) => [`packs/acme/${file.path}`, file.content]),
      ]),
    );
    const registry = await resolveRegistry({
      projectRoot: project,
      packs: ['./packs/speckit', './packs/acme'],
      cacheDir: join(project, '.cache'),
    });
    const render = (id: string) =>
      renderTemplate(findResolvedTemplate(registry.packs, `acme/${id}`).template);
    expect({
      spec: render('spec'),
      plan: render('plan'),
      tasks: render('tasks'),
      checklist: render('checklist'),
    }).toEqual({
      spec: presetTree['templates/spec-wrap.md']!.replace('{CORE_TEMPLATE}', specTemplate),
      plan: `${presetTree['templates/plan-top.md']}\n\n${planTemplate}`,
      tasks: `${withoutFrontMatter(tasksTemplate)}\n\n${presetTree['templates/tasks-end.md']}`,
      checklist: '# Acme Checklist\n',
    });
    expect(findResolvedTemplate(registry.packs, 'acme/checklist').template.meta.description).toBe(
      'Acme checklist. Imported from Spec Kit preset acme 1.2.0 templates/checklist.md',
    );
  });

  it('imports a replacing extension template as a template of its own, and takes preset.yml as the path', async () => {
    const root = await writeTempTree({
      'preset.yml': presetYaml(
        '    - type: "template"\n      name: "myext-template"\n      file: "myext.md"',
      ),
      'myext.md': '# Report\n',
    });
    const plan = await planSpeckitImport({
      path: join(root, 'preset.yml'),
      name: 'reports',
      base: { name: 'up', source: '@acme/upstream@^2.0.0' },
    });
    expect([plan.pack.name, plan.extends, plan.templates]).toEqual([
      'reports',
      '@acme/upstream@^2.0.0',
      [{ id: 'myext', kind: 'other', path: 'myext.md', strategy: 'template', from: ['myext.md'] }],
    ]);
    expect(planFile(plan, 'myext.md')).toBe(
      '---\nid: myext\nkind: other\ndescription: Imported from Spec Kit preset acme 1.2.0 myext.md\noutput: myext.md\ninputs: {}\n---\n# Report\n',
    );
  });
});

const projectTree: Tree = {
  '.specify/init-options.json': '{ "ai": "claude", "speckit_version": "0.12.4" }',
  '.specify/templates/spec-template.md': specTemplate,
  '.specify/templates/plan-template.md': planTemplate,
  '.specify/templates/tasks-template.md': tasksTemplate,
  '.specify/templates/constitution-template.md': '# [PROJECT_NAME] Constitution\n',
  '.specify/templates/overrides/plan-template.md': '# Our Plan: [FEATURE]\n',
  '.specify/presets/.registry': JSON.stringify({
    schema_version: '1.0',
    presets: {
      acme: { version: '1.0.0', priority: 5, enabled: true },
      wrapper: { version: '2.0.0', priority: 1 },
      off: { version: '1.0.0', priority: 1, enabled: false },
    },
  }),
  '.specify/presets/acme/preset.yml': presetYaml(
    [
      '    - type: "template"',
      '      name: "spec-template"',
      '      file: "templates/spec-template.md"',
      '    - type: "template"',
      '      name: "plan-template"',
      '      file: "templates/plan-template.md"',
      '    - type: "template"',
      '      name: "constitution-template"',
      '      file: "templates/constitution-addendum.md"',
      '      strategy: "append"',
    ].join('\n'),
  ),
  '.specify/presets/acme/templates/spec-template.md': '# Acme Spec: [FEATURE NAME]\n',
  '.specify/presets/acme/templates/plan-template.md': '# Acme Plan (hidden by the override)\n',
  '.specify/presets/acme/templates/constitution-addendum.md': '## Acme Principles\n',
  '.specify/presets/wrapper/preset.yml': presetYaml(
    [
      '    - type: "template"',
      '      name: "spec-template"',
      '      file: "wrap.md"',
      '      strategy: "wrap"',
      '    - type: "template"',
      '      name: "tasks-template"',
      '      file: "tasks-top.md"',
      '      strategy: "prepend"',
    ].join('\n'),
  ).replace('id: "acme"', 'id: "wrapper"'),
  '.specify/presets/wrapper/wrap.md': '<!-- wrapped -->\n{CORE_TEMPLATE}\n<!-- /wrapped -->\n',
  '.specify/presets/wrapper/tasks-top.md': '> Read the plan first.',
  '.specify/presets/off/templates/spec-template.md': '# Disabled\n',
  '.specify/presets/stray/templates/spec-template.md': '# Not installed\n',
  '.specify/extensions/jira/templates/spec-template.md': '# Jira\n',
};

describe('planSpeckitImport of a project', () => {
  it('composes each template as Spec Kit resolves it: override, then presets by priority, then core', async () => {
    const root = await writeTempTree(projectTree);
    const plan = await planSpeckitImport({ path: root });
    expect({
      pack: plan.pack,
      detected: plan.detected,
      speckitVersion: plan.speckitVersion,
      templates: plan.templates.map((template) => `${template.id} ← ${template.from.join(' + ')}`),
      warnings: warningsOf(plan, root),
    }).toEqual({
      pack: {
        name: 'speckit',
        version: '0.12.4',
        packageName: 'specforge-templates-speckit',
      },
      detected: 'project',
      speckitVersion: '0.12.4',
      templates: [
        'spec ← .specify/presets/acme/templates/spec-template.md + .specify/presets/wrapper/wrap.md',
        'plan ← .specify/templates/overrides/plan-template.md',
        'tasks ← .specify/templates/tasks-template.md + .specify/presets/wrapper/tasks-top.md',
        'constitution ← .specify/templates/constitution-template.md + .specify/presets/acme/templates/constitution-addendum.md',
      ],
      warnings: [
        'SPECFORGE_IMPORT_SKIPPED: The preset stray was not imported: .specify/presets/.registry does not list it, so Spec Kit does not use it',
        'SPECFORGE_IMPORT_SKIPPED: .specify/extensions/ (jira) was not imported: extension templates are not composed; a template an extension provides is left out of every stack',
      ],
    });
    const pack = await loadPack(await writePlan(plan));
    const rendered = Object.fromEntries(
      [...pack.templates].map(([id, template]) => [id, renderTemplate(template)]),
    );
    expect(rendered).toEqual({
      spec: '<!-- wrapped -->\n# Acme Spec: [FEATURE NAME]\n\n<!-- /wrapped -->\n',
      plan: '# Our Plan: [FEATURE]\n',
      // Spec Kit composes text: the core's front matter lands after the prepended layer.
      tasks: `> Read the plan first.\n\n${tasksTemplate}`,
      constitution: '# [PROJECT_NAME] Constitution\n\n\n## Acme Principles\n',
    });
    expect(pack.templates.get('spec')?.meta.description).toBe(
      'Imported from a Spec Kit project (Spec Kit v0.12.4): .specify/presets/acme/templates/spec-template.md + .specify/presets/wrapper/wrap.md (wrap)',
    );
  });

  it("keeps Spec Kit's template for an id that another name would also take", async () => {
    const root = await writeTempTree({
      '.specify/init-options.json': '{ "speckit_version": "0.12.4" }',
      '.specify/templates/spec-template.md': '# Spec\n',
      '.specify/templates/overrides/spec.md': '# Stray\n',
    });
    const plan = await planSpeckitImport({ path: root });
    expect([plan.templates.map((t) => t.from), warningsOf(plan, root)]).toEqual([
      [['.specify/templates/spec-template.md']],
      [
        'SPECFORGE_IMPORT_SKIPPED: The template spec was not imported: another template already has the id spec',
      ],
    ]);
  });

  it('skips the presets when there is no registry, and takes --version when the project records none', async () => {
    const tree = { ...projectTree };
    delete tree['.specify/presets/.registry'];
    delete tree['.specify/init-options.json'];
    const root = await writeTempTree(tree);
    const plan = await planSpeckitImport({
      path: join(root, '.specify'),
      version: '3.0.0',
      name: 'acme-templates',
    });
    expect([
      plan.pack.name,
      plan.pack.version,
      plan.speckitVersion,
      plan.templates.map((t) => t.from.length),
    ]).toEqual(['acme-templates', '3.0.0', undefined, [1, 1, 1, 1]]);
    expect(warningsOf(plan, root)[0]).toBe(
      'SPECFORGE_IMPORT_SKIPPED: .specify/presets/ (acme, off, stray, wrapper) was not imported: .specify/presets/ has no .registry, and Spec Kit uses only the presets its registry lists',
    );
  });
});

describe('planSpeckitImport errors', () => {
  it.each([
    [
      'a folder without Spec Kit material',
      { 'README.md': '# x\n' },
      '',
      'SPECFORGE_IMPORT_NOTHING',
    ],
    ['a missing path', {}, 'missing', 'SPECFORGE_IMPORT_NOTHING'],
    ['a file', { 'spec-template.md': '# x\n' }, 'spec-template.md', 'SPECFORGE_IMPORT_NOTHING'],
  ])('reports %s as SPECFORGE_IMPORT_NOTHING', async (_what, tree, sub, code) => {
    const root = await writeTempTree(tree);
    const error = await failure(() => planSpeckitImport({ path: join(root, sub) }), root);
    expect(error.code).toBe(code);
    expect(error.hint).toBe(
      'Pass a Spec Kit checkout or release folder (templates/*-template.md), a project (.specify/templates/), or a preset folder (preset.yml); see docs/import.md.',
    );
  });

  it("reports a checkout without a version, suggesting the folder name's", async () => {
    const tree = { ...checkoutTree };
    delete tree['pyproject.toml'];
    const parent = await writeTempTree(
      Object.fromEntries(
        Object.entries(tree).map(([path, text]) => [`spec-kit-0.9.1/${path}`, text]),
      ),
    );
    expect(
      await failure(() => planSpeckitImport({ path: join(parent, 'spec-kit-0.9.1') }), parent),
    ).toEqual({
      code: 'SPECFORGE_IMPORT_VERSION_INVALID',
      message:
        'The pack version cannot be determined: the checkout has no pyproject.toml, and a pack needs a version; nothing was imported.',
      hint: 'Pass the Spec Kit version with --version, e.g. --version 0.9.1 (the folder name spec-kit-0.9.1 says 0.9.1).',
      at: '<root>/spec-kit-0.9.1',
    });
  });

  it('reports a pyproject.toml version that is not semver at its line', async () => {
    const root = await writeTempTree({
      ...checkoutTree,
      'pyproject.toml': '[project]\nname = "specify-cli"\nversion = "1.0"\n',
    });
    expect(await failure(() => planSpeckitImport({ path: root }), root)).toEqual({
      code: 'SPECFORGE_IMPORT_VERSION_INVALID',
      message:
        'The pack version cannot be determined: pyproject.toml says version = "1.0", which is not a semver version; nothing was imported.',
      hint: 'Pass the Spec Kit version with --version, e.g. --version 1.0.0.',
      at: '<root>/pyproject.toml:3',
    });
  });

  it.each([
    ['--version', { version: 'latest' }, 'SPECFORGE_IMPORT_VERSION_INVALID'],
    ['--name', { name: 'Spec Kit' }, 'SPECFORGE_IMPORT_NAME_INVALID'],
  ])('reports an invalid %s before reading anything', async (_flag, input, code) => {
    const error = await failure(() => planSpeckitImport({ path: '/nonexistent', ...input }));
    expect(error.code).toBe(code);
  });

  it('reports a project without a version', async () => {
    const tree = { ...projectTree };
    delete tree['.specify/init-options.json'];
    const root = await writeTempTree(tree);
    const error = await failure(() => planSpeckitImport({ path: root }), root);
    expect([error.code, error.message, error.hint, error.at]).toEqual([
      'SPECFORGE_IMPORT_VERSION_INVALID',
      'The pack version cannot be determined: the project records no Spec Kit version (speckit_version in .specify/init-options.json), and a pack needs a version; nothing was imported.',
      'Pass the version with --version, e.g. --version 1.0.1.',
      '<root>/.specify/init-options.json',
    ]);
  });

  it.each([
    ['invalid YAML', 'schema_version: "1.0"\npreset: [\n', 'it is not valid YAML', 3],
    [
      'a wrong schema_version',
      presetYaml('    - type: "template"\n      name: "spec-template"\n      file: "x.md"').replace(
        '"1.0"',
        '1.0',
      ),
      'schema_version is 1; Spec Kit reads only "1.0" (a quoted string)',
      1,
    ],
    [
      'no preset id',
      presetYaml('    - type: "template"\n      name: "spec-template"\n      file: "x.md"').replace(
        '  id: "acme"\n',
        '',
      ),
      '"preset.id" is missing',
      3,
    ],
    [
      'an unknown entry type',
      presetYaml('    - type: "templates"\n      name: "spec-template"\n      file: "x.md"'),
      'the entry type "templates" is none of template, command, script',
      13,
    ],
    [
      'a file outside the preset',
      presetYaml('    - type: "template"\n      name: "spec-template"\n      file: "../x.md"'),
      'the file "../x.md" of spec-template is not a relative path inside the preset folder',
      15,
    ],
    [
      'a missing file',
      presetYaml('    - type: "template"\n      name: "spec-template"\n      file: "x.md"'),
      'the file x.md of spec-template does not exist or cannot be read',
      15,
    ],
    ['no templates', presetYaml('    []'), 'it provides no templates', 13],
  ])('reports %s in preset.yml at its line', async (_what, yaml, reason, line) => {
    const root = await writeTempTree({ 'preset.yml': yaml });
    const error = await failure(() => planSpeckitImport({ path: root }), root);
    expect(error.code).toBe('SPECFORGE_IMPORT_PRESET_INVALID');
    expect(error.message).toContain(reason);
    expect(error.at).toMatch(new RegExp(`^<root>/preset\\.yml:${line}`));
  });

  it('reports an unknown strategy at its line, with the likely one', async () => {
    const root = await writeTempTree({
      'preset.yml': presetYaml(
        '    - type: "template"\n      name: "spec-template"\n      file: "x.md"\n      strategy: "wrapp"',
      ),
    });
    expect(await failure(() => planSpeckitImport({ path: root }), root)).toEqual({
      code: 'SPECFORGE_IMPORT_STRATEGY_UNKNOWN',
      message:
        'The preset template spec-template has the strategy "wrapp", which Spec Kit does not know; nothing was imported. Did you mean "wrap"?',
      hint: 'Use one of replace (the default), prepend, append or wrap.',
      at: '<root>/preset.yml:16',
    });
  });

  it('reports a wrap without {CORE_TEMPLATE}', async () => {
    const root = await writeTempTree({
      'preset.yml': presetYaml(
        '    - type: "template"\n      name: "spec-template"\n      file: "x.md"\n      strategy: "wrap"',
      ),
      'x.md': '# Wrapper\n',
    });
    const error = await failure(() => planSpeckitImport({ path: root }), root);
    expect([error.code, error.message, error.at]).toEqual([
      'SPECFORGE_IMPORT_PRESET_INVALID',
      'The Spec Kit preset is invalid: x.md (spec-template, strategy wrap) never says {CORE_TEMPLATE}, where Spec Kit puts the lower layer; nothing was imported.',
      '<root>/x.md',
    ]);
  });

  it('reports a preset version that is not semver, suggesting one', async () => {
    const root = await writeTempTree({
      'preset.yml': presetYaml(
        '    - type: "command"\n      name: "speckit.x"\n      file: "x.md"',
      ).replace('"1.2.0"', '1.2'),
    });
    expect(await failure(() => planSpeckitImport({ path: root }), root)).toEqual({
      code: 'SPECFORGE_IMPORT_VERSION_INVALID',
      message:
        'The pack version cannot be determined: preset.version is "1.2", which is not a semver version (Spec Kit accepts any Python version); nothing was imported.',
      hint: 'Pass the pack version with --version, e.g. --version 1.2.0.',
      at: '<root>/preset.yml:5',
    });
  });

  it('reads nothing but the input and writes nothing', async () => {
    const root = await writeTempTree(checkoutTree);
    const before = await readdir(root, { recursive: true });
    await planSpeckitImport({ path: root });
    expect(await readdir(root, { recursive: true })).toEqual(before);
  });
});
