import { type PoolThread, startThreadPool } from '../threads/thread-pool.js';
import type { WorkspaceSpec } from './open-spec-workspace.js';
import type { PlanJobResult, PlanJobSettings } from './plan-one-spec.js';
import { createPlanJobRunner } from './plan-thread.js';
import {
  type PlanThreadContext,
  type PlanThreadJob,
  type PlanThreadSettings,
  receivePlanResult,
  type SentPlanResult,
} from './plan-thread-protocol.js';

/** Options for {@link startPlanThreads}. */
export interface PlanThreadsOptions {
  count: number;
  /** The thread script (threads/thread.js, or a bundle's copy of it). */
  script: string | URL;
  settings: PlanThreadSettings;
  /** Starts one thread; by default a Worker running `script` (tests serve a MessagePort). */
  spawn?: (script: string | URL, data: unknown) => PoolThread;
  /** Plans in this thread too, with these settings, beside the `count` threads. */
  local?: PlanJobSettings;
}

/** Plan threads: each spec goes to the least busy one; {@link PlanThreads.close} stops them. */
export interface PlanThreads {
  plan(spec: WorkspaceSpec): Promise<PlanJobResult>;
  close(): Promise<void>;
}

/** Starts `count` plan threads (see {@link startThreadPool} for what a failing thread does). */
export function startPlanThreads(options: PlanThreadsOptions): PlanThreads {
  const pool = startThreadPool<
    'plan',
    PlanThreadSettings,
    PlanThreadContext,
    PlanThreadJob,
    SentPlanResult
  >({
    count: options.count,
    script: options.script,
    data: { specforgeThread: 'plan', settings: options.settings },
    spawn: options.spawn,
    local: options.local && createPlanJobRunner(options.local),
  });
  return {
    plan: async (spec) =>
      receivePlanResult(
        await pool.run({
          job: { spec: spec.path },
          context: spec.project,
          describe: () => ({
            project: spec.project.registry.project,
            template: spec.project.template,
          }),
        }),
      ),
    close: () => pool.close(),
  };
}
