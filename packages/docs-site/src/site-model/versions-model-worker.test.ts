import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { openProjectRegistry } from '@specforge/template-registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVersionsProject, type VersionsProject } from '../../test/versions-project.js';
import { buildVersionsModel } from './pack-versions.js';
import { startVersionsModel, type VersionsWorkerOutput } from './versions-model-worker.js';

// Run from sources, the worker module does not exist beside this file and the model is built on
// this thread; the built package (turbo builds before testing) runs the real worker.
const built = fileURLToPath(
  new URL('../../dist/site-model/versions-model-worker.js', import.meta.url),
);

// The package's entry is the bundle (rolldown.config.ts), whose chunks start this worker.
const bundledWorker = fileURLToPath(
  new URL('../../dist/bundle/_versions-worker.js', import.meta.url),
);

describe('startVersionsModel', () => {
  let project: VersionsProject;
  beforeAll(async () => {
    project = await makeVersionsProject();
  });
  afterAll(() => project?.remove());

  const open = () => openProjectRegistry({ cwd: project.root, cacheDir: project.cacheDir });

  it('builds on a worker thread the model buildVersionsModel builds here', async () => {
    if (!existsSync(built)) throw new Error(`build the package first: ${built} is missing`);
    const { startVersionsModel: startBuilt } = (await import(built)) as {
      startVersionsModel: typeof startVersionsModel;
    };
    const registry = await open();
    const here = await buildVersionsModel(registry, { cacheDir: project.cacheDir });
    const pending = startBuilt({ cwd: project.root, cacheDir: project.cacheDir, frozen: false });
    const there = await pending.result(registry);
    expect(await pending.builtOnWorker).toBe(true);
    expect(there).toEqual(here);
    expect(there.flatMap((model) => model.versions.map((v) => v.version))).toContain('1.0.0');
  });

  it("runs from the package's bundle: the worker beside its chunks builds the same model", async () => {
    if (!existsSync(bundledWorker))
      throw new Error(`build the package first: ${bundledWorker} is missing`);
    const registry = await open();
    const here = await buildVersionsModel(registry, { cacheDir: project.cacheDir });
    const worker = new Worker(bundledWorker, {
      workerData: { cwd: project.root, cacheDir: project.cacheDir, frozen: false },
    });
    const output = await new Promise<VersionsWorkerOutput>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(output).toEqual({ ok: true, models: here, cacheWrote: false });
  });

  it('builds the model on this thread when the worker cannot run', async () => {
    const registry = await open();
    // From sources (vitest), `_versions-worker.js` is not beside the module: the fallback runs.
    const pending = startVersionsModel({
      cwd: project.root,
      cacheDir: project.cacheDir,
      frozen: false,
    });
    expect(await pending.builtOnWorker).toBe(false);
    expect(await pending.result(registry)).toEqual(
      await buildVersionsModel(registry, { cacheDir: project.cacheDir }),
    );
    await pending.cancel();
  });
});
