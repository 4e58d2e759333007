import type { MessagePort } from 'node:worker_threads';
import type { FromThread, ToThread } from './thread-messages.js';

/**
 * Serves jobs arriving on `port` until it closes: each job runs with the context sent for its key
 * and its result (or the error it threw: a bug) is posted back under its id. Jobs run
 * concurrently, so a thread keeps its disk busy as the main thread does.
 */
export function serveThread<Context, Job, Result>(
  port: MessagePort,
  run: (job: Job, context: Context) => Promise<Result>,
): void {
  const contexts = new Map<number, Context>();
  const reply = (message: FromThread<Result>) => port.postMessage(message);
  port.on('message', (message: ToThread<Context, Job>) => {
    if (message.type === 'context') {
      contexts.set(message.key, message.context);
      return;
    }
    const { id } = message;
    const done = contexts.has(message.key)
      ? run(message.job, contexts.get(message.key) as Context)
      : Promise.reject(new Error(`thread: no context ${message.key} was sent`));
    done.then(
      (result) => reply({ type: 'done', id, result }),
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
