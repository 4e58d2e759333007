import type { HandlebarsInternals, HbLocation } from './_handlebars.js';

/**
 * Makes every path segment strict on one Handlebars instance.
 *
 * Handlebars' own `strict: true` checks only the last segment of a path in a mustache
 * (`{{a.b}}` throws when `b` is absent) and nothing at all in helper arguments, so
 * `{{#if typo}}`, `{{#each typo}}` and `{{upper typo}}` would silently see `undefined`, and
 * `{{#if a.b}}` with `a` absent crashes with a TypeError that has no position. The compiler
 * below emits `container.strict(…)` — Handlebars' own checked lookup, which throws an exception
 * carrying the template position and then reads through the prototype-access guard — for
 * every segment of every path, wherever it appears.
 *
 * The parent is boxed with `Object(…)` before the check because `name in "text"` throws a
 * TypeError; boxed, `{{title.x}}` on a string reports `x` as missing with its position instead.
 *
 * The override replaces `resolvePath` on a subclass, the documented way to customise
 * Handlebars' code generation (`JavaScriptCompiler` subclasses); the global Handlebars and
 * other instances keep their compiler.
 */
export function installStrictLookups(internals: HandlebarsInternals): void {
  const Base = internals.JavaScriptCompiler;

  class StrictLookupCompiler extends Base {
    override resolvePath(_type: string, parts: readonly string[], startPartIndex: number): void {
      let expression = this.popStack();
      const location = locationLiteral(this.source.currentLocation);
      for (let index = startPartIndex; index < parts.length; index++) {
        const part = parts[index];
        if (typeof part !== 'string') throw new Error(`Invalid path segment ${String(part)}`);
        expression = [
          this.aliasable('container.strict'),
          '(Object(',
          expression,
          '), ',
          this.quotedString(part),
          ', ',
          location,
          ')',
        ];
      }
      this.push(expression);
    }
  }
  // Handlebars creates the compilers of nested blocks through `this.compiler`.
  StrictLookupCompiler.prototype.compiler = StrictLookupCompiler;
  internals.JavaScriptCompiler = StrictLookupCompiler;
}

/**
 * The location as a JavaScript literal for the generated code, built from integers only so
 * that nothing from the template can reach the code as text.
 */
function locationLiteral(location: HbLocation | undefined): string {
  const start = location?.start;
  const end = location?.end ?? start;
  if (!start || !end) return 'undefined';
  const numbers = [start.line, start.column, end.line, end.column];
  if (!numbers.every((n) => Number.isInteger(n))) return 'undefined';
  return JSON.stringify({
    start: { line: start.line, column: start.column },
    end: { line: end.line, column: end.column },
  });
}
