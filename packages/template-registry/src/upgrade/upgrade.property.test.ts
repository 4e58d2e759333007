import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTemplateFile, slugify, type TemplateSource } from '@specforge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeTemplate } from '../fork/plan-fork.js';
import { mergeTemplate } from '../merge/index.js';
import { fuzzParameters } from '../test-utils/fuzz.js';
import {
  applyEdits,
  expectChangesKept,
  type GenDoc,
  generatedDoc,
  generatedEdits,
  markerLine,
  renderDoc,
} from '../test-utils/generated-templates.js';

// A copy fork's upgrade merges, per template, three serialized template files (front matter and
// body, as planUpgrade reads them): the upstream text the fork was copied from, the fork's file
// and the new upstream text, with the pack names as conflict labels. Generated here: templates
// whose front matter and body both sides edit; and, when the shared corpus is there, Spec Kit's
// own templates at two releases with generated fork edits.

const labels = { ours: 'acme', base: 'speckit@1.0.0', theirs: 'speckit@1.1.0' };

const shape = {
  words: ['Text', '- item', '1. step', '**Goal:**', 'Use {{spec.title}} for'],
  maxLevel: 3,
  maxSections: 6,
  endings: ['\n', '\n\n'],
};

interface MetaEdits {
  description: boolean;
  requiredSection: boolean;
  placeholder: boolean;
}

const metaEdits = fc.record({
  description: fc.boolean(),
  requiredSection: fc.boolean(),
  placeholder: fc.boolean(),
});

/** A template file of the generated `doc`, with `side`'s front-matter edits. */
function templateFile(doc: GenDoc, required: readonly string[], side: string, edits?: MetaEdits) {
  const template: TemplateSource = {
    meta: {
      id: 'plan',
      kind: 'plan',
      description: edits?.description ? `The plan, as ${side} says` : 'The plan',
      inputs: {},
      output: 'plan.md',
      requiredSections: [...required, ...(edits?.requiredSection ? [`added-${side}`] : [])],
      placeholders: ['[TODO]', ...(edits?.placeholder ? [`[${side.toUpperCase()}]`] : [])],
      idPatterns: {},
      traces: [],
    },
    body: renderDoc(doc),
    file: 'plan.md',
    bodyLine: 1,
    pack: { name: 'speckit', version: '1.0.0' },
  };
  return serializeTemplate(template, 'plan');
}

const upgrade = fc
  .tuple(
    generatedDoc(shape),
    fc.array(fc.nat(), { maxLength: 3 }),
    generatedEdits(shape),
    generatedEdits(shape),
    metaEdits,
    metaEdits,
  )
  .map(([doc, picks, oursEdits, theirsEdits, oursMeta, theirsMeta]) => {
    const required = [
      ...new Set(
        picks.flatMap((pick) => {
          const section = doc.sections[pick % Math.max(1, doc.sections.length)];
          return section ? [slugify(section.title)] : [];
        }),
      ),
    ];
    return {
      base: templateFile(doc, required, 'base'),
      ours: templateFile(applyEdits(doc, oursEdits, 'o'), required, 'ours', oursMeta),
      theirs: templateFile(applyEdits(doc, theirsEdits, 't'), required, 'theirs', theirsMeta),
    };
  });

function merge(base: string, ours: string, theirs: string) {
  return mergeTemplate({ base, ours, theirs, labels, file: 'packs/acme/plan.md' });
}

/** Every conflict block the result reports is one the text holds, with the upgrade's labels. */
function expectReportedConflicts(result: ReturnType<typeof merge>): void {
  const lines = result.text.split('\n');
  const opening = lines.flatMap((line, i) => (line.startsWith('<<<<<<< ') ? [i + 1] : []));
  expect(result.conflicts.map((c) => c.line)).toEqual(opening);
  expect(result.clean).toBe(opening.length === 0);
  for (const c of result.conflicts) {
    expect(lines[c.line - 1]).toBe('<<<<<<< acme');
    expect(lines[c.endLine - 1]).toBe('>>>>>>> speckit@1.1.0');
  }
  if (result.clean) expect(lines.filter((line) => markerLine.test(line))).toEqual([]);
}

