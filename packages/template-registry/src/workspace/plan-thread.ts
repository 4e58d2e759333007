// The script of a plan thread (see plan-threads.ts): plans the specs the main thread sends, as
// planWorkspace does in process, and sends back each result. Loaded as a Worker only
// (package.json lists it under sideEffects).
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import {
  createRenderEnvironment,
  createTemplateCompileCache,
  nodeFileSystem,
  type Project,
  type TemplateSource,
} from '@specforge/core';
import { type PlanJobSettings, planOneSpec } from './plan-one-spec.js';
import {
  type FromPlanThread,
  type PlanThreadData,
  sendPlanResult,
  type ToPlanThread,
} from './plan-thread-protocol.js';

/**
 * Serves plan requests arriving on `port` until it closes. Exported for tests, which serve a
 * MessageChannel in process; a Worker runs it on its parent port.
 */
export function servePlanThread(port: MessagePort, data: PlanThreadData): void {
  const settings: PlanJobSettings = {
    cwd: data.cwd,
    now: new Date(data.now),
    write: data.write,
    force: data.force,
    fs: nodeFileSystem,
    environment: createRenderEnvironment(
      data.compileCacheDir === undefined
        ? {}
        : { compileCache: createTemplateCompileCache(data.compileCacheDir) },
    ),
  };
  const projects = new Map<number, { project: Project; template: TemplateSource }>();
  const reply = (message: FromPlanThread) => port.postMessage(message);
  port.on('message', (message: ToPlanThread) => {
    if (message.type === 'project') {
      projects.set(message.key, { project: message.project, template: message.template });
      return;
    }
    const { id } = message;
    const known = projects.get(message.key);
    const job = known
      ? planOneSpec({ spec: message.spec, ...known }, settings)
      : Promise.reject(new Error(`plan thread: no project ${message.key} was sent`));
    job.then(
      (result) => reply({ type: 'planned', id, result: sendPlanResult(result) }),
      (error: unknown) =>
        reply({
          type: 'crashed',
          id,
          message: error instanceof Error ? error.message : String(error),
          stack: error instanceof Error ? error.stack : undefined,
        }),
    );
  });
}

let serving = false;

/**
 * Serves the parent port when this thread is a plan thread (its `workerData` is a
 * {@link PlanThreadData}); returns whether it does. Runs when this module loads; a bundle that
 * drops the module's top-level code calls it itself (a second call does nothing).
 */
export function runPlanThread(): boolean {
  const data = workerData as Partial<PlanThreadData> | undefined;
  if (serving || !parentPort || data?.specforgePlanThread !== 1) return serving;
  serving = true;
  servePlanThread(parentPort, data as PlanThreadData);
  return true;
}

runPlanThread();
