// Bulk figures: a generated repo of specs (seeded, byte-identical on any machine) through
// `specforge plan` (cold, then all up to date) and `specforge check`, each run as its own process
// next to a baseline process that only reads (or, for a cold plan, reads and writes) the same
// files; then one cold `plan` of a much bigger repo, for its peak RSS: plans are streamed, so
// memory must not grow with the number of specs.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateRepo } from '../inputs/generate-specs.js';
import { paths } from '../lib/config.js';
import { sampleProcesses } from '../lib/measure.js';
import { rowsOf, runsText, targets } from '../lib/report.js';

const lastLine = (text) => text.trimEnd().split('\n').at(-1).trim();

function removePlans(repo) {
  for (const dir of readdirSync(join(repo, 'specs'))) {
    rmSync(join(repo, 'specs', dir, 'plan.md'), { force: true });
  }
}

/** How much longer a plan is than its spec, on average: what the write baseline adds per file. */
function planOverhead(repo) {
  let extra = 0;
  const dirs = readdirSync(join(repo, 'specs'));
  for (const dir of dirs) {
    extra +=
      statSync(join(repo, 'specs', dir, 'plan.md')).size -
      statSync(join(repo, 'specs', dir, 'spec.md')).size;
  }
  return Math.round(extra / dirs.length);
}

const expectSummary = (written, upToDate) => (stdout) => {
  const summary = `${written} written, ${upToDate} up to date, 0 refused, 0 failed`;
  if (lastLine(stdout) !== summary) {
    throw new Error(`expected "${summary}", got "${lastLine(stdout)}"`);
  }
};

// The baselines run as `node -e` children, as the CLI does; they are kept as functions so that
// they read as code. Buffers, not strings: the floor is the I/O itself.
function readSpecsAndPlans() {
  const fs = process.getBuiltinModule('node:fs');
  for (const dir of fs.readdirSync('specs')) {
    fs.readFileSync(`specs/${dir}/spec.md`);
    fs.readFileSync(`specs/${dir}/plan.md`);
  }
}

function writeSpecsAsPlans(extraBytes) {
  const fs = process.getBuiltinModule('node:fs');
  const pad = Buffer.alloc(extraBytes, 'x');
  for (const dir of fs.readdirSync('specs')) {
    const spec = fs.readFileSync(`specs/${dir}/spec.md`);
    fs.writeFileSync(`specs/${dir}/plan.md`, Buffer.concat([spec, pad]));
  }
}

const script = (fn, ...args) => `(${fn})(${args.map((a) => JSON.stringify(a)).join(', ')})`;

/** Generates a repo and says what it holds. */
function generate(repo, count, seed, log) {
  const started = performance.now();
  const { sizes, digest } = generateRepo(repo, { count, seed });
  const kb = (bytes) => (bytes / 1024).toFixed(1);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(
    `bulk: ${count} specs (seed ${seed}, ${kb(sizes.min)}–${kb(sizes.max)} KB, mean ${kb(sizes.mean)} KB, tree digest ${digest}) generated in ${seconds} s`,
  );
  return {
    count,
    seed,
    digest,
    bytes: { min: sizes.min, max: sizes.max, mean: Math.round(sizes.mean) },
  };
}

/** Measures the bulk figures and returns their rows. */
export async function bulkFigures({ config, probe, env, work, log }) {
  const repo = join(work, 'repo');
  const count = config.specs;
  const repoInputs = generate(repo, count, config.seed, log);

  let overhead;
  const writeBaseline = {
    id: 'read-write',
    name: 'read + write the same bytes',
    // Sized after the plans of the first cold plan, which runs before it (see planCold.verify).
    get args() {
      return ['-e', script(writeSpecsAsPlans, overhead)];
    },
    cwd: repo,
    before: () => removePlans(repo),
  };
  const readBaseline = {
    id: 'read',
    name: 'read the same files',
    args: ['-e', script(readSpecsAndPlans)],
    cwd: repo,
  };
  const planCold = {
    id: 'plan-cold',
    name: `specforge plan: ${count} specs, cold (no plan exists)`,
    args: [paths.bin, 'plan'],
    cwd: repo,
    before: () => removePlans(repo),
    verify: (stdout) => {
      expectSummary(count, 0)(stdout);
      overhead ??= planOverhead(repo);
    },
    baseline: writeBaseline.id,
    count: { value: count, unit: 'specs' },
    target: targets.all(targets.rate(2000, 'specs'), targets.rss(250)),
  };
  const planUpToDate = {
    id: 'plan-up-to-date',
    name: `specforge plan: ${count} specs, all up to date`,
    args: [paths.bin, 'plan'],
    cwd: repo,
    verify: expectSummary(0, count),
    baseline: readBaseline.id,
    count: { value: count, unit: 'specs' },
    target: targets.all(targets.ratio(3), targets.rate(10000, 'specs')),
  };
  const check = {
    id: 'check',
    name: `specforge check: ${count} spec + plan pairs`,
    args: [paths.bin, 'check', 'specs', '--format', 'json'],
    cwd: repo,
    okStatus: [0, 1], // 1: findings (the plain speckit/plan keeps its placeholders)
    verify: (stdout) => {
      const { files } = JSON.parse(stdout);
      if (files !== 2 * count) throw new Error(`check read ${files} files, expected ${2 * count}`);
    },
    baseline: readBaseline.id,
    count: { value: 2 * count, unit: 'docs' },
    target: targets.rate(3000, 'docs'),
  };
  // In this order, warm-up and every round alike: the cold plan makes the plans the next three
  // read, and the write baseline's files are removed by the next cold plan.
  const samples = sampleProcesses(
    probe,
    [planCold, readBaseline, planUpToDate, check, writeBaseline],
    { runs: config.bulkRuns, warmup: config.heavyWarmup, env },
  );
  const main = rowsOf(
    'bulk',
    samples,
    [writeBaseline, readBaseline],
    [planCold, planUpToDate, check],
  );
  rmSync(repo, { recursive: true, force: true });

  // Streaming: one cold plan of a repo five times the size; peak RSS is the figure.
  const big = join(work, 'big');
  const bigInputs = generate(big, config.bigSpecs, config.seed, log);
  const planBig = {
    id: 'plan-big',
    name: `specforge plan: ${config.bigSpecs} specs, cold (streaming)`,
    args: [paths.bin, 'plan'],
    cwd: big,
    verify: expectSummary(config.bigSpecs, 0),
    count: { value: config.bigSpecs, unit: 'specs' },
    target: targets.rss(300),
  };
  const bigSamples = sampleProcesses(probe, [planBig], { runs: 1, warmup: 0, env });
  const streaming = rowsOf('bulk', bigSamples, [], [planBig]);
  rmSync(big, { recursive: true, force: true });

  return {
    title: `bulk: ${count} generated specs, ${runsText(config.bulkRuns, config.heavyWarmup)}, interleaved; ${config.bigSpecs} specs once`,
    inputs: { repo: repoInputs, big: bigInputs, planOverheadBytes: overhead },
    baselines: main.baselines,
    rows: [...main.rows, ...streaming.rows],
  };
}
