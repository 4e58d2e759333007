import { createJobHandler } from './serve-thread.js';
import type { FromThread, ToThread } from './thread-messages.js';
import type { PoolThread } from './thread-pool.js';

/**
 * A lane of a pool that runs its jobs in this thread, as a worker would: the main thread works
 * beside its workers instead of only waiting for them (on two cores, one worker and this lane
 * keep both busy with one start-up and one warm-up fewer). Nothing is cloned: contexts and
 * results pass by reference.
 */
export function localThread<Context, Job, Result>(
  run: (job: Job, context: Context) => Promise<Result>,
): PoolThread {
  const listeners: ((message: FromThread<Result>) => void)[] = [];
  const handle = createJobHandler(run, (message) => {
    for (const listener of listeners) listener(message);
  });
  const thread: PoolThread = {
    postMessage: (message) => handle(message as ToThread<Context, Job>),
    on: ((event: string, listener: (message: FromThread<Result>) => void) => {
      if (event === 'message') listeners.push(listener);
      return thread;
    }) as PoolThread['on'],
    terminate: () => undefined,
  };
  return thread;
}
