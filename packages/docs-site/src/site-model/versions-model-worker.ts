import { Worker } from 'node:worker_threads';
import type { ProjectRegistry } from '@specforge/template-registry';
import type { BuildCache } from '../cache/build-cache.js';
import { openVersionBodies } from '../cache/version-bodies.js';
import { composeVersionsModel, type PackVersionsModel } from './pack-versions.js';

/** What the versions worker is started with. */
export interface VersionsWorkerInput {
  cwd: string;
  cacheDir: string;
  frozen: boolean | undefined;
  /** The build cache's folder (`<cacheDir>/docs-site`); none when the cache is off. */
  buildCache?: string;
}

/** What the versions worker posts back. */
export type VersionsWorkerOutput =
  | {
      ok: true;
      models: PackVersionsModel[];
      /** Whether the worker wrote entries into the build cache (so that it is pruned). */
      cacheWrote: boolean;
    }
  | { ok: false; message: string };

/** A versions model being built on another thread; see {@link startVersionsModel}. */
export interface PendingVersionsModel {
  /**
   * The model. When the worker could not build it (it failed to start, or resolving failed), it is
   * built here, on this thread, from `registry`: the same result, or the same error.
   */
  result(registry: ProjectRegistry): Promise<PackVersionsModel[]>;
  /** Whether the worker built the model (false when it is built on this thread instead). */
  readonly builtOnWorker: Promise<boolean>;
  /** Whether the worker wrote into the build cache. */
  readonly cacheWrote: Promise<boolean>;
  /** Stops the worker if it still runs (after a failed build), so that it keeps no process alive. */
  cancel(): Promise<void>;
}

/**
 * Starts building the versions model of the project around `cwd` (see `buildVersionsModel`) on a
 * worker thread, at once: composing every earlier version of every pack is the longest part of
 * a docs build that needs nothing else of it, so on a machine with a second core it runs beside
 * the site model and the loading of the renderer. The worker resolves the project's packs
 * itself, as the caller does; both read the same files. With `input.buildCache`, versions an
 * earlier build composed come from the build cache (the worker's own handle on it; `cache` is
 * this thread's, used when the model is built here).
 */
export function startVersionsModel(
  input: VersionsWorkerInput,
  cache?: BuildCache,
): PendingVersionsModel {
  let worker: Worker | undefined;
  const fromWorker = new Promise<VersionsWorkerOutput>((resolve) => {
    try {
      // The compiled worker sits beside this module; run from sources (tests), it does not
      // exist and the model is built on this thread instead.
      worker = new Worker(new URL('./_versions-worker.js', import.meta.url), { workerData: input });
    } catch (error) {
      resolve({ ok: false, message: String(error) });
      return;
    }
    worker.once('message', (output: VersionsWorkerOutput) => resolve(output));
    worker.once('error', (error) => resolve({ ok: false, message: String(error) }));
    worker.once('exit', (code) =>
      resolve({ ok: false, message: `the versions worker exited with ${code}` }),
    );
  });
  return {
    builtOnWorker: fromWorker.then((output) => output.ok),
    cacheWrote: fromWorker.then((output) => output.ok && output.cacheWrote),
    async result(registry) {
      const output = await fromWorker;
      if (output.ok) return output.models;
      const store = cache && openVersionBodies(cache, registry, input.cacheDir);
      return composeVersionsModel(registry, { cacheDir: input.cacheDir }, store);
    },
    async cancel() {
      await worker?.terminate();
    },
  };
}
