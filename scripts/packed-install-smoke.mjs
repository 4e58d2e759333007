// The packed-install smoke test: specforge as a user gets it from the registry, not as the
// workspace links it. Every published package is packed with `pnpm pack` (the tarballs
// `pnpm publish` would upload) and installed with npm into fresh projects in a temp folder, all
// @specforge/* packages from those tarballs in one `npm install` (no workspace links; third-party
// dependencies come from npm's cache, or its registry when the cache lacks them). Then:
//
// 1. `npx specforge plan` turns the example spec into a plan with the built-in speckit pack, and
//    `npx specforge docs build` loads the optional peer @specforge/docs-site;
// 2. a platform team's project forks speckit/plan as the package @acme/templates
//    (`specforge template fork … --as @acme/templates`), adds a section to the overlay and packs
//    it with `npm pack`;
// 3. the application project installs that tarball, names it by range in specforge.config.yaml
//    (`npm:@acme/templates@^0.1.0`) and plans through it.
//
// Prints each step; exits 1 at the first that fails, with its output. Needs a build first
// (`pnpm test` runs it after the builds). Usage: node scripts/packed-install-smoke.mjs [--keep]
// (--keep leaves the temp folder for a look).
import { spawnSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPublishedPackages, packPackages, repoRoot } from './lib/workspace.mjs';

const keep = process.argv.includes('--keep');
const started = Date.now();
const specFile = 'specs/042-checkout/spec.md';

// The child processes get the user's npm settings (registry, cache, proxy), not what pnpm or
// turbo put in the environment of the script that runs this one.
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !/^(npm_(command|lifecycle_|package_|config_(user_agent|verify_deps_before_run))|pnpm_config_)/i.test(
        key,
      ),
  ),
);
Object.assign(env, {
  NO_COLOR: '1',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
});

let stepNumber = 0;
const totalSteps = 8;

/** Runs one step: prints its title, and on failure its error, then exits 1. */
async function step(title, action) {
  stepNumber += 1;
  const at = Date.now();
  process.stdout.write(`[smoke ${stepNumber}/${totalSteps}] ${title}`);
  const detail = await action();
  console.log(` (${((Date.now() - at) / 1000).toFixed(1)} s)${detail ? `\n    ${detail}` : ''}`);
}

/** Runs a command; returns its stdout, throws with both streams when it exits non-zero. */
function sh(command, args, cwd) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const error = new Error(
      `\`${[command, ...args].join(' ')}\` in ${cwd} exited ${result.status ?? result.signal}` +
        `${result.error ? ` (${result.error.message})` : ''}\n--- stdout\n${result.stdout ?? ''}--- stderr\n${result.stderr ?? ''}`,
    );
    throw error;
  }
  return result.stdout;
}

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

// `npx --no`: only the installed bin, never a download; `--` keeps flags such as --version ours.
const specforge = (args, cwd) => sh('npx', ['--no', '--', 'specforge', ...args], cwd);

const npmInstall = (cwd, specs) =>
  sh(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...specs],
    cwd,
  );

async function newProject(dir, name) {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'package.json'),
    `${JSON.stringify({ name, version: '0.0.0', private: true }, null, 2)}\n`,
  );
}

/** Every installed @specforge/* package is a real folder (no link) at the workspace's version. */
async function checkInstalled(project, packages) {
  for (const pkg of packages) {
    const dir = join(project, 'node_modules', ...pkg.name.split('/'));
    const stat = await lstat(dir);
    expect(!stat.isSymbolicLink(), `${pkg.name} is a link in ${dir}, not an installed package`);
    const installed = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(
      installed.version === pkg.version,
      `${pkg.name}@${installed.version} installed, ${pkg.version} packed`,
    );
  }
  // And npm took no @specforge package from elsewhere: one copy of each, from a tarball file.
  const lock = JSON.parse(await readFile(join(project, 'package-lock.json'), 'utf8'));
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!/(^|\/)node_modules\/@specforge\//.test(path)) continue;
    expect(
      path.startsWith('node_modules/@specforge/') && !path.slice(13).includes('node_modules/'),
      `a nested copy: ${path}`,
    );
    expect(
      String(entry.resolved).startsWith('file:'),
      `${path} was resolved from ${entry.resolved}, not a tarball`,
    );
  }
}

