import type { MessagePort } from 'node:worker_threads';
import { displayPath, isSpecforgeError, specforgeErrorData } from '@specforge/core';
import { serveThread } from '../threads/serve-thread.js';
import { checkOneDocument, createSpecCache } from './check-one-document.js';
import type {
  CheckThreadContext,
  CheckThreadJob,
  CheckThreadResult,
  CheckThreadSettings,
} from './check-thread-protocol.js';

/**
 * Checks the documents the main thread sends on `port`, as checkDocuments does in process: the
 * server of a check thread (see threads/thread.ts).
 */
export function serveCheckThread(port: MessagePort, settings: CheckThreadSettings): void {
  const context = {
    display:
      settings.display === 'relative'
        ? (path: string) => displayPath(path, settings.cwd)
        : (path: string) => path,
    specOf: createSpecCache(),
  };
  serveThread<CheckThreadContext, CheckThreadJob, CheckThreadResult>(
    port,
    async ({ path }, { project, packs }) => {
      try {
        return { findings: await checkOneDocument(path, project, packs, context) };
      } catch (error) {
        if (!isSpecforgeError(error)) throw error;
        return { error: specforgeErrorData(error) };
      }
    },
  );
}
