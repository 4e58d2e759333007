import type { TemplateSource } from '@specforge/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinPacks } from '../builtin-packs.js';
import { failure } from '../test-utils/temp-tree.js';
import { applyOverlay } from './apply-overlay.js';
import { parseOverlay } from './parse-overlay.js';
import { renderTemplateDocument, splitTemplate } from './split-template.js';
import type { SectionNode, TemplateDocument } from './types.js';

const speckit = { pack: 'speckit', version: '1.0.0' };
const acme = { pack: 'acme', version: '2.0.0' };
const planFile = 'templates/speckit/plan.md';
const overlayFile = 'packs/acme/plan.md';

let plan: TemplateSource;
beforeAll(async () => {
  const [pack] = await loadBuiltinPacks();
  plan = pack!.templates.get('plan')!;
});

const base = () =>
  splitTemplate(plan.body, { file: planFile, bodyLine: plan.bodyLine, layer: speckit });
const overlayOf = (body: string) =>
  parseOverlay(`---\nextends: speckit/plan\n---\n${body}`, { file: overlayFile });
/** Applies an overlay whose body (after a 3-line front matter) starts on line 4. */
const apply = (body: string, doc: TemplateDocument = base()) =>
  applyOverlay(doc, overlayOf(body), acme);

function find(doc: TemplateDocument, path: string): SectionNode | undefined {
  const visit = (sections: readonly SectionNode[]): SectionNode | undefined => {
    for (const s of sections) {
      if (s.path === path) return s;
      const found = visit(s.children);
      if (found) return found;
    }
    return undefined;
  };
  return visit(doc.sections);
}

function paths(doc: TemplateDocument): string[] {
  const out: string[] = [];
  const visit = (sections: readonly SectionNode[]) => {
    for (const s of sections) {
      out.push(s.path);
      visit(s.children);
    }
  };
  visit(doc.sections);
  return out;
}

/** The rendered text from one heading up to (not including) another. */
function between(doc: TemplateDocument, from: string, to: string): string {
  const text = renderTemplateDocument(doc);
  const start = text.indexOf(from);
  return text.slice(start, to === '' ? undefined : text.indexOf(to, start + 1));
}

const blameOf = (line: number, file = planFile, layer = speckit) => ({
  layer,
  file,
  line,
  changes: [],
});

