import { attachProvenance, hashGeneratedText, readProvenance } from '@specforge/core';
import { describe, expect, it } from 'vitest';
import { rebasePlan } from './rebase-plan.js';

const provenance = {
  template: 'team@1.1.0#plan',
  templateSha256: 'a'.repeat(64),
  spec: 'specs/042/spec.md',
  specSha256: 'b'.repeat(64),
};

const base =
  '# Plan\n\n## Summary\n\nSummarize.\n\n## Context\n\n- Language: to decide\n\n## Spec\n\nFR-001\n';
const ours = base.replace('Summarize.', 'Checkout for the web shop.');
const theirs = base.replace('FR-001\n', 'FR-001\nFR-002\n');

describe('rebasePlan', () => {
  it('keeps the hand edit and takes the new render when they touch different sections', () => {
    const result = rebasePlan({ base, ours, theirs, provenance });
    expect(result.clean).toBe(true);
    expect(result.conflicts).toEqual([]);
    const read = readProvenance(result.text);
    expect(read.content).toBe(
      '# Plan\n\n## Summary\n\nCheckout for the web shop.\n\n## Context\n\n- Language: to decide\n\n## Spec\n\nFR-001\nFR-002\n',
    );
    // The block records the new inputs, and the new render's hash: the plan reads as edited.
    expect(read.provenance).toEqual({ ...provenance, outputSha256: hashGeneratedText(theirs) });
    expect(read.pristine).toBe(false);
  });

  it('returns exactly what planSpec writes for the new render when the plan was not edited', () => {
    const result = rebasePlan({ base, ours: base, theirs, provenance });
    expect(result.text).toBe(attachProvenance(theirs, provenance));
    expect(readProvenance(result.text).pristine).toBe(true);
  });

  it('marks a conflict and still attaches the provenance when both sides changed the same line', () => {
    const result = rebasePlan({
      base,
      ours: base.replace('to decide', 'TypeScript'),
      theirs: base.replace('to decide', 'Go'),
      provenance,
    });
    expect(result.clean).toBe(false);
    expect(result.conflicts).toEqual([
      { section: 'context', line: 9, endLine: 15, kind: 'content' },
    ]);
    expect(readProvenance(result.text).content).toMatchInlineSnapshot(`
      "# Plan

      ## Summary

      Summarize.

      ## Context

      <<<<<<< edited
      - Language: TypeScript
      ||||||| generated
      - Language: to decide
      =======
      - Language: Go
      >>>>>>> regenerated

      ## Spec

      FR-001
      "
    `);
    expect(readProvenance(result.text).provenance?.outputSha256).toBe(
      hashGeneratedText(base.replace('to decide', 'Go')),
    );
  });

  it('writes the labels it is given after the markers', () => {
    const result = rebasePlan({
      base,
      ours: base.replace('to decide', 'TypeScript'),
      theirs: base.replace('to decide', 'Go'),
      provenance,
      labels: { ours: 'plan.md', theirs: 'team@1.1.0' },
    });
    const lines = result.text.split('\n');
    expect(lines.filter((line) => /^(?:<{7}|\|{7}|>{7})/.test(line))).toEqual([
      '<<<<<<< plan.md',
      '||||||| generated',
      '>>>>>>> team@1.1.0',
    ]);
  });

  it('keeps CRLF line breaks of the edited plan, provenance block included', () => {
    const crlf = ours.replace(/\n/g, '\r\n');
    const result = rebasePlan({ base, ours: crlf, theirs, provenance });
    expect(result.text.replace(/\r\n/g, '')).not.toContain('\n');
    const read = readProvenance(result.text);
    expect(read.provenance?.outputSha256).toBe(hashGeneratedText(theirs));
    expect(read.content).toContain('Checkout for the web shop.\r\n');
  });

  it('ends the merged text with a line break before the block when the edited plan has none', () => {
    const result = rebasePlan({ base, ours: ours.trimEnd(), theirs: base, provenance });
    expect(result.text.startsWith(`${ours.trimEnd()}\n\n<!-- specforge:provenance\n`)).toBe(true);
    expect(readProvenance(result.text).content).toBe(`${ours.trimEnd()}\n`);
  });

  it('refuses an edited plan that still holds conflict markers from an earlier rebase', () => {
    const leftover = base.replace(
      '- Language: to decide',
      '<<<<<<< edited\n- a\n=======\n- b\n>>>>>>> regenerated',
    );
    expect(() =>
      rebasePlan({ base, ours: leftover, theirs, provenance, file: 'specs/042/plan.md' }),
    ).toThrow(
      expect.objectContaining({
        code: 'SPECFORGE_MERGE_UNRESOLVED_CONFLICT',
        location: { file: 'specs/042/plan.md', line: 9 },
      }),
    );
  });
});
