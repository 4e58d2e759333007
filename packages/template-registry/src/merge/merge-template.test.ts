import { readFile } from 'node:fs/promises';
import { isSpecforgeError } from '@specforge/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinPacks } from '../builtin-packs.js';
import { mergeTemplate } from './merge-template.js';

// The whole built-in plan template file, front matter included, as a copy fork holds it.
let plan: string;
beforeAll(async () => {
  const [pack] = await loadBuiltinPacks();
  plan = await readFile(pack!.templates.get('plan')!.file, 'utf8');
});

/** `text` with the one occurrence of `from` replaced; fails loudly when `from` is not unique. */
function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1) throw new Error(`not unique: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** 1-based number of the first line of `text` that is exactly `line`. */
function lineOf(text: string, line: string): number {
  return text.split('\n').indexOf(line) + 1;
}

const deployment = `## Deployment

How will this be deployed:

1. Deployment step 1
2. Deployment step 2
3. Verification step

---

**Instructions to LLM:**
Replace \\{{SPECIFICATION}} with the actual spec content, then create a detailed, actionable technical plan. Be specific about file changes, code structure, and implementation approach. Focus on HOW to build it.
`;

describe('mergeTemplate', () => {
  it('applies both changes when the fork and upstream edit different sections', () => {
    const ours = edit(plan, '- Languages:\n', '- Languages: TypeScript 5 on Node 22\n');
    const theirs = edit(
      plan,
      '- Manual testing steps...\n',
      '- Manual testing steps...\n- Load tests for...\n',
    );
    expect(mergeTemplate({ base: plan, ours, theirs })).toEqual({
      text: edit(
        ours,
        '- Manual testing steps...\n',
        '- Manual testing steps...\n- Load tests for...\n',
      ),
      clean: true,
      conflicts: [],
    });
  });

  it('writes a diff3 conflict block when both sides edit the same line', () => {
    const ours = edit(plan, '- Languages:\n', '- Languages: TypeScript 5\n');
    const theirs = edit(plan, '- Languages:\n', '- Languages and versions:\n');
    const result = mergeTemplate({ base: plan, ours, theirs });
    expect(result.text).toBe(
      edit(
        plan,
        '- Languages:\n',
        [
          '<<<<<<< ours',
          '- Languages: TypeScript 5',
          '||||||| base',
          '- Languages:',
          '=======',
          '- Languages and versions:',
          '>>>>>>> theirs',
          '',
        ].join('\n'),
      ),
    );
    expect(lineOf(plan, '- Languages:')).toBe(68);
    expect(result.clean).toBe(false);
    expect(result.conflicts).toEqual([
      { section: 'technical-approach/technology-stack', line: 68, endLine: 74, kind: 'content' },
    ]);
  });

  it('uses the given labels after the markers when labels are passed', () => {
    const ours = edit(plan, '- Tools:\n', '- Tools: pnpm\n');
    const theirs = edit(plan, '- Tools:\n', '- Tools: npm\n');
    const result = mergeTemplate({
      base: plan,
      ours,
      theirs,
      labels: { ours: 'acme', base: 'speckit@1.0.0', theirs: 'speckit@1.1.0' },
    });
    expect(result.text).toContain(
      '<<<<<<< acme\n- Tools: pnpm\n||||||| speckit@1.0.0\n- Tools:\n=======\n- Tools: npm\n>>>>>>> speckit@1.1.0\n',
    );
  });

  it('keeps upstream text inside a conflict when the fork deletes a section upstream edited', () => {
    const ours = edit(plan, `\n${deployment}`, '');
    const theirs = edit(plan, '2. Deployment step 2\n', '2. Deployment step 2 (canary first)\n');
    const result = mergeTemplate({ base: plan, ours, theirs });
    expect(result.text).toBe(
      edit(
        plan,
        `\n${deployment}`,
        `<<<<<<< ours\n||||||| base\n${deployment}=======\n${edit(deployment, '2. Deployment step 2\n', '2. Deployment step 2 (canary first)\n')}>>>>>>> theirs\n`,
      ),
    );
    const line = lineOf(result.text, '<<<<<<< ours');
    expect(result.conflicts).toEqual([
      { section: 'deployment', line, endLine: line + 27, kind: 'removed-and-edited' },
    ]);
    expect(result.text.split('\n')[line + 26]).toBe('>>>>>>> theirs');
  });

  it('drops a section cleanly when the fork deletes it and upstream left it alone', () => {
    const ours = edit(plan, `\n${deployment}`, '');
    const theirs = edit(plan, '- Languages:\n', '- Languages (with versions):\n');
    expect(mergeTemplate({ base: plan, ours, theirs })).toEqual({
      text: edit(ours, '- Languages:\n', '- Languages (with versions):\n'),
      clean: true,
      conflicts: [],
    });
  });

  it('keeps the fork edit inside a conflict when upstream deletes a section the fork edited', () => {
    const rollback =
      '## Rollback Plan\n\nIf things go wrong:\n\n1. Step to revert\n2. Step to revert\n3. Step to revert\n\n';
    const ours = edit(
      plan,
      '3. Step to revert\n',
      '3. Step to revert\n4. Page the on-call engineer\n',
    );
    const theirs = edit(plan, rollback, '');
    const result = mergeTemplate({ base: plan, ours, theirs });
    expect(result.text).toBe(
      edit(
        plan,
        rollback,
        `<<<<<<< ours\n${edit(rollback, '3. Step to revert\n', '3. Step to revert\n4. Page the on-call engineer\n')}||||||| base\n${rollback}=======\n>>>>>>> theirs\n`,
      ),
    );
    expect(result.conflicts.map((c) => [c.section, c.kind])).toEqual([
      ['rollback-plan', 'removed-and-edited'],
    ]);
  });

  it('keeps only the edited sub-section when the fork deletes a parent whose child upstream edited', () => {
    const approachStart = plan.indexOf('## Technical Approach\n');
    const approach = plan.slice(approachStart, plan.indexOf('## Implementation Steps\n'));
    const stack = approach.slice(
      approach.indexOf('### Technology Stack\n'),
      approach.indexOf('### Data Model\n'),
    );
    const ours = edit(plan, approach, '');
    const theirs = edit(plan, '- Frameworks:\n', '- Frameworks (and their major version):\n');
    const result = mergeTemplate({ base: plan, ours, theirs });
    expect(result.text).toBe(
      edit(
        plan,
        approach,
        `<<<<<<< ours\n||||||| base\n${stack}=======\n${edit(stack, '- Frameworks:\n', '- Frameworks (and their major version):\n')}>>>>>>> theirs\n`,
      ),
    );
    expect(result.conflicts.map((c) => [c.section, c.kind])).toEqual([
      ['technical-approach/technology-stack', 'removed-and-edited'],
    ]);
  });

  it('keeps the fork heading level and upstream body when the fork moves a section under another', () => {
    const ours = edit(plan, '## Dependencies\n', '### Dependencies\n');
    const theirs = edit(
      plan,
      '- Service Z configuration\n',
      '- Service Z configuration and its secrets\n',
    );
    expect(mergeTemplate({ base: plan, ours, theirs })).toEqual({
      text: edit(
        ours,
        '- Service Z configuration\n',
        '- Service Z configuration and its secrets\n',
      ),
      clean: true,
      conflicts: [],
    });
  });

  it('matches every section when the fork adds a second H1, which makes the title a section', () => {
    const ours = `${plan}\n# Appendix\n\nTeam notes.\n`;
    const theirs = edit(plan, '- Unit tests for...\n', '- Unit tests for every module\n');
    expect(mergeTemplate({ base: plan, ours, theirs })).toEqual({
      text: edit(ours, '- Unit tests for...\n', '- Unit tests for every module\n'),
      clean: true,
      conflicts: [],
    });
  });

  it('places an upstream section after its sibling when the fork deleted the section before it', () => {
    const rollback =
      '## Rollback Plan\n\nIf things go wrong:\n\n1. Step to revert\n2. Step to revert\n3. Step to revert\n\n';
    const ours = edit(plan, rollback, '');
    const theirs = edit(
      plan,
      '## Dependencies\n',
      '## Feature Flags\n\n- Flag name and default\n\n## Dependencies\n',
    );
    expect(mergeTemplate({ base: plan, ours, theirs })).toEqual({
      text: edit(
        ours,
        '## Dependencies\n',
        '## Feature Flags\n\n- Flag name and default\n\n## Dependencies\n',
      ),
      clean: true,
      conflicts: [],
    });
  });

  it('keeps sections both sides added at different places, each after its sibling', () => {
    const observability =
      '## Observability\n\nWhich metrics and alerts prove it works:\n\n- Metric 1\n\n';
    const security = '## Security Review\n\n- Threat model for every new endpoint\n\n';
    const theirs = edit(plan, '## Risk Assessment\n', `${observability}## Risk Assessment\n`);
    const ours = edit(plan, '## Rollback Plan\n', `${security}## Rollback Plan\n`);
    expect(mergeTemplate({ base: plan, ours, theirs })).toEqual({
      text: edit(theirs, '## Rollback Plan\n', `${security}## Rollback Plan\n`),
      clean: true,
      conflicts: [],
    });
  });

  it('puts upstream additions first when both sides add a section at the same place', () => {
    const observability = '## Observability\n\n- Metric 1\n\n';
    const security = '## Security Review\n\n- Threat model for every new endpoint\n\n';
    const theirs = edit(plan, '## Risk Assessment\n', `${observability}## Risk Assessment\n`);
    const ours = edit(plan, '## Risk Assessment\n', `${security}## Risk Assessment\n`);
    expect(mergeTemplate({ base: plan, ours, theirs })).toEqual({
      text: edit(plan, '## Risk Assessment\n', `${observability}${security}## Risk Assessment\n`),
      clean: true,
      conflicts: [],
    });
  });

  it('keeps both sections when both sides append one at the end of the template', () => {
    const ours = `${plan}\n## Security Review\n\n- Threat model`;
    const theirs = `${plan}\n## Observability\n\n- Metric 1\n`;
    // Upstream's addition first; the fork's follows after a blank line, and the fork's lack of
    // a final line break is kept.
    expect(mergeTemplate({ base: plan, ours, theirs })).toEqual({
      text: `${plan}\n## Observability\n\n- Metric 1\n\n## Security Review\n\n- Threat model`,
      clean: true,
      conflicts: [],
    });
  });

  it('reports a conflict when both sides add the same heading with different text', () => {
    const ours = edit(
      plan,
      '## Risk Assessment\n',
      '## Security\n\n- Fork rule\n\n## Risk Assessment\n',
    );
    const theirs = edit(
      plan,
      '## Risk Assessment\n',
      '## Security\n\n- Upstream rule\n\n## Risk Assessment\n',
    );
    const result = mergeTemplate({ base: plan, ours, theirs });
    expect(result.text).toBe(
      edit(
        plan,
        '## Risk Assessment\n',
        '<<<<<<< ours\n## Security\n\n- Fork rule\n\n||||||| base\n=======\n## Security\n\n- Upstream rule\n\n>>>>>>> theirs\n## Risk Assessment\n',
      ),
    );
    expect(result.conflicts.map((c) => [c.section, c.kind])).toEqual([['security', 'added-twice']]);
  });

  it('takes a section once when both sides add it with the same text', () => {
    const both = edit(
      plan,
      '## Risk Assessment\n',
      '## Security\n\n- Same rule\n\n## Risk Assessment\n',
    );
    const ours = edit(both, '- Tools:\n', '- Tools: pnpm\n');
    const theirs = edit(both, '- Unit tests for...\n', '- Unit tests for every module\n');
    expect(mergeTemplate({ base: plan, ours, theirs })).toEqual({
      text: edit(ours, '- Unit tests for...\n', '- Unit tests for every module\n'),
      clean: true,
      conflicts: [],
    });
  });

  it('keeps the fork heading and upstream body when the fork renames a section upstream edits', () => {
    const ours = edit(plan, '### Technology Stack\n', '### Tech Stack and Tooling\n');
    const theirs = edit(plan, '- Libraries:\n', '- Libraries (with licences):\n');
    expect(mergeTemplate({ base: plan, ours, theirs })).toEqual({
      text: edit(ours, '- Libraries:\n', '- Libraries (with licences):\n'),
      clean: true,
      conflicts: [],
    });
  });

  it('follows an upstream rename when the fork edited the renamed section', () => {
    const ours = edit(plan, '1. Step to revert\n', '1. Revert the deploy with the pipeline\n');
    const theirs = edit(plan, '## Rollback Plan\n', '## Rollback and Recovery\n');
    expect(mergeTemplate({ base: plan, ours, theirs })).toEqual({
      text: edit(ours, '## Rollback Plan\n', '## Rollback and Recovery\n'),
      clean: true,
      conflicts: [],
    });
  });

  it('keeps sub-sections matched when upstream renames their parent', () => {
    const ours = edit(plan, '- Tools:\n', '- Tools: turbo\n');
    const theirs = edit(plan, '## Technical Approach\n', '## Technical Design\n');
    expect(mergeTemplate({ base: plan, ours, theirs })).toEqual({
      text: edit(ours, '## Technical Approach\n', '## Technical Design\n'),
      clean: true,
      conflicts: [],
    });
  });

  it('reports a heading conflict when both sides rename a section differently', () => {
    const ours = edit(plan, '## Dependencies\n', '## External Dependencies\n');
    const theirs = edit(plan, '## Dependencies\n', '## Third-party Dependencies\n');
    const result = mergeTemplate({ base: plan, ours, theirs });
    expect(result.text).toBe(
      edit(
        plan,
        '## Dependencies\n',
        '<<<<<<< ours\n## External Dependencies\n||||||| base\n## Dependencies\n=======\n## Third-party Dependencies\n>>>>>>> theirs\n',
      ),
    );
    expect(result.conflicts).toEqual([
      {
        section: 'dependencies',
        line: lineOf(plan, '## Dependencies'),
        endLine: lineOf(plan, '## Dependencies') + 6,
        kind: 'heading',
      },
    ]);
  });

  it('keeps the fork line breaks when the fork uses CRLF and upstream LF', () => {
    const oursLf = edit(plan, '- Frameworks:\n', '- Frameworks: Fastify\n');
    const ours = oursLf.replace(/\n/g, '\r\n');
    const theirs = edit(
      plan,
      '- Integration tests for...\n',
      '- Integration tests against a real database\n',
    );
    expect(mergeTemplate({ base: plan, ours, theirs })).toEqual({
      text: edit(
        oursLf,
        '- Integration tests for...\n',
        '- Integration tests against a real database\n',
      ).replace(/\n/g, '\r\n'),
      clean: true,
      conflicts: [],
    });
  });

  it('keeps a byte-order mark when the fork has one', () => {
    const ours = `\uFEFF${edit(plan, '- Tools:\n', '- Tools: pnpm\n')}`;
    const theirs = edit(plan, '- Unit tests for...\n', '- Unit tests for every module\n');
    expect(mergeTemplate({ base: plan, ours, theirs }).text).toBe(
      edit(ours, '- Unit tests for...\n', '- Unit tests for every module\n'),
    );
  });

  it('merges the front matter line by line when both sides change different keys', () => {
    const ours = edit(plan, '  - deployment\n', '  - deployment\n  - security-review\n');
    const theirs = edit(plan, 'output: plan.md\n', 'output: implementation-plan.md\n');
    expect(mergeTemplate({ base: plan, ours, theirs })).toEqual({
      text: edit(ours, 'output: plan.md\n', 'output: implementation-plan.md\n'),
      clean: true,
      conflicts: [],
    });
  });

  it('reports a conflict in the preamble when both sides change the title', () => {
    const ours = edit(plan, '# Implementation Plan Template\n', '# Plan\n');
    const theirs = edit(plan, '# Implementation Plan Template\n', '# Implementation Plan\n');
    const result = mergeTemplate({ base: plan, ours, theirs });
    expect(result.conflicts).toEqual([{ section: '', line: 39, endLine: 45, kind: 'content' }]);
    expect(result.text.split('\n').slice(38, 45)).toEqual([
      '<<<<<<< ours',
      '# Plan',
      '||||||| base',
      '# Implementation Plan Template',
      '=======',
      '# Implementation Plan',
      '>>>>>>> theirs',
    ]);
  });

  it('keeps the fork order when only the fork moved a section', () => {
    const testing =
      '## Testing Strategy\n\nHow will this be tested:\n\n- Unit tests for...\n- Integration tests for...\n- Manual testing steps...\n\n';
    const ours = edit(
      edit(plan, testing, ''),
      '## Implementation Steps\n',
      `${testing}## Implementation Steps\n`,
    );
    const theirs = edit(
      plan,
      '- Service Z configuration\n',
      '- Service Z configuration and secrets\n',
    );
    expect(mergeTemplate({ base: plan, ours, theirs })).toEqual({
      text: edit(ours, '- Service Z configuration\n', '- Service Z configuration and secrets\n'),
      clean: true,
      conflicts: [],
    });
  });

  it('returns the other side exactly when one side did not change', () => {
    const changed = edit(plan, '- Tools:\n', '- Tools: pnpm\n');
    expect(mergeTemplate({ base: plan, ours: plan, theirs: changed }).text).toBe(changed);
    expect(mergeTemplate({ base: plan, ours: changed, theirs: plan }).text).toBe(changed);
    expect(mergeTemplate({ base: plan, ours: changed, theirs: changed }).text).toBe(changed);
  });

  it('throws SPECFORGE_MERGE_UNRESOLVED_CONFLICT when the fork still has conflict markers', () => {
    const ours = edit(
      plan,
      '- Tools:\n',
      '<<<<<<< ours\n- Tools: pnpm\n=======\n- Tools: npm\n>>>>>>> theirs\n',
    );
    const theirs = edit(plan, '- Unit tests for...\n', '- Unit tests for every module\n');
    let thrown: unknown;
    try {
      mergeTemplate({ base: plan, ours, theirs, file: 'packs/acme/plan.md' });
    } catch (error) {
      thrown = error;
    }
    expect(isSpecforgeError(thrown, 'SPECFORGE_MERGE_UNRESOLVED_CONFLICT')).toBe(true);
    expect((thrown as Error).message).toBe(
      "The fork's text (ours) still has a conflict marker on line 71 from an earlier merge, so it was not merged again; nothing was changed.",
    );
    expect((thrown as { location: unknown }).location).toEqual({
      file: 'packs/acme/plan.md',
      line: 71,
    });
  });

  it('merges normally when conflict markers only appear inside a code fence', () => {
    const example = '```text\n<<<<<<< ours\nmine\n=======\nyours\n>>>>>>> theirs\n```\n';
    const ours = edit(plan, '- Tools:\n', `- Tools:\n\n${example}`);
    const theirs = edit(plan, '- Unit tests for...\n', '- Unit tests for every module\n');
    expect(mergeTemplate({ base: plan, ours, theirs })).toEqual({
      text: edit(ours, '- Unit tests for...\n', '- Unit tests for every module\n'),
      clean: true,
      conflicts: [],
    });
  });

  it('throws SPECFORGE_MERGE_LABEL_INVALID when a label holds a line break', () => {
    expect(() =>
      mergeTemplate({ base: 'a\n', ours: 'b\n', theirs: 'c\n', labels: { theirs: 'x\ny' } }),
    ).toThrow(
      'The theirs label "x\\ny" holds a line break, so its conflict marker would not be one line.',
    );
  });

  it('merges texts without headings line by line when there are no sections', () => {
    expect(
      mergeTemplate({ base: 'a\nb\nc\nd\n', ours: 'A\nb\nc\nd\n', theirs: 'a\nb\nc\nD\n' }),
    ).toEqual({
      text: 'A\nb\nc\nD\n',
      clean: true,
      conflicts: [],
    });
  });
});
