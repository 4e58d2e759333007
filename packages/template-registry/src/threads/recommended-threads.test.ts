import { describe, expect, it } from 'vitest';
import { MIN_ITEMS_PER_THREADED_RUN, recommendedThreads } from './recommended-threads.js';

describe('recommendedThreads', () => {
  it('keeps small runs and single cores in process, else one thread per further core, 8 lanes at most', () => {
    expect(recommendedThreads(MIN_ITEMS_PER_THREADED_RUN - 1, 4)).toBe(0);
    expect(recommendedThreads(10_000, 1)).toBe(0);
    expect(recommendedThreads(MIN_ITEMS_PER_THREADED_RUN, 2)).toBe(1);
    expect(recommendedThreads(10_000, 64)).toBe(7);
  });
});
