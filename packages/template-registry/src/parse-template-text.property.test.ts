import { isSpecforgeError, parseTemplateFile } from '@specforge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTemplateText } from './parse-template-text.js';
import { fuzzParameters } from './test-utils/fuzz.js';

/** What a parse gives: the template, or the error, by the fields a user sees. */
function outcome(parse: () => unknown): unknown {
  try {
    return { ok: parse() };
  } catch (error) {
    if (!isSpecforgeError(error)) throw error;
    return { code: error.code, message: error.message, location: error.location, hint: error.hint };
  }
}

const frontMatterLine = fc.constantFrom(
  'id: plan',
  'id: doc-001',
  'id: Bad Id',
  'kind: other',
  'kind: plan',
  'kind: nope',
  'description: ""',
  'description: Our plan',
  'inputs: {}',
  'inputs: { ticket: { required: true } }',
  'output: plan.md',
  'output: ../up.md',
  'requiredSections: [context, testing]',
  'placeholders: ["[TODO]"]',
  'unknown: 1',
  '# a comment',
  '',
);
const templateText = fc
  .tuple(
    fc.array(frontMatterLine, { maxLength: 6 }),
    fc.constantFrom('# Plan\n\n## Context\n', '', 'text\r\nwith CRLF\r\n'),
    fc.boolean(),
  )
  .map(([lines, body, bom]) => `${bom ? '\uFEFF' : ''}---\n${lines.join('\n')}\n---\n${body}`);
const fileAndPack = fc.record({
  file: fc.constantFrom('packs/a/plan.md', 'other/plan.md'),
  pack: fc.record({ name: fc.constantFrom('a', 'b'), version: fc.constantFrom('1.0.0', '2.0.0') }),
});

describe('parseTemplateText', () => {
  it('gives what parseTemplateFile gives, the first time and every time after, for any file and pack', () => {
    fc.assert(
      fc.property(templateText, fileAndPack, fileAndPack, (text, first, second) => {
        for (const options of [first, second, first]) {
          expect(outcome(() => parseTemplateText(text, options))).toEqual(
            outcome(() => parseTemplateFile(text, options)),
          );
        }
      }),
      fuzzParameters(300),
    );
  });

  it('returns metadata that no other result shares', () => {
    const text = '---\nid: plan\nkind: plan\nrequiredSections: [context]\n---\n# Plan\n';
    const options = { file: 'plan.md', pack: { name: 'a', version: '1.0.0' } };
    const first = parseTemplateText(text, options);
    first.meta.requiredSections.push('changed');
    first.meta.description = 'changed';
    expect(parseTemplateText(text, options)).toEqual(parseTemplateFile(text, options));
  });
});
