// The script of every worker thread this package starts (see thread-pool.ts): plan threads for
// planWorkspace, check threads for checkDocuments. Loaded as a Worker only (package.json lists
// it under sideEffects).
import { parentPort, workerData } from 'node:worker_threads';
import { serveCheckThread } from '../check/check-thread.js';
import type { CheckThreadSettings } from '../check/check-thread-protocol.js';
import { servePlanThread } from '../workspace/plan-thread.js';
import type { PlanThreadSettings } from '../workspace/plan-thread-protocol.js';
import type { ThreadData } from './thread-messages.js';

let serving = false;

/**
 * Serves the parent port when this thread is one of ours (its `workerData` says which kind);
 * returns whether it does. Runs when this module loads; a bundle that drops the module's
 * top-level code calls it itself (a second call does nothing).
 */
export function runSpecforgeThread(): boolean {
  if (serving || !parentPort) return serving;
  const data = workerData as Partial<ThreadData<string, unknown>> | undefined;
  if (data?.specforgeThread === 'plan') {
    servePlanThread(parentPort, data.settings as PlanThreadSettings);
  } else if (data?.specforgeThread === 'check') {
    serveCheckThread(parentPort, data.settings as CheckThreadSettings);
  } else {
    return false;
  }
  serving = true;
  return true;
}

runSpecforgeThread();
