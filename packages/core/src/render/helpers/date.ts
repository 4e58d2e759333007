import {
  describeValue,
  expectArguments,
  expectNotBlock,
  expectText,
  HelperUsageError,
} from './_define.js';
import type { HelperCall } from './types.js';

const usage = '{{date value}} or {{date value "YYYY-MM-DD HH:mm"}}';

const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/;
// A time without `Z` or an offset would be read in the machine's time zone: not reproducible.
const dateTime =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** Midnight UTC of a day; unlike `Date.UTC`, years 0–99 are not taken as 1900–1999. */
function utcDay(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

/** Days in a month of the proleptic Gregorian calendar (`month` is 1-based). */
function daysInMonth(year: number, month: number): number {
  return utcDay(year, month + 1, 0).getUTCDate();
}

function invalid(value: unknown): HelperUsageError {
  return new HelperUsageError(
    `date: the value must be a date, a YYYY-MM-DD text or an ISO 8601 date-time with Z or an offset, got ${describeValue(value)}. Usage: ${usage}`,
  );
}

/** Reads a date from a `Date`, a `YYYY-MM-DD` text (UTC midnight) or a full ISO 8601 text. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalid('an invalid date');
    return value;
  }
  if (typeof value !== 'string') throw invalid(value);
  const isDateOnly = dateOnly.test(value);
  const match = isDateOnly ? dateOnly.exec(value) : dateTime.exec(value);
  if (!match) throw invalid(value);
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((group) =>
    Number(match[group] ?? 0),
  ) as [number, number, number, number, number, number];
  // Date.parse rolls 2024-02-30 over to March 1st; a typo in a date must not move it silently.
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw invalid(value);
  }
  return isDateOnly ? utcDay(year, month, day) : new Date(Date.parse(value));
}

const two = (n: number) => String(n).padStart(2, '0');

/** Formats `date` in UTC; the tokens YYYY MM DD HH mm ss are replaced, everything else is kept. */
export function formatDate(date: Date, format = 'YYYY-MM-DD'): string {
  const tokens: Record<string, string> = {
    YYYY: String(date.getUTCFullYear()).padStart(4, '0'),
    MM: two(date.getUTCMonth() + 1),
    DD: two(date.getUTCDate()),
    HH: two(date.getUTCHours()),
    mm: two(date.getUTCMinutes()),
    ss: two(date.getUTCSeconds()),
  };
  return format.replace(/YYYY|MM|DD|HH|mm|ss/g, (token) => tokens[token] ?? token);
}

/** `date value [format]`: see {@link toDate} and {@link formatDate}. */
export function date(call: HelperCall): string {
  expectArguments('date', call, usage, 1, 2);
  expectNotBlock('date', call, usage);
  const format =
    call.args.length > 1 ? expectText('date', 'the format', call.args[1], usage) : undefined;
  return formatDate(toDate(call.args[0]), format);
}
