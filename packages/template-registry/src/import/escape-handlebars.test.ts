import { createRenderEnvironment, type TemplateSource } from '@specforge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countHandlebarsOpenings, escapeHandlebars } from './escape-handlebars.js';

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

describe('countHandlebarsOpenings', () => {
  it('counts each "{{" once, left to right', () => {
    expect([
      countHandlebarsOpenings('a'),
      countHandlebarsOpenings('{{x}} {{{{'),
      countHandlebarsOpenings('{{{'),
    ]).toEqual([0, 3, 1]);
  });
});
