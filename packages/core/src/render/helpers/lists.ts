import {
  describeValue,
  expectArguments,
  expectInteger,
  expectNotBlock,
  expectText,
  fieldOf,
  HelperUsageError,
} from './_define.js';
import type { HelperCall } from './types.js';

/** One group of {@link groupBy}: the field's value and the items that have it, in list order. */
export interface ListGroup {
  key: unknown;
  items: unknown[];
}

const groupByUsage =
  '{{#each (groupBy spec.stories "priority")}}{{key}}: {{length items}}{{/each}}';
/**
 * `groupBy list "field"`: the items of a list of objects grouped by the value of `field`, as
 * `[{ key, items }]` in the order each value is first seen. Every item must have the field; an
 * `undefined` value forms a group of its own, with `key` undefined.
 */
export function groupBy(call: HelperCall): ListGroup[] {
  expectArguments('groupBy', call, groupByUsage, 2);
  expectNotBlock('groupBy', call, groupByUsage);
  const [list, field] = call.args;
  const items = expectList('groupBy', list, groupByUsage);
  const key = expectText('groupBy', 'the field name', field, groupByUsage);
  const groups = new Map<unknown, ListGroup>();
  items.forEach((item, index) => {
    const value = fieldOf('groupBy', item, key, index, groupByUsage);
    let group = groups.get(value);
    if (group === undefined) {
      group = { key: value, items: [] };
      groups.set(value, group);
    }
    group.items.push(item);
  });
  return [...groups.values()];
}

const sortByUsage = '{{#each (sortBy spec.stories "priorityRank")}}…{{/each}}';
/**
 * `sortBy list "field"`: a copy of a list of objects in ascending order of `field`, which must be
 * a number on every item or text on every item (compared by code point). The sort is stable;
 * items whose field is `undefined` or `null` come last, in list order.
 */
export function sortBy(call: HelperCall): unknown[] {
  expectArguments('sortBy', call, sortByUsage, 2);
  expectNotBlock('sortBy', call, sortByUsage);
  const [list, field] = call.args;
  const items = expectList('sortBy', list, sortByUsage);
  const key = expectText('sortBy', 'the field name', field, sortByUsage);
  const keyed = items.map((item, index) => ({
    item,
    value: fieldOf('sortBy', item, key, index, sortByUsage),
    index,
  }));
  const kinds = new Set(
    keyed
      .filter(({ value }) => value !== undefined && value !== null)
      .map(({ value, index }) => {
        if (typeof value === 'number' && !Number.isNaN(value)) return 'number';
        if (typeof value === 'string') return 'text';
        throw new HelperUsageError(
          `sortBy: the field ${JSON.stringify(key)} of item ${index + 1} must be a number or text, got ${describeValue(value)}. Usage: ${sortByUsage}`,
        );
      }),
  );
  if (kinds.size > 1) {
    throw new HelperUsageError(
      `sortBy: the field ${JSON.stringify(key)} mixes numbers and texts; sort by a field of one kind. Usage: ${sortByUsage}`,
    );
  }
  const rank = (value: unknown) => (value === undefined || value === null ? 1 : 0);
  return keyed
    .sort((a, b) => {
      const byPresence = rank(a.value) - rank(b.value);
      if (byPresence !== 0 || rank(a.value) === 1) return byPresence || a.index - b.index;
      const x = a.value as number | string;
      const y = b.value as number | string;
      return x < y ? -1 : x > y ? 1 : a.index - b.index;
    })
    .map(({ item }) => item);
}

const mentioningUsage =
  '{{#each (mentioning spec.stories "FR-001" "description" "why")}}{{id}}{{/each}}';
/**
 * `mentioning list id "field" …`: the items of a list of objects whose given fields mention `id`
 * as a whole word (not preceded or followed by a letter or digit: `FR-001` is not mentioned by
 * `FR-0012` or `FR-001a`). A field may be text, `undefined` (mentions nothing), or a list or
 * object whose texts are searched at any depth (a story's `scenarios`). Case-sensitive.
 */
export function mentioning(call: HelperCall): unknown[] {
  expectArguments('mentioning', call, mentioningUsage, 3, Number.POSITIVE_INFINITY);
  expectNotBlock('mentioning', call, mentioningUsage);
  const [list, id, ...fields] = call.args;
  const items = expectList('mentioning', list, mentioningUsage);
  const word = expectText('mentioning', 'the id', id, mentioningUsage);
  if (word.trim() === '') {
    throw new HelperUsageError(`mentioning: the id must not be empty. Usage: ${mentioningUsage}`);
  }
  const keys = fields.map((field) =>
    expectText('mentioning', 'each field name', field, mentioningUsage),
  );
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u');
  return items.filter((item, index) =>
    keys.some((key) => mentions(fieldOf('mentioning', item, key, index, mentioningUsage), pattern)),
  );
}

const numberFromUsage =
  '{{#each (numberFrom (sortBy spec.stories "priorityRank") 7 "scenarios" 3)}}T{{pad first 3}}…{{/each}}';
/**
 * `numberFrom list start "field" extra`: copies of a list of objects, in list order, each with two
 * fields added so that numbers (task ids) can run on across nested loops: `first`, the first of
 * the consecutive numbers the item takes, and `next`, the number after its last. Numbering begins
 * at `start`. An item takes one number per entry of its list field `field` — at least one, for
 * the line that stands in for an empty list — plus `extra`. The field must be a list or
 * undefined (no entries); an item must not already have a field `first` or `next`.
 */
export function numberFrom(call: HelperCall): Record<string, unknown>[] {
  expectArguments('numberFrom', call, numberFromUsage, 4);
  expectNotBlock('numberFrom', call, numberFromUsage);
  const [list, start, field, extra] = call.args;
  const items = expectList('numberFrom', list, numberFromUsage);
  let next = expectInteger('numberFrom', 'the start', start, numberFromUsage, 0, 1_000_000);
  const key = expectText('numberFrom', 'the field name', field, numberFromUsage);
  const more = expectInteger('numberFrom', 'the extra count', extra, numberFromUsage, 0, 1_000);
  return items.map((item, index) => {
    const entries = fieldOf('numberFrom', item, key, index, numberFromUsage);
    if (entries !== undefined && !Array.isArray(entries)) {
      throw new HelperUsageError(
        `numberFrom: the field ${JSON.stringify(key)} of item ${index + 1} must be a list, got ${describeValue(entries)}. Usage: ${numberFromUsage}`,
      );
    }
    for (const taken of ['first', 'next']) {
      if (Object.hasOwn(item as object, taken)) {
        throw new HelperUsageError(
          `numberFrom: item ${index + 1} already has a field ${JSON.stringify(taken)}. Usage: ${numberFromUsage}`,
        );
      }
    }
    const first = next;
    next = first + Math.max(entries?.length ?? 0, 1) + more;
    return { ...(item as Record<string, unknown>), first, next };
  });
}

function mentions(value: unknown, pattern: RegExp, depth = 0): boolean {
  if (typeof value === 'string') return pattern.test(value);
  if (depth > 8 || typeof value !== 'object' || value === null) return false;
  // Own values only, as everywhere in templates: nothing inherited is read.
  const values = Array.isArray(value) ? value : Object.values(value);
  return values.some((inner) => mentions(inner, pattern, depth + 1));
}

function expectList(name: string, value: unknown, usage: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw new HelperUsageError(
    `${name}: the first argument must be a list, got ${describeValue(value)}. Usage: ${usage}`,
  );
}
