// Docs-site figures for `pnpm bench`: `specforge docs build` of the example project and of a
// generated project (3 packs in an extends chain × 5 versions in git history, about 500 template
// pages), each as its own process next to `node -e 0` in this run; and the rebuild after one
// overlay edit in a running `specforge docs serve`. Env: BENCH_DOCS_RUNS (default 3), BENCH_SMOKE=1.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { generateRegistry } from './generate-registry.js';

const smoke = process.env.BENCH_SMOKE === '1';
const RUNS = Number(process.env.BENCH_DOCS_RUNS ?? (smoke ? 1 : 3));
const EDITS = smoke ? 2 : 5;
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'packages/cli/bin/specforge.js');
const env = { ...process.env, CI: '1', NO_COLOR: '1', SOURCE_DATE_EPOCH: '1767225600' };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(args, cwd) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { ms, stdout: result.stdout };
}

/** Edits the overlay in a running `docs serve` and returns each rebuild's own time, as it reports it. */
async function serveRebuilds(project, overlay) {
  const child = spawn(process.execPath, [bin, 'docs', 'serve', '--port', '0'], { cwd: project, env });
  const lines = createInterface({ input: child.stdout });
  const next = () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('docs serve did not answer within 60 s')), 60_000);
      lines.once('line', (line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
  try {
    const first = await next();
    if (!first.startsWith('serving ')) throw new Error(`docs serve printed ${first}`);
    const original = readFileSync(overlay, 'utf8');
    const times = [];
    for (let i = 1; i <= EDITS; i++) {
      const started = performance.now();
      writeFileSync(overlay, `${original}\n<!-- bench edit ${i} -->\n`);
      const line = await next();
      const reported = /^rebuilt in (\d+) ms/.exec(line);
      if (!reported) throw new Error(`docs serve printed ${line}`);
      times.push({ rebuild: Number(reported[1]), saveToReady: performance.now() - started });
    }
    return times;
  } finally {
    child.kill('SIGTERM');
  }
}

/** Runs every docs figure and returns table rows. */
export async function docsFigures() {
  const work = mkdtempSync(join(tmpdir(), 'specforge-bench-docs-'));
  try {
    const example = join(work, 'example');
    cpSync(join(root, 'examples/acme-shop'), example, { recursive: true });
    const generated = join(work, 'generated');
    const shape = generateRegistry(generated, smoke ? { templatesPerPack: 4, releases: 2 } : {});
    const pages = shape.templates * shape.versions;
    console.log(
      `\ndocs: example project, and a generated one of ${shape.templates} templates in 3 packs × ${shape.versions} versions (${pages} template versions); ${RUNS} run(s) each after 1 warm-up`,
    );
    const cases = [
      { name: 'node -e 0 (baseline)', args: ['-e', '0'], cwd: work },
      { name: 'specforge docs build (example)', args: [bin, 'docs', 'build', '--out', 'site'], cwd: example },
      { name: `specforge docs build (${pages} template versions)`, args: [bin, 'docs', 'build', '--out', 'site'], cwd: generated, target: 20 },
    ];
    for (const c of cases) time(c.args, c.cwd);
    const samples = new Map(cases.map((c) => [c, []]));
    for (let i = 0; i < RUNS; i++) for (const c of cases) samples.get(c).push(time(c.args, c.cwd).ms);
    const baseline = median(samples.get(cases[0]));
    const rows = cases.map((c) => {
      const values = samples.get(c);
      const ratio = median(values) / baseline;
      return {
        figure: c.name,
        median: `${median(values).toFixed(0)} ms`,
        'min–max': `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} ms`,
        'ratio to node -e 0': `${ratio.toFixed(1)}×`,
        target: c.target ? `≤ ${c.target}×` : '',
        result: c.target ? (ratio <= c.target ? 'PASS' : 'MISS') : '',
      };
    });
    const rebuilds = await serveRebuilds(example, join(example, 'packs/acme/plan.md'));
    const rebuild = median(rebuilds.map((r) => r.rebuild));
    const ready = rebuilds.map((r) => r.saveToReady);
    rows.push({
      figure: `docs serve: rebuild after one overlay edit (example, ${EDITS} edits)`,
      median: `${rebuild.toFixed(0)} ms (save → ready ${median(ready).toFixed(0)} ms)`,
      'min–max': `${Math.min(...ready).toFixed(0)}–${Math.max(...ready).toFixed(0)} ms save → ready`,
      'ratio to node -e 0': '',
      target: '< 1000 ms',
      result: Math.max(...ready) < 1000 ? 'PASS' : 'MISS',
    });
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
