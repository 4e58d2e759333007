import { Worker } from 'node:worker_threads';
import { localThread } from './local-thread.js';
import type { FromThread, ThreadData, ToThread } from './thread-messages.js';

/** What a pool needs of a thread: a Worker, or in tests a MessagePort served in process. */
export interface PoolThread {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<unknown> | undefined;
}

/** Options for {@link startThreadPool}. */
export interface ThreadPoolOptions<Kind extends string, Settings, Context, Job, Result> {
  count: number;
  /** The thread script: this package's `thread.js`, or a bundle's copy of it. */
  script: string | URL;
  data: ThreadData<Kind, Settings>;
  /** Starts one thread; by default a Worker running `script`. */
  spawn?: (script: string | URL, data: ThreadData<Kind, Settings>) => PoolThread;
  /**
   * Runs jobs in this thread too, as one more lane beside the `count` workers (see
   * {@link localThread}); the context it gets is the one `describe` made, not a copy.
   */
  local?: (job: Job, context: Context) => Promise<Result>;
}

/** A job for {@link ThreadPool.run}: what to do, and the context it needs. */
export interface PoolJob<Context, Job> {
  job: Job;
  /** The context, by identity: sent to a thread once, before its first job that needs it. */
  context: object;
  /** Builds the context's message form, once per context. */
  describe: () => Context;
  /**
   * Jobs with the same affinity go to the same thread while they come one after another (e.g.
   * a spec and its plan, which share a parse); other jobs go to the least busy thread.
   */
  affinity?: string;
}

/** Threads that run jobs; {@link ThreadPool.close} stops them. */
export interface ThreadPool<Context, Job, Result> {
  run(job: PoolJob<Context, Job>): Promise<Result>;
  close(): Promise<void>;
}

interface Lane {
  thread: PoolThread;
  pending: Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>;
  /** The contexts this thread has been sent, by key. */
  contexts: Set<number>;
  /** Why the thread stopped, once it has: later jobs sent to it fail with it. */
  stopped: Error | undefined;
}

const defaultSpawn = (script: string | URL, data: unknown): PoolThread =>
  new Worker(script, { workerData: data });

/**
 * Starts `count` threads. Results come back as the thread sent them (plain data: revive errors
 * on this side). A thread that throws outside a job, or exits while jobs are in flight, fails
 * those jobs with an Error, and every job sent to it later: a bug, which ends the run.
 */
export function startThreadPool<Kind extends string, Settings, Context, Job, Result>(
  options: ThreadPoolOptions<Kind, Settings, Context, Job, Result>,
): ThreadPool<Context, Job, Result> {
  const spawn = options.spawn ?? defaultSpawn;
  const contextKeys = new WeakMap<object, number>();
  let nextKey = 0;
  let nextId = 0;
  let closing = false;
  let lastAffinity: { key: string; lane: Lane } | undefined;

  const threads = Array.from({ length: options.count }, () => spawn(options.script, options.data));
  if (options.local) threads.push(localThread<Context, Job, Result>(options.local));
  const lanes: Lane[] = threads.map((thread) => {
    const lane: Lane = {
      thread,
      pending: new Map(),
      contexts: new Set(),
      stopped: undefined,
    };
    const stop = (error: Error) => {
      lane.stopped ??= error;
      for (const { reject } of lane.pending.values()) reject(lane.stopped);
      lane.pending.clear();
    };
    lane.thread.on('message', (data) => {
      const message = data as FromThread<Result>;
      const waiting = lane.pending.get(message.id);
      if (!waiting) return;
      lane.pending.delete(message.id);
      if (message.type === 'done') {
        waiting.resolve(message.result);
      } else {
        const error = new Error(`A worker thread failed: ${message.message}`);
        if (message.stack) error.stack = `${error.stack}\nIn the thread: ${message.stack}`;
        waiting.reject(error);
      }
    });
    lane.thread.on('error', (error) => stop(error));
    lane.thread.on('exit', (code) => {
      if (!closing) stop(new Error(`A worker thread exited with code ${code} while working.`));
    });
    return lane;
  });

  const pickLane = (affinity: string | undefined): Lane => {
    if (affinity !== undefined && lastAffinity?.key === affinity) return lastAffinity.lane;
    const lane = lanes.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    lastAffinity = affinity === undefined ? undefined : { key: affinity, lane };
    return lane;
  };

  return {
    run({ job, context, describe, affinity }) {
      const lane = pickLane(affinity);
      if (lane.stopped) return Promise.reject(lane.stopped);
      let key = contextKeys.get(context);
      if (key === undefined) {
        key = nextKey++;
        contextKeys.set(context, key);
      }
      if (!lane.contexts.has(key)) {
        lane.contexts.add(key);
        const message: ToThread<Context, Job> = { type: 'context', key, context: describe() };
        lane.thread.postMessage(message);
      }
      const id = nextId++;
      return new Promise<Result>((resolve, reject) => {
        lane.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
        const message: ToThread<Context, Job> = { type: 'job', id, key, job };
        lane.thread.postMessage(message);
      });
    },
    async close() {
      closing = true;
      await Promise.all(lanes.map((lane) => lane.thread.terminate()));
    },
  };
}
