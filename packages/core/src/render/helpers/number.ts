import {
  describeValue,
  expectArguments,
  expectInteger,
  expectNotBlock,
  HelperUsageError,
} from './_define.js';
import type { HelperCall } from './types.js';

const addUsage = '{{add a b}}';
/** `add a b`: the sum of two numbers, e.g. `{{add @index 1}}` for 1-based numbering. */
export function add(call: HelperCall): number {
  expectArguments('add', call, addUsage, 2);
  expectNotBlock('add', call, addUsage);
  const [a, b] = call.args;
  for (const [what, value] of [
    ['the first argument', a],
    ['the second argument', b],
  ] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new HelperUsageError(
        `add: ${what} must be a number, got ${describeValue(value)}. Usage: ${addUsage}`,
      );
    }
  }
  return (a as number) + (b as number);
}

const padUsage = '{{pad 7 3}} → 007';
/**
 * `pad n width`: the whole number `n` zero-padded to `width` digits, for ids such as `T001`.
 * `n` may be a number or text of digits; a longer `n` is left as it is.
 */
export function pad(call: HelperCall): string {
  expectArguments('pad', call, padUsage, 2);
  expectNotBlock('pad', call, padUsage);
  const [n, width] = call.args;
  const digits =
    typeof n === 'number' && Number.isSafeInteger(n) && n >= 0
      ? String(n)
      : typeof n === 'string' && /^\d+$/.test(n)
        ? n
        : undefined;
  if (digits === undefined) {
    throw new HelperUsageError(
      `pad: the first argument must be a whole number of 0 or more, got ${describeValue(n)}. Usage: ${padUsage}`,
    );
  }
  return digits.padStart(expectInteger('pad', 'the width', width, padUsage, 0, 100), '0');
}

const lengthUsage = '{{length list}}';
/** `length list`: the number of items of a list. */
export function length(call: HelperCall): number {
  expectArguments('length', call, lengthUsage, 1);
  expectNotBlock('length', call, lengthUsage);
  const [list] = call.args;
  if (!Array.isArray(list)) {
    throw new HelperUsageError(
      `length: the argument must be a list, got ${describeValue(list)}. Usage: ${lengthUsage}`,
    );
  }
  return list.length;
}
