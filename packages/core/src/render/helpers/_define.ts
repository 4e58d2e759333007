import { HelperFailure, isLocatedFailure } from '../_failures.js';
import type { HbHelperOptions } from '../_handlebars.js';
import type { HelperCall, HelperImplementation } from './types.js';

/** Thrown by helper implementations when they are called wrongly; the message is the reason. */
export class HelperUsageError extends Error {
  override readonly name = 'HelperUsageError';
}

/**
 * Adapts a {@link HelperImplementation} to Handlebars' calling convention, and turns whatever it
 * throws into a {@link HelperFailure} that knows the call's position.
 */
export function adaptHelper(
  name: string,
  implementation: HelperImplementation,
): (this: unknown, ...raw: unknown[]) => unknown {
  return function specforgeHelper(this: unknown, ...raw: unknown[]): unknown {
    const options = (raw.pop() ?? {}) as HbHelperOptions;
    const { fn, inverse } = options;
    const call: HelperCall = {
      args: raw,
      hash: options.hash ?? {},
      block: fn
        ? { render: (context) => fn(context), renderInverse: (context) => inverse?.(context) ?? '' }
        : undefined,
      context: this,
    };
    try {
      return implementation(call);
    } catch (error) {
      // Errors from a block's content (a missing input inside {{#indent}}) keep their own position.
      if (isLocatedFailure(error)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new HelperFailure(name, reason, options.loc, { cause: error });
    }
  };
}

/** Describes a value for an error message: its kind and, when short, the value itself. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `the text ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean')
    return `the ${typeof value} ${value}`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value instanceof Date) return 'a date';
  if (typeof value === 'function') return 'a function';
  return 'an object';
}

/** Checks the number of arguments and that the call is neither a block nor uses `key=value`. */
export function expectArguments(
  name: string,
  call: HelperCall,
  usage: string,
  min: number,
  max: number = min,
): void {
  const count = call.args.length;
  if (count < min || count > max) {
    const expected =
      min === max
        ? `${min}`
        : max === Number.POSITIVE_INFINITY
          ? `at least ${min}`
          : `${min} or ${max}`;
    throw new HelperUsageError(
      `${name} takes ${expected} argument${expected === '1' ? '' : 's'}, got ${count}. Usage: ${usage}`,
    );
  }
  const named = Object.keys(call.hash);
  if (named.length > 0) {
    throw new HelperUsageError(
      `${name} takes no named arguments, got ${named.join(', ')}=. Usage: ${usage}`,
    );
  }
}

/** Rejects a block call (`{{#name}}…{{/name}}`) of a helper that is not a block helper. */
export function expectNotBlock(name: string, call: HelperCall, usage: string): void {
  if (call.block) throw new HelperUsageError(`${name} cannot be used as a block. Usage: ${usage}`);
}

/** Returns `value` when it is a string, else fails naming the argument. */
export function expectText(name: string, what: string, value: unknown, usage: string): string {
  if (typeof value === 'string') return value;
  throw new HelperUsageError(
    `${name}: ${what} must be text, got ${describeValue(value)}. Usage: ${usage}`,
  );
}

/** Returns `value` when it is an integer within `[min, max]`, else fails naming the argument. */
export function expectInteger(
  name: string,
  what: string,
  value: unknown,
  usage: string,
  min: number,
  max: number,
): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)
    return value;
  throw new HelperUsageError(
    `${name}: ${what} must be a whole number from ${min} to ${max}, got ${describeValue(value)}. Usage: ${usage}`,
  );
}

/**
 * The field `key` of list item `item` for helper `name`, own fields only, so that a field name
 * such as `constructor` never reaches the prototype; anything else is a usage error.
 */
export function fieldOf(
  name: string,
  item: unknown,
  key: string,
  index: number,
  usage: string,
): unknown {
  if (
    typeof item !== 'object' ||
    item === null ||
    Array.isArray(item) ||
    !Object.hasOwn(item, key)
  ) {
    throw new HelperUsageError(
      `${name}: item ${index + 1} has no field ${JSON.stringify(key)} (it is ${describeValue(item)}). Usage: ${usage}`,
    );
  }
  return (item as Record<string, unknown>)[key];
}
