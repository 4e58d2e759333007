import Handlebars from 'handlebars';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, renderError, summarize } from './test-utils/template.js';

declare global {
  var __specforgePwned: boolean | undefined;
}

const payload = 'return globalThis.__specforgePwned = true';

// The RCE chain of the Handlebars advisories (npm 755 / 1164): calls String.prototype.sub's
// constructor (Function) with attacker code through array methods reached from a string.
const rceChain = `{{#with "s" as |string|}}
  {{#with "e"}}
    {{#with split as |conslist|}}
      {{this.pop}}
      {{this.push (lookup string.sub "constructor")}}
      {{this.pop}}
      {{#with string.split as |codelist|}}
        {{this.pop}}
        {{this.push "${payload}"}}
        {{this.pop}}
        {{#each conslist}}
          {{#with (string.sub.apply 0 codelist)}}
            {{this}}
          {{/with}}
        {{/each}}
      {{/with}}
    {{/with}}
  {{/with}}
{{/with}}`;

// The 4.5.x advisory variant, built from the same pieces with other helpers.
const concatChain = `{{#with "constructor"}}{{#with split as |a|}}{{pop (push "${payload}")}}{{#with join as |b|}}{{#with (concat (lookup join (slice 0 1)))}}{{#each (slice 2 3)}}{{#with (apply 0 a)}}{{.}}{{/with}}{{/each}}{{/with}}{{/with}}{{/with}}{{/with}}`;

const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;

describe('prototype access', () => {
  let spies: ReturnType<typeof vi.spyOn>[] = [];

  beforeEach(() => {
    globalThis.__specforgePwned = undefined;
    spies = consoleMethods.map((method) => vi.spyOn(console, method).mockImplementation(() => {}));
  });

  afterEach(() => {
    for (const spy of spies) spy.mockRestore();
    expect(globalThis.__specforgePwned).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['{{constructor.constructor}}'],
    ['{{__proto__}}'],
    ['{{lookup this "constructor"}}'],
    ['{{#with (lookup this "__proto__")}}{{this}}{{/with}}'],
    ['{{#with "s" as |string|}}{{string.sub.constructor}}{{/with}}'],
    ['{{#with "s"}}{{split}}{{sub}}{{valueOf}}{{/with}}'],
    ['{{#each (lookup this "__proto__")}}{{@key}}{{/each}}'],
    ['{{#with __proto__}}{{__defineGetter__}}{{__lookupSetter__}}{{/with}}'],
    ['{{toString}}{{hasOwnProperty}}{{valueOf}}'],
  ])('renders nothing when the template is %j', (body) => {
    expect(render(body)).toBe('');
  });

  it.each([
    [
      '{{#with "a"}}{{constructor.constructor "return process"}}{{/with}}',
      '"constructor" is not a helper.',
      1,
      14,
    ],
    [rceChain, '"push" is not a helper.', 5, 7],
    [concatChain, '"push" is not a helper.', 1, 52],
    ['{{helperMissing "x"}}', '"helperMissing" is not a helper.', 1, 1],
    [
      '{{#blockHelperMissing "x"}}y{{/blockHelperMissing}}',
      '"blockHelperMissing" is not a helper.',
      1,
      1,
    ],
    ['{{log "x"}}', '"log" is not a helper.', 1, 1],
  ])('refuses to compile a call of anything but a helper in %j', (body, reason, line, column) => {
    const error = summarize(renderError(body)) as {
      code: string;
      message: string;
      location: unknown;
    };
    expect(error.code).toBe('SPECFORGE_TEMPLATE_SYNTAX');
    expect(error.message).toMatch(
      `The template has a syntax error: ${reason} The helpers are: add, and,`,
    );
    expect(error.location).toEqual({ file: 'templates/test.md', line: 6 + line, column });
  });

  it('fails on a path through a denied property instead of following it', () => {
    expect(summarize(renderError('{{@root.constructor.name}}'))).toEqual({
      code: 'SPECFORGE_TEMPLATE_INPUT_MISSING',
      message: 'The template uses the input "@root.constructor.name", which was not provided.',
      location: { file: 'templates/test.md', line: 7, column: 3 },
    });
  });

  it('finds no partial when a dynamic partial name comes from the prototype', () => {
    expect(summarize(renderError('{{> (lookup this "constructor")}}'))).toEqual({
      code: 'SPECFORGE_TEMPLATE_RENDER_FAILED',
      message: 'The template failed to render: there is no partial "undefined".',
      location: { file: 'templates/test.md' },
    });
  });

  it('keeps an input named __proto__ as data when the inputs come from JSON', () => {
    const inputs = JSON.parse('{"__proto__": {"polluted": "yes"}, "x": "1"}') as Record<
      string,
      unknown
    >;
    expect(render('{{x}}', inputs)).toBe('1');
    expect(summarize(renderError('{{polluted}}', inputs))).toMatchObject({
      code: 'SPECFORGE_TEMPLATE_INPUT_MISSING',
    });
  });

  it('prints nothing to the console when access is denied', () => {
    render(
      '{{toString}}{{#with "a"}}{{charAt}}{{big}}{{trim}}{{/with}}{{#each xs}}{{this.at}}{{/each}}',
      { xs: [[1]] },
    );
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    // Control: the same access through the global Handlebars prints a warning, so the check above
    // would see one if our environment printed it.
    Handlebars.compile('{{propertyIsEnumerable}}')({});
    expect(spies[3]).toHaveBeenCalledTimes(1);
  });

  it('renders no function source when a template reaches for functions', () => {
    const output = render(
      '{{#with "s" as |s|}}{{s.sub}}{{s.constructor}}{{/with}}{{#each xs}}{{this.map}}{{/each}}{{lookup xs "constructor"}}',
      { xs: [[1]] },
    );
    expect(output).toBe('');
  });
});
