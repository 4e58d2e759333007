import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { PoolThread } from '../threads/thread-pool.js';

/** A {@link PoolThread} whose other end this process serves: no Worker, the same messages. */
export interface ChannelThread extends PoolThread {
  /** Closes the served end and reports an exit with `code`, as a thread that dies would. */
  exit(code: number): void;
}

/**
 * A thread for pool tests: `serve` gets the far port of a MessageChannel (as a thread gets its
 * parent port; nothing is served when left out), and `onPost` sees every message sent to it.
 */
export function channelThread(
  serve?: (port: MessagePort) => void,
  onPost?: (message: unknown) => void,
): ChannelThread {
  const { port1, port2 } = new MessageChannel();
  serve?.(port2);
  const exits: ((code: number) => void)[] = [];
  const thread: ChannelThread = {
    postMessage(message) {
      onPost?.(message);
      port1.postMessage(message);
    },
    on: ((event: string, listener: (value: unknown) => void) => {
      if (event === 'message') port1.on('message', listener);
      if (event === 'exit') exits.push(listener as (code: number) => void);
      return thread;
    }) as PoolThread['on'],
    terminate: async () => {
      port1.close();
      port2.close();
    },
    exit(code) {
      port2.close();
      for (const listener of exits) listener(code);
    },
  };
  return thread;
}
