// Small projects for the figures, written the same way every run (no randomness at all): one spec,
// a 3-layer fork, a pack chain of 5 layers, a copy fork with an upstream release to merge, and an
// OpenSpec change for the peer.
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSetup } from '../lib/measure.js';

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

/** The example spec alone in a project (the built-in speckit/plan renders it). */
export function writeSpecProject(dir, exampleSpec) {
  // A `.git` folder marks the project root, so nothing above the temp folder is looked at.
  mkdirSync(join(dir, '.git'), { recursive: true });
  copyFileSync(exampleSpec, join(dir, 'spec.md'));
  return join(dir, 'spec.md');
}

/**
 * The example spec in a project whose plan template is composed through three layers:
 * speckit/plan ← org/plan (pins the stack) ← team/plan (adds a section, appends a risk), the
 * chain `specforge template fork` makes twice over.
 */
export function writeForkProject(dir, exampleSpec) {
  writeSpecProject(dir, exampleSpec);
  writeFileSync(
    join(dir, 'specforge.config.yaml'),
    'name: Bench fork\npacks:\n  - ./packs/team\nplan:\n  template: team/plan\n',
  );
  const pack = (name, version, base, overlay) => {
    mkdirSync(join(dir, 'packs', name), { recursive: true });
    writeFileSync(
      join(dir, 'packs', name, 'package.json'),
      json({
        name: `@bench/${name}-templates`,
        version,
        private: true,
        specforge: { name, extends: base, templates: { plan: 'plan.md' } },
      }),
    );
    writeFileSync(join(dir, 'packs', name, 'plan.md'), overlay.join('\n'));
  };
  pack('org', '2.0.0', '@specforge/templates-speckit@^1.0.0', [
    '---',
    'extends: speckit/plan',
    '---',
    '<!-- specforge: replace technical-approach/technology-stack -->',
    '### Technology Stack',
    '',
    '- Languages: Go 1.23 (services), TypeScript 5.9 (web)',
    '- Frameworks: chi (HTTP), React 19 (web)',
    '',
    '<!-- specforge: append testing-strategy -->',
    '- Contract tests for every public endpoint',
    '',
  ]);
  pack('team', '0.3.0', 'path:../org@^2.0.0', [
    '---',
    'extends: org/plan',
    '---',
    '<!-- specforge: insert after testing-strategy -->',
    '## Security Review',
    '',
    '- Threat model for every new endpoint',
    '- Data classification of each new field',
    '',
    '<!-- specforge: append risk-assessment -->',
    '| Vendor lock-in | Medium | Thin adapters |',
    '',
    '<!-- specforge: remove deployment -->',
    '',
  ]);
  return join(dir, 'spec.md');
}

const SECTIONS = ['Context', 'Technical Approach', 'Implementation Steps', 'Testing Strategy'];
const MORE_SECTIONS = ['Risk Assessment', 'Rollback Plan', 'Deployment'];

function templateBody(i) {
  const parts = [`# Template ${i}\n`];
  for (const title of [...SECTIONS, ...MORE_SECTIONS]) {
    parts.push(
      `## ${title}\n\nWhat the ${title.toLowerCase()} of feature ${i} needs:\n\n- first point\n- second point\n`,
    );
    parts.push(
      `### ${title} details\n\n{{#if spec.title}}{{spec.title}}{{/if}} notes for ${title}.\n`,
    );
  }
  return parts.join('\n');
}

/**
 * A base pack of `templates` templates and `layers - 1` overlay packs above it, each extending the
 * one below and changing three sections of every template. Returns the packs' names, base first.
 */
export function writeChain(root, { templates, layers }) {
  const names = Array.from({ length: layers }, (_, i) => `layer${i}`);
  names.forEach((name, layer) => {
    const dir = join(root, 'packs', name);
    mkdirSync(dir, { recursive: true });
    const files = {};
    for (let i = 0; i < templates; i++) {
      const id = `t${i}`;
      files[id] = `${id}.md`;
      const text =
        layer === 0
          ? `---\nid: ${id}\nkind: other\n---\n${templateBody(i)}`
          : [
              '---',
              `extends: ${names[layer - 1]}/${id}`,
              '---',
              '<!-- specforge: append testing-strategy -->',
              `- layer ${layer} check`,
              '',
              '<!-- specforge: replace risk-assessment/risk-assessment-details -->',
              '### Risk Assessment details',
              '',
              `Layer ${layer} owns the risks.`,
              '',
              '<!-- specforge: insert after rollback-plan -->',
              `## Layer ${layer} Review`,
              '',
              `- reviewed by layer ${layer}`,
              '',
            ].join('\n');
      writeFileSync(join(dir, `${id}.md`), text);
    }
    const specforge = {
      name,
      templates: files,
      ...(layer > 0 ? { extends: `path:../${names[layer - 1]}` } : {}),
    };
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', specforge }));
  });
  return names;
}

