import { describe, expect, it } from 'vitest';
import { render, renderError, summarize } from '../test-utils/template.js';

describe('eq and ne', () => {
  it.each([
    ['{{#if (eq a b)}}same{{else}}different{{/if}}', { a: 'x', b: 'x' }, 'same'],
    ['{{#if (eq a b)}}same{{else}}different{{/if}}', { a: 1, b: '1' }, 'different'],
    ['{{#if (ne a b)}}different{{else}}same{{/if}}', { a: 'x', b: 'y' }, 'different'],
    ['{{#if (ne a b)}}different{{else}}same{{/if}}', { a: null, b: null }, 'same'],
    ['{{eq 1 1}} {{ne 1 1}}', {}, 'true false'],
  ])('renders %j as expected when the inputs are %j', (body, inputs, expected) => {
    expect(render(body, inputs)).toBe(expected);
  });

  it('fails with the usage when eq gets one argument', () => {
    expect(summarize(renderError('x {{#if (eq a)}}y{{/if}}', { a: 1 }))).toEqual({
      code: 'SPECFORGE_TEMPLATE_RENDER_FAILED',
      message:
        'The template failed to render: eq takes 2 arguments, got 1. Usage: {{#if (eq a b)}}',
      location: { file: 'templates/test.md', line: 7, column: 9 },
    });
  });

  it('fails when ne is given a named argument', () => {
    expect((renderError('{{ne 1 2 x=3}}') as Error).message).toBe(
      'The template failed to render: ne takes no named arguments, got x=. Usage: {{#if (ne a b)}}',
    );
  });

  it('fails when eq is used as a block', () => {
    expect((renderError('{{#eq 1 1}}x{{/eq}}') as Error).message).toBe(
      'The template failed to render: eq cannot be used as a block. Usage: {{#if (eq a b)}}',
    );
  });
});

describe('and, or and not', () => {
  it.each([
    ['{{and a b}}', { a: 'x', b: 1 }, 'true'],
    ['{{and a b c}}', { a: 'x', b: 1, c: '' }, 'false'],
    ['{{and a b}}', { a: ['x'], b: [] }, 'false'],
    ['{{or a b}}', { a: 0, b: 'y' }, 'true'],
    ['{{or a b c}}', { a: 0, b: null, c: [] }, 'false'],
    ['{{not a}}', { a: [] }, 'true'],
    ['{{not a}}', { a: 'x' }, 'false'],
    ['{{#if (and (not a) (or b c))}}yes{{/if}}', { a: false, b: false, c: true }, 'yes'],
  ])('renders %j as %j when the inputs are %j', (body, inputs, expected) => {
    expect(render(body, inputs)).toBe(expected);
  });

  it.each([
    ['{{and a}}', 'and takes at least 2 arguments, got 1. Usage: {{#if (and a b …)}}'],
    ['{{or a}}', 'or takes at least 2 arguments, got 1. Usage: {{#if (or a b …)}}'],
    ['{{not a a}}', 'not takes 1 argument, got 2. Usage: {{#if (not a)}}'],
    ['{{not}}', 'not takes 1 argument, got 0. Usage: {{#if (not a)}}'],
  ])('fails when called as %j', (body, reason) => {
    expect((renderError(body, { a: true }) as Error).message).toBe(
      `The template failed to render: ${reason}`,
    );
  });
});
