import { describe, expect, it } from 'vitest';
import { didYouMean } from './did-you-mean.js';

describe('didYouMean', () => {
  const keys = ['id', 'kind', 'description', 'inputs', 'output', 'requiredSections'];

  it.each([
    ['requiredSection', 'requiredSections'],
    ['required_sections', 'requiredSections'],
    ['RequiredSections', 'requiredSections'],
    ['desc', 'description'],
    ['knid', 'kind'],
    ['ouput', 'output'],
    ['input', 'inputs'],
  ])('suggests the key %j for %j', (input, expected) => {
    expect(didYouMean(input, keys)).toBe(expected);
  });

  it.each([['zzz'], ['extends'], [''], ['-']])(
    'suggests nothing for %j when nothing is close',
    (input) => {
      expect(didYouMean(input, keys)).toBeUndefined();
    },
  );

  it('prefers the closest candidate when several are close', () => {
    expect(didYouMean('speckit/pln', ['speckit/spec', 'speckit/plan', 'speckit/tasks'])).toBe(
      'speckit/plan',
    );
  });
});
