// The worker behind `startVersionsModel`: opens the project's registry and builds the versions
// model on its own thread, then posts it back (or a message when it fails; the caller then
// builds the model itself, which reports the error as it should be reported).
import { parentPort, workerData } from 'node:worker_threads';
import { openProjectRegistry } from '@specforge/template-registry';
import { buildVersionsModel } from './pack-versions.js';
import type { VersionsWorkerInput, VersionsWorkerOutput } from './versions-model-worker.js';

const input = workerData as VersionsWorkerInput;

async function run(): Promise<VersionsWorkerOutput> {
  try {
    const registry = await openProjectRegistry({
      cwd: input.cwd,
      cacheDir: input.cacheDir,
      frozen: input.frozen,
    });
    return { ok: true, models: await buildVersionsModel(registry, { cacheDir: input.cacheDir }) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.postMessage(await run());
