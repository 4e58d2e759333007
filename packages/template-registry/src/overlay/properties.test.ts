import { isSpecforgeError } from '@specforge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../test-utils/fuzz.js';
import {
  allEditKinds,
  applyEdits,
  generatedDoc,
  generatedEdits,
  renderDoc,
} from '../test-utils/generated-templates.js';
import { applyOverlay } from './apply-overlay.js';
import { composeLayers, continueComposition } from './compose-layers.js';
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
  if (sections.length === 0) return ops;
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

/** The overlay of `ops`; the texts it writes are numbered from `from` (so layers differ). */
function overlayText(ops: readonly Op[], from = 0): string {
  return `---\nextends: speckit/plan\n---\n${ops.map((op, i) => directiveFor[op.kind](op, from + i)).join('')}`;
}

const trimEnd = (text: string) => text.trimEnd();

describe('splitTemplate', () => {
  it('renders back byte for byte when given any string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(renderTemplateDocument(split(text))).toBe(text);
      }),
      fuzzParameters(500),
    );
  });

  it('renders back byte for byte when given generated templates', () => {
    fc.assert(
      fc.property(generatedTemplate, (text) => {
        expect(renderTemplateDocument(split(text))).toBe(text);
      }),
      fuzzParameters(100),
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
      fuzzParameters(200),
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
      fuzzParameters(100),
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
    fuzzParameters(numRuns),
  );
}

// Resolution through a chain: the same chain always gives the same template, and a chain
// resolved in one go gives what resolving it layer by layer through each layer's rendered text
// gives (nothing depends on how the lower layers were built).
const allKinds: Op['kind'][] = [
  'replace',
  'append',
  'append-sub',
  'remove',
  'prepend',
  'insert',
  'rename',
];
const operations = fc.tuple(
  fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
  fc.array(fc.constantFrom(...allKinds), { minLength: 1, maxLength: 5 }),
);
const overlayOptions = (file: string) => ({ file });

describe('composeLayers', () => {
  it('gives the same template when the same chain is resolved twice, and leaves its inputs alone', () => {
    fc.assert(
      fc.property(generatedTemplate, operations, operations, (text, first, second) => {
        const lower = parseOverlay(
          overlayText(pickOperations(split(text), ...first)),
          overlayOptions('lower.md'),
        );
        const middle = composeLayers({ body: text, file: 'plan.md', bodyLine: 5, layer: speckit }, [
          { overlay: lower, layer: acme },
        ]);
        const upper = parseOverlay(
          overlayText(pickOperations(middle.document, ...second), 100),
          overlayOptions('upper.md'),
        );
        const chain = [
          { overlay: lower, layer: acme },
          { overlay: upper, layer: { pack: 'team', version: '3.0.0' } },
        ];
        const before = structuredClone(chain);
        const base = { body: text, file: 'plan.md', bodyLine: 5, layer: speckit };
        const once = composeLayers(base, chain);
        expect(composeLayers(base, chain)).toEqual(once);
        expect(chain).toEqual(before);
        // Layer by layer, each through its rendered text: the same body and sections.
        const stepwise = composeLayers({ ...base, body: middle.body }, chain.slice(1));
        expect(stepwise.body).toBe(once.body);
        expect(shape(stepwise.document)).toEqual(shape(once.document));
        expect(shape(split(once.body))).toEqual(shape(once.document));
        // Continued from the lower layer's composition: the very same result, skips and blame.
        const lowerOnly = composeLayers(base, chain.slice(0, 1));
        const lowerBefore = structuredClone(lowerOnly);
        expect(continueComposition(lowerOnly, chain.slice(1))).toEqual(once);
        expect(lowerOnly).toEqual(lowerBefore);
      }),
      fuzzParameters(150),
    );
  });
});

// The fork's overlay over an upstream that changed since the fork was made (generated documents
// of test-utils/generated-templates.ts, edited by upstream with ids `t…`): every directive
// still takes effect, or resolution fails with a coded error naming a target upstream no longer
// has. A fork's change is never dropped silently, and upstream's new lines come through.
const upstreamShape = {
  words: ['Text', '- item', '1. step', '**Goal:**'],
  maxLevel: 4,
  maxSections: 8,
  endings: ['', '\n'],
};
const forkOverUpstream = fc
  .tuple(generatedDoc(upstreamShape), operations, generatedEdits(upstreamShape, allEditKinds))
  .map(([doc, [picks, kinds], edits]) => {
    const base = renderDoc(doc);
    const ops = pickOperations(split(base), picks, kinds);
    return { base, ops, upstream: renderDoc(applyEdits(doc, edits, 't')) };
  });

/** The heading path each line of `doc`'s text sits under (`''` in the preamble). */
function lineOwners(doc: TemplateDocument): Map<string, string> {
  const owners = new Map<string, string>();
  for (const line of doc.preamble.split('\n')) owners.set(line, '');
  for (const section of flat(doc)) {
    for (const line of `${section.heading}${section.body}`.split('\n')) {
      owners.set(line, section.path);
    }
  }
  return owners;
}

describe('applyOverlay over a changed upstream', () => {
  it('applies every directive of the fork or names the target upstream lost, and keeps upstream’s new lines', () => {
    fc.assert(
      fc.property(forkOverUpstream, ({ ops, upstream }) => {
        const upstreamDoc = split(upstream);
        const levels = new Map(flat(upstreamDoc).map((s) => [s.path, s.level]));
        const missing = ops.filter((op) => !levels.has(op.path));
        const relevelled = ops.filter(
          (op) => levels.has(op.path) && levels.get(op.path) !== op.level,
        );
        const overlay = parseOverlay(overlayText(ops), { file: 'o.md' });
        let document: TemplateDocument;
        try {
          document = applyOverlay(upstreamDoc, overlay, acme).document;
        } catch (error) {
          if (!isSpecforgeError(error)) throw error;
          if (error.code === 'SPECFORGE_OVERLAY_TARGET_MISSING') {
            expect(missing.length).toBeGreaterThan(0);
          } else {
            expect(error.code).toBe('SPECFORGE_OVERLAY_INVALID');
            expect(relevelled.length).toBeGreaterThan(0);
          }
          return;
        }
        expect(missing).toEqual([]);
        const rendered = renderTemplateDocument(document);
        const after = new Map(flat(document).map((s) => [s.path, s]));
        ops.forEach((op, i) => {
          if (op.kind === 'remove') expect(after.has(op.path)).toBe(false);
          if (op.kind === 'append') expect(rendered).toContain(`\nAppended text ${i}.`);
          if (op.kind === 'append-sub') expect(rendered).toContain(`Appended lead ${i}.`);
          if (op.kind === 'prepend') expect(rendered).toContain(`Prepended text ${i}.`);
          if (op.kind === 'replace')
            expect(rendered).toContain(`Replacement ${i}\n\nReplaced text ${i}.`);
          if (op.kind === 'insert') expect(rendered).toContain(`Inserted text ${i}.`);
          if (op.kind === 'rename')
            expect([...after.values()].some((s) => s.title === `Renamed ${i}`)).toBe(true);
        });
        // Upstream's own new lines are there, except under a section the fork removed or replaced.
        const owners = lineOwners(upstreamDoc);
        const dropped = ops.filter((op) => op.kind === 'remove' || op.kind === 'replace');
        const resultLines = new Set(rendered.split('\n'));
        const lost = [...owners].filter(
          ([line, path]) =>
            /\bt\d+$/.test(line) &&
            !dropped.some((op) => path === op.path || path.startsWith(`${op.path}/`)) &&
            !resultLines.has(line) &&
            // A renamed section's heading line is the rename.
            !ops.some((op) => op.kind === 'rename' && path === op.path && line.startsWith('#')),
        );
        expect(lost.map(([line]) => line)).toEqual([]);
      }),
      fuzzParameters(200),
    );
  });
});
