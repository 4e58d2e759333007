import {
  type Project,
  reviveSpecforgeError,
  type SpecforgeErrorData,
  specforgeErrorData,
  type TemplateSource,
} from '@specforge/core';
import type { PlanJobResult } from './plan-one-spec.js';

/** How every spec of a threaded run is planned: the settings each plan thread starts with. */
export interface PlanThreadSettings {
  cwd: string;
  /** The run's clock, in milliseconds since the epoch. */
  now: number;
  write: boolean;
  force: boolean;
  /** Where compiled templates are kept between runs; none: compile in memory. */
  compileCacheDir: string | undefined;
}

/** What a plan thread is told once per project: the project and the template its specs use. */
export interface PlanThreadContext {
  project: Project;
  template: TemplateSource;
}

/** One spec for a plan thread: its absolute path. */
export interface PlanThreadJob {
  spec: string;
}

/** A {@link PlanJobResult} as it crosses the thread boundary: its errors as plain data. */
export type SentPlanResult =
  | (Exclude<PlanJobResult, { status: 'failed' }> & {
      refusal: SpecforgeErrorData | undefined;
      /** The file as it was is the text itself (an up-to-date plan): sent once, not twice. */
      previousIsText: boolean;
    })
  | (Omit<Extract<PlanJobResult, { status: 'failed' }>, 'error'> & { error: SpecforgeErrorData });

/** The result as a thread sends it: structured clone keeps plain data only, not error classes. */
export function sendPlanResult(result: PlanJobResult): SentPlanResult {
  if (result.status === 'failed') return { ...result, error: specforgeErrorData(result.error) };
  const { refusal, previous, text } = result.change;
  const previousIsText = previous === text;
  return {
    ...result,
    change: {
      ...result.change,
      refusal: undefined,
      previous: previousIsText ? undefined : previous,
    },
    refusal: refusal && specforgeErrorData(refusal),
    previousIsText,
  };
}

/** The result as the thread had it, errors revived. */
export function receivePlanResult(sent: SentPlanResult): PlanJobResult {
  if (sent.status === 'failed') return { ...sent, error: reviveSpecforgeError(sent.error) };
  const { refusal, previousIsText, ...result } = sent;
  const { change } = result;
  return {
    ...result,
    change: {
      ...change,
      previous: previousIsText ? change.text : change.previous,
      refusal: refusal && reviveSpecforgeError(refusal),
    },
  };
}
