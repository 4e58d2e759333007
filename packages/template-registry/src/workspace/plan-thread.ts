import type { MessagePort } from 'node:worker_threads';
import {
  createRenderEnvironment,
  createTemplateCompileCache,
  nodeFileSystem,
} from '@specforge/core';
import { serveThread } from '../threads/serve-thread.js';
import { type PlanJobSettings, planOneSpec } from './plan-one-spec.js';
import {
  type PlanThreadContext,
  type PlanThreadJob,
  type PlanThreadSettings,
  type SentPlanResult,
  sendPlanResult,
} from './plan-thread-protocol.js';

/**
 * What a plan lane does with one spec: plans it with `settings` and gives the result as it
 * crosses to the main thread. A thread and the main thread's own lane both run it.
 */
export function createPlanJobRunner(
  settings: PlanJobSettings,
): (job: PlanThreadJob, context: PlanThreadContext) => Promise<SentPlanResult> {
  return async ({ spec }, context) =>
    sendPlanResult(await planOneSpec({ spec, ...context }, settings));
}

/**
 * Plans the specs the main thread sends on `port`, as planWorkspace does in process, and sends
 * back each result: the server of a plan thread (see threads/thread.ts).
 */
export function servePlanThread(port: MessagePort, settings: PlanThreadSettings): void {
  const job: PlanJobSettings = {
    cwd: settings.cwd,
    now: new Date(settings.now),
    write: settings.write,
    force: settings.force,
    fs: nodeFileSystem,
    environment: createRenderEnvironment(
      settings.compileCacheDir === undefined
        ? {}
        : { compileCache: createTemplateCompileCache(settings.compileCacheDir) },
    ),
  };
  serveThread(port, createPlanJobRunner(job));
}
