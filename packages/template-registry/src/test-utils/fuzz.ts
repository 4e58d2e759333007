import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';

// One definition per property, two run counts: the normal test run uses the count the test
// gives, `pnpm fuzz` (scripts/fuzz.mjs) sets FUZZ_RUNS and runs the very same tests with it.
// A copy of this file serves template-registry (packages see each other only through their
// published `dist`, which test code is not part of); keep the two alike.

function readInteger(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${raw}`);
  return value;
}

const fuzzRuns = readInteger('FUZZ_RUNS');
const fuzzSeed = readInteger('FUZZ_SEED');
const reportFile = process.env.FUZZ_REPORT;

/** Options for {@link fuzzParameters}. */
export interface FuzzOptions {
  /**
   * The share of FUZZ_RUNS this property runs under `pnpm fuzz` (default 1): below 1 for a
   * property whose cases cost much more than the others'.
   */
  weight?: number;
}

/** One line of the FUZZ_REPORT file that scripts/fuzz.mjs sums up. */
export interface FuzzRecord {
  file: string;
  name: string;
  runs: number;
  skips: number;
  ms: number;
  seed: number;
  failed: boolean;
  /** fast-check's report (counterexample, seed and path) and the error it got. */
  message?: string;
}

/** The message fast-check's own `assert` throws, with the property's error appended. */
function failureMessage<Ts>(details: fc.RunDetails<Ts>): string {
  const cause = details.errorInstance;
  const got =
    cause instanceof Error
      ? (cause.stack ?? cause.message)
          .split('\n')
          .filter((line) => !line.includes('/node_modules/'))
          .join('\n')
      : String(cause);
  return `${fc.defaultReportMessage(details)}\n\nGot error: ${got}`;
}

/**
 * The parameters of one `fc.assert`: `numRuns` cases in the normal test run, FUZZ_RUNS (times
 * `weight`) under `pnpm fuzz`, seeded by FUZZ_SEED when it is set (to replay a run). Under
 * `pnpm fuzz` each property's count, time, seed and any counterexample go to FUZZ_REPORT.
 * Call it inside the test, where it learns the test's name.
 *
 * @example
 * ```ts
 * it('never throws when given any string', () => {
 *   fc.assert(fc.property(fc.string(), (text) => void parseSpec(text)), fuzzParameters(300));
 * });
 * ```
 */
export function fuzzParameters<Ts = unknown>(
  numRuns: number,
  options: FuzzOptions = {},
): fc.Parameters<Ts> {
  const state = expect.getState();
  const name = state.currentTestName ?? '(unnamed property)';
  const file = state.testPath ? relative(process.cwd(), state.testPath) : '(unknown file)';
  const runs =
    fuzzRuns === undefined ? numRuns : Math.max(1, Math.round(fuzzRuns * (options.weight ?? 1)));
  const started = performance.now();
  return {
    numRuns: runs,
    ...(fuzzSeed === undefined ? {} : { seed: fuzzSeed }),
    reporter(details) {
      const message = details.failed ? failureMessage(details) : undefined;
      if (reportFile) {
        const record: FuzzRecord = {
          file,
          name,
          runs: details.numRuns,
          skips: details.numSkips,
          ms: Math.round(performance.now() - started),
          seed: details.seed,
          failed: details.failed,
          ...(message === undefined ? {} : { message }),
        };
        appendFileSync(reportFile, `${JSON.stringify(record)}\n`);
      }
      if (message !== undefined) throw new Error(message, { cause: details.errorInstance });
    },
  };
}
