import { describe, expect, it } from 'vitest';
import { SpecforgeError } from '../errors/index.js';
import { createRenderEnvironment } from './environment.js';
import { makeTemplate, render, renderError, summarize } from './test-utils/template.js';

describe('strict inputs', () => {
  it('names the input and its position in the file when the body starts on line 7', () => {
    const error = renderError('# Plan\n\nOwner: {{owner}}\n');
    expect(error).toBeInstanceOf(SpecforgeError);
    expect(summarize(error)).toEqual({
      code: 'SPECFORGE_TEMPLATE_INPUT_MISSING',
      message: 'The template uses the input "owner", which was not provided.',
      location: { file: 'templates/test.md', line: 9, column: 10 },
    });
    expect((error as SpecforgeError).hint).toBe(
      'Provide "owner" and declare it in the template\'s inputs, or fix the name. Inside {{#each}} and {{#with}} names refer to the current item: write ../owner or @root.owner for a top-level input.',
    );
  });

  it('names the dotted path up to the missing field when a nested field is absent', () => {
    const error = renderError('\n  {{spec.titel.text}}', { spec: { title: 'x' } });
    expect(summarize(error)).toEqual({
      code: 'SPECFORGE_TEMPLATE_INPUT_MISSING',
      message: 'The template uses the input "spec.titel", which was not provided.',
      location: { file: 'templates/test.md', line: 8, column: 5 },
    });
    expect((error as SpecforgeError).hint).toBe(
      '"spec" has no field "titel". Check the name (fields of the spec model that can be empty are always present); read a field that may be absent with {{lookup spec "titel"}}.',
    );
  });

  it('names the first segment when the head of a path is absent', () => {
    expect(summarize(renderError('{{project.name.first}}'))).toMatchObject({
      message: 'The template uses the input "project", which was not provided.',
      location: { file: 'templates/test.md', line: 7, column: 3 },
    });
  });

  it.each([
    ['{{#if owner}}x{{/if}}', 'owner', 7],
    ['{{#unless owner}}x{{/unless}}', 'owner', 11],
    ['{{#each stories}}x{{/each}}', 'stories', 9],
    ['{{#with owner}}x{{/with}}', 'owner', 9],
    ['{{upper owner}}', 'owner', 9],
    ['{{join xs sep}}', 'sep', 11],
    ['{{#if (eq owner "a")}}x{{/if}}', 'owner', 11],
    ['{{> part title=owner}}', 'owner', 16],
    ['{{^owner}}x{{/owner}}', 'owner', 4],
  ])('fails for a missing input used as an argument in %j', (body, input, column) => {
    expect(summarize(renderError(body, { xs: [] }))).toEqual({
      code: 'SPECFORGE_TEMPLATE_INPUT_MISSING',
      message: `The template uses the input "${input}", which was not provided.`,
      location: { file: 'templates/test.md', line: 7, column },
    });
  });

  it('locates a missing field of a list item inside {{#each}}', () => {
    const body = '{{#each stories}}\n- {{titel}}\n{{/each}}';
    expect(summarize(renderError(body, { stories: [{ title: 'a' }] }))).toEqual({
      code: 'SPECFORGE_TEMPLATE_INPUT_MISSING',
      message: 'The template uses the input "titel", which was not provided.',
      location: { file: 'templates/test.md', line: 8, column: 5 },
    });
  });

  it('reports a field of a text value as missing with its position', () => {
    const error = renderError('{{#each xs}}{{this.id}}{{/each}}', { xs: ['a'] });
    expect(summarize(error)).toEqual({
      code: 'SPECFORGE_TEMPLATE_INPUT_MISSING',
      message: 'The template uses the input "this.id", which was not provided.',
      location: { file: 'templates/test.md', line: 7, column: 15 },
    });
    expect((error as SpecforgeError).hint).toBe(
      'The current item has no field "id". Check the name, and that the list holds objects rather than texts.',
    );
  });

  it.each([
    ['{{#each xs as |x|}}{{x.nope}}{{/each}}', 'x.nope', 22],
    ['{{@root.nope}}', '@root.nope', 3],
    ['{{#each xs}}{{../nope}}{{/each}}', '../nope', 15],
    ['{{#each xs}}{{@nope}}{{/each}}', '@nope', 15],
  ])('fails for a missing %j', (body, input, column) => {
    expect(summarize(renderError(body, { xs: [{}] }))).toEqual({
      code: 'SPECFORGE_TEMPLATE_INPUT_MISSING',
      message: `The template uses the input "${input}", which was not provided.`,
      location: { file: 'templates/test.md', line: 7, column },
    });
  });

  it('renders empty for a key that is present with the value undefined', () => {
    expect(
      render('[{{spec.owner}}]{{#if spec.owner}}x{{else}}none{{/if}}', {
        spec: { owner: undefined },
      }),
    ).toBe('[]none');
  });

  it('reads a field that may be absent through lookup', () => {
    expect(render('[{{lookup spec "owner"}}]', { spec: {} })).toBe('[]');
  });

  it('reads own fields of a text value such as its length', () => {
    expect(render('{{title.length}}', { title: 'abc' })).toBe('3');
  });

  it('counts CRLF line breaks in the body like LF when locating', () => {
    expect(summarize(renderError('a\r\nb\r\n  {{nope}}'))).toMatchObject({
      location: { file: 'templates/test.md', line: 9, column: 5 },
    });
  });
});

describe('declared inputs', () => {
  const environment = createRenderEnvironment();
  const template = makeTemplate(
    '{{#if audience}}For {{audience}}.{{else}}For everyone.{{/if}} {{owner}}',
    {
      inputs: {
        audience: { required: false, description: 'Who reads the plan.' },
        owner: { required: true, description: 'Who owns the plan.' },
      },
    },
  );

  it('passes an omitted optional input as undefined when it is declared', () => {
    expect(environment.render(template, { owner: 'ana' })).toBe('For everyone. ana');
    expect(environment.render(template, { owner: 'ana', audience: 'ops' })).toBe('For ops. ana');
  });

  it('fails before rendering when a required input is missing', () => {
    let called = false;
    const spying = createRenderEnvironment({
      helpers: {
        spy: () => {
          called = true;
          return '';
        },
      },
    });
    const error = (() => {
      try {
        spying.render({ ...template, body: `{{spy}}${template.body}` }, { audience: 'ops' });
      } catch (caught) {
        return caught as SpecforgeError;
      }
    })();
    expect(called).toBe(false);
    expect(summarize(error)).toEqual({
      code: 'SPECFORGE_TEMPLATE_INPUT_MISSING',
      message: 'The template uses the input "owner", which was not provided.',
      location: { file: 'templates/test.md' },
    });
    expect(error?.hint).toBe(
      'templates/test.md declares "owner" as a required input: provide it, or declare it with required: false.',
    );
  });

  it('treats a required input set to undefined as missing and null as provided', () => {
    expect(() => environment.render(template, { owner: undefined })).toThrow('"owner"');
    expect(environment.render(template, { owner: null })).toBe('For everyone. ');
  });

  it("leaves the caller's inputs unchanged", () => {
    const inputs = { owner: 'ana' };
    environment.render(template, inputs);
    expect(inputs).toEqual({ owner: 'ana' });
  });
});
