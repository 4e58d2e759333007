import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../test-utils/fuzz.js';
import { attachProvenance } from './provenance.js';
import {
  PROVENANCE_FIELDS,
  parseCanonicalFields,
  parseProvenanceFields,
  parseYamlFields,
} from './provenance-fields.js';

const OPEN = '<!-- specforge:provenance';

/** The block between the opening line and `-->`, as readProvenance hands it over. */
function blockOf(file: string): string {
  const start = file.lastIndexOf(OPEN) + OPEN.length;
  return file.slice(start, file.lastIndexOf('-->'));
}

// Any text a field could hold: paths with quotes, backslashes, `-->`, control characters,
// non-BMP characters and lone surrogates.
const fieldText = fc.string({ unit: 'binary', maxLength: 40 });
const fields = fc.record({
  template: fieldText,
  templateSha256: fieldText,
  spec: fieldText,
  specSha256: fieldText,
});

describe('parseCanonicalFields', () => {
  it('reads every block attachProvenance writes, as YAML reads it', () => {
    fc.assert(
      fc.property(fields, fc.constantFrom('\n', '\r\n'), (meta, eol) => {
        const block = blockOf(attachProvenance('# Plan\n', meta)).replace(/\n/g, eol);
        const fast = parseCanonicalFields(block);
        expect(fast).toBeDefined();
        expect(fast).toEqual(parseYamlFields(block));
        expect(fast).toMatchObject(meta);
      }),
      fuzzParameters(300),
    );
  });

  it('gives way to YAML on anything else, and never disagrees with it', () => {
    // Mutations of a written block: a changed, added or dropped character anywhere.
    const mutated = fc
      .tuple(fields, fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 3 }))
      .map(([meta, at, cut, insert]) => {
        const block = blockOf(attachProvenance('x\n', meta));
        const from = at % (block.length + 1);
        return block.slice(0, from) + insert + block.slice(from + (cut % 3));
      });
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string({ unit: 'binary' })), (block) => {
        const fast = parseCanonicalFields(block);
        if (fast !== undefined) expect(fast).toEqual(parseYamlFields(block));
        expect(parseProvenanceFields(block)).toEqual(fast ?? parseYamlFields(block));
      }),
      fuzzParameters(500),
    );
  });

  it('leaves blocks written some other way to YAML', () => {
    const hash = 'a'.repeat(64);
    const cases = [
      // Plain scalars, single quotes, reordered keys, an extra key, trailing spaces.
      `\ntemplate: speckit@1.0.0#plan\ntemplate-sha256: ${hash}\nspec: s.md\nspec-sha256: ${hash}\noutput-sha256: ${hash}\n`,
      `\ntemplate: 'speckit@1.0.0#plan'\ntemplate-sha256: "${hash}"\nspec: "s.md"\nspec-sha256: "${hash}"\noutput-sha256: "${hash}"\n`,
      `\ntemplate-sha256: "${hash}"\ntemplate: "t"\nspec: "s.md"\nspec-sha256: "${hash}"\noutput-sha256: "${hash}"\n`,
      `\ntemplate: "t"\ntemplate-sha256: "${hash}"\nspec: "s.md"\nspec-sha256: "${hash}"\noutput-sha256: "${hash}"\nby: "me"\n`,
      `\ntemplate: "t" \ntemplate-sha256: "${hash}"\nspec: "s.md"\nspec-sha256: "${hash}"\noutput-sha256: "${hash}"\n`,
    ];
    for (const block of cases) {
      expect(parseCanonicalFields(block)).toBeUndefined();
      expect(parseProvenanceFields(block)).toEqual(parseYamlFields(block));
      expect(parseProvenanceFields(block)).toBeDefined();
    }
  });

  it('knows the fields in the order they are written', () => {
    expect(PROVENANCE_FIELDS.map(([key]) => key)).toEqual([
      'template',
      'template-sha256',
      'spec',
      'spec-sha256',
      'output-sha256',
    ]);
  });
});
