import {
  describeValue,
  expectArguments,
  expectNotBlock,
  expectText,
  fieldOf,
  HelperUsageError,
} from './_define.js';
import type { HelperCall } from './types.js';

const usage = '{{join list ", "}} or {{join list ", " "field"}}';

/**
 * `join list sep [field]`: the items of a list of texts (or numbers) separated by `sep`; with
 * `field`, the given field of each item of a list of objects.
 */
export function join(call: HelperCall): string {
  expectArguments('join', call, usage, 2, 3);
  expectNotBlock('join', call, usage);
  const [list, separator, field] = call.args;
  if (!Array.isArray(list)) {
    throw new HelperUsageError(
      `join: the first argument must be a list, got ${describeValue(list)}. Usage: ${usage}`,
    );
  }
  const sep = expectText('join', 'the separator', separator, usage);
  const key = field === undefined ? undefined : expectText('join', 'the field name', field, usage);
  return list
    .map((item, index) =>
      textOf(key === undefined ? item : fieldOf('join', item, key, index, usage), index, key),
    )
    .join(sep);
}

function textOf(value: unknown, index: number, key: string | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  const what =
    key === undefined
      ? `item ${index + 1}`
      : `the field ${JSON.stringify(key)} of item ${index + 1}`;
  const advice =
    key === undefined ? ' To join a field of objects, name it: {{join list ", " "title"}}.' : '';
  throw new HelperUsageError(
    `join: ${what} must be text or a number, got ${describeValue(value)}.${advice}`,
  );
}
