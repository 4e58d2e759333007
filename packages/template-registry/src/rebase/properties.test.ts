import { attachProvenance, hashGeneratedText, readProvenance } from '@specforge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../test-utils/fuzz.js';
import {
  allEditKinds,
  applyEdits,
  expectChangesKept,
  type GenDoc,
  generatedDoc,
  generatedEdits,
  renderDoc,
} from '../test-utils/generated-templates.js';
import { rebasePlan } from './rebase-plan.js';

// Generated plans (test-utils/generated-templates.ts, as the merge properties generate
// templates): headings of level 2–3, and edits that neither move nor re-level sections. A
// generated plan always ends with a line break (attachProvenance adds one).
const shape = {
  words: ['Text', '- item', '1. step', '**Goal:**', '| a | b |'],
  maxLevel: 3,
  maxSections: 7,
  endings: ['\n', '\n\n'],
};
const allKinds = allEditKinds.filter((k) => k !== 'move-section' && k !== 'relevel-section');
const generatedPlan = generatedDoc(shape);
const edits = generatedEdits(shape, allKinds);
const word = fc.constantFrom(...shape.words);

const provenance = fc.record({
  template: fc.constantFrom('speckit@1.0.0#plan', 'acme@2.1.0#plan'),
  templateSha256: fc.constantFrom('a'.repeat(64), 'c'.repeat(64)),
  spec: fc.constantFrom('specs/042/spec.md', 'specs/a-->b/spec.md'),
  specSha256: fc.constantFrom('b'.repeat(64), 'd'.repeat(64)),
});

const scenario = fc
  .tuple(generatedPlan, edits, edits, provenance)
  .map(([plan, oursEdits, theirsEdits, prov]) => ({
    base: renderDoc(plan),
    ours: renderDoc(applyEdits(plan, oursEdits, 'o')),
    theirs: renderDoc(applyEdits(plan, theirsEdits, 't')),
    provenance: prov,
  }));

const withLineBreak = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
const numRuns = 200;

describe('rebasePlan', () => {
  it('gives exactly the new render, as planSpec writes it, when the plan was not edited', () => {
    fc.assert(
      fc.property(scenario, ({ base, theirs, provenance: prov }) => {
        const result = rebasePlan({ base, ours: base, theirs, provenance: prov });
        expect(result).toEqual({
          text: attachProvenance(theirs, prov),
          clean: true,
          conflicts: [],
        });
        expect(readProvenance(result.text).pristine).toBe(true);
      }),
      fuzzParameters(numRuns),
    );
  });

  it('gives the edited plan, recording the new inputs, when the new render is the generated text', () => {
    fc.assert(
      fc.property(scenario, ({ base, ours, provenance: prov }) => {
        const result = rebasePlan({ base, ours, theirs: base, provenance: prov });
        expect(result.clean).toBe(true);
        const read = readProvenance(result.text);
        expect(read.content).toBe(withLineBreak(ours));
        expect(read.provenance).toEqual({ ...prov, outputSha256: hashGeneratedText(base) });
        expect(read.pristine).toBe(withLineBreak(ours) === base);
      }),
      fuzzParameters(numRuns),
    );
  });

  it('keeps a hand edit of a line in a section the new render did not touch', () => {
    const forkOnly = fc
      .tuple(
        generatedPlan,
        fc.nat(),
        fc.nat(),
        word,
        generatedEdits(
          shape,
          allKinds.filter((k) => k !== 'ending'),
        ),
        provenance,
      )
      .filter(([plan]) => plan.sections.some((s) => s.lines.length > 0))
      .map(([plan, at, line, w, theirsEdits, prov]) => {
        const filled = plan.sections.filter((s) => s.lines.length > 0);
        const section = filled[at % filled.length]!;
        const index = line % section.lines.length;
        const removed = section.lines[index]!;
        const edited: GenDoc = {
          ...plan,
          sections: plan.sections.map((s) =>
            s === section
              ? { ...s, lines: s.lines.map((l, i) => (i === index ? `${w} o0` : l)) }
              : s,
          ),
        };
        return {
          base: renderDoc(plan),
          ours: renderDoc(edited),
          theirs: renderDoc(applyEdits(plan, theirsEdits, 't', [section.title])),
          removed,
          added: `${w} o0`,
          provenance: prov,
        };
      });
    fc.assert(
      fc.property(forkOnly, ({ base, ours, theirs, removed, added, provenance: prov }) => {
        const result = rebasePlan({ base, ours, theirs, provenance: prov });
        const lines = readProvenance(result.text).content.split('\n');
        expect(lines).toContain(added);
        expect(lines).not.toContain(removed);
        // The new render's own lines are all there too.
        for (const line of theirs.split('\n')) if (line !== removed) expect(lines).toContain(line);
        expect(result.clean).toBe(true);
      }),
      fuzzParameters(numRuns),
    );
  });

  it('gives the same result when rebasing the same texts twice', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        expect(rebasePlan({ ...input })).toEqual(rebasePlan({ ...input }));
      }),
      fuzzParameters(numRuns),
    );
  });

  it('always ends with the new render’s provenance, and reports every conflict block it writes', () => {
    fc.assert(
      fc.property(scenario, ({ base, ours, theirs, provenance: prov }) => {
        const result = rebasePlan({ base, ours, theirs, provenance: prov });
        const read = readProvenance(result.text);
        expect(read.provenance).toEqual({
          ...prov,
          outputSha256: hashGeneratedText(withLineBreak(theirs)),
        });
        const lines = result.text.split('\n');
        const opening = lines.flatMap((line, i) => (line.startsWith('<<<<<<< ') ? [i + 1] : []));
        expect(result.conflicts.map((c) => c.line)).toEqual(opening);
        expect(result.clean).toBe(opening.length === 0);
        for (const c of result.conflicts) {
          expect(lines[c.line - 1]).toBe('<<<<<<< edited');
          expect(lines[c.endLine - 1]).toBe('>>>>>>> regenerated');
        }
      }),
      fuzzParameters(numRuns),
    );
  });

  it('keeps every line the user added, merged in or inside a conflict block, when both sides changed', () => {
    fc.assert(
      fc.property(scenario, ({ base, ours, theirs, provenance: prov }) => {
        const content = readProvenance(
          rebasePlan({ base, ours, theirs, provenance: prov }).text,
        ).content;
        expectChangesKept(content, base, ours, theirs);
        expectChangesKept(content, base, theirs, ours);
      }),
      fuzzParameters(numRuns),
    );
  });

  it('gives the edited plan when the new render made exactly the user’s edits', () => {
    fc.assert(
      fc.property(scenario, ({ base, ours, provenance: prov }) => {
        const result = rebasePlan({ base, ours, theirs: ours, provenance: prov });
        expect(result.clean).toBe(true);
        expect(readProvenance(result.text).content).toBe(withLineBreak(ours));
      }),
      fuzzParameters(numRuns),
    );
  });
});
