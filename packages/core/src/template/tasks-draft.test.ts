import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createRenderEnvironment } from '../render/index.js';
import { parseSpec } from '../spec/index.js';
import { parseTemplateFile } from './parse-template-file.js';

// The template is the built-in pack's; the specs are the example project's and plan-draft's.
const templateFile = new URL('../../../../templates/speckit/tasks-draft.md', import.meta.url);
const exampleSpec = new URL(
  '../../../../examples/acme-shop/specs/042-checkout/spec.md',
  import.meta.url,
);
const specs = new URL('__fixtures__/plan-draft/', import.meta.url);

/** Each case: where its spec text comes from and the `file` it is parsed as. */
const cases = {
  // The example project's spec: four stories in three priorities.
  'acme-checkout': { source: exampleSpec, file: 'specs/042-checkout/spec.md' },
  // Stories out of priority order, a tie, US4a, one without a priority or scenarios; `|` and a
  // marker in scenarios; an entity without a description.
  traced: { source: new URL('traced.spec.md', specs), file: 'specs/077-bulk-import/spec.md' },
  // A 2025-generation spec: one legacy story without a priority, a free-form scenario.
  legacy: { source: new URL('legacy.spec.md', specs), file: 'specs/012-password-reset/spec.md' },
  // Free-form notes: no stories.
  freeform: { source: new URL('freeform.spec.md', specs), file: 'notes/search.md' },
  // Nothing at all: every fallback and slot.
  empty: { source: undefined, file: 'spec.md' },
} as const;
type Case = keyof typeof cases;
const names = Object.keys(cases) as Case[];

/** Spec Kit's task line: `- [ ] T001 [P] [US1] Description with file path`. */
const taskLine = /^- \[ \] T(\d{3,}) (?:\[P\] )?(?:\[(US\d+[a-z]?)\] )?(\S.*)$/;

describe('the speckit tasks-draft template', () => {
  const environment = createRenderEnvironment();

  async function load(name: Case) {
    const { source, file } = cases[name];
    const text = source === undefined ? '' : await readFile(source, 'utf8');
    return { text, spec: parseSpec(text, { file }) };
  }

  async function renderDraft(name: Case): Promise<string> {
    const template = parseTemplateFile(await readFile(templateFile, 'utf8'), {
      file: 'templates/speckit/tasks-draft.md',
      pack: { name: 'speckit', version: '1.0.0' },
    });
    const { text, spec } = await load(name);
    return environment.render(template, {
      SPECIFICATION: text,
      spec,
      project: { name: 'shop', root: '/repo', config: {} },
      template: {
        id: 'tasks-draft',
        pack: 'speckit',
        version: '1.0.0',
        ref: 'speckit/tasks-draft',
      },
      today: '2026-02-03',
    });
  }

  it.each(names)('renders the draft tasks of the %s spec', async (name) => {
    await expect(await renderDraft(name)).toMatchFileSnapshot(
      `__fixtures__/tasks-draft/${name}.tasks.md`,
    );
  });

  it.each(names)(
    'numbers the tasks of the %s spec T001…Tn without gaps, in the task grammar',
    async (name) => {
      const draft = await renderDraft(name);
      const { spec } = await load(name);
      const storyIds = new Set(spec.stories.map((story) => story.id));
      const lines = draft.split('\n').filter((line) => line.startsWith('- [ ] T'));
      const tasks = lines.map((line) => {
        const match = taskLine.exec(line);
        expect(match, line).not.toBeNull();
        return { id: Number(match![1]), story: match![2], line };
      });
      expect(tasks.map((task) => task.id)).toEqual(tasks.map((_, index) => index + 1));
      for (const task of tasks) {
        if (task.story !== undefined) expect(storyIds, task.line).toContain(task.story);
      }
      // Setup, Foundational and Polish: 3 + 3 + 5; each story: its scenarios (at least 1) + 3.
      const perStory = spec.stories.map((story) => Math.max(story.scenarios.length, 1) + 3);
      expect(tasks).toHaveLength(11 + perStory.reduce((a, b) => a + b, 0));
      for (const story of spec.stories) {
        const own = tasks.filter((task) => task.story === story.id);
        expect(own.filter((task) => task.line.includes(' [P] '))).toHaveLength(
          Math.max(story.scenarios.length, 1),
        );
        expect(own).toHaveLength(Math.max(story.scenarios.length, 1) + 3);
      }
    },
  );

  it('gives the same output for the same spec', async () => {
    expect(await renderDraft('traced')).toBe(await renderDraft('traced'));
  });

  it('puts the stories in priority phases, the first one the MVP', async () => {
    const headings = (await renderDraft('traced'))
      .split('\n')
      .filter((line) => line.startsWith('## Phase'));
    expect(headings).toMatchInlineSnapshot(`
      [
        "## Phase 1: Setup (Shared Infrastructure)",
        "## Phase 2: Foundational (Blocking Prerequisites)",
        "## Phase 3: Priority P1 🎯 MVP",
        "## Phase 4: Priority P2",
        "## Phase 5: Unprioritised stories",
        "## Phase 6: Polish & Cross-Cutting Concerns",
      ]
    `);
  });
});
