// Bulk figures for `pnpm bench`: a generated repo of specs through `specforge plan` (cold, then all
// up to date) and `specforge check`, each run as its own process next to a baseline process that
// only reads (or, for a cold plan, reads and writes) the same files, all in this one run, so the
// ratios hold on any machine. Env: BENCH_SPECS (default 2000), BENCH_BULK_RUNS (default 3),
// BENCH_SMOKE=1 (20 specs, 1 run), BENCH_RSS=node (force the in-process peak RSS reading).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo } from './generate-specs.js';

const smoke = process.env.BENCH_SMOKE === '1';
const COUNT = Number(process.env.BENCH_SPECS ?? (smoke ? 20 : 2000));
const RUNS = Number(process.env.BENCH_BULK_RUNS ?? (smoke ? 1 : 3));
const SEED = 42;
const bin = fileURLToPath(new URL('../packages/cli/bin/specforge.js', import.meta.url));
// CI=1: one line per spec instead of a progress bar; a fixed clock keeps the plans identical.
const env = { ...process.env, CI: '1', NO_COLOR: '1', SOURCE_DATE_EPOCH: '1767225600' };

// Issue 8's targets; MISS is a finding to report, not a reason to fail the bench.
const TARGETS = {
  cold: { text: '≥ 2,000 specs/s, ≤ 250 MB', met: (f) => f.rate >= 2000 && f.rssMB <= 250 },
  upToDate: {
    text: '≥ 10,000 specs/s, ≤ 3× baseline',
    met: (f) => f.rate >= 10000 && f.ratio <= 3,
  },
  check: { text: '≥ 3,000 docs/s', met: (f) => f.rate >= 3000 },
};

/**
 * Peak RSS comes from the OS when GNU time is there (the kernel's ru_maxrss of the child, whatever
 * the child does); otherwise a preloaded module prints Node's own maxRSS as the process exits.
 */
function rssProbe() {
  if (process.env.BENCH_RSS !== 'node' && existsSync('/usr/bin/time')) {
    const probe = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, '-e', '0'], {
      encoding: 'utf8',
    });
    if (probe.status === 0 && /^\d+$/.test(lastLine(probe.stderr))) {
      return {
        method: "/usr/bin/time -f '%M' (kernel ru_maxrss)",
        wrap: (args) => ['/usr/bin/time', ['-f', '%M', process.execPath, ...args]],
      };
    }
  }
  const preload =
    'data:text/javascript,process.on("exit",()=>process.stderr.write("\\n"+process.resourceUsage().maxRSS+"\\n"))';
  return {
    method: 'process.resourceUsage().maxRSS of the child (preloaded with --import)',
    wrap: (args) => [process.execPath, ['--import', preload, ...args]],
  };
}

const lastLine = (text) => text.trimEnd().split('\n').at(-1).trim();

