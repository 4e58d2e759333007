/** A message to a thread: a context (sent once, before the first job that needs it) or a job. */
export type ToThread<Context, Job> =
  | { type: 'context'; key: number; context: Context }
  | { type: 'job'; id: number; key: number; job: Job };

/** A message from a thread: a job's result, or the bug that stopped it. */
export type FromThread<Result> =
  | { type: 'done'; id: number; result: Result }
  | { type: 'crashed'; id: number; message: string; stack: string | undefined };

/** What every thread of a pool is started with (its `workerData`). */
export interface ThreadData<Kind extends string, Settings> {
  /** Marks the data as ours and says which server the thread runs. */
  specforgeThread: Kind;
  settings: Settings;
}
