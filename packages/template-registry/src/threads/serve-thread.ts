import type { MessagePort } from 'node:worker_threads';
import type { FromThread, ToThread } from './thread-messages.js';

/**
 * Handles the messages a thread is sent: keeps each context, runs each job with the context sent
 * for its key, and replies with the result (or the error it threw: a bug) under the job's id.
 * Jobs run concurrently, so a thread keeps its disk busy as the main thread does.
 */
export function createJobHandler<Context, Job, Result>(
  run: (job: Job, context: Context) => Promise<Result>,
  reply: (message: FromThread<Result>) => void,
): (message: ToThread<Context, Job>) => void {
  const contexts = new Map<number, Context>();
  return (message) => {
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
  };
}

/** Serves jobs arriving on `port` (a thread's parent port) until it closes; see {@link createJobHandler}. */
export function serveThread<Context, Job, Result>(
  port: MessagePort,
  run: (job: Job, context: Context) => Promise<Result>,
): void {
  port.on(
    'message',
    createJobHandler(run, (message) => port.postMessage(message)),
  );
}
