import type { MessagePort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { type ChannelThread, channelThread } from '../test-utils/channel-thread.js';
import { serveThread } from './serve-thread.js';
import { startThreadPool } from './thread-pool.js';

type Job = { n: number };
const data = { specforgeThread: 'test' as const, settings: {} };

/** A pool of `count` threads that add the context's offset to each job, and what each was sent. */
function adders(count: number, run?: (job: Job, offset: number) => Promise<number>) {
  const sent: unknown[][] = [];
  const threads: ChannelThread[] = [];
  const pool = startThreadPool<'test', object, { offset: number }, Job, number>({
    count,
    script: 'unused',
    data,
    spawn: () => {
      const log: unknown[] = [];
      sent.push(log);
      const thread = channelThread(
        (port: MessagePort) =>
          serveThread<{ offset: number }, Job, number>(
            port,
            run ? (job, { offset }) => run(job, offset) : async (job, { offset }) => job.n + offset,
          ),
        (message) => log.push(message),
      );
      threads.push(thread);
      return thread;
    },
  });
  return { pool, sent, threads };
}

describe('startThreadPool', () => {
  it('runs jobs with their context, sent once per thread, and spreads them over the threads', async () => {
    const { pool, sent } = adders(2);
    const ten = { offset: 10 };
    const hundred = { offset: 100 };
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        pool.run({
          job: { n },
          context: n % 2 ? ten : hundred,
          describe: () => (n % 2 ? ten : hundred),
        }),
      ),
    );
    await pool.close();
    expect(results).toEqual([11, 102, 13, 104]);
    for (const log of sent) {
      const contexts = log.filter((m) => (m as { type: string }).type === 'context');
      expect(contexts.length).toBeLessThanOrEqual(2);
      expect(log.filter((m) => (m as { type: string }).type === 'job').length).toBeGreaterThan(0);
    }
  });

  it('keeps jobs of one affinity on one thread while they come in a row', async () => {
    const { pool, sent } = adders(2);
    const context = { offset: 0 };
    const jobs = ['a', 'a', 'a', 'b', 'b'].map((affinity, n) =>
      pool.run({ job: { n }, context, describe: () => context, affinity }),
    );
    await Promise.all(jobs);
    await pool.close();
    const jobsPerThread = sent.map((log) =>
      log
        .filter((m) => (m as { type: string }).type === 'job')
        .map((m) => (m as { job: Job }).job.n),
    );
    expect(jobsPerThread).toContainEqual([0, 1, 2]);
    expect(jobsPerThread).toContainEqual([3, 4]);
  });

  it("fails a job whose run throws, as a bug with the thread's stack", async () => {
    const { pool } = adders(1, async () => {
      throw new Error('boom');
    });
    const context = { offset: 0 };
    await expect(pool.run({ job: { n: 1 }, context, describe: () => context })).rejects.toThrow(
      'A worker thread failed: boom',
    );
    await pool.close();
  });

  it('runs jobs in this thread too when given a local lane, the context passed as it is', async () => {
    const seen: unknown[] = [];
    const pool = startThreadPool<'test', object, { offset: number }, Job, number>({
      count: 0,
      script: 'unused',
      data,
      local: async (job, context) => {
        seen.push(context);
        return job.n + context.offset;
      },
    });
    const context = { offset: 5 };
    const results = await Promise.all(
      [1, 2].map((n) => pool.run({ job: { n }, context, describe: () => context })),
    );
    await pool.close();
    expect(results).toEqual([6, 7]);
    // Not a copy: the very object describe gave.
    expect(seen.every((given) => given === context)).toBe(true);
  });

  it('fails the jobs in flight when a thread exits, and every job sent to it later', async () => {
    let thread: ChannelThread | undefined;
    const pool = startThreadPool<'test', object, object, Job, number>({
      count: 1,
      script: 'unused',
      data,
      spawn: () => {
        thread = channelThread(); // nothing serves it: no job ever finishes
        return thread;
      },
    });
    const context = {};
    const pending = pool.run({ job: { n: 1 }, context, describe: () => context });
    thread?.exit(1);
    await expect(pending).rejects.toThrow('A worker thread exited with code 1 while working.');
    await expect(pool.run({ job: { n: 2 }, context, describe: () => context })).rejects.toThrow(
      'exited with code 1',
    );
    await pool.close();
  });
});
