import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildSite } from '../src/build-site.js';
import { readPages } from '../src/test-utils/temp-project.js';
import { brokenLinks } from './site-links.js';

// The npm cache is written with the libraries the registry reads it with, its own dependencies.
const registryRequire = createRequire(
  createRequire(import.meta.url).resolve('@specforge/template-registry/package.json'),
);
const cacache = registryRequire('cacache') as {
  put(cache: string, key: string, data: Buffer): Promise<unknown>;
};
const tar = registryRequire('tar') as {
  c(
    options: { gzip: boolean; portable: boolean; cwd: string; file: string },
    files: string[],
  ): Promise<void>;
};

const acme = '@acme/templates';
const templateIds = ['checklist', 'plan', 'plan-draft', 'spec', 'tasks', 'tasks-draft'];

// The pack `acme` at `version`: speckit's templates, its plan's Context renamed to `title`.
function acmeFiles(version: string, title: string): Record<string, string> {
  return {
    'package.json': JSON.stringify({
      name: acme,
      version,
      description: 'The Acme pack.',
      specforge: {
        name: 'acme',
        extends: '@specforge/templates-speckit',
        templates: { plan: 'plan.md' },
      },
    }),
    'plan.md': `---\nextends: speckit/plan\n---\n<!-- specforge: rename context "${title}" -->\n`,
  };
}

async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

/**
 * A project that uses the npm pack `@acme/templates` 2.0.0 (installed at the top of its
 * node_modules), with 1.5.0 nested under another package by npm and 1.0.0 only in the npm cache,
 * as a tarball fetched from a made-up address.
 */
async function makeNpmProject() {
  const dir = await mkdtemp(join(tmpdir(), 'docs-site-npm-versions-'));
  const root = join(dir, 'project');
  await writeFiles(root, {
    'specforge.config.yaml': `name: Acme\npacks:\n  - "${acme}@^2.0.0"\n`,
  });
  await writeFiles(join(root, 'node_modules', acme), acmeFiles('2.0.0', 'Why'));
  await writeFiles(
    join(root, 'node_modules/legacy/node_modules', acme),
    acmeFiles('1.5.0', 'Setting'),
  );
  const staging = join(dir, 'tarball');
  await writeFiles(join(staging, 'package'), acmeFiles('1.0.0', 'Background'));
  const tgz = join(staging, 'templates-1.0.0.tgz');
  await tar.c({ gzip: true, portable: true, cwd: staging, file: tgz }, ['package']);
  const npmCache = join(dir, 'npm-cache');
  await cacache.put(
    join(npmCache, '_cacache'),
    `make-fetch-happen:request-cache:https://packages.invalid/${acme}/-/templates-1.0.0.tgz`,
    await readFile(tgz),
  );
  return {
    root,
    npmCache,
    out: join(dir, 'site'),
    cacheDir: join(dir, 'cache'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

describe('buildSite with an npm pack whose other versions are installed or cached', () => {
  let project: Awaited<ReturnType<typeof makeNpmProject>>;
  let pages: Map<string, string>;

  beforeAll(async () => {
    project = await makeNpmProject();
    // buildSite finds the npm cache from the environment, as npm does.
    vi.stubEnv('npm_config_cache', project.npmCache);
    await buildSite({
      cwd: project.root,
      out: project.out,
      cacheDir: project.cacheDir,
      now: new Date('2026-01-31T00:00:00Z'),
    });
    pages = await readPages(project.out);
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await project?.remove();
  });

  it('writes a page per template at the installed and the cached version, and compare pages', () => {
    expect([...pages.keys()]).toEqual(
      expect.arrayContaining(
        templateIds.flatMap((id) => [
          `templates/acme/${id}/v/1.5.0/index.html`,
          `templates/acme/${id}/v/1.0.0/index.html`,
          `templates/acme/${id}/compare/index.html`,
        ]),
      ),
    );
    // The built-in pack offers only the version specforge ships.
    expect(
      [...pages.keys()].filter((page) => /speckit\/[^/]+\/(?:v|compare)\//.test(page)),
    ).toEqual([]);
  });

  it('lists each version with its origin in the switcher', () => {
    const plan = pages.get('templates/acme/plan/index.html')!;
    const start = plan.indexOf('<ol class="version-list">');
    expect(plan.slice(start, plan.indexOf('</ol>', start))).toMatchInlineSnapshot(`
      "<ol class="version-list">
      <li data-compare-version="2.0.0"><a href="../../../templates/acme/plan/index.html" aria-current="page">2.0.0</a> <span class="origin">current</span></li>
      <li data-compare-version="1.5.0"><a href="../../../templates/acme/plan/v/1.5.0/index.html">1.5.0</a> <span class="origin">installed</span></li>
      <li data-compare-version="1.0.0"><a href="../../../templates/acme/plan/v/1.0.0/index.html">1.0.0</a> <span class="origin">npm-cache</span></li>
      "
    `);
  });

  it('says where an earlier version comes from and composes it over the built-in base', () => {
    const cached = pages.get('templates/acme/plan/v/1.0.0/index.html')!;
    expect(cached).toContain(
      'This is version <strong>1.0.0</strong> of acme/plan, from templates-1.0.0.tgz in the npm cache.',
    );
    expect(cached).toContain(
      '<h4 id="s-background" class="version-changed-heading">Background</h4>',
    );
    const installed = pages.get('templates/acme/plan/v/1.5.0/index.html')!;
    expect(installed).toContain(
      'of acme/plan, from the copy installed in node_modules/legacy/node_modules/@acme/templates.',
    );
    expect(installed).toContain('Setting</h4>');
  });

  it('writes links that all lead to pages of the site', () => {
    for (const [page, html] of pages) {
      if (page !== '404.html') expect(brokenLinks(project.out, page, html), page).toEqual([]);
    }
  });
});
