import { slugify } from '../../text/slug.js';
import { expectArguments, expectNotBlock, expectText } from './_define.js';
import type { HelperCall } from './types.js';

const upperUsage = '{{upper text}}';
/** `upper text`: the text in upper case (locale-independent). */
export function upper(call: HelperCall): string {
  expectArguments('upper', call, upperUsage, 1);
  expectNotBlock('upper', call, upperUsage);
  return expectText('upper', 'the argument', call.args[0], upperUsage).toUpperCase();
}

const lowerUsage = '{{lower text}}';
/** `lower text`: the text in lower case (locale-independent). */
export function lower(call: HelperCall): string {
  expectArguments('lower', call, lowerUsage, 1);
  expectNotBlock('lower', call, lowerUsage);
  return expectText('lower', 'the argument', call.args[0], lowerUsage).toLowerCase();
}

const slugUsage = '{{slug text}}';
/** `slug text`: the URL-safe slug specforge uses for headings (see `slugify`). */
export function slug(call: HelperCall): string {
  expectArguments('slug', call, slugUsage, 1);
  expectNotBlock('slug', call, slugUsage);
  return slugify(expectText('slug', 'the argument', call.args[0], slugUsage));
}

const defaultUsage = '{{default value "fallback"}}';
/**
 * `default value fallback`: `value`, unless it is `undefined`, `null` or the empty text, in which
 * case `fallback`. Returns the value itself (not its text), so it also works as an argument.
 */
export function defaultValue(call: HelperCall): unknown {
  expectArguments('default', call, defaultUsage, 2);
  expectNotBlock('default', call, defaultUsage);
  const [value, fallback] = call.args;
  return value === undefined || value === null || value === '' ? fallback : value;
}

const cellUsage = '| {{cell requirement.text}} |';
/**
 * `cell text`: the text made safe for one Markdown table cell: surrounding whitespace trimmed,
 * each line break (with the spaces around it) turned into one space, and `|` escaped as `\|`.
 */
export function cell(call: HelperCall): string {
  expectArguments('cell', call, cellUsage, 1);
  expectNotBlock('cell', call, cellUsage);
  return expectText('cell', 'the argument', call.args[0], cellUsage)
    .trim()
    .replace(/[ \t]*(?:\r\n|\r|\n)\s*/g, ' ')
    .replace(/\\?\|/g, (match) => (match === '|' ? '\\|' : match));
}
