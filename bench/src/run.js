// `pnpm bench`: every figure of specforge's performance targets, each next to its baseline measured
// in this same run so that the ratios hold on any machine, printed as one table of medians with
// min–max, the target and PASS/MISS. A MISS is a finding to report, not a failure: the harness
// exits 0 whatever the figures say, 1 when a figure fails to run, 2 on bad usage.
// See docs/benchmarks.md.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bulkFigures } from './figures/bulk.js';
import { docsFigures } from './figures/docs.js';
import { peerFigures } from './figures/peer.js';
import { registryFigures } from './figures/registry.js';
import { startupFigures } from './figures/startup.js';
import { childEnv, paths, readConfig, USAGE, UsageError } from './lib/config.js';
import { createProbe } from './lib/measure.js';
import { formatTable, writeJson } from './lib/report.js';

const GROUP_FIGURES = {
  startup: startupFigures,
  peer: peerFigures,
  registry: registryFigures,
  bulk: bulkFigures,
  docs: docsFigures,
};

let config;
try {
  config = readConfig(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`bench: ${error.message}\n${USAGE}`);
  process.exit(2);
}
if (config.help) {
  console.log(USAGE);
  process.exit(0);
}

if (!existsSync(join(paths.root, 'packages/cli/dist/main.js'))) {
  console.error('bench: the CLI is not built; run `pnpm build` first (`pnpm bench` does).');
  process.exit(1);
}

const log = (line) => console.log(line);
const work = mkdtempSync(join(tmpdir(), 'specforge-bench-'));
// Interrupted (Ctrl-C reaches the measured child too): leave no generated repo behind.
process.once('SIGINT', () => {
  rmSync(work, { recursive: true, force: true });
  process.exit(130);
});
const sections = [];
const errors = [];
try {
  const env = childEnv(work);
  const probe = createProbe(config.probe, work);
  log(
    `specforge bench${config.smoke ? ' (smoke: tiny inputs, the figures prove the harness only)' : ''}: ` +
      `${config.groups.join(', ')}; Node ${process.version}; CPU and peak RSS by ${probe.method}`,
  );
  for (const group of config.groups) {
    const started = performance.now();
    log(`${group}: running…`);
    const groupWork = join(work, group);
    mkdirSync(groupWork);
    try {
      const section = await GROUP_FIGURES[group]({ config, probe, env, work: groupWork, log });
      sections.push({ group, ...section });
      log(`${group}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      // Report and go on: the other groups' figures are still worth having.
      errors.push({ group, message: error.message });
      console.error(`${group}: failed: ${error.message}`);
    } finally {
      rmSync(groupWork, { recursive: true, force: true });
    }
  }
  if (sections.length > 0) {
    console.log(
      `\n${formatTable(sections.map(({ title, baselines, rows }) => ({ title, rows: [...baselines, ...rows] })))}`,
    );
  }
  const rows = sections.flatMap((section) => section.rows);
  const misses = rows.filter((row) => row.verdict === 'MISS');
  const passes = rows.filter((row) => row.verdict === 'PASS');
  console.log(
    `\n${passes.length} PASS, ${misses.length} MISS${errors.length ? `, ${errors.length} group(s) failed to run` : ''}` +
      (config.smoke
        ? ' (smoke run: tiny inputs, so PASS/MISS says nothing about the targets)'
        : ''),
  );
  for (const { group, message } of errors) console.error(`\n${group} failed to run: ${message}`);
  if (config.json) {
    writeJson(config.json, {
      smoke: config.smoke,
      probe: probe.method,
      settings: {
        groups: config.groups,
        runs: config.runs,
        warmup: config.warmup,
        heavyWarmup: config.heavyWarmup,
        bulkRuns: config.bulkRuns,
        docsRuns: config.docsRuns,
        specs: config.specs,
        bigSpecs: config.bigSpecs,
        seed: config.seed,
      },
      groups: Object.fromEntries(
        sections.map(({ group, title, inputs }) => [group, { title, inputs }]),
      ),
      rows,
      baselines: sections.flatMap((section) => section.baselines),
      errors,
    });
    log(`wrote ${config.json}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = errors.length > 0 ? 1 : 0;