describe('applyOverlay', () => {
  it('puts a complete section in place of the target when the directive is replace', () => {
    const { document, pathChanges } = apply(
      '<!-- specforge: replace technical-approach/technology-stack -->\n### Technology Stack\n- Languages: TypeScript 5 on Node 22\n- Tools: pnpm, turbo\n',
    );
    expect(between(document, '### Architecture', '### Data Model')).toBe(
      '### Architecture\n\nDescribe the technical architecture:\n\n- What components/modules are needed?\n- How do they interact?\n- What patterns will be used?\n\n### Technology Stack\n- Languages: TypeScript 5 on Node 22\n- Tools: pnpm, turbo\n\n',
    );
    expect(find(document, 'technical-approach/technology-stack')?.blame).toEqual(
      blameOf(5, overlayFile, acme),
    );
    expect(find(document, 'technical-approach/architecture')?.blame).toEqual(blameOf(56));
    expect(pathChanges).toEqual([]);
  });

  it('replaces the sub-sections too when the replaced section has some', () => {
    const { document, pathChanges } = apply(
      '<!-- specforge: replace technical-approach -->\n## Approach\n\nHow we build it.\n\n### Architecture\n\nHexagonal.\n',
    );
    expect(paths(document).slice(0, 4)).toEqual([
      'context',
      'approach',
      'approach/architecture',
      'implementation-steps',
    ]);
    expect(between(document, '## Approach', '## Implementation Steps')).toBe(
      '## Approach\n\nHow we build it.\n\n### Architecture\n\nHexagonal.\n\n',
    );
    expect(find(document, 'approach')?.blame).toEqual(blameOf(5, overlayFile, acme));
    expect(find(document, 'approach/architecture')?.blame).toEqual(blameOf(9, overlayFile, acme));
    expect(pathChanges).toEqual([
      { from: 'technical-approach', to: 'approach' },
      { from: 'technical-approach/architecture', to: undefined },
      { from: 'technical-approach/technology-stack', to: undefined },
      { from: 'technical-approach/data-model', to: undefined },
    ]);
  });

  it('inserts sections after the target and its sub-sections when the directive is insert after', () => {
    const { document } = apply(
      '<!-- specforge: insert after implementation-steps -->\n## Milestones\n\n- M1\n\n## Staffing\n\n- Two engineers\n',
    );
    expect(paths(document).slice(5, 11)).toEqual([
      'implementation-steps',
      'implementation-steps/phase-1-foundation',
      'implementation-steps/phase-2-core-implementation',
      'implementation-steps/phase-3-integration-polish',
      'milestones',
      'staffing',
    ]);
    expect(
      between(document, '**Estimated time:** X hours/days\n\n## File', '## File Changes'),
    ).toBe('');
    expect(between(document, '## Milestones', '## File Changes')).toBe(
      '## Milestones\n\n- M1\n\n## Staffing\n\n- Two engineers\n\n',
    );
    expect(find(document, 'staffing')?.blame).toEqual(blameOf(9, overlayFile, acme));
  });

  it('inserts sections before the target when the directive is insert before', () => {
    const { document } = apply(
      '<!-- specforge: insert before context -->\n## Summary\n\n{{spec.input}}\n',
    );
    expect(paths(document).slice(0, 2)).toEqual(['summary', 'context']);
    expect(document.preamble.endsWith('---\n\n')).toBe(true);
    expect(between(document, '## Summary', '## Context')).toBe('## Summary\n\n{{spec.input}}\n\n');
  });

  it('continues the last table row when append content starts without a blank line', () => {
    const { document } = apply(
      '<!-- specforge: append risk-assessment -->\n| Vendor lock-in | Medium | Keep adapters thin |\n',
    );
    const section = find(document, 'risk-assessment')!;
    expect(section.body).toBe(
      '\nPotential challenges and mitigation:\n\n| Risk   | Impact          | Mitigation     |\n| ------ | --------------- | -------------- |\n| Risk 1 | High/Medium/Low | How to address |\n| Risk 2 | High/Medium/Low | How to address |\n| Vendor lock-in | Medium | Keep adapters thin |\n\n',
    );
    expect(section.blame).toEqual({
      ...blameOf(138),
      changes: [{ op: 'append', layer: acme, file: overlayFile, line: 4 }],
    });
  });

  it('appends after the last sub-section, and adds sub-sections, when the target has sub-sections', () => {
    const { document } = apply(
      '<!-- specforge: append technical-approach -->\n\nReview the approach with the architects.\n\n### Security Architecture\n\nZero trust.\n',
    );
    expect(between(document, '- Data flows', '## Implementation Steps')).toBe(
      '- Data flows\n\nReview the approach with the architects.\n\n### Security Architecture\n\nZero trust.\n\n',
    );
    expect(find(document, 'technical-approach/security-architecture')?.blame).toEqual(
      blameOf(8, overlayFile, acme),
    );
    expect(find(document, 'technical-approach')?.blame.changes).toEqual([
      { op: 'append', layer: acme, file: overlayFile, line: 4 },
    ]);
    // The text lands in the last sub-section's Markdown, but the change is the target's.
    expect(find(document, 'technical-approach/data-model')?.blame).toEqual(blameOf(73));
  });

  it('puts the content before the section text when the directive is prepend', () => {
    const { document } = apply(
      '<!-- specforge: prepend context -->\n> Read the spec to the end first.\n',
    );
    expect(find(document, 'context')?.body).toBe(
      '\n> Read the spec to the end first.\n\nBased on this specification:\n\n{{fence SPECIFICATION}}\n\nCreate a detailed technical implementation plan.\n\n',
    );
    expect(find(document, 'context')?.blame.changes).toEqual([
      { op: 'prepend', layer: acme, file: overlayFile, line: 4 },
    ]);
  });

  it('removes the section and keeps the final line break when the last section is removed', () => {
    const { document, pathChanges } = apply('<!-- specforge: remove deployment -->\n');
    const text = renderTemplateDocument(document);
    expect(text.endsWith('- API keys or credentials\n')).toBe(true);
    expect(text).not.toContain('## Deployment');
    expect(paths(document).at(-1)).toBe('dependencies');
    expect(pathChanges).toEqual([{ from: 'deployment', to: undefined }]);
  });

  it('removes the sub-sections with the section when the target has some', () => {
    const { document } = apply('<!-- specforge: remove implementation-steps -->\n');
    expect(paths(document).slice(4, 6)).toEqual(['technical-approach/data-model', 'file-changes']);
    expect(between(document, '- Data flows', '## File Changes')).toBe('- Data flows\n\n');
  });

  it('renames the heading and lets later directives use the new path when the directive is rename', () => {
    const { document, pathChanges } = apply(
      [
        '<!-- specforge: rename rollback-plan "Rollback and Recovery" -->',
        '<!-- specforge: append rollback-and-recovery -->',
        '4. Tell the on-call engineer',
        '<!-- specforge: rename technical-approach "Approach" -->',
        '<!-- specforge: remove approach/data-model -->',
        '',
      ].join('\n'),
    );
    const section = find(document, 'rollback-and-recovery')!;
    expect(section.heading).toBe('## Rollback and Recovery\n');
    expect(section.title).toBe('Rollback and Recovery');
    expect(section.body).toBe(
      '\nIf things go wrong:\n\n1. Step to revert\n2. Step to revert\n3. Step to revert\n4. Tell the on-call engineer\n\n',
    );
    expect(section.blame).toEqual({
      ...blameOf(147),
      changes: [
        { op: 'rename', layer: acme, file: overlayFile, line: 4 },
        { op: 'append', layer: acme, file: overlayFile, line: 5 },
      ],
    });
    expect(paths(document).slice(1, 4)).toEqual([
      'approach',
      'approach/architecture',
      'approach/technology-stack',
    ]);
    expect(pathChanges).toEqual([
      { from: 'technical-approach', to: 'approach' },
      { from: 'technical-approach/architecture', to: 'approach/architecture' },
      { from: 'technical-approach/technology-stack', to: 'approach/technology-stack' },
      { from: 'technical-approach/data-model', to: undefined },
      { from: 'rollback-plan', to: 'rollback-and-recovery' },
    ]);
  });

  it('rejects the old path when a later directive still uses it after a rename', async () => {
    const error = await failure(() =>
      apply(
        '<!-- specforge: rename rollback-plan "Undo" -->\n<!-- specforge: remove rollback-plan -->\n',
      ),
    );
    expect(error.code).toBe('SPECFORGE_OVERLAY_TARGET_MISSING');
    expect(error.at).toBe(`${overlayFile}:5`);
    expect(error.hint).toContain(
      'The heading paths of speckit/plan are: context, technical-approach,',
    );
    expect(error.hint).toContain(', undo, dependencies, deployment. Name one of them,');
  });

  it('skips and lists an optional directive when its target is absent', () => {
    const result = apply(
      '<!-- specforge: remove security optional -->\n<!-- specforge: append nothing-here optional -->\nText.\n',
    );
    expect(result.document).toEqual(base());
    expect(result.skipped).toEqual([
      { op: 'remove', target: 'security', line: 4, file: overlayFile, layer: acme },
      { op: 'append', target: 'nothing-here', line: 5, file: overlayFile, layer: acme },
    ]);
  });

  it('passes Handlebars expressions through unchanged when the content has them', () => {
    const content = [
      '## Stories',
      '',
      '{{#each spec.stories}}',
      '### {{id}} {{title}} ({{priority}})',
      '{{#if why}}{{why}}{{else}}_No reason given._{{/if}}',
      '{{/each}}',
      '',
      '{{fence SPECIFICATION}}',
      'A literal \\{{braces}} and {{{triple}}} and {{> partial}}.',
    ].join('\n');
    const { document } = apply(`<!-- specforge: insert after context -->\n${content}\n`);
    expect(between(document, '## Stories', '## Technical Approach')).toBe(`${content}\n\n`);
    // A trailing "(…)" is a Spec Kit annotation to the slug, as in every heading path.
    expect(find(document, 'stories/id-title')?.blame.line).toBe(8);
  });

  it('writes inserted text with CRLF line breaks when the base uses them', () => {
    const doc = splitTemplate('# T\r\n\r\n## A\r\n\r\nText.\r\n', {
      file: 't.md',
      bodyLine: 1,
      layer: speckit,
    });
    const { document } = apply('<!-- specforge: insert after a -->\n## B\n\nMore.\n', doc);
    expect(renderTemplateDocument(document)).toBe(
      '# T\r\n\r\n## A\r\n\r\nText.\r\n\r\n## B\r\n\r\nMore.\r\n',
    );
  });

  it('keeps the underline when renaming a setext heading', () => {
    const doc = splitTemplate('Context\n-------\n\nText.\n', {
      file: 't.md',
      bodyLine: 1,
      layer: speckit,
    });
    const { document } = apply('<!-- specforge: rename context "Background" -->\n', doc);
    expect(renderTemplateDocument(document)).toBe('Background\n-------\n\nText.\n');
  });

  it('keeps a closing sequence and escapes a trailing "#" when renaming an ATX heading', () => {
    const doc = splitTemplate('## Context ##\n\nText.\n', {
      file: 't.md',
      bodyLine: 1,
      layer: speckit,
    });
    const { document } = apply('<!-- specforge: rename context "Notes on C #" -->\n', doc);
    expect(renderTemplateDocument(document)).toBe('## Notes on C \\# ##\n\nText.\n');
    expect(paths(document)).toEqual(['notes-on-c']);
  });

  it('makes the only H1 left the title when removing the other H1 of a document without a title', () => {
    const doc = splitTemplate('# One\n\n## A\n\n# Two\n\n## B\n', {
      file: 't.md',
      bodyLine: 1,
      layer: speckit,
    });
    const { document } = apply('<!-- specforge: remove two -->\n', doc);
    expect(document.preamble).toBe('# One\n\n');
    expect(paths(document)).toEqual(['a']);
    expect(renderTemplateDocument(document)).toBe('# One\n\n## A\n');
  });
});

