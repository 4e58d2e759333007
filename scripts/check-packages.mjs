// Checks every published package of the workspace as it would be published: each is packed once
// with `pnpm pack` (the tarball `pnpm publish` would upload), then
//
// - publint lints the tarball, strictly: every message, suggestions included, is a problem;
// - attw (Are the Types Wrong?) resolves its entry points and types with the `esm-only` profile:
//   the packages are ESM only ("type": "module", `exports` with `types` and `default`), so the
//   resolutions it ignores are the two that cannot load ESM by design, `node10` (no `exports`
//   support) and `node16-cjs` (`require` from CommonJS, which attw reports as CJSResolvesToESM);
//   `node16` ESM and `bundler` must resolve to JavaScript with types. A package with no type
//   declarations and no JavaScript entry point (a template pack: Markdown and package.json) has
//   nothing for attw to check: it reports "types: false", and that counts as "not applicable";
// - the fields this project asks of every published package are there (see docs/releasing.md).
//
// Needs a build first (`pnpm test` runs it after the builds) and no network. Exits 1 listing
// every problem. Usage: node scripts/check-packages.mjs [--keep] (--keep leaves the tarballs).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { listPublishedPackages, packPackages, repoRoot } from './lib/workspace.mjs';

const run = promisify(execFile);
const REPOSITORY_URL = 'git+https://github.com/specforge/specforge.git';
const NODE_RANGE = '>=20.19';
const ATTW_PROFILE = 'esm-only';
const ATTW_IGNORED = new Set(['node10', 'node16-cjs']);

/** publint on the tarball, strict, every level: the formatted messages. */
export async function runPublint(tarball) {
  const data = await readFile(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) },
    level: 'suggestion',
    strict: true,
  });
  return {
    pkg,
    problems: messages.map(
      (message) =>
        `publint ${message.type} ${message.code}: ${formatMessage(message, pkg, { color: false }) ?? ''}`,
    ),
  };
}

/** attw on the tarball: `{ applies: false }` for a package without types, else its problems. */
export async function runAttw(tarball) {
  const bin = join(repoRoot, 'node_modules', '.bin', 'attw');
  let stdout;
  try {
    ({ stdout } = await run(
      bin,
      ['--format', 'json', '--profile', ATTW_PROFILE, '--no-color', tarball],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    ));
  } catch (error) {
    // attw exits 1 when it finds problems and still prints its JSON; anything else is a failure to run.
    if (!error.stdout)
      return { applies: true, problems: [`attw failed to run: ${error.stderr || error.message}`] };
    stdout = error.stdout;
  }
  const { analysis, problems = {} } = JSON.parse(stdout);
  if (analysis.types === false) return { applies: false, problems: [] };
  const found = Object.values(problems)
    .flat()
    .filter((problem) => !ATTW_IGNORED.has(problem.resolutionKind))
    .map(({ kind, ...details }) => {
      const where = Object.entries(details).map(
        ([key, value]) => `${key} ${JSON.stringify(value)}`,
      );
      return `attw ${kind} (see attw's docs/problems/${kind}.md): ${where.join(', ')}`;
    });
  return { applies: true, problems: found };
}

/** The fields every published package must have, checked on the packed package.json. */
export function checkFields(pkg, expected, attwApplies) {
  const problems = [];
  const need = (ok, what) => {
    if (!ok) problems.push(`package.json: ${what}`);
  };
  need(
    typeof pkg.description === 'string' && pkg.description.length > 0,
    '"description" is missing',
  );
  need(Array.isArray(pkg.keywords) && pkg.keywords.length > 0, '"keywords" is missing');
  need(typeof pkg.license === 'string' && pkg.license.length > 0, '"license" is missing');
  need(
    pkg.repository?.type === 'git' &&
      pkg.repository?.url === REPOSITORY_URL &&
      pkg.repository?.directory === expected.path,
    `"repository" must be { "type": "git", "url": "${REPOSITORY_URL}", "directory": "${expected.path}" }`,
  );
  need(pkg.engines?.node === NODE_RANGE, `"engines.node" must be "${NODE_RANGE}"`);
  need(Array.isArray(pkg.files) && pkg.files.length > 0, '"files" must list what is published');
  need(
    Array.isArray(pkg.files) && pkg.files.includes('CHANGELOG.md'),
    '"files" must include CHANGELOG.md',
  );
  need(pkg.publishConfig?.access === 'public', '"publishConfig.access" must be "public"');
  const exports = pkg.exports;
  need(
    typeof exports === 'object' &&
      exports !== null &&
      exports['./package.json'] === './package.json',
    '"exports" must expose "./package.json"',
  );
  if (typeof exports === 'object' && exports !== null) {
    for (const [subpath, target] of Object.entries(exports)) {
      if (typeof target !== 'object' || target === null) continue;
      const conditions = Object.keys(target);
      need(conditions[0] === 'types', `"exports" of "${subpath}" must list "types" first`);
      need(conditions.at(-1) === 'default', `"exports" of "${subpath}" must list "default" last`);
    }
  }
  // A package with JavaScript entry points is ESM and ships types; only data packages have neither.
  const jsEntries = Object.keys(exports ?? {}).filter((subpath) => subpath !== './package.json');
  if (jsEntries.length > 0) {
    need(pkg.type === 'module', '"type" must be "module" (the packages are ESM only)');
    need(attwApplies, `has entry points (${jsEntries.join(', ')}) but no type declarations`);
  }
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      need(
        !String(range).startsWith('workspace:'),
        `${field}.${name} is still "${range}" in the tarball`,
      );
    }
  }
  return problems;
}

async function main() {
  const keep = process.argv.includes('--keep');
  const started = Date.now();
  const packages = await listPublishedPackages();
  const dir = await mkdtemp(join(tmpdir(), 'specforge-check-packages-'));
  try {
    const tarballs = await packPackages(packages, dir);
    const results = await Promise.all(
      packages.map(async (pkg) => {
        const tarball = tarballs.get(pkg.name);
        const [lint, attw] = await Promise.all([runPublint(tarball), runAttw(tarball)]);
        const problems = [
          ...lint.problems,
          ...attw.problems,
          ...checkFields(lint.pkg, pkg, attw.applies),
        ];
        return { pkg, attw, problems };
      }),
    );
    const width = Math.max(...packages.map((pkg) => `${pkg.name}@${pkg.version}`.length));
    console.log(
      `check:packages: ${packages.length} published packages, packed with pnpm pack into ${keep ? dir : 'a temp folder'}`,
    );
    for (const { pkg, attw, problems } of results) {
      const status =
        problems.length === 0
          ? 'ok'
          : `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
      const attwText = attw.applies
        ? `attw --profile ${ATTW_PROFILE}`
        : 'attw not applicable (no types, no JavaScript: a data package)';
      console.log(
        `  ${`${pkg.name}@${pkg.version}`.padEnd(width)}  ${status.padEnd(10)} publint --strict, ${attwText}, fields`,
      );
    }
    const failed = results.filter((result) => result.problems.length > 0);
    if (failed.length > 0) {
      console.error(
        `\ncheck:packages: ${failed.length} of ${packages.length} packages would be published with problems:`,
      );
      for (const { pkg, problems } of failed) {
        console.error(`\n${pkg.name} (${pkg.path})`);
        for (const problem of problems) console.error(`  - ${problem}`);
      }
      console.error(
        '\nFix the package.json fields or the build; docs/releasing.md lists what each package needs.',
      );
      process.exitCode = 1;
      return;
    }
    console.log(
      `check:packages: all ${packages.length} pass publint, attw and the field checks (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}

// Run as a script; imported (by its test), it only exports the checks.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
