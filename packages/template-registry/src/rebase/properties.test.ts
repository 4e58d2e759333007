import { attachProvenance, hashGeneratedText, readProvenance } from '@specforge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rebasePlan } from './rebase-plan.js';

// Generated plans: a title, an introduction and sections (a heading of level 2–3 and lines), as
// merge/properties.test.ts generates templates. Every line and title carries a unique id (`b3`
// in the generated text, `o3` in lines the user wrote, `t3` in the new render's), so a line can
// only be in the result because some side has it.

interface GenSection {
  level: number;
  title: string;
  lines: string[];
}

interface GenPlan {
  intro: string[];
  sections: GenSection[];
  ending: string;
}

const word = fc.constantFrom('Text', '- item', '1. step', '**Goal:**', '| a | b |');
const endings = ['', '\n', '\n\n'] as const;

function render(plan: GenPlan): string {
  const blocks = ['# Plan'];
  if (plan.intro.length > 0) blocks.push(plan.intro.join('\n'));
  for (const section of plan.sections) {
    blocks.push(`${'#'.repeat(section.level)} ${section.title}`);
    if (section.lines.length > 0) blocks.push(section.lines.join('\n'));
  }
  return blocks.join('\n\n') + plan.ending;
}

const generatedPlan = fc
  .record({
    intro: fc.array(word, { maxLength: 2 }),
    sections: fc.array(
      fc.record({ level: fc.integer({ min: 2, max: 3 }), lines: fc.array(word, { maxLength: 4 }) }),
      { maxLength: 7 },
    ),
    // A generated plan always ends with a line break (attachProvenance adds one).
    ending: fc.constantFrom('\n', '\n\n'),
  })
  .map(({ intro, sections, ending }): GenPlan => {
    let id = 0;
    return {
      intro: intro.map((w) => `${w} b${id++}`),
      sections: sections.map((section) => ({
        level: section.level,
        title: `Title b${id++}`,
        lines: section.lines.map((w) => `${w} b${id++}`),
      })),
      ending,
    };
  });

type EditKind =
  | 'edit-line'
  | 'add-line'
  | 'remove-line'
  | 'add-section'
  | 'remove-section'
  | 'rename-section'
  | 'edit-intro'
  | 'ending';

interface Edit {
  kind: EditKind;
  at: number;
  line: number;
  level: number;
  word: string;
}

const edit = (kinds: readonly EditKind[]) =>
  fc.record({
    kind: fc.constantFrom(...kinds),
    at: fc.nat({ max: 50 }),
    line: fc.nat({ max: 50 }),
    level: fc.integer({ min: 2, max: 3 }),
    word,
  });

const allKinds: EditKind[] = [
  'edit-line',
  'add-line',
  'remove-line',
  'add-section',
  'remove-section',
  'rename-section',
  'edit-intro',
  'ending',
];
const edits = fc.array(edit(allKinds), { maxLength: 5 });

/** The plan after `list`, with new lines marked by `prefix`; sections in `keep` are left alone. */
function applyEdits(
  plan: GenPlan,
  list: readonly Edit[],
  prefix: string,
  keep?: GenSection,
): GenPlan {
  const out: GenPlan = {
    intro: [...plan.intro],
    sections: plan.sections.map((s) => ({ ...s, lines: [...s.lines] })),
    ending: plan.ending,
  };
  const kept = keep && out.sections.find((s) => s.title === keep.title);
  let id = 0;
  const fresh = (w: string) => `${w} ${prefix}${id++}`;
  for (const e of list) {
    const others = out.sections.filter((s) => s !== kept);
    const section = others.length > 0 ? others[e.at % others.length]! : undefined;
    const lines = section?.lines;
    switch (e.kind) {
      case 'edit-line':
        if (lines && lines.length > 0) lines[e.line % lines.length] = fresh(e.word);
        break;
      case 'add-line':
        lines?.splice(e.line % (lines.length + 1), 0, fresh(e.word));
        break;
      case 'remove-line':
        if (lines && lines.length > 0) lines.splice(e.line % lines.length, 1);
        break;
      case 'add-section':
        out.sections.splice(e.at % (out.sections.length + 1), 0, {
          level: e.level,
          title: fresh('Title'),
          lines: [fresh(e.word)],
        });
        break;
      case 'remove-section':
        if (section) out.sections.splice(out.sections.indexOf(section), 1);
        break;
      case 'rename-section':
        if (section) section.title = fresh('Title');
        break;
      case 'edit-intro':
        if (out.intro.length > 0) out.intro[e.line % out.intro.length] = fresh(e.word);
        else out.intro.push(fresh(e.word));
        break;
      case 'ending':
        out.ending = endings[e.line % endings.length]!;
        break;
    }
  }
  return out;
}

const provenance = fc.record({
  template: fc.constantFrom('speckit@1.0.0#plan', 'acme@2.1.0#plan'),
  templateSha256: fc.constantFrom('a'.repeat(64), 'c'.repeat(64)),
  spec: fc.constantFrom('specs/042/spec.md', 'specs/a-->b/spec.md'),
  specSha256: fc.constantFrom('b'.repeat(64), 'd'.repeat(64)),
});

const scenario = fc
  .tuple(generatedPlan, edits, edits, provenance)
  .map(([plan, oursEdits, theirsEdits, prov]) => ({
    base: render(plan),
    ours: render(applyEdits(plan, oursEdits, 'o')),
    theirs: render(applyEdits(plan, theirsEdits, 't')),
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
      { numRuns },
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
      { numRuns },
    );
  });

  it('keeps a hand edit of a line in a section the new render did not touch', () => {
    const forkOnly = fc
      .tuple(
        generatedPlan,
        fc.nat(),
        fc.nat(),
        word,
        fc.array(edit(allKinds.filter((k) => k !== 'ending')), { maxLength: 5 }),
        provenance,
      )
      .filter(([plan]) => plan.sections.some((s) => s.lines.length > 0))
      .map(([plan, at, line, w, theirsEdits, prov]) => {
        const filled = plan.sections.filter((s) => s.lines.length > 0);
        const section = filled[at % filled.length]!;
        const index = line % section.lines.length;
        const removed = section.lines[index]!;
        const edited: GenPlan = {
          ...plan,
          sections: plan.sections.map((s) =>
            s === section
              ? { ...s, lines: s.lines.map((l, i) => (i === index ? `${w} o0` : l)) }
              : s,
          ),
        };
        return {
          base: render(plan),
          ours: render(edited),
          theirs: render(applyEdits(plan, theirsEdits, 't', section)),
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
      { numRuns },
    );
  });

  it('gives the same result when rebasing the same texts twice', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        expect(rebasePlan({ ...input })).toEqual(rebasePlan({ ...input }));
      }),
      { numRuns },
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
      { numRuns },
    );
  });
});