describe('applyOverlay errors', () => {
  const fails = (body: string) => failure(() => apply(body));

  it('names the overlay line and the closest heading path when a target is missing', async () => {
    expect(
      await fails('\n<!-- specforge: replace technology-stack -->\n### Technology Stack\n'),
    ).toMatchInlineSnapshot(`
        {
          "at": "packs/acme/plan.md:5",
          "code": "SPECFORGE_OVERLAY_TARGET_MISSING",
          "hint": "Did you mean "technical-approach/technology-stack"? Name the section by its heading path, or end the directive with "optional" to skip it when the section is absent.",
          "message": "The overlay cannot replace "technology-stack": speckit/plan has no section with that heading path, so nothing was composed. Closest heading paths: technical-approach/technology-stack.",
        }
      `);
  });

  it('suggests the path with a close spelling when a target is misspelt', async () => {
    expect(await fails('<!-- specforge: remove deploymnet -->\n')).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:4",
        "code": "SPECFORGE_OVERLAY_TARGET_MISSING",
        "hint": "Did you mean "deployment"? Name the section by its heading path, or end the directive with "optional" to skip it when the section is absent.",
        "message": "The overlay cannot remove "deploymnet": speckit/plan has no section with that heading path, so nothing was composed. Closest heading paths: deployment.",
      }
    `);
  });

  it('lists the heading paths when no path is close to the target', async () => {
    expect(await fails('<!-- specforge: insert after zzz -->\n## New\n')).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:4",
        "code": "SPECFORGE_OVERLAY_TARGET_MISSING",
        "hint": "The heading paths of speckit/plan are: context, technical-approach, technical-approach/architecture, technical-approach/technology-stack, technical-approach/data-model, implementation-steps, implementation-steps/phase-1-foundation, implementation-steps/phase-2-core-implementation, implementation-steps/phase-3-integration-polish, file-changes, testing-strategy, risk-assessment, rollback-plan, dependencies, deployment. Name one of them, or end the directive with "optional" to skip it when the section is absent.",
        "message": "The overlay cannot insert after "zzz": speckit/plan has no section with that heading path, so nothing was composed.",
      }
    `);
  });

  it("rejects a replacement when its heading level differs from the target's", async () => {
    expect(
      await fails(
        '<!-- specforge: replace technical-approach/technology-stack -->\n## Technology Stack\n',
      ),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:5",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Write the heading with ### (and its sub-sections one level deeper each).",
        "message": "The overlay is invalid: "replace technical-approach/technology-stack" on line 4 puts a level-2 section ("Technology Stack") in place of a level-3 one; a replacement keeps the level of the section it replaces.",
      }
    `);
  });

  it("rejects inserted sections when their level differs from the target's", async () => {
    expect(
      await fails('<!-- specforge: insert after testing-strategy -->\n### Security Review\n'),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:5",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Write the heading with ## (and its sub-sections one level deeper each).",
        "message": "The overlay is invalid: "insert after testing-strategy" on line 4 inserts "Security Review", a level-3 section, next to a level-2 one; inserted sections are siblings of their target.",
      }
    `);
  });

  it('rejects appended sub-sections when they are not below the target', async () => {
    expect(
      await fails('<!-- specforge: append testing-strategy -->\nText.\n## Security Review\n'),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:6",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Write the heading with ### to add a sub-section, or use <!-- specforge: insert after testing-strategy --> to add a sibling section.",
        "message": "The overlay is invalid: "append testing-strategy" on line 4 adds sub-sections to a level-2 section, but "Security Review" on line 6 is level 2, which would end the section instead.",
      }
    `);
  });

  it('rejects a new title when it would not read as a heading', async () => {
    const doc = splitTemplate('Context\n-------\n\nText.\n', {
      file: 't.md',
      bodyLine: 1,
      layer: speckit,
    });
    expect(
      await failure(() => apply('<!-- specforge: rename context "- a list item" -->\n', doc)),
    ).toMatchInlineSnapshot(`
      {
        "at": "packs/acme/plan.md:4",
        "code": "SPECFORGE_OVERLAY_INVALID",
        "hint": "Choose a title that does not start like a list item, a quote or a code fence, or escape its first character with "\\".",
        "message": "The overlay is invalid: "rename" on line 4 gives the title "- a list item", which does not read as a level-2 heading in Markdown.",
      }
    `);
  });
});