/** A template of the upgrade project's base pack at a release: five sections, each with a list. */
function baseTemplate(id, release) {
  const sections = ['Context', 'Approach', 'Testing', 'Risks', 'Rollback'].map((title) => {
    const added = title === 'Testing' && release > 1 ? '- End-to-end tests of the main path\n' : '';
    return `## ${title}\n\nWrite the ${title.toLowerCase()} of {{spec.title}} for ${id}.\n\n- First point.\n- Second point.\n${added}`;
  });
  return `---\nid: ${id}\nkind: other\n---\n# ${id}: {{spec.title}}\n\n${sections.join('\n')}`;
}

function writeBasePack(dir, templates, release) {
  mkdirSync(dir, { recursive: true });
  const ids = Array.from({ length: templates }, (_, i) => `doc-${String(i + 1).padStart(3, '0')}`);
  for (const id of ids) writeFileSync(join(dir, `${id}.md`), baseTemplate(id, release));
  writeFileSync(
    join(dir, 'package.json'),
    json({
      name: '@bench/base-templates',
      version: `${release}.0.0`,
      private: true,
      specforge: { name: 'base', templates: Object.fromEntries(ids.map((id) => [id, `${id}.md`])) },
    }),
  );
  return ids;
}

/**
 * A project with a base pack of `templates` templates at 1.0.0, a copy fork of it made by
 * `specforge template fork base --as team --copy` in which the team edited every template's
 * Context, and the base then released as 2.0.0 with a change to every template's Testing: a
 * `template upgrade team` merges each template three ways, cleanly. Returns the fork's ids.
 */
export function writeCopyForkProject(dir, { templates, bin, env }) {
  mkdirSync(join(dir, '.git'), { recursive: true });
  writeFileSync(
    join(dir, 'specforge.config.yaml'),
    'name: Bench upgrade\npacks:\n  - ./packs/base\n',
  );
  const ids = writeBasePack(join(dir, 'packs/base'), templates, 1);
  runSetup('specforge template fork', [bin, 'template', 'fork', 'base', '--as', 'team', '--copy'], {
    cwd: dir,
    env,
  });
  for (const id of ids) {
    const file = join(dir, 'packs/team', `${id}.md`);
    const text = readFileSync(file, 'utf8');
    const edited = text.replace(
      `Write the context of {{spec.title}} for ${id}.\n`,
      `Write the context of {{spec.title}} for ${id}, with the team's glossary.\n`,
    );
    if (edited === text) throw new Error(`the copy of ${id} does not hold the expected text`);
    writeFileSync(file, edited);
  }
  writeBasePack(join(dir, 'packs/base'), templates, 2);
  return ids;
}

/** Replaces a working copy with a pristine project, so that each run starts from the same files. */
export function restoreProject(pristine, work) {
  rmSync(work, { recursive: true, force: true });
  cpSync(pristine, work, { recursive: true });
}

/**
 * A minimal OpenSpec project with one change, as OpenSpec's own layout has it
 * (`openspec/changes/<id>/proposal.md`, `tasks.md`, `specs/<capability>/spec.md` with
 * `## ADDED Requirements`, `### Requirement:` and `#### Scenario:`), which
 * `openspec validate <id>` accepts. Returns the change id.
 */
export function writeOpenSpecProject(dir) {
  const id = 'add-guest-checkout';
  const change = join(dir, 'openspec/changes', id);
  mkdirSync(join(change, 'specs/checkout'), { recursive: true });
  mkdirSync(join(dir, 'openspec/specs'), { recursive: true });
  mkdirSync(join(dir, '.git'), { recursive: true });
  writeFileSync(
    join(change, 'proposal.md'),
    [
      '## Why',
      '',
      'Shoppers without an account abandon the checkout at the sign-up step; letting them pay as',
      'guests removes that step without losing the order history they may want later.',
      '',
      '## What Changes',
      '',
      '- Shoppers can check out as guests with an email address.',
      '- A guest can claim the order into a new account after paying.',
      '',
      '## Impact',
      '',
      '- Affected specs: checkout',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(change, 'tasks.md'),
    [
      '## 1. Implementation',
      '',
      '- [ ] 1.1 Add the guest option to the checkout form',
      '- [ ] 1.2 Send the order confirmation to the guest email',
      '- [ ] 1.3 Let a guest claim the order into a new account',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(change, 'specs/checkout/spec.md'),
    [
      '## ADDED Requirements',
      '',
      '### Requirement: Guest checkout',
      'The system SHALL let a shopper without an account pay for an order with an email address.',
      '',
      '#### Scenario: Guest pays',
      '- **WHEN** a shopper without an account chooses to check out as a guest',
      '- **THEN** the order is placed and a confirmation reaches the email address given',
      '',
      '### Requirement: Claiming a guest order',
      'The system SHALL let a guest claim a paid order into a new account.',
      '',
      '#### Scenario: Guest signs up after paying',
      '- **WHEN** a guest creates an account from the order confirmation',
      '- **THEN** the order appears in the new account',
      '',
    ].join('\n'),
  );
  return id;
}
