import { describe, expect, it } from 'vitest';
import { SpecforgeError } from '../errors/specforge-error.js';
import { parseTemplateFile } from './parse-template-file.js';

const options = { file: 'templates/plan.md', pack: { name: 'speckit', version: '1.0.0' } };

/** The error `parseTemplateFile` throws for `text`, reduced to what a user sees. */
function failure(text: string) {
  try {
    parseTemplateFile(text, options);
  } catch (error) {
    if (!(error instanceof SpecforgeError)) throw error;
    const { file, line, column } = error.location ?? {};
    return {
      code: error.code,
      message: error.message,
      at: `${file}:${line}${column ? `:${column}` : ''}`,
    };
  }
  throw new Error('expected parseTemplateFile to throw');
}

describe('parseTemplateFile', () => {
  it('reads the metadata and the body when the file is complete', () => {
    const text = [
      '---',
      'id: plan',
      'kind: plan',
      'description: >',
      '  The implementation plan.',
      'inputs:',
      '  audience: { required: true, description: Who reads the plan }',
      '  tone: {}',
      'output: plan.md',
      'requiredSections: [context, technical-approach/architecture]',
      '---',
      '# Plan for {{spec.title}}',
      '',
    ].join('\n');
    expect(parseTemplateFile(text, options)).toEqual({
      meta: {
        id: 'plan',
        kind: 'plan',
        description: 'The implementation plan.',
        inputs: {
          audience: { required: true, description: 'Who reads the plan' },
          tone: { required: false, description: '' },
        },
        output: 'plan.md',
        requiredSections: ['context', 'technical-approach/architecture'],
        placeholders: [],
        idPatterns: {},
        traces: [],
      },
      body: '# Plan for {{spec.title}}\n',
      file: 'templates/plan.md',
      bodyLine: 12,
      pack: { name: 'speckit', version: '1.0.0' },
    });
  });

  it('fills defaults when only id and kind are given', () => {
    const template = parseTemplateFile('---\nid: security-review\nkind: other\n---\nbody', options);
    expect(template.meta).toEqual({
      id: 'security-review',
      kind: 'other',
      description: '',
      inputs: {},
      output: 'security-review.md',
      requiredSections: [],
      placeholders: [],
      idPatterns: {},
      traces: [],
    });
    expect(template.body).toBe('body');
    expect(template.bodyLine).toBe(5);
  });

  it('keeps the body byte for byte, leading blank line included', () => {
    const template = parseTemplateFile('---\nid: a\nkind: spec\n---\n\n  {{x}}\n\n', options);
    expect(template.body).toBe('\n  {{x}}\n\n');
    expect(template.bodyLine).toBe(5);
  });

  it('returns an empty body when the file ends at the closing line', () => {
    expect(parseTemplateFile('---\nid: a\nkind: spec\n---', options).body).toBe('');
    expect(parseTemplateFile('---\nid: a\nkind: spec\n---\n', options).body).toBe('');
  });

  it('drops a byte-order mark and turns CRLF and CR into LF', () => {
    const template = parseTemplateFile(
      '\uFEFF---\r\nid: a\r\nkind: spec\r\n---\r\nline 1\r\nline 2\rline 3',
      options,
    );
    expect(template.meta.id).toBe('a');
    expect(template.body).toBe('line 1\nline 2\nline 3');
    expect(template.bodyLine).toBe(5);
  });

  it('accepts trailing spaces after the front matter fences', () => {
    expect(parseTemplateFile('--- \nid: a\nkind: spec\n---\t\nx', options).body).toBe('x');
  });

  it('does not treat a later "---" line in the body as front matter', () => {
    const template = parseTemplateFile(
      '---\nid: a\nkind: plan\n---\nabove\n\n---\n\nbelow\n',
      options,
    );
    expect(template.body).toBe('above\n\n---\n\nbelow\n');
  });

  it('reads aliases that stay small', () => {
    const text =
      '---\nid: a\nkind: plan\ninputs:\n  one: &input { required: true }\n  two: *input\n---\n';
    expect(parseTemplateFile(text, options).meta.inputs).toEqual({
      one: { required: true, description: '' },
      two: { required: true, description: '' },
    });
  });
});

