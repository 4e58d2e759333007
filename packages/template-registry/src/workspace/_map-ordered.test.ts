import { describe, expect, it } from 'vitest';
import { mapOrdered } from './_map-ordered.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function collect<R>(iterable: AsyncIterable<R>): Promise<R[]> {
  const out: R[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe('mapOrdered', () => {
  it('yields results in the order of the items, whatever order the tasks finish in', async () => {
    const wait = async (ms: number) => {
      await delay(ms);
      return ms;
    };
    const results = await collect(mapOrdered([30, 5, 20, 1, 10], 3, wait));
    expect(results).toEqual([30, 5, 20, 1, 10]);
  });

  it('never has more than `concurrency` tasks in flight', async () => {
    let running = 0;
    let most = 0;
    await collect(
      mapOrdered(
        Array.from({ length: 20 }, (_, i) => i),
        4,
        async (i) => {
          running += 1;
          most = Math.max(most, running);
          await delay(i % 3);
          running -= 1;
        },
      ),
    );
    expect(most).toBe(4);
  });

  it('rejects when the failed task comes up, after the results before it', async () => {
    const seen: number[] = [];
    const run = async () => {
      for await (const value of mapOrdered([1, 2, 3, 4], 4, async (i) => {
        if (i === 3) throw new Error('boom');
        return i;
      }))
        seen.push(value);
    };
    await expect(run()).rejects.toThrow('boom');
    expect(seen).toEqual([1, 2]);
  });
});
