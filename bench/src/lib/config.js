// What one `pnpm bench` run measures and how often: the command line (`--only`, `--json`) and the
// environment (BENCH_SMOKE, BENCH_RUNS and the per-group overrides), read once into one object
// that every figure group is given.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The figure groups, in the order they run. */
export const GROUPS = ['startup', 'peer', 'registry', 'bulk', 'docs'];

/** The repository root, the built CLI and the peer's CLI. */
export const paths = {
  root: fileURLToPath(new URL('../../../', import.meta.url)),
  bin: fileURLToPath(new URL('../../../packages/cli/bin/specforge.js', import.meta.url)),
  exampleSpec: fileURLToPath(
    new URL('../../../examples/acme-shop/specs/042-checkout/spec.md', import.meta.url),
  ),
  example: fileURLToPath(new URL('../../../examples/acme-shop', import.meta.url)),
  openspecBin: fileURLToPath(
    new URL('../../node_modules/@fission-ai/openspec/bin/openspec.js', import.meta.url),
  ),
};

export const USAGE = `usage: node src/run.js [--only <group,…>] [--json <file>]

groups: ${GROUPS.join(', ')}
env:    BENCH_SMOKE=1        tiny inputs, 1-2 runs: proves the harness, not the figures
        BENCH_RUNS=<n>       runs of the start-up, peer and in-process figures (default 20)
        BENCH_BULK_RUNS=<n>  runs of the bulk figures (default 3)
        BENCH_DOCS_RUNS=<n>  runs of the docs figures (default 3)
        BENCH_SPECS=<n>      specs in the bulk repo (default 2000)
        BENCH_BIG_SPECS=<n>  specs in the streaming repo (default 10000)
        BENCH_PROBE=node     measure CPU and peak RSS with a preloaded module, not GNU time`;

/** A usage error: the harness prints it with the usage and exits 2. */
export class UsageError extends Error {}

const count = (name, fallback) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new UsageError(`${name} must be a positive integer, not "${raw}"`);
  }
  return value;
};

/** Reads the flags and the environment; throws {@link UsageError} on a bad one. */
export function readConfig(argv) {
  let only = GROUPS;
  let json;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === '') throw new UsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === '--only') {
      only = value()
        .split(',')
        .map((group) => group.trim())
        .filter(Boolean);
      const unknown = only.filter((group) => !GROUPS.includes(group));
      if (unknown.length > 0 || only.length === 0) {
        throw new UsageError(`unknown group ${unknown.join(', ') || '""'}`);
      }
    } else if (flag === '--json') {
      // pnpm runs the script in bench/; a relative path means the folder `pnpm bench` ran in.
      json = resolve(process.env.INIT_CWD ?? process.cwd(), value());
    } else if (flag === '--help' || flag === '-h') {
      help = true;
    } else if (flag !== '--') {
      throw new UsageError(`unknown flag ${argv[i]}`);
    }
  }
  const smoke = process.env.BENCH_SMOKE === '1';
  return {
    help,
    smoke,
    json,
    groups: GROUPS.filter((group) => only.includes(group)),
    // Start-up and peer figures: quick processes, many runs, interleaved with their baseline.
    runs: count('BENCH_RUNS', smoke ? 2 : 20),
    // Warm-up runs before the measured ones: per quick figure, and per heavy (bulk, docs, upgrade)
    // figure. None in smoke mode, which only proves that every figure runs.
    warmup: smoke ? 0 : 3,
    heavyWarmup: smoke ? 0 : 1,
    bulkRuns: count('BENCH_BULK_RUNS', smoke ? 1 : 3),
    docsRuns: count('BENCH_DOCS_RUNS', smoke ? 1 : 3),
    specs: count('BENCH_SPECS', smoke ? 20 : 2000),
    bigSpecs: count('BENCH_BIG_SPECS', smoke ? 40 : 10000),
    probe: process.env.BENCH_PROBE === 'node' ? 'node' : 'auto',
    seed: 42,
  };
}

/**
 * The environment of every measured child: no colour, a fixed clock (so plans are identical from
 * run to run), CI (one line per spec instead of a progress bar), and the peer kept off the
 * network (no telemetry, no update check) and out of the user's config folders.
 */
export function childEnv(work) {
  const env = { ...process.env };
  // Set when the harness runs under vitest; neither CLI should see a test environment. Node
  // warns when FORCE_COLOR and NO_COLOR are both set, so only NO_COLOR stays.
  for (const key of Object.keys(env)) {
    if (['NODE_ENV', 'TEST', 'FORCE_COLOR'].includes(key) || key.startsWith('VITEST')) {
      delete env[key];
    }
  }
  const home = join(work, 'home');
  mkdirSync(home, { recursive: true });
  return {
    ...env,
    CI: '1',
    NO_COLOR: '1',
    SOURCE_DATE_EPOCH: '1767225600',
    DO_NOT_TRACK: '1',
    OPENSPEC_TELEMETRY: '0',
    OPENSPEC_NO_UPDATE_CHECK: '1',
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
  };
}
