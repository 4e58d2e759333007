// Docs-site figures: `specforge docs build` of the example project and of a generated one (3 packs
// in an extends chain × 5 versions in git history, about 500 template versions), each as its own
// process next to `node -e 0` in the same run: the generated one first (an empty cache folder),
// cold (an empty build cache) and warm (the cache of the runs before it); and the rebuild after
// one overlay edit in a running
// `specforge docs serve`, from the save to the server's "rebuilt" line.
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { generateRegistry } from '../inputs/generate-registry.js';
import { paths } from '../lib/config.js';
import { FigureError, median, sampleProcesses } from '../lib/measure.js';
import { makeRow, rowsOf, runsText, targets } from '../lib/report.js';
import { expectOutput, nodeBaseline } from './startup.js';

/**
 * Edits the overlay `edits` times in a running `docs serve`; returns, per edit, the time from the
 * save to the server's "rebuilt in N ms" line, and the N it reports.
 */
async function serveRebuilds(project, overlay, edits, env) {
  const name = 'specforge docs serve';
  const child = spawn(process.execPath, [paths.bin, 'docs', 'serve', '--port', '0'], {
    cwd: project,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Lines queue up as they come, so that none is lost between two waits.
  const queue = [];
  let wake = () => {};
  createInterface({ input: child.stdout }).on('line', (line) => {
    queue.push(line);
    wake();
  });
  exited.then(() => wake());
  const next = async () => {
    const deadline = Date.now() + 60_000;
    while (queue.length === 0) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new FigureError(name, `exited ${child.exitCode ?? child.signalCode}`, stderr);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new FigureError(name, 'printed nothing for 60 s', stderr);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return queue.shift();
  };
  const original = readFileSync(overlay, 'utf8');
  try {
    const first = await next();
    if (!first.startsWith('serving ')) throw new FigureError(name, `printed "${first}"`, stderr);
    const samples = [];
    for (let i = 1; i <= edits; i++) {
      const started = performance.now();
      writeFileSync(overlay, `${original}\n<!-- bench edit ${i} -->\n`);
      const line = await next();
      const reported = /^rebuilt in (\d+) ms/.exec(line);
      if (!reported) throw new FigureError(name, `printed "${line}"`, stderr);
      samples.push({ wallMs: performance.now() - started, reportedMs: Number(reported[1]) });
    }
    return samples;
  } finally {
    child.kill('SIGTERM');
    await exited;
    writeFileSync(overlay, original);
  }
}

/** Measures the docs figures and returns their rows. */
export async function docsFigures({ config, probe, env, work, log }) {
  const example = join(work, 'example');
  cpSync(paths.example, example, { recursive: true });
  const generated = join(work, 'generated');
  const shape = generateRegistry(
    generated,
    config.smoke ? { templatesPerPack: 4, releases: 2 } : {},
  );
  const versions = shape.templates * shape.versions;
  const baseline = nodeBaseline(work);
  const built = expectOutput(/^built \d+ pages in site/);
  // Each build figure has a cache folder of its own (SPECFORGE_CACHE_DIR, set before each of its
  // runs in this group's own environment): the git sources, the registry's copies of earlier
  // versions (`versions/`) and the docs build cache (`docs-site/`) live there.
  const docsEnv = { ...env };
  const cacheDirs = {
    example: join(work, 'cache-example'),
    first: join(work, 'cache-first'),
    cold: join(work, 'cache-cold'),
    warm: join(work, 'cache-warm'),
  };
  const withCacheDir = (dir, before) => () => {
    before?.();
    docsEnv.SPECFORGE_CACHE_DIR = dir;
  };
  const generatedName = `${versions} template versions (${shape.templates} in 3 packs × ${shape.versions})`;
  // What the figures of the generated project share: the command, its folder, its check.
  const generatedBuild = {
    args: [paths.bin, 'docs', 'build', '--out', 'site'],
    cwd: generated,
    verify: built,
  };
  const figures = [
    {
      id: 'build-example',
      name: 'specforge docs build: the example project (build cache warm)',
      args: [paths.bin, 'docs', 'build', '--out', 'site'],
      cwd: example,
      verify: built,
      before: withCacheDir(cacheDirs.example),
    },
    {
      // First: the whole cache folder is emptied before every run, as on a machine that never
      // built the site: the earlier versions are read from git again, every template compiled.
      id: 'build-generated-first',
      name: `specforge docs build: ${generatedName}, first (empty cache folder)`,
      ...generatedBuild,
      before: withCacheDir(cacheDirs.first, () =>
        rmSync(cacheDirs.first, { recursive: true, force: true }),
      ),
    },
    {
      // Cold: the docs build cache is emptied before every run. The registry's copies of the
      // earlier versions and the compiled templates, written by the first run, stay (as they do
      // on any machine that built once), so that the figure is the docs build's own cold cost,
      // not git's.
      id: 'build-generated-cold',
      name: `specforge docs build: ${generatedName}, cold (empty build cache)`,
      ...generatedBuild,
      before: withCacheDir(cacheDirs.cold, () =>
        rmSync(join(cacheDirs.cold, 'docs-site'), { recursive: true, force: true }),
      ),
    },
    {
      // Warm: the same cache across the runs, filled by the warm-up run, as when `docs build` runs
      // again on a machine or in CI with its cache folder restored; the site folder of the run
      // before stays too, so each run also removes it (CI would start without one).
      id: 'build-generated',
      name: `specforge docs build: ${generatedName}, warm (build cache of the earlier runs)`,
      ...generatedBuild,
      before: withCacheDir(cacheDirs.warm),
      target: targets.ratio(20),
    },
  ];
  const samples = sampleProcesses(probe, [baseline, ...figures], {
    runs: config.docsRuns,
    warmup: config.heavyWarmup,
    env: docsEnv,
  });
  const builds = rowsOf('docs', samples, [baseline], figures);

  const edits = config.smoke ? 2 : 5;
  const rebuilds = await serveRebuilds(example, join(example, 'packs/acme/plan.md'), edits, env);
  const wall = rebuilds.map((sample) => sample.wallMs);
  const serve = makeRow({
    group: 'docs',
    id: 'serve-rebuild',
    figure: 'specforge docs serve: save one overlay edit → rebuilt (example)',
    kind: 'serve',
    stats: {
      runs: edits,
      median: median(wall),
      min: Math.min(...wall),
      max: Math.max(...wall),
      cpu: null,
      peakRss: null,
    },
    target: targets.ms(1000, true),
  });
  // The server's own "rebuilt in N ms", without the file watcher's latency.
  serve.reportedRebuild = median(rebuilds.map((sample) => sample.reportedMs));
  log(`docs: docs serve reports a median rebuild of ${serve.reportedRebuild} ms`);
  return {
    title: `docs: builds ${runsText(config.docsRuns, config.heavyWarmup)}, interleaved; ${edits} edits in docs serve`,
    inputs: { generated: { ...shape, templateVersions: versions } },
    ...builds,
    rows: [...builds.rows, serve],
  };
}