describe('parseTemplateFile errors', () => {
  it.each([
    [
      'no front matter',
      '# Plan\n',
      'the file has no front matter. A template file starts with a "---" line, then YAML metadata (at least id and kind), then a closing "---" line.',
      'templates/plan.md:1',
    ],
    [
      'an unclosed front matter',
      '---\nid: plan\nkind: plan\n# Plan\n',
      'the front matter that opens on line 1 is never closed; end it with a "---" line.',
      'templates/plan.md:1',
    ],
    [
      'an empty front matter',
      '---\n---\nbody',
      'the front matter is empty; declare at least the template id and kind, e.g. "id: plan" and "kind: plan".',
      'templates/plan.md:1',
    ],
    [
      'invalid YAML',
      '---\nid: plan\nkind: [plan\n---\n',
      'the front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ].',
      'templates/plan.md:3:12',
    ],
    [
      'a duplicate key',
      '---\nid: plan\nkind: plan\nid: other\n---\n',
      'the front matter is not valid YAML: Map keys must be unique.',
      'templates/plan.md:4:1',
    ],
    [
      'an unresolved tag',
      '---\nid: !secret plan\nkind: plan\n---\n',
      'the front matter is not valid YAML: Unresolved tag: !secret.',
      'templates/plan.md:2:5',
    ],
    [
      'a list instead of a mapping',
      '---\n- id\n- kind\n---\n',
      'the front matter must be a mapping of metadata fields (key: value), not a list.',
      'templates/plan.md:2:1',
    ],
    [
      'a misspelt key',
      '---\nid: plan\nkind: plan\nrequiredSection: [context]\n---\n',
      'the front matter has an unknown key "requiredSection". Did you mean "requiredSections"?',
      'templates/plan.md:4:1',
    ],
    [
      'a snake_case key',
      '---\nid: plan\nkind: plan\nrequired_sections: []\n---\n',
      'the front matter has an unknown key "required_sections". Did you mean "requiredSections"?',
      'templates/plan.md:4:1',
    ],
    [
      'an unknown key nothing resembles',
      '---\nid: plan\nkind: plan\nextends: speckit/plan\n---\n',
      'the front matter has an unknown key "extends"; the known keys are id, kind, description, inputs, output, requiredSections, placeholders, idPatterns and traces.',
      'templates/plan.md:4:1',
    ],
    [
      'a key that is not a name',
      '---\nid: plan\nkind: plan\n? [a, b]\n: 1\n---\n',
      'the front matter has a key that is not a plain name; keys are id, kind, description, inputs, output, requiredSections, placeholders, idPatterns and traces.',
      'templates/plan.md:4:3',
    ],
    [
      'a missing id',
      '---\nkind: plan\n---\n',
      '"id" is missing; every template declares its id.',
      'templates/plan.md:1',
    ],
    [
      'a missing kind',
      '---\nid: plan\n---\n',
      '"kind" is missing; every template declares its kind.',
      'templates/plan.md:1',
    ],
    [
      'a numeric id',
      '---\nid: 42\nkind: plan\n---\n',
      '"id" must be a string, not the number 42.',
      'templates/plan.md:2:5',
    ],
    [
      'an empty id',
      '---\nid:\nkind: plan\n---\n',
      '"id" must be a string, not an empty value.',
      'templates/plan.md:2:1',
    ],
    [
      'an id with a slash',
      '---\nid: speckit/plan\nkind: plan\n---\n',
      '"id" is "speckit/plan"; a template id uses lower-case letters and digits, with "-", "_" or "." inside, e.g. plan or security-review.',
      'templates/plan.md:2:5',
    ],
    [
      'an unknown kind',
      '---\nid: plan\nkind: plans\n---\n',
      '"kind" is "plans"; it must be one of spec, plan, tasks, checklist, other. Did you mean "plan"?',
      'templates/plan.md:3:7',
    ],
    [
      'a description that is a list',
      '---\nid: plan\nkind: plan\ndescription:\n  - one\n---\n',
      '"description" must be a string, not a list.',
      'templates/plan.md:5:3',
    ],
    [
      'inputs that are a list',
      '---\nid: plan\nkind: plan\ninputs: [audience]\n---\n',
      '"inputs" must be a mapping of input names to { required, description }, not a list; write "inputs: {}" when there are none.',
      'templates/plan.md:4:9',
    ],
    [
      'inputs without a value',
      '---\nid: plan\nkind: plan\ninputs:\n---\n',
      '"inputs" must be a mapping of input names to { required, description }, not an empty value; write "inputs: {}" when there are none.',
      'templates/plan.md:4:1',
    ],
    [
      'an input that shadows a standard input',
      '---\nid: plan\nkind: plan\ninputs:\n  spec: { required: true }\n---\n',
      'the input "spec" is one every template gets already (SPECIFICATION, spec, project, template, today); remove it from "inputs".',
      'templates/plan.md:5:3',
    ],
    [
      'an input name that is not an identifier',
      '---\nid: plan\nkind: plan\ninputs:\n  team-name: {}\n---\n',
      'the input name "team-name" is not an identifier; use letters, digits and "_", starting with a letter.',
      'templates/plan.md:5:3',
    ],
    [
      'an input named __proto__',
      '---\nid: plan\nkind: plan\ninputs:\n  __proto__: {}\n---\n',
      'the input name "__proto__" is not an identifier; use letters, digits and "_", starting with a letter.',
      'templates/plan.md:5:3',
    ],
    [
      'an input given as a string',
      '---\nid: plan\nkind: plan\ninputs:\n  audience: the readers\n---\n',
      'the input "audience" must be a mapping such as { required: true, description: "…" }, not the string "the readers".',
      'templates/plan.md:5:13',
    ],
    [
      'an input with an unknown key',
      '---\nid: plan\nkind: plan\ninputs:\n  audience:\n    requird: true\n---\n',
      'the input "audience" has an unknown key "requird". Did you mean "required"?',
      'templates/plan.md:6:5',
    ],
    [
      'an input whose required flag is a string',
      '---\nid: plan\nkind: plan\ninputs:\n  audience: { required: "yes" }\n---\n',
      '"required" of the input "audience" must be true or false, not the string "yes".',
      'templates/plan.md:5:25',
    ],
    [
      'an output outside the spec folder',
      '---\nid: plan\nkind: plan\noutput: ../plan.md\n---\n',
      '"output" is "../plan.md"; it must be a file name inside the spec\'s folder, e.g. plan.md or checklists/requirements.md, without "." or ".." parts.',
      'templates/plan.md:4:9',
    ],
    [
      'an absolute output',
      '---\nid: plan\nkind: plan\noutput: /tmp/plan.md\n---\n',
      '"output" is "/tmp/plan.md"; it must be a file name relative to the spec\'s folder, e.g. plan.md.',
      'templates/plan.md:4:9',
    ],
    [
      'an output with backslashes',
      '---\nid: plan\nkind: plan\noutput: docs\\plan.md\n---\n',
      '"output" is "docs\\\\plan.md"; write paths with "/", not "\\".',
      'templates/plan.md:4:9',
    ],
    [
      'required sections given as one string',
      '---\nid: plan\nkind: plan\nrequiredSections: context\n---\n',
      '"requiredSections" must be a list of heading paths such as technical-approach/architecture, not the string "context".',
      'templates/plan.md:4:19',
    ],
    [
      'a required section written as a heading',
      '---\nid: plan\nkind: plan\nrequiredSections:\n  - context\n  - Technical Approach/Architecture\n---\n',
      'the required section "Technical Approach/Architecture" is not a heading path: each part is a heading\'s slug (lower case, "-" between words), parts separated by "/", e.g. technical-approach/architecture.',
      'templates/plan.md:6:5',
    ],
    [
      'a required section listed twice',
      '---\nid: plan\nkind: plan\nrequiredSections: [context, context]\n---\n',
      'the required section "context" is listed twice.',
      'templates/plan.md:4:29',
    ],
    [
      'a required section that is not a string',
      '---\nid: plan\nkind: plan\nrequiredSections: [context, 3]\n---\n',
      'each entry of "requiredSections" must be a heading path (a string), not the number 3.',
      'templates/plan.md:4:29',
    ],
  ])('reports %s', (_case, text, reason, at) => {
    expect(failure(text)).toEqual({
      code: 'SPECFORGE_TEMPLATE_META_INVALID',
      message: `The template metadata is invalid: ${reason}`,
      at,
    });
  });

  it('counts lines from the real file when it has a byte-order mark and CRLF endings', () => {
    expect(failure('\uFEFF---\r\nid: plan\r\nkind: plan\r\nouput: plan.md\r\n---\r\n').at).toBe(
      'templates/plan.md:4:1',
    );
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const text = [
      '---',
      'id: plan',
      'kind: plan',
      'inputs:',
      '  a: &a { description: x }',
      '  b: &b [*a, *a, *a, *a, *a, *a, *a, *a]',
      '  c: &c [*b, *b, *b, *b, *b, *b, *b, *b]',
      '  d: [*c, *c, *c, *c, *c, *c, *c, *c]',
      '---',
    ].join('\n');
    expect(failure(text)).toMatchInlineSnapshot(`
      {
        "at": "templates/plan.md:1",
        "code": "SPECFORGE_TEMPLATE_META_INVALID",
        "message": "The template metadata is invalid: the front matter cannot be read: Excessive alias count indicates a resource exhaustion attack.",
      }
    `);
  });
});
