import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPublishedPackages, repoRoot } from './lib/workspace.mjs';

const run = promisify(execFile);

// A registry on this machine that knows one package: @specforge/core at the version the
// workspace holds. Every other package is unknown to it (404), as new packages are.
let server;
let registry;
let home;
const requests = [];

beforeAll(async () => {
  const packages = await listPublishedPackages();
  const core = packages.find((pkg) => pkg.name === '@specforge/core');
  server = createServer((request, response) => {
    const name = decodeURIComponent(new URL(request.url, 'http://x').pathname.slice(1));
    requests.push(`${request.method} ${name}`);
    response.setHeader('content-type', 'application/json');
    if (request.method === 'GET' && name === '@specforge/core') {
      response.end(
        JSON.stringify({
          name,
          'dist-tags': { latest: core.version },
          versions: { [core.version]: { name, version: core.version } },
        }),
      );
      return;
    }
    response.statusCode = 404;
    response.end(JSON.stringify({ error: 'Not found' }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  registry = `http://127.0.0.1:${server.address().port}/`;
  // npm reads no user settings and writes its cache here, not in the home folder.
  home = await mkdtemp(join(tmpdir(), 'specforge-release-test-'));
  await writeFile(join(home, 'npmrc'), '');
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (home) await rm(home, { recursive: true, force: true });
});

/** Runs scripts/release.mjs against the local registry; never spawned synchronously, so the server answers. */
async function release(...args) {
  const env = {
    ...process.env,
    npm_config_registry: registry,
    npm_config_userconfig: join(home, 'npmrc'),
    npm_config_cache: join(home, 'cache'),
  };
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(repoRoot, 'scripts', 'release.mjs'), ...args],
      {
        cwd: repoRoot,
        env,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return { status: 0, stdout, stderr };
  } catch (error) {
    return { status: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

describe('scripts/release.mjs', () => {
  it('--dry-run publishes only the versions the registry lacks, and never the private packages', async () => {
    const result = await release('--dry-run', '--no-build', '--json');
    expect(result.stderr).not.toMatch(/release: /);
    expect(result.status).toBe(0);
    const plan = JSON.parse(result.stdout);
    const packages = await listPublishedPackages();
    const version = (name) => packages.find((pkg) => pkg.name === name).version;

    expect(plan.publish.map((entry) => `${entry.name}@${entry.version} ${entry.reason}`)).toEqual([
      `@specforge/cli@${version('@specforge/cli')} new package`,
      `@specforge/docs-site@${version('@specforge/docs-site')} new package`,
      `@specforge/template-registry@${version('@specforge/template-registry')} new package`,
      `@specforge/templates-speckit@${version('@specforge/templates-speckit')} new package`,
    ]);
    expect(plan.skip.map((entry) => `${entry.name}@${entry.version} ${entry.reason}`)).toEqual([
      `@specforge/core@${version('@specforge/core')} already on the registry`,
    ]);
    expect(plan.private).toEqual(['@specforge/bench', '@specforge/docs-app']);
    for (const entry of [...plan.publish, ...plan.skip]) {
      expect(entry.path).toMatch(/^(packages|templates)\//);
    }
    // `pnpm publish --dry-run` packed each one and sent nothing.
    for (const entry of plan.publish) expect(entry.files, entry.name).toBeGreaterThan(1);
    // It asked the registry about every published package, and sent it nothing.
    expect(requests).toEqual(expect.arrayContaining(packages.map((pkg) => `GET ${pkg.name}`)));
    expect(requests.filter((request) => !request.startsWith('GET '))).toEqual([]);
    expect(result.stderr).toContain('(dry-run)');
  });

  it('refuses a real release when the registry cannot be asked, publishing nothing', async () => {
    const result = await release('--no-build', '--offline');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^release: the registry could not be asked about @specforge\/cli, .*; nothing was published\.\n/m,
    );
  });

  it('refuses an unknown option', async () => {
    const result = await release('--publish-everything');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'release: unknown option --publish-everything; use --dry-run, --no-build, --offline, --json\n',
    );
  });
});
