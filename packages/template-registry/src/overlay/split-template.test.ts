import { describe, expect, it } from 'vitest';
import { loadBuiltinPacks } from '../builtin-packs.js';
import { renderTemplateDocument, splitTemplate } from './split-template.js';
import type { SectionNode, TemplateDocument } from './types.js';

const speckit = { pack: 'speckit', version: '1.0.0' };
const split = (body: string, bodyLine = 1) =>
  splitTemplate(body, { file: 'plan.md', bodyLine, layer: speckit });

/** `[path, level, blame line]` of every section, in document order. */
function outline(doc: TemplateDocument): [string, number, number][] {
  const out: [string, number, number][] = [];
  const visit = (sections: readonly SectionNode[]) => {
    for (const s of sections) {
      out.push([s.path, s.level, s.blame.line]);
      visit(s.children);
    }
  };
  visit(doc.sections);
  return out;
}

describe('splitTemplate', () => {
  it('splits the built-in plan template into its title preamble and sections when given its body', async () => {
    const [pack] = await loadBuiltinPacks();
    const plan = pack!.templates.get('plan')!;
    const doc = splitTemplate(plan.body, {
      file: plan.file,
      bodyLine: plan.bodyLine,
      layer: speckit,
    });

    expect(doc.preamble).toBe(
      '# Implementation Plan Template\n\n_This template is adapted from GitHub Spec Kit for rapid planning._\n_Source: https://github.com/github/spec-kit (MIT License)_\n\n---\n\n',
    );
    expect(doc.preambleBlame).toEqual({
      layer: speckit,
      file: plan.file,
      line: plan.bodyLine,
      changes: [],
    });
    expect(outline(doc)).toEqual([
      ['context', 2, 46],
      ['technical-approach', 2, 54],
      ['technical-approach/architecture', 3, 56],
      ['technical-approach/technology-stack', 3, 64],
      ['technical-approach/data-model', 3, 73],
      ['implementation-steps', 2, 81],
      ['implementation-steps/phase-1-foundation', 3, 85],
      ['implementation-steps/phase-2-core-implementation', 3, 96],
      ['implementation-steps/phase-3-integration-polish', 3, 107],
      ['file-changes', 2, 118],
      ['testing-strategy', 2, 130],
      ['risk-assessment', 2, 138],
      ['rollback-plan', 2, 147],
      ['dependencies', 2, 155],
      ['deployment', 2, 163],
    ]);
    const technicalApproach = doc.sections[1]!;
    expect(technicalApproach.heading).toBe('## Technical Approach\n');
    expect(technicalApproach.body).toBe('\n');
    expect(technicalApproach.children[1]).toEqual({
      title: 'Technology Stack',
      slug: 'technology-stack',
      path: 'technical-approach/technology-stack',
      level: 3,
      heading: '### Technology Stack\n',
      body: '\nSpecify technologies to use:\n\n- Languages:\n- Frameworks:\n- Libraries:\n- Tools:\n\n',
      children: [],
      blame: { layer: speckit, file: plan.file, line: 64, changes: [] },
    });
    expect(renderTemplateDocument(doc)).toBe(plan.body);
  });

  it('keeps a heading inside a code fence or an HTML comment in the text when splitting', () => {
    const body = '## Real\n\n```md\n## Not a section\n```\n\n<!--\n## Nor this\n-->\n';
    const doc = split(body);
    expect(outline(doc)).toEqual([['real', 2, 1]]);
    expect(doc.sections[0]?.body).toBe(
      '\n```md\n## Not a section\n```\n\n<!--\n## Nor this\n-->\n',
    );
  });

  it('takes every heading line of a setext heading when the heading is setext', () => {
    const body = 'Intro\n\nContext\nand more\n-------\ntext\n\nPlan\n====\n';
    const doc = split(body);
    expect(doc.preamble).toBe('Intro\n\n');
    expect(doc.sections.map((s) => [s.title, s.level, s.heading, s.body])).toEqual([
      ['Context and more', 2, 'Context\nand more\n-------\n', 'text\n\n'],
      ['Plan', 1, 'Plan\n====\n', ''],
    ]);
  });

  it('renders back byte for byte when the body has CRLF line breaks, lone CRs and no final line break', () => {
    const body = '# T\r\n\r\n## A\r\ntext\r\n\r\nB\r---\rmore\r\n### C';
    const doc = split(body);
    expect(outline(doc)).toEqual([
      ['a', 2, 3],
      ['b', 2, 6],
      ['b/c', 3, 9],
    ]);
    expect(doc.sections[1]?.heading).toBe('B\r---\r');
    expect(doc.sections[1]?.children[0]?.heading).toBe('### C');
    expect(renderTemplateDocument(doc)).toBe(body);
  });

  it('makes every H1 a section when the body has more than one', () => {
    const doc = split('# One\n\n## A\n\n# Two\n');
    expect(doc.preamble).toBe('');
    expect(outline(doc)).toEqual([
      ['one', 1, 1],
      ['one/a', 2, 3],
      ['two', 1, 5],
    ]);
  });

  it('keeps a leading "---" block in the preamble when the body starts with one', () => {
    const body = '---\nnot: front matter\n...\n## A\n';
    const doc = split(body, 10);
    expect(doc.preamble).toBe('---\nnot: front matter\n...\n');
    expect(outline(doc)).toEqual([['a', 2, 13]]);
  });

  it('keeps a byte-order mark in the preamble and finds the title when the body starts with one', () => {
    const body = '\uFEFF# Title\n## A\n';
    const doc = split(body);
    expect(doc.preamble).toBe('\uFEFF# Title\n');
    expect(outline(doc)).toEqual([['a', 2, 2]]);
  });

  it('returns only a preamble when the body has no heading', () => {
    expect(split('')).toEqual({
      preamble: '',
      preambleBlame: { layer: speckit, file: 'plan.md', line: 1, changes: [] },
      sections: [],
    });
    expect(split('just {{text}}\n').preamble).toBe('just {{text}}\n');
  });

  it('numbers headings the way the spec parser does when siblings repeat a slug', () => {
    const doc = split('## Notes\n## Notes\n## !!!\n');
    expect(outline(doc).map(([path]) => path)).toEqual(['notes', 'notes-2', 'section']);
  });
});
