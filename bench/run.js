// `pnpm bench`: whole-process timings of the specforge CLI against bare Node start-up, all
// measured in this one run so the ratios hold on any machine.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bulkFigures } from './bulk.js';
import { docsFigures } from './docs.js';
import { mergeFigures, registryFigures } from './registry.js';

// BENCH_SMOKE=1 proves the harness quickly: few runs here, tiny inputs in bulk.js.
const runs = Number(process.env.BENCH_RUNS ?? (process.env.BENCH_SMOKE === '1' ? 3 : 20));
const warmup = 3;
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'packages/cli/bin/specforge.js');
const exampleSpec = join(root, 'examples/acme-shop/specs/042-checkout/spec.md');

const work = mkdtempSync(join(tmpdir(), 'specforge-bench-'));
copyFileSync(exampleSpec, join(work, 'spec.md'));
const env = { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1767225600' };

const cases = [
  { name: 'node -e 0 (baseline)', args: ['-e', '0'] },
  { name: 'specforge --version', args: [bin, '--version'] },
  { name: 'specforge --help', args: [bin, '--help'] },
  { name: 'specforge plan (example, render + write)', args: [bin, 'plan', 'spec.md', '--force'] },
  { name: 'specforge plan (example, up to date)', args: [bin, 'plan', 'spec.md'] },
];

function time(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  }
  return ms;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

try {
  const samples = new Map(cases.map((c) => [c.name, []]));
  for (const c of cases) for (let i = 0; i < warmup; i++) time(c.args);
  // Interleave the cases so that machine noise hits every row alike.
  for (let i = 0; i < runs; i++) for (const c of cases) samples.get(c.name).push(time(c.args));

  const baseline = median(samples.get(cases[0].name));
  const rows = cases.map((c) => {
    const values = samples.get(c.name);
    return {
      figure: c.name,
      median: `${median(values).toFixed(1)} ms`,
      'min–max': `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)} ms`,
      'ratio to node -e 0': `${(median(values) / baseline).toFixed(2)}×`,
    };
  });
  console.log(`specforge bench: ${runs} runs each after ${warmup} warm-up runs, Node ${process.version}`);
  console.table(rows);
  const inProcessRuns = Math.max(5, Math.round(runs / 2));
  console.table([...(await registryFigures(inProcessRuns)), ...(await mergeFigures(inProcessRuns))]);
  console.table(await bulkFigures());
  console.table(await docsFigures());
} finally {
  rmSync(work, { recursive: true, force: true });
}
