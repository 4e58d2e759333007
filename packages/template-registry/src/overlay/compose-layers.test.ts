import type { TemplateSource } from '@specforge/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinPacks } from '../builtin-packs.js';
import { composeLayers, listSectionBlame } from './compose-layers.js';
import { parseOverlay } from './parse-overlay.js';
import type { LayerRef } from './types.js';

const speckit = { pack: 'speckit', version: '1.0.0' };
const acme = { pack: 'acme', version: '2.0.0' };
const team = { pack: 'checkout-team', version: '0.3.0' };
const planFile = 'templates/speckit/plan.md';

let plan: TemplateSource;
beforeAll(async () => {
  const [pack] = await loadBuiltinPacks();
  plan = pack!.templates.get('plan')!;
});

const base = () => ({ body: plan.body, file: planFile, bodyLine: plan.bodyLine, layer: speckit });
const layer = (text: string, file: string, ref: LayerRef) => ({
  overlay: parseOverlay(text, { file }),
  layer: ref,
});
const blame = (ref: LayerRef, file: string, line: number, changes: unknown[] = []) => ({
  layer: ref,
  file,
  line,
  changes,
});

// The sketch from DESIGN.md, verbatim.
const designSketch = `---
extends: speckit/plan
---
<!-- specforge: replace technical-approach/technology-stack -->
### Technology Stack
- Languages: TypeScript 5 on Node 22; Go 1.23 for services
- Tools: pnpm, turbo, GitHub Actions

<!-- specforge: insert after testing-strategy -->
## Security Review
- Threat model for every new endpoint; owner: the security champion of the team.

<!-- specforge: remove deployment -->
`;

