import { describe, expect, it } from 'vitest';
import { isSpecforgeError, type SpecforgeError } from '../errors/index.js';
import { createRenderEnvironment } from './environment.js';
import { makeTemplate } from './test-utils/template.js';

function compileError(body: string): SpecforgeError {
  try {
    createRenderEnvironment().compile(makeTemplate(body));
  } catch (error) {
    if (isSpecforgeError(error, 'SPECFORGE_TEMPLATE_SYNTAX')) return error;
    throw error;
  }
  throw new Error(`Expected ${JSON.stringify(body)} not to compile.`);
}

describe('syntax errors', () => {
  it('locates an unclosed block at the end of the template, offset by the body line', () => {
    const error = compileError('# Plan\n\n{{#if x}}\nbody\n');
    expect(error.location).toEqual({ file: 'templates/test.md', line: 11, column: 1 });
    expect(error.message).toMatchInlineSnapshot(`
      "The template has a syntax error: unexpected end of the template (is a {{#block}} missing its {{/block}}, or a {{ its }}?)
      Expecting 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF'"
    `);
  });

  it('locates an unterminated expression at its token', () => {
    const error = compileError('line one\n  {{foo');
    expect(error.location).toEqual({ file: 'templates/test.md', line: 8, column: 5 });
    expect(error.message).toMatchInlineSnapshot(`
      "The template has a syntax error: unexpected character inside {{ }} (is a }} missing?)
      Expecting 'ID', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'DATA', got 'INVALID'"
    `);
  });

  it('locates a closing tag that does not match its block', () => {
    const error = compileError('a\n\n  {{#if x}}a{{/each}}');
    expect(error.location).toEqual({ file: 'templates/test.md', line: 9, column: 6 });
    expect(error.message).toBe("The template has a syntax error: if doesn't match each");
  });

  it('locates a mismatch the same way when the body has CRLF line endings', () => {
    expect(compileError('a\r\n\r\n  {{#if x}}a{{/each}}').location).toEqual({
      file: 'templates/test.md',
      line: 9,
      column: 6,
    });
  });

  it('names the helpers when a template calls one that does not exist', () => {
    const error = compileError('ok\n{{uper spec.title}}');
    expect(error.location).toEqual({ file: 'templates/test.md', line: 8, column: 1 });
    expect(error.message).toBe(
      'The template has a syntax error: "uper" is not a helper. The helpers are: add, and, cell, date, default, each, eq, fence, groupBy, if, indent, join, length, lookup, lower, mentioning, ne, not, numberFrom, or, pad, slug, sortBy, unless, upper, with.',
    );
  });

  it('reports an unterminated comment by line', () => {
    const error = compileError('a\n{{!-- never closed');
    expect(error.location).toEqual({ file: 'templates/test.md', line: 8 });
    expect(error.message).toBe(
      'The template has a syntax error: unrecognized text (is a {{!-- comment --}} not closed?)',
    );
  });

  it('reports errors found after parsing, such as extra partial arguments', () => {
    const error = compileError('{{> foo a b}}');
    expect(error.location).toEqual({ file: 'templates/test.md', line: 7, column: 1 });
    expect(error.message).toBe(
      'The template has a syntax error: Unsupported number of partial arguments: 2',
    );
  });

  it('compiles a literal {{ written as \\{{', () => {
    const environment = createRenderEnvironment();
    expect(environment.render(makeTemplate('Write \\{{name}} for {{name}}.'), { name: 'x' })).toBe(
      'Write {{name}} for x.',
    );
  });
});
