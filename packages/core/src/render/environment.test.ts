import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isSpecforgeError, type SpecforgeError } from '../errors/index.js';
import { createRenderEnvironment } from './environment.js';
import { builtinHelpers } from './helpers/index.js';
import { makeTemplate, summarize } from './test-utils/template.js';

function failure(run: () => unknown): SpecforgeError {
  try {
    run();
  } catch (error) {
    if (isSpecforgeError(error)) return error;
    throw error;
  }
  throw new Error('Expected a SpecforgeError.');
}

describe('createRenderEnvironment', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('renders Markdown without HTML escaping when values hold markup', () => {
    const environment = createRenderEnvironment();
    expect(environment.render(makeTemplate('{{a}} {{{a}}}'), { a: '<b>&amp;</b> "q"' })).toBe(
      '<b>&amp;</b> "q" <b>&amp;</b> "q"',
    );
  });

  it('lists the helpers templates can call', () => {
    expect(createRenderEnvironment().helperNames).toEqual([
      'add',
      'and',
      'cell',
      'date',
      'default',
      'each',
      'eq',
      'fence',
      'groupBy',
      'if',
      'indent',
      'join',
      'length',
      'lookup',
      'lower',
      'mentioning',
      'ne',
      'not',
      'numberFrom',
      'or',
      'pad',
      'slug',
      'sortBy',
      'unless',
      'upper',
      'with',
    ]);
  });

  it('compiles a template once when it is rendered repeatedly', () => {
    const parser = (Handlebars as unknown as { Parser: { parse: (input: string) => unknown } })
      .Parser;
    const parse = vi.spyOn(parser, 'parse');
    const environment = createRenderEnvironment();
    const template = makeTemplate('Hello {{name}}');
    expect(environment.render(template, { name: 'a' })).toBe('Hello a');
    expect(environment.render({ ...template }, { name: 'b' })).toBe('Hello b');
    expect(environment.compile(template).render({ name: 'c' })).toBe('Hello c');
    expect(parse).toHaveBeenCalledTimes(1);
    environment.render({ ...template, file: 'templates/other.md' }, { name: 'd' });
    environment.render({ ...template, body: 'Bye {{name}}' }, { name: 'e' });
    expect(parse).toHaveBeenCalledTimes(3);
  });

  it('locates errors with the bodyLine of the template rendered when the compilation is cached', () => {
    const environment = createRenderEnvironment();
    environment.render(makeTemplate('{{#if x}}{{nope}}{{/if}}', { bodyLine: 3 }), { x: false });
    const error = failure(() =>
      environment.render(makeTemplate('{{#if x}}{{nope}}{{/if}}', { bodyLine: 12 }), { x: true }),
    );
    expect(error.location).toEqual({ file: 'templates/test.md', line: 12, column: 12 });
  });

  it('reports syntax errors from compile without any inputs', () => {
    expect(failure(() => createRenderEnvironment().compile(makeTemplate('{{#each x}}'))).code).toBe(
      'SPECFORGE_TEMPLATE_SYNTAX',
    );
  });
});

describe('partials', () => {
  const environment = createRenderEnvironment({
    partials: {
      title: '# {{spec.title}}',
      footer: { body: '\n---\nOwned by {{owner}}.', file: 'partials/footer.md', bodyLine: 4 },
      nested: '[{{> title}}]',
    },
  });

  it('renders partials given as source or with their file', () => {
    // A partial alone on its line replaces the line, line break included (Handlebars' standalone rule).
    const output = environment.render(
      makeTemplate('{{> nested}}\n{{> footer owner="ana"}}\n{{> footer}}'),
      {
        spec: { title: 'Checkout' },
        owner: 'bo',
      },
    );
    expect(output).toBe('[# Checkout]\n---\nOwned by ana.\n---\nOwned by bo.');
  });

  it('renders inline partials defined in the template', () => {
    expect(
      environment.render(
        makeTemplate('{{#*inline "item"}}- {{.}}\n{{/inline}}{{#each xs}}{{> item}}{{/each}}'),
        { xs: ['a', 'b'] },
      ),
    ).toBe('- a\n- b\n');
  });

  it("locates a missing input inside a partial in the partial's file", () => {
    expect(summarize(failure(() => environment.render(makeTemplate('{{> footer}}'), {})))).toEqual({
      code: 'SPECFORGE_TEMPLATE_INPUT_MISSING',
      message: 'The template uses the input "owner", which was not provided.',
      location: { file: 'partials/footer.md', line: 6, column: 12 },
    });
  });

  it('names a partial given as source when an error happens inside it', () => {
    expect(
      summarize(failure(() => environment.render(makeTemplate('{{> nested}}'), { spec: {} }))),
    ).toEqual({
      code: 'SPECFORGE_TEMPLATE_INPUT_MISSING',
      message: 'The template uses the input "spec.title", which was not provided.',
      location: { file: 'partial "title"', line: 1, column: 5 },
    });
  });

  it('locates a call of a missing partial in the template', () => {
    expect(
      summarize(failure(() => environment.render(makeTemplate('a\n  {{> headr}}'), {}))),
    ).toEqual({
      code: 'SPECFORGE_TEMPLATE_RENDER_FAILED',
      message: 'The template failed to render: there is no partial "headr".',
      location: { file: 'templates/test.md', line: 8, column: 3 },
    });
  });

  it('fails at creation when a partial has a syntax error', () => {
    const error = failure(() =>
      createRenderEnvironment({
        partials: { broken: { body: 'ok\n{{#if x}}', file: 'partials/broken.md', bodyLine: 2 } },
      }),
    );
    expect([error.code, error.location]).toEqual([
      'SPECFORGE_TEMPLATE_SYNTAX',
      { file: 'partials/broken.md', line: 3, column: 10 },
    ]);
  });
});

describe('trusted helpers', () => {
  it('calls a trusted helper with its arguments, named arguments and context', () => {
    const environment = createRenderEnvironment({
      helpers: {
        describeCall: ({ args, hash, block, context }) =>
          JSON.stringify({ args, hash, block: block?.render(context), context }),
      },
    });
    expect(
      environment.render(makeTemplate('{{#describeCall 1 "two" k=true}}{{x}}{{/describeCall}}'), {
        x: 'X',
      }),
    ).toBe('{"args":[1,"two"],"hash":{"k":true},"block":"X","context":{"x":"X"}}');
  });

  it('reports what a trusted helper throws at the call', () => {
    const environment = createRenderEnvironment({
      helpers: {
        explode: () => {
          throw new Error('no network in templates');
        },
      },
    });
    const error = failure(() => environment.render(makeTemplate('\n\n  {{explode}}'), {}));
    expect(summarize(error)).toEqual({
      code: 'SPECFORGE_TEMPLATE_RENDER_FAILED',
      message: 'The template failed to render: no network in templates',
      location: { file: 'templates/test.md', line: 9, column: 3 },
    });
    expect(error.hint).toBe('See the explode helper in docs/rendering.md.');
  });

  it.each([['eq'], ['if'], ['log'], ['helperMissing'], ['has space'], ['']])(
    'refuses a trusted helper named %j',
    (name) => {
      expect(() => createRenderEnvironment({ helpers: { [name]: () => '' } })).toThrow(TypeError);
    },
  );
});

describe('docs/rendering.md', () => {
  it('documents every built-in helper', () => {
    const docs = readFileSync(new URL('../../../../docs/rendering.md', import.meta.url), 'utf8');
    const documented = [...docs.matchAll(/^### `([A-Za-z]+)/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(Object.keys(builtinHelpers).sort());
  });
});
