// The worker behind `startVersionsModel`: opens the project's registry and builds the versions
// model on its own thread, then posts it back (or a message when it fails; the caller then
// builds the model itself, which reports the error as it should be reported).
import { parentPort, workerData } from 'node:worker_threads';
import { openProjectRegistry } from '@specforge/template-registry';
import { openBuildCache } from '../cache/build-cache.js';
import { openVersionBodies } from '../cache/version-bodies.js';
import { composeVersionsModel } from './pack-versions.js';
import type { VersionsWorkerInput, VersionsWorkerOutput } from './versions-model-worker.js';

const input = workerData as VersionsWorkerInput;

async function run(): Promise<VersionsWorkerOutput> {
  try {
    const registry = await openProjectRegistry({
      cwd: input.cwd,
      cacheDir: input.cacheDir,
      frozen: input.frozen,
    });
    // The calling thread prunes the cache at the end of its build, once this one's writes are in.
    const cache = input.buildCache ? openBuildCache({ dir: input.buildCache }) : undefined;
    const store = cache && openVersionBodies(cache, registry, input.cacheDir);
    const models = await composeVersionsModel(registry, { cacheDir: input.cacheDir }, store);
    await cache?.close({ prune: false });
    return { ok: true, models, cacheWrote: cache?.wrote ?? false };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.postMessage(await run());