async function main() {
  const root = await mkdtemp(join(tmpdir(), 'specforge-packed-smoke-'));
  const tarballDir = join(root, 'tarballs');
  const app = join(root, 'app');
  const platform = join(root, 'platform');
  const packDir = join(platform, 'acme-templates');
  let failed = false;
  try {
    const packages = await listPublishedPackages();
    const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
    let tarballs;
    await step(`pnpm pack ${packages.length} packages`, async () => {
      await mkdir(tarballDir);
      tarballs = await packPackages(packages, tarballDir);
      return packages.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ');
    });

    await step('npm install every tarball into a fresh project', async () => {
      await newProject(app, 'smoke-app');
      npmInstall(
        app,
        packages.map((pkg) => tarballs.get(pkg.name)),
      );
      await checkInstalled(app, packages);
      const version = specforge(['--version'], app).trim();
      expect(
        version === byName.get('@specforge/cli').version,
        `specforge --version printed ${version}`,
      );
      return `specforge ${version} from node_modules, no workspace links`;
    });

    await step('npx specforge plan with the built-in speckit pack', async () => {
      await mkdir(join(app, 'specs', '042-checkout'), { recursive: true });
      const spec = await readFile(join(repoRoot, 'examples', 'acme-shop', specFile), 'utf8');
      await writeFile(join(app, specFile), spec);
      const out = specforge(['plan', specFile], app);
      expect(
        /^wrote specs\/042-checkout\/plan\.md \(speckit\/plan, \d+ bytes\)\n$/.test(out),
        `unexpected output: ${out}`,
      );
      const plan = await readFile(join(app, 'specs/042-checkout/plan.md'), 'utf8');
      const speckit = byName.get('@specforge/templates-speckit').version;
      expect(plan.includes(spec), 'the plan does not hold the spec verbatim');
      expect(plan.includes('<!-- specforge:provenance'), 'the plan has no provenance block');
      expect(
        plan.includes(`template: "speckit@${speckit}#plan"`),
        `the provenance does not name speckit@${speckit}#plan`,
      );
      return out.trim();
    });

    await step('npx specforge docs build (the optional peer @specforge/docs-site)', async () => {
      const out = specforge(['docs', 'build', '--out', 'site'], app);
      expect(
        (await readdir(join(app, 'site'))).includes('index.html'),
        'the site has no index.html',
      );
      return out.trim();
    });

    await step('a platform project forks speckit/plan as the package @acme/templates', async () => {
      await newProject(platform, 'smoke-platform');
      const cli = [
        '@specforge/cli',
        '@specforge/core',
        '@specforge/template-registry',
        '@specforge/templates-speckit',
      ];
      npmInstall(
        platform,
        cli.map((name) => tarballs.get(name)),
      );
      const out = specforge(
        ['template', 'fork', 'speckit/plan', '--as', '@acme/templates', '--dir', 'acme-templates'],
        platform,
      );
      const manifest = JSON.parse(await readFile(join(packDir, 'package.json'), 'utf8'));
      expect(
        manifest.name === '@acme/templates' && manifest.version === '0.1.0' && !manifest.private,
        `unexpected manifest: ${JSON.stringify(manifest)}`,
      );
      // The team's edit: a section of its own after the base's testing strategy.
      await writeFile(
        join(packDir, 'plan.md'),
        '---\nextends: speckit/plan\n---\n<!-- specforge: insert after testing-strategy -->\n## Security Review\n\n- Threat model for every new endpoint; owner: the security champion.\n',
      );
      specforge(['template', 'validate', 'acme'], platform);
      return out.trim().split('\n')[0];
    });

    let teamTarball;
    await step('npm pack the team pack', async () => {
      const [packed] = JSON.parse(
        sh('npm', ['pack', '--json', '--pack-destination', tarballDir], packDir),
      );
      teamTarball = join(tarballDir, packed.filename);
      const files = packed.files.map((file) => file.path).sort();
      expect(
        JSON.stringify(files) ===
          JSON.stringify(['CHANGELOG.md', 'README.md', 'package.json', 'plan.md']),
        `unexpected files in the tarball: ${files.join(', ')}`,
      );
      return `${packed.filename}: ${files.join(', ')}`;
    });

    await step(
      'the app installs @acme/templates from its tarball and names it by range',
      async () => {
        npmInstall(app, [teamTarball]);
        await checkInstalled(app, packages);
        await writeFile(
          join(app, 'specforge.config.yaml'),
          'packs:\n  - npm:@acme/templates@^0.1.0\nplan:\n  template: acme/plan\n',
        );
        const list = specforge(['template', 'list', '--json'], app);
        const names = JSON.parse(list).packs.map((pack) => `${pack.name}@${pack.version}`);
        expect(names.includes('acme@0.1.0'), `template list shows ${names.join(', ')}`);
        return names.join(', ');
      },
    );

    await step('npx specforge plan through the team pack', async () => {
      const out = specforge(['plan', specFile, '--out', 'specs/042-checkout/plan-acme.md'], app);
      const plan = await readFile(join(app, 'specs/042-checkout/plan-acme.md'), 'utf8');
      expect(
        plan.includes('## Security Review\n\n- Threat model for every new endpoint'),
        "the plan lacks the team pack's section",
      );
      expect(
        plan.includes('template: "acme@0.1.0#plan"'),
        'the provenance does not name acme@0.1.0#plan',
      );
      const lock = await readFile(join(app, 'specforge.lock'), 'utf8');
      expect(
        lock.includes('source: npm:@acme/templates@0.1.0'),
        `the lock does not pin the npm package:\n${lock}`,
      );
      const again = specforge(
        ['plan', specFile, '--out', 'specs/042-checkout/plan-acme.md', '--frozen'],
        app,
      );
      expect(/up to date/.test(again), `a second --frozen run was not up to date: ${again}`);
      return out.trim();
    });

    console.log(`packed-install smoke test: ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed = true;
    console.log(' FAILED');
    console.error(
      `\npacked-install smoke test failed at step ${stepNumber}:\n${error instanceof Error ? error.message : error}`,
    );
    console.error(
      `\nThe temp folder ${keep ? 'is kept' : 'is removed; run with --keep to look at it'}: ${root}`,
    );
    process.exitCode = 1;
  } finally {
    if (keep) console.log(`kept ${root}`);
    else await rm(root, { recursive: true, force: true });
  }
  return failed;
}

await main();
