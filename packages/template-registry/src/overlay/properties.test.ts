import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOverlay } from './apply-overlay.js';
import { parseOverlay } from './parse-overlay.js';
import { renderTemplateDocument, splitTemplate } from './split-template.js';
import type { SectionNode, TemplateDocument } from './types.js';

const speckit = { pack: 'speckit', version: '1.0.0' };
const acme = { pack: 'acme', version: '2.0.0' };
const split = (body: string) =>
  splitTemplate(body, { file: 'plan.md', bodyLine: 5, layer: speckit });

// Markdown-ish fragments that move headings around: fences, comments, setext underlines, a
// leading "---" (front matter to the spec parser), Handlebars and a BOM.
const fragment = fc.constantFrom(
  '# Title',
  '# Another H1',
  '## Section',
  '### Sub {{spec.title}}',
  '#### Deep',
  '##',
  '####### seven',
  'Setext',
  '===',
  '---',
  '```',
  '~~~',
  '    indented',
  '<!--',
  '-->',
  '<!-- specforge: remove x -->',
  '> quoted',
  '- item',
  '| a | b |',
  '{{#if spec.title}}',
  '{{/if}}',
  'key: value',
  '',
  '   ',
  'Ünïcødé 😀',
);
const lineBreak = fc.constantFrom('\n', '\r\n', '\r');
const markdownish = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(fragment, lineBreak), { maxLength: 30 }),
    fc.constantFrom('', 'tail'),
  )
  .map(
    ([bom, parts, tail]) => (bom ? '\uFEFF' : '') + parts.map(([t, br]) => t + br).join('') + tail,
  );
const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  markdownish,
);

interface GenSection {
  level: number;
  setext: boolean;
  blocks: string[];
}

