import { describe, expect, it } from 'vitest';
import { render, renderError } from '../test-utils/template.js';

describe('join', () => {
  it.each([
    [{ xs: ['a', 'b', 'c'] }, '{{join xs ", "}}', 'a, b, c'],
    [{ xs: [] }, '{{join xs ", "}}', ''],
    [{ xs: ['FR-001', 2] }, '{{join xs " / "}}', 'FR-001 / 2'],
    [{ xs: [{ id: 'US1' }, { id: 'US2' }] }, '{{join xs ", " "id"}}', 'US1, US2'],
  ])('joins %j with %j', (inputs, body, expected) => {
    expect(render(body, inputs)).toBe(expected);
  });

  it.each([
    [
      { xs: 'a,b' },
      '{{join xs ","}}',
      'join: the first argument must be a list, got the text "a,b". Usage: {{join list ", "}} or {{join list ", " "field"}}',
    ],
    [
      { xs: ['a'] },
      '{{join xs}}',
      'join takes 2 or 3 arguments, got 1. Usage: {{join list ", "}} or {{join list ", " "field"}}',
    ],
    [
      { xs: ['a'] },
      '{{join xs 1}}',
      'join: the separator must be text, got the number 1. Usage: {{join list ", "}} or {{join list ", " "field"}}',
    ],
    [
      { xs: [{ id: 'x' }] },
      '{{join xs ", "}}',
      'join: item 1 must be text or a number, got an object. To join a field of objects, name it: {{join list ", " "title"}}.',
    ],
    [
      { xs: [{ id: 'x' }, { name: 'y' }] },
      '{{join xs ", " "id"}}',
      'join: item 2 has no field "id" (it is an object). Usage: {{join list ", "}} or {{join list ", " "field"}}',
    ],
    [
      { xs: [{ id: ['x'] }] },
      '{{join xs ", " "id"}}',
      'join: the field "id" of item 1 must be text or a number, got a list of 1.',
    ],
  ])('fails when the inputs are %j and the call is %j', (inputs, body, reason) => {
    expect((renderError(body, inputs) as Error).message).toBe(
      `The template failed to render: ${reason}`,
    );
  });

  it('does not read fields from the prototype when the field is "constructor"', () => {
    expect((renderError('{{join xs "," "constructor"}}', { xs: [{}] }) as Error).message).toBe(
      'The template failed to render: join: item 1 has no field "constructor" (it is an object). Usage: {{join list ", "}} or {{join list ", " "field"}}',
    );
  });
});
