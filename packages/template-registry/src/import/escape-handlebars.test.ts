import { createRenderEnvironment, type TemplateSource } from '@specforge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../test-utils/fuzz.js';
import {
  countHandlebarsOpenings,
  escapeHandlebars,
  unescapeHandlebars,
} from './escape-handlebars.js';

/** Pieces of text where escaping matters: braces, backslashes, comments and Markdown. */
const piece = fc.constantFrom(
  '{',
  '}',
  '{{',
  '}}',
  '\\',
  '\\{{',
  '!',
  '~',
  '#',
  '>',
  '&',
  '"',
  'a',
  ' ',
  '\n',
  '\r\n',
  '{{!--',
  '--}}',
  'é',
  '🎯',
);

const environment = createRenderEnvironment();

function render(body: string): string {
  const template: TemplateSource = {
    meta: {
      id: 'x',
      kind: 'other',
      description: '',
      inputs: {},
      output: 'x.md',
      requiredSections: [],
      placeholders: [],
      idPatterns: {},
      traces: [],
    },
    body,
    file: 'x.md',
    bodyLine: 1,
    pack: { name: 'x', version: '1.0.0' },
  };
  return environment.render(template, {});
}

describe('escapeHandlebars', () => {
  it.each([
    ['Gemini uses {{args}} here', 'Gemini uses \\{{args}} here'],
    ['{{{{', '\\{{\\{{'],
    ['{{{raw}}}', '\\{{{raw}}}'],
    ['a \\{{b}}', 'a \\\\{{!}}\\{{b}}'],
    ['a \\\\{{b}}', 'a \\\\\\{{!}}\\{{b}}'],
    [
      '[FEATURE NAME] $ARGUMENTS {SCRIPT} {CORE_TEMPLATE} <!-- x -->',
      '[FEATURE NAME] $ARGUMENTS {SCRIPT} {CORE_TEMPLATE} <!-- x -->',
    ],
  ])('escapes %j as %j, which renders back to it', (text, escaped) => {
    expect(escapeHandlebars(text)).toBe(escaped);
    expect(render(escaped)).toBe(text);
  });

  it('renders any text back byte for byte when it is made of braces, backslashes and Markdown', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(render(escapeHandlebars(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves any text without "{{" unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite' }), (text) => {
        fc.pre(!text.includes('{{'));
        expect(escapeHandlebars(text)).toBe(text);
      }),
    );
  });
});

describe('unescapeHandlebars', () => {
  it.each([
    ['Gemini uses \\{{args}} here', 'Gemini uses {{args}} here'],
    ['\\{{\\{{', '{{{{'],
    ['a \\\\{{!}}\\{{b}}', 'a \\{{b}}'],
    ['\\{{!}}\\{{x', '{{!}}{{x'],
    ['no braces at all', 'no braces at all'],
  ])('reads %j back as %j', (body, text) => {
    expect(unescapeHandlebars(body)).toBe(text);
  });

  it.each([
    '# Plan for {{spec.title}}',
    '{{fence SPECIFICATION}}',
    '\\\\{{x}}',
    '{{!-- a comment --}}',
  ])('finds an expression in %j', (body) => {
    expect(unescapeHandlebars(body)).toBeUndefined();
  });

  it('is the inverse of escapeHandlebars for any text', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(unescapeHandlebars(escapeHandlebars(text))).toBe(text);
      }),
      fuzzParameters(2000),
    );
  });

  it('returns only text that the body renders to', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const body = pieces.join('');
        const text = unescapeHandlebars(body);
        if (text !== undefined) expect(render(body)).toBe(text);
      }),
      fuzzParameters(2000),
    );
  });
});

describe('countHandlebarsOpenings', () => {
  it('counts each "{{" once, left to right', () => {
    expect([
      countHandlebarsOpenings('a'),
      countHandlebarsOpenings('{{x}} {{{{'),
      countHandlebarsOpenings('{{{'),
    ]).toEqual([0, 3, 1]);
  });
});