/** Runs one child in the repo; returns wall ms, peak RSS KB and its output. */
function measure(probe, repo, figure) {
  const [command, args] = probe.wrap(figure.args());
  const start = process.hrtime.bigint();
  // spawnSync drains stdout into memory, so the child never blocks on a full pipe.
  const result = spawnSync(command, args, { cwd: repo, env, encoding: 'utf8', maxBuffer: 2 ** 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rssKB = Number(lastLine(result.stderr));
  try {
    if (!(figure.okStatus ?? [0]).includes(result.status) || !Number.isFinite(rssKB)) {
      throw new Error(`exited ${result.status ?? result.signal}`);
    }
    figure.verify?.(result.stdout);
  } catch (error) {
    throw new Error(`${figure.name}: ${error.message}\n${result.stderr.slice(-2000)}`);
  }
  return { ms, rssKB };
}

function removePlans(repo) {
  for (const dir of readdirSync(join(repo, 'specs')))
    rmSync(join(repo, 'specs', dir, 'plan.md'), { force: true });
}

/** How much longer a plan is than its spec, on average: what the write baseline adds per file. */
function planOverhead(repo) {
  let extra = 0;
  const dirs = readdirSync(join(repo, 'specs'));
  for (const dir of dirs)
    extra +=
      statSync(join(repo, 'specs', dir, 'plan.md')).size -
      statSync(join(repo, 'specs', dir, 'spec.md')).size;
  return Math.round(extra / dirs.length);
}

function expectSummary(written, upToDate) {
  const summary = `${written} written, ${upToDate} up to date, 0 refused, 0 failed`;
  return (stdout) => {
    if (lastLine(stdout) !== summary)
      throw new Error(`expected "${summary}", got "${lastLine(stdout)}"`);
  };
}

// The baselines, run as `node -e` children like the CLI is run; kept as functions so they read as
// code. Buffers, not strings: the floor is the I/O itself.
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

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Generates the repo, runs every figure and returns table rows. */
export async function bulkFigures() {
  const repo = mkdtempSync(join(tmpdir(), 'specforge-bench-bulk-'));
  try {
    const started = performance.now();
    const { sizes, digest } = generateRepo(repo, { count: COUNT, seed: SEED });
    const kb = (bytes) => (bytes / 1024).toFixed(1);
    console.log(
      `\nbulk: ${COUNT} generated specs (seed ${SEED}, ${kb(sizes.min)}–${kb(sizes.max)} KB, mean ${kb(sizes.mean)} KB, ` +
        `tree digest ${digest}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const probe = rssProbe();
    console.log(`bulk: ${RUNS} run(s) each after 1 warm-up; peak RSS by ${probe.method}`);
    if (smoke)
      console.log(
        'bulk: smoke run; the targets are meant for 2,000 specs, so PASS/MISS here only proves the harness',
      );

    let overhead = 0;
    const writeBaseline = {
      name: 'baseline: read each spec, write a plan-sized file',
      args: () => ['-e', script(writeSpecsAsPlans, overhead)],
      before: removePlans,
    };
    const planCold = {
      name: 'specforge plan (cold: no plan exists)',
      args: () => [bin, 'plan'],
      before: removePlans,
      verify: expectSummary(COUNT, 0),
      baseline: writeBaseline,
      target: TARGETS.cold,
    };
    const readBaseline = {
      name: 'baseline: read each spec and plan',
      args: () => ['-e', script(readSpecsAndPlans)],
    };
    const planUpToDate = {
      name: 'specforge plan (all up to date)',
      args: () => [bin, 'plan'],
      verify: expectSummary(0, COUNT),
      baseline: readBaseline,
      target: TARGETS.upToDate,
    };
    const check = {
      name: 'specforge check specs --format json',
      args: () => [bin, 'check', 'specs', '--format', 'json'],
      okStatus: [0, 1], // 1: findings (the plain speckit/plan keeps its placeholders); 2 or 70 fail
      verify: (stdout) => {
        const { files } = JSON.parse(stdout);
        if (files !== 2 * COUNT)
          throw new Error(`check read ${files} files, expected ${2 * COUNT}`);
      },
      docsPerSpec: 2,
      baseline: readBaseline,
      target: TARGETS.check,
    };
    const figures = [writeBaseline, planCold, readBaseline, planUpToDate, check];
    const run = (figure) => {
      figure.before?.(repo);
      return measure(probe, repo, figure);
    };

    // Warm-up, the cold plan first: the write baseline sizes its files after the plans it makes.
    run(planCold);
    overhead = planOverhead(repo);
    for (const figure of [readBaseline, planUpToDate, check, writeBaseline]) run(figure);
    // Interleaved, so that machine noise hits every figure alike.
    const samples = new Map(figures.map((f) => [f, []]));
    for (let i = 0; i < RUNS; i++)
      for (const figure of figures) samples.get(figure).push(run(figure));

    const seconds = (ms) => (ms / 1000).toFixed(2);
    return figures.map((figure) => {
      const ms = samples.get(figure).map((s) => s.ms);
      const stats = {
        ms: median(ms),
        rate: (COUNT * (figure.docsPerSpec ?? 1)) / (median(ms) / 1000),
        rssMB: Math.max(...samples.get(figure).map((s) => s.rssKB)) / 1024,
      };
      if (figure.baseline)
        stats.ratio = stats.ms / median(samples.get(figure.baseline).map((s) => s.ms));
      return {
        figure: figure.name,
        median: `${seconds(stats.ms)} s`,
        'min–max': `${seconds(Math.min(...ms))}–${seconds(Math.max(...ms))} s`,
        rate: `${Math.round(stats.rate).toLocaleString('en-US')} ${figure.docsPerSpec ? 'docs' : 'specs'}/s`,
        'peak RSS': `${stats.rssMB.toFixed(0)} MB`,
        'ratio to baseline': figure.baseline ? `${stats.ratio.toFixed(1)}×` : '',
        target: figure.target?.text ?? '',
        result: figure.target ? (figure.target.met(stats) ? 'PASS' : 'MISS') : '',
      };
    });
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}
