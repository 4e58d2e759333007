import { describe, expect, it } from 'vitest';
import { render, renderError } from '../test-utils/template.js';

describe('pad', () => {
  it.each([
    ['{{pad 7 3}}', '007'],
    ['{{pad 1234 3}}', '1234'],
    ['{{pad 0 2}}', '00'],
    ['{{pad "42" 4}}', '0042'],
    ['T{{pad (add @index 1) 3}}', 'T001'],
  ])('renders %j as %j', (body, expected) => {
    expect(render(`{{#each xs}}${body}{{/each}}`, { xs: [1] })).toBe(expected);
  });

  it.each([
    [
      '{{pad -1 3}}',
      'pad: the first argument must be a whole number of 0 or more, got the number -1. Usage: {{pad 7 3}} → 007',
    ],
    [
      '{{pad 1.5 3}}',
      'pad: the first argument must be a whole number of 0 or more, got the number 1.5. Usage: {{pad 7 3}} → 007',
    ],
    [
      '{{pad "7a" 3}}',
      'pad: the first argument must be a whole number of 0 or more, got the text "7a". Usage: {{pad 7 3}} → 007',
    ],
    [
      '{{pad 7 "3"}}',
      'pad: the width must be a whole number from 0 to 100, got the text "3". Usage: {{pad 7 3}} → 007',
    ],
    ['{{pad 7}}', 'pad takes 2 arguments, got 1. Usage: {{pad 7 3}} → 007'],
  ])('fails when called as %j', (body, reason) => {
    expect((renderError(body) as Error).message).toBe(`The template failed to render: ${reason}`);
  });
});

describe('add', () => {
  it('adds two numbers when given numbers', () => {
    expect(render('{{add 2 3}} {{add a -0.5}}', { a: 1 })).toBe('5 0.5');
  });

  it.each([
    [
      '{{add "1" 2}}',
      'add: the first argument must be a number, got the text "1". Usage: {{add a b}}',
    ],
    ['{{add 1 a}}', 'add: the second argument must be a number, got undefined. Usage: {{add a b}}'],
    ['{{add 1 2 3}}', 'add takes 2 arguments, got 3. Usage: {{add a b}}'],
  ])('fails when called as %j', (body, reason) => {
    expect((renderError(body, { a: undefined }) as Error).message).toBe(
      `The template failed to render: ${reason}`,
    );
  });
});

describe('length', () => {
  it('counts the items of a list when given a list', () => {
    expect(
      render('{{length xs}} {{#if (eq (length ys) 0)}}none{{/if}}', { xs: [1, 2, 3], ys: [] }),
    ).toBe('3 none');
  });

  it('fails when given text', () => {
    expect((renderError('{{length s}}', { s: 'abc' }) as Error).message).toBe(
      'The template failed to render: length: the argument must be a list, got the text "abc". Usage: {{length list}}',
    );
  });
});