describe('copy-fork upgrade merges of generated templates', () => {
  it('keeps every line the fork added, merged in or inside a conflict block, and upstream’s too', () => {
    fc.assert(
      fc.property(upgrade, ({ base, ours, theirs }) => {
        const result = merge(base, ours, theirs);
        expectChangesKept(result.text, base, ours, theirs);
        expectChangesKept(result.text, base, theirs, ours);
        expectReportedConflicts(result);
      }),
      fuzzParameters(150),
    );
  });

  it('gives the fork when upstream did not change, upstream when the fork did not, either when both agree', () => {
    fc.assert(
      fc.property(upgrade, ({ base, ours, theirs }) => {
        expect(merge(base, ours, base)).toEqual({ text: ours, clean: true, conflicts: [] });
        expect(merge(base, base, theirs)).toEqual({ text: theirs, clean: true, conflicts: [] });
        expect(merge(base, ours, ours)).toEqual({ text: ours, clean: true, conflicts: [] });
      }),
      fuzzParameters(150),
    );
  });

  it('gives the same result when the same upgrade is merged twice', () => {
    fc.assert(
      fc.property(upgrade, ({ base, ours, theirs }) => {
        expect(merge(base, ours, theirs)).toEqual(merge(base, ours, theirs));
      }),
      fuzzParameters(100),
    );
  });

  it('leaves a template file that still loads when the merge is clean', () => {
    fc.assert(
      fc.property(upgrade, ({ base, ours, theirs }) => {
        const result = merge(base, ours, theirs);
        if (!result.clean) return;
        const parsed = parseTemplateFile(result.text, {
          file: 'packs/acme/plan.md',
          pack: { name: 'acme', version: '1.0.0' },
        });
        expect(parsed.meta.id).toBe('plan');
      }),
      fuzzParameters(100),
    );
  });
});

// Spec Kit's templates at its releases (shared corpus): each older release is a base, each
// newer one an upstream, and the fork is the older text with generated edits.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const specKitDir = resolve(repoRoot, '../shared/corpus/spec-kit');
const releases = existsSync(specKitDir)
  ? readdirSync(specKitDir)
      .filter((name) => /^v\d/.test(name) && existsSync(resolve(specKitDir, name, 'templates')))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  : [];
const pairs = releases.flatMap((older, i) =>
  releases.slice(i + 1).flatMap((newer) =>
    readdirSync(resolve(specKitDir, older, 'templates'))
      .filter(
        (name) => name.endsWith('.md') && existsSync(resolve(specKitDir, newer, 'templates', name)),
      )
      .map((name) => ({
        name: `${name} ${older} → ${newer}`,
        base: readFileSync(resolve(specKitDir, older, 'templates', name), 'utf8'),
        theirs: readFileSync(resolve(specKitDir, newer, 'templates', name), 'utf8'),
      })),
  ),
);
if (pairs.length === 0) {
  console.warn(
    `Skipping the Spec Kit upgrade properties: ${specKitDir} is not beside the repository.`,
  );
}

interface ForkEdit {
  kind: 'edit' | 'add' | 'remove' | 'add-section';
  at: number;
}

/** `text` with the fork's `edits`: lines and sections marked `o0`, `o1`, … */
function forkEdits(text: string, edits: readonly ForkEdit[]): string {
  const lines = text.split('\n');
  edits.forEach((edit, n) => {
    const i = edit.at % lines.length;
    switch (edit.kind) {
      case 'edit':
        lines[i] = `Fork edit o${n}`;
        break;
      case 'add':
        lines.splice(i + 1, 0, `Fork line o${n}`);
        break;
      case 'remove':
        if (lines.length > 1) lines.splice(i, 1);
        break;
      case 'add-section': {
        // Before the next heading (or at the end), as a team adds its own section.
        const next = lines.findIndex((line, j) => j >= i && /^##? /.test(line));
        const at = next === -1 ? lines.length : next;
        lines.splice(at, 0, `## Fork section o${n}`, '', `Fork text o${n}`, '');
        break;
      }
    }
  });
  return lines.join('\n');
}

const realUpgrade = fc
  .tuple(
    fc.constantFrom(...(pairs.length > 0 ? pairs : [{ name: '', base: '', theirs: '' }])),
    fc.array(
      fc.record({
        kind: fc.constantFrom<ForkEdit['kind']>('edit', 'add', 'remove', 'add-section'),
        at: fc.nat(),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .map(([pair, edits]) => ({ ...pair, ours: forkEdits(pair.base, edits) }));

describe.skipIf(pairs.length === 0)('copy-fork upgrades of Spec Kit’s own templates', () => {
  it('keeps every line the fork added, merged in or inside a conflict block, and upstream’s too', () => {
    fc.assert(
      fc.property(realUpgrade, ({ base, ours, theirs }) => {
        const result = merge(base, ours, theirs);
        expectChangesKept(result.text, base, ours, theirs);
        const added = ours.split('\n').filter((line) => / o\d+$/.test(line));
        const lines = new Set(result.text.split('\n'));
        expect(added.filter((line) => !lines.has(line))).toEqual([]);
        expectReportedConflicts(result);
      }),
      fuzzParameters(60),
    );
  });

  it('gives the fork when upstream is the base, and upstream when the fork is', () => {
    fc.assert(
      fc.property(realUpgrade, ({ base, ours, theirs }) => {
        expect(merge(base, ours, base).text).toBe(ours);
        expect(merge(base, base, theirs).text).toBe(theirs);
        expect(merge(base, ours, ours).text).toBe(ours);
        expect(merge(base, ours, theirs)).toEqual(merge(base, ours, theirs));
      }),
      fuzzParameters(40),
    );
  });
});
