import { describe, expect, it } from 'vitest';
import { render, renderError, summarize } from '../test-utils/template.js';

describe('upper and lower', () => {
  it('changes the case of text when given text', () => {
    expect(render('{{upper a}} {{lower a}}', { a: 'Ärger mit i' })).toBe('ÄRGER MIT I ärger mit i');
  });

  it.each([
    ['{{upper 3}}', 'upper: the argument must be text, got the number 3. Usage: {{upper text}}'],
    ['{{lower a}}', 'lower: the argument must be text, got undefined. Usage: {{lower text}}'],
    ['{{upper}}', 'upper takes 1 argument, got 0. Usage: {{upper text}}'],
  ])('fails when called as %j', (body, reason) => {
    expect((renderError(body, { a: undefined }) as Error).message).toBe(
      `The template failed to render: ${reason}`,
    );
  });
});

describe('slug', () => {
  it('slugifies a heading as specforge does when given text', () => {
    expect(render('{{slug title}}', { title: 'User Scenarios & Testing *(mandatory)*' })).toBe(
      'user-scenarios-testing',
    );
  });

  it('fails when given a list', () => {
    expect(summarize(renderError('\n{{slug tags}}', { tags: ['a'] }))).toEqual({
      code: 'SPECFORGE_TEMPLATE_RENDER_FAILED',
      message:
        'The template failed to render: slug: the argument must be text, got a list of 1. Usage: {{slug text}}',
      location: { file: 'templates/test.md', line: 8, column: 1 },
    });
  });
});

describe('default', () => {
  it.each([
    [{ owner: 'ana' }, 'ana'],
    [{ owner: undefined }, 'TBD'],
    [{ owner: null }, 'TBD'],
    [{ owner: '' }, 'TBD'],
    [{ owner: 0 }, '0'],
  ])('renders the value or the fallback when the inputs are %j', (inputs, expected) => {
    expect(render('{{default owner "TBD"}}', inputs)).toBe(expected);
  });

  it('returns the value itself when used as an argument', () => {
    expect(
      render('{{join (default tags fallback) "+"}}', { tags: null, fallback: ['a', 'b'] }),
    ).toBe('a+b');
  });

  it('fails when the fallback is left out', () => {
    expect((renderError('{{default owner}}', { owner: 'x' }) as Error).message).toBe(
      'The template failed to render: default takes 2 arguments, got 1. Usage: {{default value "fallback"}}',
    );
  });
});

describe('cell', () => {
  it.each([
    ['a | b', 'a \\| b'],
    ['already \\| escaped', 'already \\| escaped'],
    ['  two\n  lines  \r\nand\rthree ', 'two lines and three'],
    ['a\n\n  - item', 'a - item'],
  ])('makes %j safe for a table cell', (text, expected) => {
    expect(render('{{cell text}}', { text })).toBe(expected);
  });

  it('fails when given something other than text', () => {
    expect((renderError('{{cell text}}', { text: undefined }) as Error).message).toBe(
      'The template failed to render: cell: the argument must be text, got undefined. Usage: | {{cell requirement.text}} |',
    );
  });
});
