import { describe, expect, it } from 'vitest';
import { attachProvenance } from '../plan/provenance.js';
import { hashTemplate } from '../plan/template-inputs.js';
import type { TemplateSource } from '../template/types.js';
import { sha256Hex } from '../text/hash.js';
import { checkPlan } from './check-plan.js';

const template: TemplateSource = {
  meta: {
    id: 'plan',
    kind: 'plan',
    description: '',
    inputs: {},
    output: 'plan.md',
    requiredSections: ['summary', 'technical-context', 'technical-context/architecture'],
    placeholders: [],
    idPatterns: {},
    traces: [],
  },
  body: '# Plan\n',
  file: 'plan.md',
  bodyLine: 1,
  pack: { name: 'team', version: '1.0.0' },
};
const specBytes = new TextEncoder().encode('# Login\n');
const complete =
  '# Plan\n\n## Summary\n\nDone.\n\n## Technical Context\n\n### Architecture\n\nMonolith.\n';

function generated(content: string): string {
  return attachProvenance(content, {
    template: 'team@1.0.0#plan',
    templateSha256: hashTemplate(template),
    spec: 'specs/001/spec.md',
    specSha256: sha256Hex(specBytes),
  });
}

function check(text: string, options: Partial<Parameters<typeof checkPlan>[1]> = {}) {
  return checkPlan(text, { file: 'plan.md', template, specBytes, ...options }).map(
    ({ code, severity, line, column, message }) => ({ code, severity, line, column, message }),
  );
}

describe('checkPlan', () => {
  it('finds nothing in a complete, up-to-date plan', () => {
    expect(check(generated(complete))).toEqual([]);
  });

  it('reports fill slots left in prose, tables and HTML blocks, but not in code', () => {
    const text = [
      '# Plan',
      '',
      '**Approach**: <!-- fill: the approach -->',
      '',
      '| id | phase |',
      '| --- | --- |',
      '| FR-001 | unassigned <!-- fill: trace FR-001 --> |',
      '',
      '<!-- fill: risks -->',
      '',
      'Slots look like `<!-- fill: … -->`.',
      '',
      '```',
      '<!-- fill: quoted -->',
      '```',
      '',
    ].join('\n');
    expect(check(text, { template: undefined })).toEqual([
      {
        code: 'SPECFORGE_CHECK_FILL_LEFT',
        severity: 'error',
        line: 3,
        column: 15,
        message: 'A slot is still to be filled: <!-- fill: the approach -->.',
      },
      {
        code: 'SPECFORGE_CHECK_FILL_LEFT',
        severity: 'error',
        line: 7,
        column: 23,
        message: 'A slot is still to be filled: <!-- fill: trace FR-001 -->.',
      },
      {
        code: 'SPECFORGE_CHECK_FILL_LEFT',
        severity: 'error',
        line: 9,
        column: 1,
        message: 'A slot is still to be filled: <!-- fill: risks -->.',
      },
    ]);
  });

  it('reports required sections the plan lacks', () => {
    const text = generated('# Plan\n\n## Summary\n\nDone.\n\n## Technical Context\n\nNone.\n');
    expect(check(text)).toEqual([
      {
        code: 'SPECFORGE_CHECK_SECTION_MISSING',
        severity: 'error',
        line: 1,
        column: 1,
        message:
          'The section technical-context/architecture is missing; the template team/plan requires it.',
      },
    ]);
  });

  it('warns that the plan is stale when the spec changed', () => {
    const text = generated(complete);
    const changed = new TextEncoder().encode('# Login\n\nMore.\n');
    expect(check(text, { specBytes: changed, specFile: 'spec.md' })).toEqual([
      {
        code: 'SPECFORGE_CHECK_PLAN_STALE',
        severity: 'warning',
        line: 17,
        column: 1,
        message: 'The plan is stale: the spec spec.md changed since it was generated.',
      },
    ]);
  });

  it('warns that the plan is stale when the template changed', () => {
    const changed = { ...template, body: '# Plan v2\n' };
    expect(check(generated(complete), { template: changed })).toEqual([
      {
        code: 'SPECFORGE_CHECK_PLAN_STALE',
        severity: 'warning',
        line: 15,
        column: 1,
        message: 'The plan is stale: the template team@1.0.0#plan changed since it was generated.',
      },
    ]);
  });

  it('warns when the template or the spec could not be found', () => {
    expect(
      check(generated(complete), { template: undefined, specBytes: undefined }).map((f) => [
        f.code,
        f.line,
      ]),
    ).toEqual([
      ['SPECFORGE_CHECK_TEMPLATE_UNKNOWN', 14],
      ['SPECFORGE_CHECK_SPEC_MISSING', 16],
    ]);
  });
});
