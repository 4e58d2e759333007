import { date } from './date.js';
import { fence } from './fence.js';
import { indent } from './indent.js';
import { join } from './join.js';
import { groupBy, mentioning, numberFrom, sortBy } from './lists.js';
import { and, eq, ne, not, or } from './logic.js';
import { add, length, pad } from './number.js';
import { cell, defaultValue, lower, slug, upper } from './text.js';
import type { HelperImplementation } from './types.js';

/** The helpers every specforge template can use, by name. Documented in docs/rendering.md. */
export const builtinHelpers: Readonly<Record<string, HelperImplementation>> = Object.freeze({
  eq,
  ne,
  and,
  or,
  not,
  join,
  slug,
  date,
  indent,
  fence,
  upper,
  lower,
  default: defaultValue,
  pad,
  add,
  length,
  groupBy,
  sortBy,
  mentioning,
  numberFrom,
  cell,
});

/** Helpers Handlebars itself provides and specforge keeps (`log` is removed: no console output). */
export const handlebarsHelperNames: readonly string[] = Object.freeze([
  'if',
  'unless',
  'each',
  'with',
  'lookup',
]);
