import {
  findProject,
  MemoryFileSystem,
  type Project,
  planSpec,
  readProvenance,
  type TemplateSource,
} from '@specforge/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { findPlanBase } from './find-plan-base.js';
import {
  memoryHistory,
  PLAN_BODY,
  planTemplate,
  SPEC_V1,
  SPEC_V2,
} from './test-utils/plan-fixtures.js';

const root = '/p';
const specPath = '/p/specs/042/spec.md';
const planPath = '/p/specs/042/plan.md';

let fs: MemoryFileSystem;
let project: Project;

beforeEach(async () => {
  fs = new MemoryFileSystem({ '/p/specforge.config.yaml': 'name: demo\n', [specPath]: SPEC_V1 });
  project = await findProject({ cwd: root, fs });
});

/** The plan file `planSpec` generates from the spec now in `fs`. */
async function generate(
  template: TemplateSource,
  now = new Date('2025-03-01T09:00:00Z'),
): Promise<string> {
  return (await planSpec({ spec: 'specs/042/spec.md', template, cwd: root, fs, project, now }))
    .text;
}

const edit = (text: string) =>
  text.replace('Summarize the feature.', 'Card checkout for the web shop.');

describe('findPlanBase', () => {
  it('finds the generated text in the plan history when a commit holds it', async () => {
    const generated = await generate(planTemplate());
    const edited = edit(generated);
    const history = memoryHistory({ [planPath]: [edited, generated] });
    const { provenance, content } = readProvenance(edited);
    const base = await findPlanBase({
      plan: planPath,
      provenance: provenance!,
      project,
      edited: content,
      history,
      fs,
    });
    expect(base).toEqual({
      found: true,
      content: readProvenance(generated).content,
      source: { kind: 'history', revision: 'c1' },
    });
    expect(history.reads).toEqual([`${planPath}@c0`, `${planPath}@c1`]);
  });

  it('re-renders the recorded inputs when the history is not available', async () => {
    const old = planTemplate(PLAN_BODY, '1.0.0');
    const generated = await generate(old);
    const { provenance, content } = readProvenance(edit(generated));
    const history = memoryHistory({ [planPath]: 'unavailable', [specPath]: 'unavailable' });
    const templates = [
      planTemplate(PLAN_BODY.replace('## Risks', '## Risks and Mitigations'), '1.1.0'),
      old,
    ];
    const base = await findPlanBase({
      plan: planPath,
      provenance: provenance!,
      project,
      edited: content,
      templates,
      history,
      fs,
    });
    expect(base).toEqual({
      found: true,
      content: readProvenance(generated).content,
      source: {
        kind: 'render',
        template: 'team@1.0.0#plan',
        today: new Date().toISOString().slice(0, 10),
        specRevision: undefined,
      },
    });
  });

  it('takes the spec bytes from the spec history when the spec changed since', async () => {
    const template = planTemplate();
    const generated = await generate(template);
    fs.put(specPath, SPEC_V2);
    const { provenance, content } = readProvenance(edit(generated));
    const history = memoryHistory({ [planPath]: [], [specPath]: [SPEC_V2, SPEC_V1] });
    const base = await findPlanBase({
      plan: planPath,
      provenance: provenance!,
      project,
      edited: content,
      templates: [template],
      history,
      fs,
    });
    expect(base.found && base.content).toBe(readProvenance(generated).content);
    expect(base.found && base.source).toMatchObject({ kind: 'render', specRevision: 'c1' });
  });

  it('tries the dates written in the edited plan as today when the template shows the date', async () => {
    const template = planTemplate(`${PLAN_BODY}\n\nGenerated on {{today}}.`);
    const generated = await generate(template, new Date('2024-02-29T23:30:00Z'));
    const { provenance, content } = readProvenance(
      edit(generated).replace('FR-001', 'FR-001 (due 2024-05-01)'),
    );
    const history = memoryHistory({});
    const base = await findPlanBase({
      plan: planPath,
      provenance: provenance!,
      project,
      edited: content,
      templates: [template],
      history,
      fs,
      now: new Date('2025-06-01T00:00:00Z'),
    });
    expect(base.found && base.source).toEqual({
      kind: 'render',
      template: 'team@1.0.0#plan',
      today: '2024-02-29',
      specRevision: undefined,
    });
  });

  it('says which sources it tried when the generated text cannot be found', async () => {
    const template = planTemplate();
    const generated = await generate(template);
    fs.put(specPath, SPEC_V2);
    const { provenance, content } = readProvenance(edit(generated));
    const history = memoryHistory({ [planPath]: [edit(generated)], [specPath]: 'unavailable' });
    const withSpec = await findPlanBase({
      plan: planPath,
      provenance: provenance!,
      project,
      edited: content,
      templates: [template],
      history,
      fs,
    });
    const withoutTemplate = await findPlanBase({
      plan: planPath,
      provenance: provenance!,
      project,
      edited: content,
      history,
      fs,
    });
    const short = (text: string) => text.replace(/[0-9a-f]{12}…/g, '<sha>…');
    expect(withSpec.found === false && withSpec.tried.map(short)).toEqual([
      'the history of specs/042/plan.md: none of the 1 version read is the text as generated (output-sha256 <sha>…)',
      're-rendering the recorded inputs: the spec specs/042/spec.md no longer has the bytes the plan was generated from (spec-sha256 <sha>…), and its history cannot be read (not in a git repository)',
    ]);
    expect(withoutTemplate.found === false && withoutTemplate.tried.map(short)[1]).toBe(
      're-rendering the recorded inputs: no template at hand has the recorded template-sha256 <sha>… (team@1.0.0#plan)',
    );
  });

  it('reports a render that gives other text, with the dates it tried', async () => {
    const template = planTemplate(`${PLAN_BODY}\n\nGenerated on {{today}}.`);
    const generated = await generate(template, new Date('2024-02-29T12:00:00Z'));
    const { provenance } = readProvenance(generated);
    const base = await findPlanBase({
      plan: planPath,
      provenance: provenance!,
      project,
      edited: 'Dates: 2024-13-01, 2024-03-01, 2024-03-01.',
      templates: [template],
      history: memoryHistory({}),
      fs,
      now: new Date('2025-06-01T00:00:00Z'),
    });
    expect(base.found === false && base.tried[1]).toBe(
      're-rendering the recorded inputs: team@1.0.0#plan on the recorded spec renders other text with today = 2025-06-01, 2024-03-01 (the plan was generated on another date, or with other project settings)',
    );
  });
});