describe('composeLayers', () => {
  it('composes the exact expected body when the design sketch overlays the built-in plan template', () => {
    const composed = composeLayers(base(), [layer(designSketch, 'packs/acme/plan.md', acme)]);
    const expected = plan.body
      .replace(
        '### Technology Stack\n\nSpecify technologies to use:\n\n- Languages:\n- Frameworks:\n- Libraries:\n- Tools:\n\n',
        '### Technology Stack\n- Languages: TypeScript 5 on Node 22; Go 1.23 for services\n- Tools: pnpm, turbo, GitHub Actions\n\n',
      )
      .replace(
        '- Manual testing steps...\n\n## Risk Assessment',
        '- Manual testing steps...\n\n## Security Review\n- Threat model for every new endpoint; owner: the security champion of the team.\n\n## Risk Assessment',
      )
      .replace(/\n## Deployment\n[\s\S]*$/, '');
    expect(expected.endsWith('- API keys or credentials\n')).toBe(true);
    expect(composed.body).toBe(expected);
    expect(composed.skipped).toEqual([]);
    expect(composed.blame.map((s) => [s.path, s.blame.file, s.blame.line])).toEqual([
      ['context', planFile, 46],
      ['technical-approach', planFile, 54],
      ['technical-approach/architecture', planFile, 56],
      ['technical-approach/technology-stack', 'packs/acme/plan.md', 5],
      ['technical-approach/data-model', planFile, 73],
      ['implementation-steps', planFile, 81],
      ['implementation-steps/phase-1-foundation', planFile, 85],
      ['implementation-steps/phase-2-core-implementation', planFile, 96],
      ['implementation-steps/phase-3-integration-polish', planFile, 107],
      ['file-changes', planFile, 118],
      ['testing-strategy', planFile, 130],
      ['security-review', 'packs/acme/plan.md', 10],
      ['risk-assessment', planFile, 138],
      ['rollback-plan', planFile, 147],
      ['dependencies', planFile, 155],
    ]);
  });

  it('blames every section on the layer that introduced it and lists later changes when three layers are chained', () => {
    const teamOverlay = `---
extends: acme/plan
---
<!-- specforge: append security-review -->
- Pen test before launch.
<!-- specforge: rename rollback-plan "Rollback and Recovery" -->
<!-- specforge: replace technical-approach/architecture -->
### Architecture

Services talk through the event bus only.
<!-- specforge: prepend context -->
> Checkout team: read the PCI notes first.
<!-- specforge: remove deployment optional -->
`;
    const composed = composeLayers(base(), [
      layer(designSketch, 'packs/acme/plan.md', acme),
      layer(teamOverlay, 'packs/team/plan.md', team),
    ]);
    const acmeFile = 'packs/acme/plan.md';
    const teamFile = 'packs/team/plan.md';
    expect(composed.blame).toEqual([
      {
        path: 'context',
        title: 'Context',
        level: 2,
        blame: blame(speckit, planFile, 46, [
          { op: 'prepend', layer: team, file: teamFile, line: 11 },
        ]),
      },
      {
        path: 'technical-approach',
        title: 'Technical Approach',
        level: 2,
        blame: blame(speckit, planFile, 54),
      },
      {
        path: 'technical-approach/architecture',
        title: 'Architecture',
        level: 3,
        blame: blame(team, teamFile, 8),
      },
      {
        path: 'technical-approach/technology-stack',
        title: 'Technology Stack',
        level: 3,
        blame: blame(acme, acmeFile, 5),
      },
      {
        path: 'technical-approach/data-model',
        title: 'Data Model',
        level: 3,
        blame: blame(speckit, planFile, 73),
      },
      {
        path: 'implementation-steps',
        title: 'Implementation Steps',
        level: 2,
        blame: blame(speckit, planFile, 81),
      },
      {
        path: 'implementation-steps/phase-1-foundation',
        title: 'Phase 1: [Foundation]',
        level: 3,
        blame: blame(speckit, planFile, 85),
      },
      {
        path: 'implementation-steps/phase-2-core-implementation',
        title: 'Phase 2: [Core Implementation]',
        level: 3,
        blame: blame(speckit, planFile, 96),
      },
      {
        path: 'implementation-steps/phase-3-integration-polish',
        title: 'Phase 3: [Integration & Polish]',
        level: 3,
        blame: blame(speckit, planFile, 107),
      },
      {
        path: 'file-changes',
        title: 'File Changes',
        level: 2,
        blame: blame(speckit, planFile, 118),
      },
      {
        path: 'testing-strategy',
        title: 'Testing Strategy',
        level: 2,
        blame: blame(speckit, planFile, 130),
      },
      {
        path: 'security-review',
        title: 'Security Review',
        level: 2,
        blame: blame(acme, acmeFile, 10, [{ op: 'append', layer: team, file: teamFile, line: 4 }]),
      },
      {
        path: 'risk-assessment',
        title: 'Risk Assessment',
        level: 2,
        blame: blame(speckit, planFile, 138),
      },
      {
        path: 'rollback-and-recovery',
        title: 'Rollback and Recovery',
        level: 2,
        blame: blame(speckit, planFile, 147, [
          { op: 'rename', layer: team, file: teamFile, line: 6 },
        ]),
      },
      {
        path: 'dependencies',
        title: 'Dependencies',
        level: 2,
        blame: blame(speckit, planFile, 155),
      },
    ]);
    expect(composed.skipped).toEqual([
      { op: 'remove', target: 'deployment', line: 13, file: teamFile, layer: team },
    ]);
    expect(composed.body).toContain(
      '## Security Review\n- Threat model for every new endpoint; owner: the security champion of the team.\n- Pen test before launch.\n\n## Risk Assessment',
    );
    expect(listSectionBlame(composed.document)).toEqual(composed.blame);
  });

  it('carries the metadata through the chain when the base metadata is given', () => {
    const teamOverlay = `---
extends: acme/plan
description: The checkout team's plan.
inputs:
  pciScope:
    required: true
    description: Which PCI scope applies.
---
<!-- specforge: rename rollback-plan "Rollback and Recovery" -->
`;
    const composed = composeLayers({ ...base(), meta: plan.meta }, [
      layer(designSketch, 'packs/acme/plan.md', acme),
      layer(teamOverlay, 'packs/team/plan.md', team),
    ]);
    expect(composed.meta).toEqual({
      ...plan.meta,
      description: "The checkout team's plan.",
      inputs: { pciScope: { required: true, description: 'Which PCI scope applies.' } },
      requiredSections: [
        'context',
        'technical-approach',
        'implementation-steps',
        'file-changes',
        'testing-strategy',
        'risk-assessment',
        'rollback-and-recovery',
        'dependencies',
      ],
    });
  });

  it('appends the overlay after a blank line, as Spec Kit does, when the strategy is append', () => {
    const compliance =
      '---\nextends: speckit/plan\nstrategy: append\n---\n## Compliance\n\n- SOC 2 controls touched: …\n';
    const composed = composeLayers(base(), [layer(compliance, 'presets/acme/plan.md', acme)]);
    expect(composed.body).toBe(`${plan.body}\n\n## Compliance\n\n- SOC 2 controls touched: …\n`);
    expect(composed.blame.at(-1)).toEqual({
      path: 'compliance',
      title: 'Compliance',
      level: 2,
      blame: blame(acme, 'presets/acme/plan.md', 5),
    });
    expect(composed.blame.at(-2)?.blame).toEqual(blame(speckit, planFile, 163));
  });

  it('puts the overlay first and records the change on the preamble when the strategy is prepend', () => {
    const notice =
      '---\nextends: speckit/plan\nstrategy: prepend\n---\n> Generated for Acme; see the handbook.\n';
    const composed = composeLayers(base(), [layer(notice, 'presets/acme/plan.md', acme)]);
    expect(composed.body).toBe(`> Generated for Acme; see the handbook.\n\n\n${plan.body}`);
    expect(composed.document.preambleBlame).toEqual(
      blame(speckit, planFile, 39, [
        { op: 'strategy-prepend', layer: acme, file: 'presets/acme/plan.md', line: 5 },
      ]),
    );
    expect(composed.blame[0]).toEqual({
      path: 'context',
      title: 'Context',
      level: 2,
      blame: blame(speckit, planFile, 46),
    });
  });

  it('puts the base where the overlay says {CORE_TEMPLATE} when the strategy is wrap', () => {
    const wrapper = [
      '---',
      'extends: speckit/plan',
      'strategy: wrap',
      '---',
      '## Before You Start',
      '',
      'Read the constitution.',
      '',
      '{CORE_TEMPLATE}',
      '## Sign-off',
      '',
      '- [ ] Reviewed by the {{project.name}} architects',
      '',
    ].join('\n');
    const composed = composeLayers({ ...base(), meta: plan.meta }, [
      layer(wrapper, 'presets/acme/plan.md', acme),
    ]);
    expect(composed.body).toBe(
      `## Before You Start\n\nRead the constitution.\n\n${plan.body}\n## Sign-off\n\n- [ ] Reviewed by the {{project.name}} architects\n`,
    );
    // A heading before the title makes the title an ordinary section, as a re-parse sees it.
    expect(
      composed.blame.map((s) => [s.path, s.blame.file, s.blame.line, s.blame.changes.length]),
    ).toEqual([
      ['before-you-start', 'presets/acme/plan.md', 5, 0],
      ['implementation-plan-template', planFile, 39, 0],
      ['implementation-plan-template/context', planFile, 46, 0],
      ['implementation-plan-template/technical-approach', planFile, 54, 0],
      ['implementation-plan-template/technical-approach/architecture', planFile, 56, 0],
      ['implementation-plan-template/technical-approach/technology-stack', planFile, 64, 0],
      ['implementation-plan-template/technical-approach/data-model', planFile, 73, 0],
      ['implementation-plan-template/implementation-steps', planFile, 81, 0],
      ['implementation-plan-template/implementation-steps/phase-1-foundation', planFile, 85, 0],
      [
        'implementation-plan-template/implementation-steps/phase-2-core-implementation',
        planFile,
        96,
        0,
      ],
      [
        'implementation-plan-template/implementation-steps/phase-3-integration-polish',
        planFile,
        107,
        0,
      ],
      ['implementation-plan-template/file-changes', planFile, 118, 0],
      ['implementation-plan-template/testing-strategy', planFile, 130, 0],
      ['implementation-plan-template/risk-assessment', planFile, 138, 0],
      ['implementation-plan-template/rollback-plan', planFile, 147, 0],
      ['implementation-plan-template/dependencies', planFile, 155, 0],
      ['implementation-plan-template/deployment', planFile, 163, 0],
      ['implementation-plan-template/sign-off', 'presets/acme/plan.md', 10, 0],
    ]);
    expect(composed.meta?.requiredSections[0]).toBe('implementation-plan-template/context');
  });

  it('uses the overlay body as the template when the strategy is replace', () => {
    const own =
      '---\nextends: speckit/plan\nstrategy: replace\n---\n# Our Plan\n\n## Context\n\n{{fence SPECIFICATION}}\n';
    const composed = composeLayers({ ...base(), meta: plan.meta }, [
      layer(own, 'presets/acme/plan.md', acme),
    ]);
    expect(composed.body).toBe('# Our Plan\n\n## Context\n\n{{fence SPECIFICATION}}\n');
    expect(composed.blame).toEqual([
      {
        path: 'context',
        title: 'Context',
        level: 2,
        blame: blame(acme, 'presets/acme/plan.md', 7),
      },
    ]);
    expect(composed.meta?.requiredSections).toEqual(['context']);
  });

  it('returns the base unchanged when there are no overlays', () => {
    const composed = composeLayers(base(), []);
    expect(composed.body).toBe(plan.body);
    expect(composed.blame).toHaveLength(15);
    expect(composed.meta).toBeUndefined();
  });
});
