// `pnpm fuzz`: runs the property tests of core and template-registry (every test file that uses
// `fuzzParameters` from the package's src/test-utils/fuzz.ts) with many cases each, then prints
// each property's count and time, the total, and every counterexample with its seed. Exits 1 when
// a property fails. The same properties run in the normal test run with a few hundred cases.
//
//   pnpm fuzz                       FUZZ_RUNS cases per property (default below)
//   pnpm fuzz --runs 10000          the same, from the command line
//   FUZZ_SEED=123 pnpm fuzz         replay: the seed a failure printed, with the same --runs
//   pnpm fuzz packages/core         only these packages
//
// Run after a build (the root script builds first): template-registry's tests import core's dist.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// With 49 properties (46 without the shared corpus), 2,500 each is over 100,000 cases: about two
// minutes on two busy cores, after the build.
const DEFAULT_RUNS = 2500;
const defaultPackages = ['packages/core', 'packages/template-registry'];

const root = fileURLToPath(new URL('..', import.meta.url));
const { values, positionals } = parseArgs({
  options: { runs: { type: 'string' }, seed: { type: 'string' } },
  allowPositionals: true,
});
const packages = positionals.length > 0 ? positionals : defaultPackages;
// Not turbo task inputs: this script runs outside turbo and hands them to vitest itself.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: read by `pnpm fuzz` only, never by a turbo task
const runs = values.runs ?? process.env.FUZZ_RUNS ?? String(DEFAULT_RUNS);
// biome-ignore lint/suspicious/noUndeclaredEnvVars: read by `pnpm fuzz` only, never by a turbo task
const seed = values.seed ?? process.env.FUZZ_SEED;
for (const [name, value] of [
  ['runs', runs],
  ['seed', seed],
]) {
  if (value !== undefined && !/^-?\d+$/.test(value)) {
    console.error(`fuzz: --${name} must be an integer, got ${value}`);
    process.exit(2);
  }
}

/** The test files under `dir` that use the fuzz harness. */
function fuzzFiles(dir) {
  const out = [];
  const visit = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') visit(path);
      } else if (
        entry.name.endsWith('.test.ts') &&
        readFileSync(path, 'utf8').includes('fuzzParameters(')
      ) {
        out.push(relative(dir, path));
      }
    }
  };
  visit(join(dir, 'src'));
  return out.sort();
}

const scratch = mkdtempSync(join(tmpdir(), 'specforge-fuzz-'));
const started = performance.now();
const records = [];
const vitestFailed = [];
try {
  for (const [index, pkg] of packages.entries()) {
    const dir = resolve(root, pkg);
    const files = fuzzFiles(dir);
    const report = join(scratch, `${index}.jsonl`);
    console.log(
      `\nfuzz: ${pkg}: ${files.length} files, ${runs} cases per property${seed ? `, seed ${seed}` : ''}`,
    );
    const result = spawnSync('pnpm', ['exec', 'vitest', 'run', '--testTimeout=3600000', ...files], {
      cwd: dir,
      stdio: 'inherit',
      env: {
        ...process.env,
        FUZZ_RUNS: runs,
        FUZZ_REPORT: report,
        ...(seed === undefined ? {} : { FUZZ_SEED: seed }),
      },
    });
    if (result.status !== 0) vitestFailed.push(pkg);
    if (existsSync(report)) {
      for (const line of readFileSync(report, 'utf8').split('\n')) {
        if (!line) continue;
        const record = JSON.parse(line);
        records.push({ ...record, file: `${pkg}/${record.file}` });
      }
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const seconds = (performance.now() - started) / 1000;

console.log('\nfuzz: cases per property (cases, seconds, result, property)');
for (const r of records) {
  const status = r.failed ? 'FAILED' : 'ok';
  console.log(
    `${String(r.runs).padStart(8)}  ${(r.ms / 1000).toFixed(1).padStart(6)}s  ${status.padEnd(6)}  ${r.file} > ${r.name}`,
  );
}
const total = records.reduce((n, r) => n + r.runs, 0);
const failures = records.filter((r) => r.failed);
for (const r of failures) {
  console.log(`\nfuzz: counterexample of ${r.file} > ${r.name}\n${r.message}`);
  console.log(`replay: FUZZ_SEED=${r.seed} pnpm fuzz --runs ${runs}`);
}
const problems = [
  ...(failures.length > 0 ? [`${failures.length} properties failed`] : []),
  ...(vitestFailed.length > 0 ? [`vitest failed in ${vitestFailed.join(', ')}`] : []),
  ...(records.length === 0 ? ['no property ran'] : []),
];
console.log(
  `\nfuzz: ${total.toLocaleString('en')} cases in ${records.length} properties, ${seconds.toFixed(1)}s: ` +
    (problems.length > 0 ? problems.join('; ') : 'no counterexample'),
);
process.exitCode = problems.length > 0 ? 1 : 0;