// Well-formed templates: unique titles (so paths never shift by a sibling's suffix), blocks
// that close everything they open, ATX or setext headings, and any document ending.
const block = fc.constantFrom(
  'Plain text for {{spec.title}}.',
  '- item a\n- item b',
  '| a | b |\n| - | - |\n| 1 | 2 |',
  '```\n# not a heading\n```',
  '<!-- instructions -->',
  '{{#each spec.stories}}\n- {{title}}\n{{/each}}',
);
const generatedTemplate = fc
  .record({
    preamble: fc.constantFrom('', '# Plan {{spec.title}}\n\nIntro.\n\n', 'Intro only.\n\n'),
    sections: fc.array(
      fc.record({
        level: fc.integer({ min: 2, max: 4 }),
        setext: fc.boolean(),
        blocks: fc.array(block, { maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    ending: fc.constantFrom('', '\n', '\n\n'),
  })
  .map(({ preamble, sections, ending }) => {
    const first = sections[0]!;
    const fixed: GenSection[] = [{ ...first, level: 2 }, ...sections.slice(1)];
    const texts = fixed.map((section, index) => {
      const title = `Section ${index}`;
      const heading =
        section.setext && section.level === 2
          ? `${title}\n${'-'.repeat(title.length)}\n`
          : `${'#'.repeat(section.level)} ${title}\n`;
      return section.blocks.length === 0 ? heading : `${heading}\n${section.blocks.join('\n\n')}\n`;
    });
    const body = preamble + texts.join('\n');
    return body.replace(/\n+$/, '') + ending;
  });

function flat(doc: TemplateDocument): SectionNode[] {
  const out: SectionNode[] = [];
  const visit = (sections: readonly SectionNode[]) => {
    for (const section of sections) {
      out.push(section);
      visit(section.children);
    }
  };
  visit(doc.sections);
  return out;
}

/** What a re-parse must agree on: every section's place and text. */
function shape(doc: TemplateDocument) {
  return {
    preamble: doc.preamble,
    sections: flat(doc).map((s) => ({
      path: s.path,
      title: s.title,
      level: s.level,
      heading: s.heading,
      body: s.body,
    })),
  };
}

type Op = {
  kind: 'replace' | 'append' | 'append-sub' | 'remove' | 'prepend' | 'insert' | 'rename';
  path: string;
  level: number;
};

/** Targets that are not inside one another, each with an operation. */
function pickOperations(doc: TemplateDocument, picks: number[], kinds: Op['kind'][]): Op[] {
  const sections = flat(doc);
  const ops: Op[] = [];
  for (const [i, pick] of picks.entries()) {
    const section = sections[pick % sections.length]!;
    const nested = ops.some(
      (op) =>
        op.path === section.path ||
        section.path.startsWith(`${op.path}/`) ||
        op.path.startsWith(`${section.path}/`),
    );
    if (!nested)
      ops.push({ kind: kinds[i % kinds.length]!, path: section.path, level: section.level });
  }
  return ops;
}

const directiveFor: Record<Op['kind'], (op: Op, i: number) => string> = {
  remove: (op) => `<!-- specforge: remove ${op.path} -->\n`,
  replace: (op, i) =>
    `<!-- specforge: replace ${op.path} -->\n${'#'.repeat(op.level)} Replacement ${i}\n\nReplaced text ${i}.\n\n`,
  append: (op, i) => `<!-- specforge: append ${op.path} -->\n\nAppended text ${i}.\n\n`,
  prepend: (op, i) => `<!-- specforge: prepend ${op.path} -->\nPrepended text ${i}.\n\n`,
  insert: (op, i) =>
    `<!-- specforge: insert after ${op.path} -->\n${'#'.repeat(op.level)} Inserted ${i}\n\nInserted text ${i}.\n\n`,
  rename: (op, i) => `<!-- specforge: rename ${op.path} "Renamed ${i}" -->\n`,
  'append-sub': (op, i) =>
    `<!-- specforge: append ${op.path} -->\n\nAppended lead ${i}.\n\n${'#'.repeat(op.level + 1)} Appended sub ${i}\n\nSub text ${i}.\n`,
};

function overlayText(ops: readonly Op[]): string {
  return `---\nextends: speckit/plan\n---\n${ops.map((op, i) => directiveFor[op.kind](op, i)).join('')}`;
}

const trimEnd = (text: string) => text.trimEnd();

describe('splitTemplate', () => {
  it('renders back byte for byte when given any string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(renderTemplateDocument(split(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('renders back byte for byte when given generated templates', () => {
    fc.assert(
      fc.property(generatedTemplate, (text) => {
        expect(renderTemplateDocument(split(text))).toBe(text);
      }),
    );
  });
});

describe('applyOverlay', () => {
  it('returns the base unchanged when the overlay has no operations', () => {
    const identity = parseOverlay('---\nextends: speckit/plan\n---\n', { file: 'o.md' });
    fc.assert(
      fc.property(fc.oneof(anyText, generatedTemplate), (text) => {
        const base = split(text);
        const result = applyOverlay(base, identity, acme);
        expect(result.document).toEqual(base);
        expect(renderTemplateDocument(result.document)).toBe(text);
        expect(result.skipped).toEqual([]);
        expect(result.pathChanges).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same result and leaves the base alone when applied twice to the same base', () => {
    fc.assert(
      fc.property(
        generatedTemplate,
        fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        fc.array(fc.constantFrom<Op['kind']>('replace', 'append', 'append-sub', 'remove'), {
          minLength: 1,
          maxLength: 5,
        }),
        (text, picks, kinds) => {
          const base = split(text);
          const before = structuredClone(base);
          const overlay = parseOverlay(overlayText(pickOperations(base, picks, kinds)), {
            file: 'o.md',
          });
          const first = applyOverlay(base, overlay, acme);
          const second = applyOverlay(base, overlay, acme);
          expect(second).toEqual(first);
          expect(base).toEqual(before);
        },
      ),
    );
  });

  it('keeps untargeted sections, keeps appended text and stays what a re-parse sees when replace, append and remove apply to generated templates', () => {
    checkOperations(['replace', 'append', 'append-sub', 'remove'], 300);
  });

  it('keeps untargeted sections and stays what a re-parse sees when every operation applies to generated templates', () => {
    checkOperations(
      ['replace', 'append', 'append-sub', 'remove', 'prepend', 'insert', 'rename'],
      300,
    );
  });
});

function checkOperations(allowed: Op['kind'][], numRuns: number): void {
  fc.assert(
    fc.property(
      generatedTemplate,
      fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
      fc.array(fc.constantFrom(...allowed), { minLength: 1, maxLength: 6 }),
      (text, picks, kinds) => {
        const base = split(text);
        const ops = pickOperations(base, picks, kinds);
        const overlay = parseOverlay(overlayText(ops), { file: 'o.md' });
        const { document } = applyOverlay(base, overlay, acme);
        const rendered = renderTemplateDocument(document);

        // The composed tree is exactly what splitting the composed text gives.
        expect(shape(split(rendered))).toEqual(shape(document));

        const after = new Map(flat(document).map((s) => [s.path, s]));
        for (const section of flat(base)) {
          const index = ops.findIndex(
            (o) => section.path === o.path || section.path.startsWith(`${o.path}/`),
          );
          const op = ops[index];
          if (op?.kind === 'remove' || op?.kind === 'replace') {
            // Removed, or replaced by a section with another title (so another path).
            expect(after.has(section.path)).toBe(false);
            continue;
          }
          const path =
            op?.kind === 'rename'
              ? `${op.path.replace(/[^/]+$/, `renamed-${index}`)}${section.path.slice(op.path.length)}`
              : section.path;
          const kept = after.get(path);
          expect(kept?.level).toBe(section.level);
          if (op === undefined || op.kind === 'insert' || section.path !== op.path) {
            if (op?.kind !== 'append' && op?.kind !== 'append-sub') {
              expect(trimEnd(kept!.body)).toBe(trimEnd(section.body));
              expect(kept?.heading.trimEnd()).toBe(section.heading.trimEnd());
            }
            if (op === undefined || op.kind === 'insert')
              expect(kept?.blame).toEqual(section.blame);
          }
        }
        ops.forEach((op, i) => {
          if (op.kind === 'append') expect(rendered).toContain(`\nAppended text ${i}.`);
          if (op.kind === 'append-sub') {
            expect(rendered).toContain(`Appended lead ${i}.`);
            expect(after.get(`${op.path}/appended-sub-${i}`)?.blame.line).toBeGreaterThan(3);
          }
          if (op.kind === 'prepend')
            expect(after.get(op.path)?.body).toContain(`Prepended text ${i}.`);
          if (op.kind === 'replace')
            expect(rendered).toContain(`Replacement ${i}\n\nReplaced text ${i}.`);
          if (op.kind === 'insert')
            expect(
              after.has(`inserted-${i}`) ||
                [...after.keys()].some((p) => p.endsWith(`/inserted-${i}`)),
            ).toBe(true);
          if (op.kind === 'rename')
            expect([...after.values()].some((s) => s.title === `Renamed ${i}`)).toBe(true);
        });
      },
    ),
    { numRuns },
  );
}
