import { SpecforgeError } from '@specforge/core';
import { recommendedThreads } from '@specforge/template-registry';

/**
 * The worker threads a run over `count` specs or documents uses besides the main thread, which
 * works too: `--jobs <n>` runs n at once (1: the main thread alone), else as many as suit the
 * run on this machine.
 */
export function threadsFor(jobs: string | undefined, count: number): number {
  if (jobs === undefined) return recommendedThreads(count);
  const n = /^\d{1,3}$/.test(jobs) ? Number(jobs) : Number.NaN;
  if (n >= 1 && n <= 256) return n - 1;
  throw new SpecforgeError(
    'SPECFORGE_USAGE',
    { reason: `${JSON.stringify(jobs)} is not a number of jobs.` },
    { hint: 'Pass --jobs a whole number from 1 (no threads) to 256.' },
  );
}
