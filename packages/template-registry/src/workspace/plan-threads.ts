import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { WorkspaceProject, WorkspaceSpec } from './open-spec-workspace.js';
import type { PlanJobResult } from './plan-one-spec.js';
import {
  type FromPlanThread,
  type PlanThreadData,
  receivePlanResult,
  type ToPlanThread,
} from './plan-thread-protocol.js';

/** Below this many specs a run plans in process: starting a thread costs more than it saves. */
export const MIN_SPECS_PER_THREADED_RUN = 200;

/**
 * How many plan threads suit a run of `specCount` specs on this machine: none for a small run
 * or a single core, else one per core (at most 8, past which the disk is the limit).
 *
 * @example
 * ```ts
 * planWorkspace(workspace, { write: true, threads: recommendedPlanThreads(workspace.specs.length) });
 * ```
 */
export function recommendedPlanThreads(specCount: number, cores = availableParallelism()): number {
  if (specCount < MIN_SPECS_PER_THREADED_RUN || cores < 2) return 0;
  return Math.min(cores, 8);
}

/** What a pool needs of a thread: a Worker, or in tests a MessagePort served in process. */
export interface PlanThread {
  postMessage(message: ToPlanThread): void;
  on(event: 'message', listener: (message: FromPlanThread) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<unknown> | undefined;
}

/** Options for {@link startPlanThreads}. */
export interface PlanThreadsOptions {
  count: number;
  /** The thread script (plan-thread.js, or a bundle's copy of it). */
  script: string | URL;
  data: Omit<PlanThreadData, 'specforgePlanThread'>;
  /** Starts one thread; by default a Worker running `script`. */
  spawn?: (script: string | URL, data: PlanThreadData) => PlanThread;
}

/** Plan threads: each spec goes to the least busy one; {@link PlanThreads.close} stops them. */
export interface PlanThreads {
  plan(spec: WorkspaceSpec): Promise<PlanJobResult>;
  close(): Promise<void>;
}

interface Pending {
  resolve: (result: PlanJobResult) => void;
  reject: (error: Error) => void;
}

interface Lane {
  thread: PlanThread;
  pending: Map<number, Pending>;
  /** Projects this thread has been sent, by key. */
  projects: Set<number>;
  /** Why the thread stopped, once it has: later specs sent to it fail with it. */
  stopped: Error | undefined;
}

const defaultSpawn = (script: string | URL, data: PlanThreadData): PlanThread =>
  new Worker(script, { workerData: data });

/**
 * Starts `count` plan threads. A thread that throws outside a spec, or exits while specs are in
 * flight, fails those specs with an Error (a bug, not a coded error), which ends the run.
 */
export function startPlanThreads(options: PlanThreadsOptions): PlanThreads {
  const data: PlanThreadData = { specforgePlanThread: 1, ...options.data };
  const spawn = options.spawn ?? defaultSpawn;
  const projectKeys = new Map<WorkspaceProject, number>();
  let nextId = 0;
  let closing = false;

  const lanes: Lane[] = Array.from({ length: options.count }, () => {
    const lane: Lane = {
      thread: spawn(options.script, data),
      pending: new Map(),
      projects: new Set(),
      stopped: undefined,
    };
    const stop = (error: Error) => {
      lane.stopped ??= error;
      for (const { reject } of lane.pending.values()) reject(lane.stopped);
      lane.pending.clear();
    };
    lane.thread.on('message', (message) => {
      const waiting = lane.pending.get(message.id);
      if (!waiting) return;
      lane.pending.delete(message.id);
      if (message.type === 'planned') {
        waiting.resolve(receivePlanResult(message.result));
      } else {
        const error = new Error(`A plan thread failed: ${message.message}`);
        if (message.stack) error.stack = `${error.stack}\nIn the thread: ${message.stack}`;
        waiting.reject(error);
      }
    });
    lane.thread.on('error', (error) => stop(error));
    lane.thread.on('exit', (code) => {
      if (!closing) stop(new Error(`A plan thread exited with code ${code} while planning.`));
    });
    return lane;
  });

  return {
    plan(spec) {
      const lane = lanes.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      if (lane.stopped) return Promise.reject(lane.stopped);
      let key = projectKeys.get(spec.project);
      if (key === undefined) {
        key = projectKeys.size;
        projectKeys.set(spec.project, key);
      }
      if (!lane.projects.has(key)) {
        lane.projects.add(key);
        const { registry, template } = spec.project;
        lane.thread.postMessage({ type: 'project', key, project: registry.project, template });
      }
      const id = nextId++;
      return new Promise<PlanJobResult>((resolve, reject) => {
        lane.pending.set(id, { resolve, reject });
        lane.thread.postMessage({ type: 'plan', id, key, spec: spec.path });
      });
    },
    async close() {
      closing = true;
      await Promise.all(lanes.map((lane) => lane.thread.terminate()));
    },
  };
}
