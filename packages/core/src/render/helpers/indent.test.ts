import { describe, expect, it } from 'vitest';
import { render, renderError } from '../test-utils/template.js';

describe('indent', () => {
  it('prefixes every non-empty line when given text', () => {
    expect(render('{{indent text 2}}', { text: 'a\n\n  b\r\n\r\nc\n' })).toBe(
      '  a\n\n    b\r\n\r\n  c\n',
    );
  });

  it('indents the rendered content when used as a block', () => {
    expect(render('{{#indent 4}}\n- {{a}}\n- {{b}}\n{{/indent}}', { a: 'x', b: 'y' })).toBe(
      '    - x\n    - y\n',
    );
  });

  it('keeps the text when the width is 0', () => {
    expect(render('{{indent text 0}}', { text: 'a\nb' })).toBe('a\nb');
  });

  it.each([
    [
      '{{indent text}}',
      'indent takes 2 arguments, got 1. Usage: {{indent text 4}} or {{#indent 4}}…{{/indent}}',
    ],
    [
      '{{indent text -1}}',
      'indent: the width must be a whole number from 0 to 100, got the number -1. Usage: {{indent text 4}} or {{#indent 4}}…{{/indent}}',
    ],
    [
      '{{indent 4 text}}',
      'indent: the first argument must be text, got the number 4. Usage: {{indent text 4}} or {{#indent 4}}…{{/indent}}',
    ],
    [
      '{{#indent text 4}}x{{/indent}}',
      'indent takes 1 argument, got 2. Usage: {{indent text 4}} or {{#indent 4}}…{{/indent}}',
    ],
  ])('fails when called as %j', (body, reason) => {
    expect((renderError(body, { text: 'a' }) as Error).message).toBe(
      `The template failed to render: ${reason}`,
    );
  });

  it('reports a missing input inside the block at its own position', () => {
    const error = renderError('{{#indent 2}}\n  {{nope}}\n{{/indent}}') as {
      code: string;
      location: unknown;
    };
    expect([error.code, error.location]).toEqual([
      'SPECFORGE_TEMPLATE_INPUT_MISSING',
      { file: 'templates/test.md', line: 8, column: 5 },
    ]);
  });
});
