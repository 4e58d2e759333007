import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createRenderEnvironment } from '../render/index.js';
import { parseSpec } from '../spec/index.js';
import { parseTemplateFile } from './parse-template-file.js';

// The template is the built-in pack's; the specs are the example project's and this folder's.
const templateFile = new URL('../../../../templates/speckit/plan-draft.md', import.meta.url);
const exampleSpec = new URL(
  '../../../../examples/acme-shop/specs/042-checkout/spec.md',
  import.meta.url,
);
const fixtures = new URL('__fixtures__/plan-draft/', import.meta.url);

/** Each case: where its spec text comes from and the `file` it is parsed as. */
const cases = {
  // The example project's spec: four stories in three priorities, no story names an FR/SC id.
  'acme-checkout': { source: exampleSpec, file: 'specs/042-checkout/spec.md' },
  // Stories out of priority order, a tie, US4a, one without a priority or scenarios; stories
  // that name FR-003, FR-012a (not FR-012) and SC-002; `|` and a sub-list in table cells;
  // a marker in a scenario and one in a table; an entity without a description.
  traced: { source: new URL('traced.spec.md', fixtures), file: 'specs/077-bulk-import/spec.md' },
  // A 2025-generation spec behind YAML front matter: one legacy story without a priority,
  // a free-form scenario, edge cases as a paragraph, no entities or success criteria.
  legacy: { source: new URL('legacy.spec.md', fixtures), file: 'specs/012-password-reset/spec.md' },
  // Free-form notes: two H1s, no stories, an FR line in prose, a wrapped marker.
  freeform: { source: new URL('freeform.spec.md', fixtures), file: 'notes/search.md' },
  // Nothing at all: every fallback and slot.
  empty: { source: undefined, file: 'spec.md' },
} as const;

describe('the speckit plan-draft template', () => {
  const environment = createRenderEnvironment();

  async function renderDraft(name: keyof typeof cases): Promise<string> {
    const template = parseTemplateFile(await readFile(templateFile, 'utf8'), {
      file: 'templates/speckit/plan-draft.md',
      pack: { name: 'speckit', version: '1.0.0' },
    });
    const { source, file } = cases[name];
    const text = source === undefined ? '' : await readFile(source, 'utf8');
    return environment.render(template, {
      SPECIFICATION: text,
      spec: parseSpec(text, { file }),
      project: { name: 'shop', root: '/repo', config: {} },
      template: { id: 'plan-draft', pack: 'speckit', version: '1.0.0', ref: 'speckit/plan-draft' },
      today: '2026-02-03',
    });
  }

  it.each(Object.keys(cases) as (keyof typeof cases)[])(
    'renders the draft plan of the %s spec',
    async (name) => {
      await expect(await renderDraft(name)).toMatchFileSnapshot(
        `__fixtures__/plan-draft/${name}.plan.md`,
      );
    },
  );

  it('traces a requirement only to the phases of stories that name its id', async () => {
    const rows = (await renderDraft('traced'))
      .split('\n')
      .filter((line) => /^\| (FR|SC)-/.test(line))
      .map((line) => line.split(' | ').at(-1));
    expect(rows).toEqual([
      'Phase P1 (US2) |',
      'unassigned <!-- fill: trace FR-002 --> |',
      'Phase P1 (US4a); Phase P2 (US1) |',
      'unassigned <!-- fill: trace FR-012 --> |',
      'Phase P1 (US2) |',
      'unassigned <!-- fill: trace SC-001 --> |',
      'Phase P2 (US1) |',
    ]);
  });

  it('puts every open question and edge case of the example in the risks table', async () => {
    const draft = await renderDraft('acme-checkout');
    const risks = draft.slice(draft.indexOf('\n## Risks\n'));
    expect(risks).toContain(
      '| Open question: are stored-card and invoice payments allowed for guests? | spec line 110 |',
    );
    expect(risks.match(/^\| Open question: /gm)).toHaveLength(2);
    expect(risks.match(/^\| Edge case: /gm)).toHaveLength(4);
  });
});
