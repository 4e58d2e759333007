import type { MessagePort } from 'node:worker_threads';
import { isSpecforgeError, specforgeErrorData } from '@specforge/core';
import { serveThread } from '../threads/serve-thread.js';
import {
  type CheckDocumentContext,
  checkOneDocument,
  createSpecCache,
} from './check-one-document.js';
import {
  type CheckThreadContext,
  type CheckThreadJob,
  type CheckThreadResult,
  type CheckThreadSettings,
  displayFor,
} from './check-thread-protocol.js';

/**
 * What a check lane does with one document: its findings, or the coded error that stops the run
 * as data (a thread sends it across; any other error is a bug and is thrown).
 */
export function createCheckJobRunner(
  context: CheckDocumentContext,
): (job: CheckThreadJob, given: CheckThreadContext) => Promise<CheckThreadResult> {
  return async ({ path }, { project, packs }) => {
    try {
      return { findings: await checkOneDocument(path, project, packs, context) };
    } catch (error) {
      if (!isSpecforgeError(error)) throw error;
      return { error: specforgeErrorData(error) };
    }
  };
}

/**
 * Checks the documents the main thread sends on `port`, as checkDocuments does in process: the
 * server of a check thread (see threads/thread.ts).
 */
export function serveCheckThread(port: MessagePort, settings: CheckThreadSettings): void {
  serveThread(
    port,
    createCheckJobRunner({ display: displayFor(settings), specOf: createSpecCache() }),
  );
}
