import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachProvenance, hashGeneratedText, readProvenance } from './provenance.js';

const meta = {
  template: 'speckit@1.0.0#plan',
  templateSha256: 'a'.repeat(64),
  spec: 'specs/001-x/spec.md',
  specSha256: 'b'.repeat(64),
};

describe('attachProvenance', () => {
  it('appends one HTML comment after a blank line', () => {
    expect(attachProvenance('# Plan\n', meta)).toBe(
      [
        '# Plan',
        '',
        '<!-- specforge:provenance',
        'template: "speckit@1.0.0#plan"',
        `template-sha256: "${'a'.repeat(64)}"`,
        'spec: "specs/001-x/spec.md"',
        `spec-sha256: "${'b'.repeat(64)}"`,
        `output-sha256: "${hashGeneratedText('# Plan\n')}"`,
        '-->',
        '',
      ].join('\n'),
    );
  });

  it('escapes a spec path that would close the comment', () => {
    const file = attachProvenance('x\n', { ...meta, spec: 'odd-->name/spec.md' });
    expect(file.match(/-->/g)).toHaveLength(1);
    expect(readProvenance(file).provenance?.spec).toBe('odd-->name/spec.md');
  });
});

describe('readProvenance', () => {
  it('gives back the content and the fields after a round trip', () => {
    const file = attachProvenance('# Plan\n\nBody\n', meta);
    expect(readProvenance(file)).toEqual({
      content: '# Plan\n\nBody\n',
      provenance: { ...meta, outputSha256: hashGeneratedText('# Plan\n\nBody\n') },
      pristine: true,
    });
  });

  it('still sees a pristine document after git converted it to CRLF', () => {
    const file = attachProvenance('# Plan\n\nBody\n', meta).replace(/\n/g, '\r\n');
    expect(readProvenance(file).pristine).toBe(true);
  });

  it('reports an edit when the content changed', () => {
    const file = attachProvenance('# Plan\n\nBody\n', meta).replace('Body', 'Edited body');
    expect(readProvenance(file)).toMatchObject({ pristine: false, provenance: meta });
  });

  it('finds no provenance in a hand-written document', () => {
    expect(readProvenance('# Notes\n')).toEqual({
      content: '# Notes\n',
      provenance: undefined,
      pristine: false,
    });
  });

  it('ignores a provenance-looking comment that is not at the end', () => {
    const file = `${attachProvenance('# Plan\n', meta)}\nMore text\n`;
    expect(readProvenance(file).provenance).toBeUndefined();
  });

  it('round-trips any content and any spec path', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (content, spec) => {
        const read = readProvenance(attachProvenance(content, { ...meta, spec }));
        expect(read.pristine).toBe(true);
        expect(read.provenance?.spec).toBe(spec);
        expect(read.content).toBe(content.endsWith('\n') ? content : `${content}\n`);
      }),
      { numRuns: 300 },
    );
  });
});
