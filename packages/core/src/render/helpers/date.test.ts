import { describe, expect, it } from 'vitest';
import { render, renderError } from '../test-utils/template.js';
import { formatDate, toDate } from './date.js';

describe('date', () => {
  it.each([
    ['{{date d}}', '2024-02-29', '2024-02-29'],
    ['{{date d "DD.MM.YYYY"}}', '2024-02-29', '29.02.2024'],
    ['{{date d "YYYY-MM-DDTHH:mm:ss"}}', '2024-02-29T23:59:58+01:00', '2024-02-29T22:59:58'],
    ['{{date d "HH:mm"}}', '2024-12-31T23:30:00.123Z', '23:30'],
    ['{{date d "[YYYY]"}}', '0042-01-05', '[0042]'],
  ])('renders %j with %j as %j', (body, d, expected) => {
    expect(render(body, { d })).toBe(expected);
  });

  it('formats a Date in UTC when given a Date', () => {
    expect(
      render('{{date d "YYYY-MM-DD HH:mm:ss"}}', { d: new Date(Date.UTC(2025, 0, 31, 8, 5, 9)) }),
    ).toBe('2025-01-31 08:05:09');
  });

  it.each([
    ['2024-02-30', 'the text "2024-02-30"'],
    ['2024-13-01', 'the text "2024-13-01"'],
    ['2024-01-01T10:00', 'the text "2024-01-01T10:00"'],
    ['2024-01-01T24:00Z', 'the text "2024-01-01T24:00Z"'],
    ['yesterday', 'the text "yesterday"'],
    [1706659200000, 'the number 1706659200000'],
  ])('fails when the value is %j', (d, shown) => {
    expect((renderError('{{date d}}', { d }) as Error).message).toBe(
      `The template failed to render: date: the value must be a date, a YYYY-MM-DD text or an ISO 8601 date-time with Z or an offset, got ${shown}. Usage: {{date value}} or {{date value "YYYY-MM-DD HH:mm"}}`,
    );
  });

  it('fails when the format is not text', () => {
    expect((renderError('{{date "2024-01-01" 3}}') as Error).message).toBe(
      'The template failed to render: date: the format must be text, got the number 3. Usage: {{date value}} or {{date value "YYYY-MM-DD HH:mm"}}',
    );
  });

  it('rejects an invalid Date object', () => {
    expect(() => toDate(new Date(Number.NaN))).toThrow('got the text "an invalid date"');
  });

  it('keeps characters that are not tokens when formatting', () => {
    expect(formatDate(new Date(Date.UTC(2025, 5, 7)), 'Week of YYYY/M/D')).toBe('Week of 2025/M/D');
  });
});
