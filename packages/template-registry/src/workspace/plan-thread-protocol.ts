import {
  type Project,
  reviveSpecforgeError,
  type SpecforgeErrorData,
  specforgeErrorData,
  type TemplateSource,
} from '@specforge/core';
import type { PlanJobResult } from './plan-one-spec.js';

/** What a plan thread is started with (its `workerData`): how every spec of the run is planned. */
export interface PlanThreadData {
  /** Marks the data as ours, so that the thread module does nothing when loaded any other way. */
  specforgePlanThread: 1;
  cwd: string;
  /** The run's clock, in milliseconds since the epoch. */
  now: number;
  write: boolean;
  force: boolean;
  /** Where compiled templates are kept between runs; none: compile in memory. */
  compileCacheDir: string | undefined;
}

/** A message to a plan thread. A project is sent once, before the first spec that needs it. */
export type ToPlanThread =
  | { type: 'project'; key: number; project: Project; template: TemplateSource }
  | { type: 'plan'; id: number; key: number; spec: string };

/** A message from a plan thread: a spec's result, or the bug that stopped it. */
export type FromPlanThread =
  | { type: 'planned'; id: number; result: SentPlanResult }
  | { type: 'crashed'; id: number; message: string; stack: string | undefined };

/** A {@link PlanJobResult} as it crosses the thread boundary: its errors as plain data. */
export type SentPlanResult =
  | (Exclude<PlanJobResult, { status: 'failed' }> & { refusal: SpecforgeErrorData | undefined })
  | (Omit<Extract<PlanJobResult, { status: 'failed' }>, 'error'> & { error: SpecforgeErrorData });

/** The result as a thread sends it: structured clone keeps plain data only, not error classes. */
export function sendPlanResult(result: PlanJobResult): SentPlanResult {
  if (result.status === 'failed') return { ...result, error: specforgeErrorData(result.error) };
  const { refusal } = result.change;
  return {
    ...result,
    change: { ...result.change, refusal: undefined },
    refusal: refusal && specforgeErrorData(refusal),
  };
}

/** The result as the thread had it, errors revived. */
export function receivePlanResult(sent: SentPlanResult): PlanJobResult {
  if (sent.status === 'failed') return { ...sent, error: reviveSpecforgeError(sent.error) };
  const { refusal, ...result } = sent;
  return {
    ...result,
    change: { ...result.change, refusal: refusal && reviveSpecforgeError(refusal) },
  };
}
