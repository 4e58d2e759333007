// Releases the workspace's published packages: builds, then publishes each package whose version
// is not on the registry yet (`changeset publish`, which asks the registry the same question and
// tags what it publishes). See docs/releasing.md.
//
//   node scripts/release.mjs             build, then `changeset publish` (refuses while changesets
//                                        are pending: run `pnpm changeset version` first)
//   node scripts/release.mjs --dry-run   build, then say what would be published, running
//                                        `pnpm publish --dry-run` for each such package
//
// Options: --no-build (use the current builds), --offline (ask no registry: every version counts
// as unpublished), --json (with --dry-run: print the release plan as JSON instead).
//
// "Not yet published" is decided per package with `npm view <name> versions` against the registry
// npm is configured with (scoped registries included): the version is in the list → skipped; the
// package is unknown to the registry (E404) → published as new; the registry cannot be asked
// (offline, an error) → treated as unpublished, with a note, in a dry run (a real release stops).
// Private workspace packages (apps/docs, bench) are never published.
import { execFile, spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { listPublishedPackages, repoRoot } from './lib/workspace.mjs';

const run = promisify(execFile);
const args = new Set(process.argv.slice(2));
const known = new Set(['--dry-run', '--no-build', '--offline', '--json']);
for (const arg of args) {
  if (!known.has(arg)) {
    console.error(`release: unknown option ${arg}; use ${[...known].join(', ')}`);
    process.exit(2);
  }
}
const dryRun = args.has('--dry-run');
const offline = args.has('--offline');
const json = args.has('--json');
const log = json ? console.error : console.log;

// Registry questions fail fast: a dry run offline should not wait for npm's retries.
const env = { ...process.env, npm_config_fetch_retries: '0', npm_config_update_notifier: 'false' };

/**
 * Whether `name@version` is on the registry: `published`, `unpublished` (not there, or the
 * package is new), or `unknown` with the reason when the registry could not be asked.
 */
async function registryStatus(name, version) {
  if (offline) return { status: 'unknown', reason: '--offline' };
  try {
    const { stdout } = await run('npm', ['view', name, 'versions', '--json'], {
      cwd: repoRoot,
      env,
    });
    const versions = [JSON.parse(stdout || '[]')].flat();
    return versions.includes(version)
      ? { status: 'published' }
      : { status: 'unpublished', reason: 'new version' };
  } catch (error) {
    let code;
    try {
      code = JSON.parse(error.stdout || '{}').error?.code;
    } catch {
      code = undefined;
    }
    if (code === 'E404') return { status: 'unpublished', reason: 'new package' };
    return {
      status: 'unknown',
      reason: code ?? String(error.stderr || error.message).split('\n')[0],
    };
  }
}

async function pendingChangesets() {
  const files = await readdir(join(repoRoot, '.changeset'));
  return files.filter((file) => file.endsWith('.md') && file !== 'README.md').sort();
}

/** Runs a command in the repository with its output shown; exits with its code when it fails. */
function step(command, commandArgs, options = {}) {
  const where = options.cwd ? `${relative(repoRoot, options.cwd)}$ ` : '$ ';
  log(`\n${where}${[command, ...commandArgs].join(' ')}`);
  const result = spawnSync(command, commandArgs, {
    cwd: options.cwd ?? repoRoot,
    env,
    stdio: ['ignore', json ? 'pipe' : 'inherit', 'inherit'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    if (json && result.stdout) process.stderr.write(result.stdout);
    console.error(
      `release: \`${[command, ...commandArgs].join(' ')}\` exited ${result.status ?? result.signal}`,
    );
    process.exit(result.status || 1);
  }
  return result.stdout ?? '';
}

async function main() {
  if (!args.has('--no-build'))
    step('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);

  const packages = await listPublishedPackages();
  const { stdout } = await run('pnpm', ['ls', '--recursive', '--depth', '-1', '--json'], {
    cwd: repoRoot,
  });
  const privateNames = JSON.parse(stdout)
    .filter((pkg) => pkg.private === true && pkg.path !== repoRoot && pkg.name)
    .map((pkg) => pkg.name)
    .sort();
  const statuses = await Promise.all(packages.map((pkg) => registryStatus(pkg.name, pkg.version)));
  const plan = {
    dryRun,
    publish: [],
    skip: [],
    private: privateNames,
    pendingChangesets: await pendingChangesets(),
  };
  for (const [index, pkg] of packages.entries()) {
    const { status, reason } = statuses[index];
    const entry = { name: pkg.name, version: pkg.version, path: pkg.path };
    if (status === 'published') plan.skip.push({ ...entry, reason: 'already on the registry' });
    else
      plan.publish.push({
        ...entry,
        reason:
          status === 'unknown' ? `registry not asked (${reason}): treated as unpublished` : reason,
      });
  }

  const unknown = plan.publish.filter((entry) => entry.reason.startsWith('registry not asked'));
  if (!dryRun && unknown.length > 0) {
    console.error(
      `release: the registry could not be asked about ${unknown.map((entry) => entry.name).join(', ')}; nothing was published.`,
    );
    process.exit(1);
  }
  if (!dryRun && plan.pendingChangesets.length > 0) {
    console.error(
      `release: ${plan.pendingChangesets.length} changesets are not applied yet (${plan.pendingChangesets.join(', ')}).\n` +
        'Run `pnpm changeset version`, review and commit the new versions and CHANGELOGs, then release; nothing was published.',
    );
    process.exit(1);
  }

  log(
    `\n${dryRun ? 'release --dry-run' : 'release'}: ${plan.publish.length} of ${packages.length} published packages ${dryRun ? 'would be' : 'will be'} published`,
  );
  for (const entry of plan.publish)
    log(`  publish  ${entry.name}@${entry.version}  (${entry.reason})`);
  for (const entry of plan.skip)
    log(`  skip     ${entry.name}@${entry.version}  (${entry.reason})`);
  for (const name of plan.private) log(`  private  ${name}  (never published)`);
  if (plan.pendingChangesets.length > 0) {
    log(
      `note: ${plan.pendingChangesets.length} changesets are pending; a release after \`pnpm changeset version\` would publish the versions they set.`,
    );
  }

  if (dryRun) {
    // What `pnpm publish` would upload for each: packed as published, nothing sent.
    for (const entry of plan.publish) {
      const publishArgs = ['publish', '--dry-run', '--no-git-checks', ...(json ? ['--json'] : [])];
      const out = step('pnpm', publishArgs, { cwd: join(repoRoot, entry.path) });
      if (json) {
        const summary = Object.values(JSON.parse(out))[0] ?? {};
        entry.files = (summary.files ?? []).length;
        entry.size = summary.size;
      }
    }
    if (json) console.log(JSON.stringify(plan, null, 2));
    return;
  }
  if (plan.publish.length === 0) {
    log('release: every version is on the registry already; nothing to publish.');
    return;
  }
  // changeset publish asks the registry again, publishes with `pnpm publish` (workspace: ranges
  // replaced) and creates a git tag per published package; push them with `git push --follow-tags`.
  step('pnpm', ['exec', 'changeset', 'publish']);
}

await main();
