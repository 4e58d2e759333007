import { expectArguments, expectNotBlock } from './_define.js';
import type { HelperCall } from './types.js';

/**
 * Truthiness as `{{#if}}` sees it: JavaScript truthiness, except that an empty list is false,
 * so `{{#if (and a b)}}` and `{{#if a}}{{#if b}}` agree.
 */
export function isTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

const eqUsage = '{{#if (eq a b)}}';
/** `eq a b`: true when `a === b` (no type conversion: `eq 1 "1"` is false). */
export function eq(call: HelperCall): boolean {
  expectArguments('eq', call, eqUsage, 2);
  expectNotBlock('eq', call, eqUsage);
  return call.args[0] === call.args[1];
}

const neUsage = '{{#if (ne a b)}}';
/** `ne a b`: true when `a !== b`. */
export function ne(call: HelperCall): boolean {
  expectArguments('ne', call, neUsage, 2);
  expectNotBlock('ne', call, neUsage);
  return call.args[0] !== call.args[1];
}

const andUsage = '{{#if (and a b …)}}';
/** `and a b …`: true when every argument is truthy (see {@link isTruthy}). */
export function and(call: HelperCall): boolean {
  expectArguments('and', call, andUsage, 2, Number.POSITIVE_INFINITY);
  expectNotBlock('and', call, andUsage);
  return call.args.every(isTruthy);
}

const orUsage = '{{#if (or a b …)}}';
/** `or a b …`: true when at least one argument is truthy (see {@link isTruthy}). */
export function or(call: HelperCall): boolean {
  expectArguments('or', call, orUsage, 2, Number.POSITIVE_INFINITY);
  expectNotBlock('or', call, orUsage);
  return call.args.some(isTruthy);
}

const notUsage = '{{#if (not a)}}';
/** `not a`: true when `a` is falsy (see {@link isTruthy}). */
export function not(call: HelperCall): boolean {
  expectArguments('not', call, notUsage, 1);
  expectNotBlock('not', call, notUsage);
  return !isTruthy(call.args[0]);
}
