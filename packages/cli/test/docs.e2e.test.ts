import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { binPath, runCli } from './run-cli.js';
import { makeProject, type TempProject } from './temp-project.js';

const example = fileURLToPath(new URL('../../../examples/acme-shop', import.meta.url));
const env = { SOURCE_DATE_EPOCH: '1767225600' }; // 2026-01-01

/** A temp copy of the example project: the team's fork of the Spec Kit templates. */
async function copyExample(): Promise<TempProject> {
  const project = await makeProject();
  cpSync(example, project.dir, { recursive: true });
  return project;
}

describe('specforge docs build', () => {
  it('builds the site of the example project into site/', async () => {
    const project = await copyExample();
    const result = runCli(['docs', 'build', '--frozen'], { cwd: project.dir, env });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const pages = readdirSync(project.path('site'), { recursive: true }).filter(
      (file) => String(file).endsWith('.html') && !String(file).startsWith('pagefind'),
    );
    expect(result.stdout).toBe(`built ${pages.length} pages in site/\n`);
    expect(await project.read('site/index.html')).toContain('acme/plan');
    const plan = await project.read('site/templates/acme/plan/index.html');
    expect(plan).toContain('Security Review');
    expect(plan).not.toContain('__specforge');
  });

  it('keeps a build cache in the cache folder, and none with --no-cache, building the same site', async () => {
    const project = await copyExample();
    const cacheEnv = { ...env, SPECFORGE_CACHE_DIR: project.path('.cache-a') };
    expect(runCli(['docs', 'build', '--no-cache'], { cwd: project.dir, env: cacheEnv }).status).toBe(0);
    expect(existsSync(project.path('.cache-a/docs-site'))).toBe(false);
    const uncached = await project.read('site/templates/acme/plan/index.html');
    expect(runCli(['docs', 'build'], { cwd: project.dir, env: cacheEnv }).status).toBe(0);
    expect(readdirSync(project.path('.cache-a/docs-site')).length).toBeGreaterThan(0);
    expect(runCli(['docs', 'build'], { cwd: project.dir, env: cacheEnv }).status).toBe(0);
    expect(await project.read('site/templates/acme/plan/index.html')).toBe(uncached);
  });

  it('builds for a sub-path into another folder, and reports it as JSON', async () => {
    const project = await copyExample();
    const result = runCli(['docs', 'build', '--base', '/docs/', '--out', 'public', '--json'], {
      cwd: project.dir,
      env,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as { out: string; base: string; pages: number };
    expect(json).toEqual({ out: 'public', base: '/docs/', pages: expect.any(Number) });
    expect(await project.read('public/404.html')).toContain('href="/docs/');
    expect(existsSync(project.path('public/templates/acme/plan/index.html'))).toBe(true);
    // Built again, the site replaces the one built there before.
    expect(
      runCli(['docs', 'build', '--base', 'docs', '--out', 'public'], { cwd: project.dir, env })
        .status,
    ).toBe(0);
  });

  it('refuses a folder that is not a site it built, and an invalid base, with exit 2', async () => {
    const project = await copyExample();
    const folder = runCli(['docs', 'build', '--out', 'specs'], { cwd: project.dir, env });
    expect(folder.status).toBe(2);
    expect(folder.stderr).toMatch(
      /^error SPECFORGE_OUTPUT_UNWRITABLE: The output .*specs cannot be written/,
    );
    expect(existsSync(project.path('specs/042-checkout/spec.md'))).toBe(true);
    const base = runCli(['docs', 'build', '--base', '/../x/', '--json'], { cwd: project.dir, env });
    expect(base.status).toBe(2);
    expect(JSON.parse(base.stdout)).toMatchObject({ error: { code: 'SPECFORGE_USAGE' } });
  });

  it('adds the guides of --guides as pages that link to each other', async () => {
    const project = await copyExample();
    await project.write(
      'docs/writing-plans.md',
      '# Writing plans\n\nPlans follow [the review checklist](review.md#security-review).\n',
    );
    await project.write(
      'docs/review.md',
      '# Reviews\n\n## Security review\n\nEvery plan is [written first](./writing-plans.md).\n',
    );
    await project.write('docs/api/index.md', '# Not a guide\n');
    const result = runCli(['docs', 'build', '--guides', 'docs', '--frozen', '--json'], {
      cwd: project.dir,
      env,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const plain = runCli(['docs', 'build', '--out', 'plain'], { cwd: project.dir, env });
    expect(plain.status).toBe(0);
    // Two guide pages more than the site without guides; a sub-folder holds no guide.
    const pages = (JSON.parse(result.stdout) as { pages: number }).pages;
    expect(plain.stdout).toBe(`built ${pages - 2} pages in plain/\n`);
    expect(readdirSync(project.path('site/guides')).sort()).toEqual(['review', 'writing-plans']);

    const writing = await project.read('site/guides/writing-plans/index.html');
    expect(writing).toContain('<h1 id="writing-plans">Writing plans</h1>');
    expect(writing).toContain(
      '<a href="../review/index.html#security-review">the review checklist</a>',
    );
    const review = await project.read('site/guides/review/index.html');
    expect(review).toMatch(/<h2 id="security-review">Security review<\/h2>/);
    expect(review).toContain('<a href="../writing-plans/index.html">written first</a>');
    // Listed on the home page, which has no guides without the flag.
    expect(await project.read('site/index.html')).toContain('guides/writing-plans/index.html');
    expect(await project.read('plain/index.html')).not.toContain('guides/');
  });

  it('refuses a --guides folder that cannot be read with exit 2, building nothing', async () => {
    const project = await copyExample();
    const result = runCli(['docs', 'build', '--guides', 'handbook'], { cwd: project.dir, env });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^error SPECFORGE_USAGE: The guides folder .*handbook cannot be read: /,
    );
    expect(existsSync(project.path('site'))).toBe(false);
  });

  it('says which package to add when @specforge/docs-site is not installed', async () => {
    const project = await copyExample();
    // A resolve hook that looks @specforge/docs-site up from a folder where it is not installed,
    // as in a project that only installed the CLI.
    await project.write(
      'hooks.mjs',
      `export async function resolve(specifier, context, next) {
  if (specifier === '@specforge/docs-site')
    return next(specifier, { ...context, parentURL: ${JSON.stringify(pathToFileURL(project.path('nowhere/x.mjs')).href)} });
  return next(specifier, context);
}\n`,
    );
    await project.write(
      'register.mjs',
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(project.path('hooks.mjs')).href)});\n`,
    );
    const nodeOptions = {
      NODE_OPTIONS: `--import ${pathToFileURL(project.path('register.mjs')).href}`,
    };
    for (const command of [
      ['docs', 'build'],
      ['docs', 'serve', '--port', '0'],
    ]) {
      const result = runCli(command, { cwd: project.dir, env: nodeOptions });
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `error SPECFORGE_DOCS_SITE_MISSING: specforge ${command.slice(0, 2).join(' ')} needs the @specforge/docs-site package, which is not installed; nothing was built.\n` +
          '  hint: Add it where @specforge/cli is installed: `npm install --save-dev @specforge/docs-site` or `pnpm add -D @specforge/docs-site` (beside a global specforge: `npm install -g @specforge/docs-site`). It is an optional peer of the CLI, so `specforge plan` never installs a site generator.\n',
      );
    }
    expect(existsSync(project.path('site'))).toBe(false);
    // plan works all the same.
    expect(
      runCli(['plan', 'specs/042-checkout/spec.md', '--stdout'], {
        cwd: project.dir,
        env: { ...env, ...nodeOptions },
      }).status,
    ).toBe(0);
  });
});

/** A running `specforge docs serve`, reading its output line by line. */
function startServe(cwd: string, args: string[]) {
  const child: ChildProcess = spawn(process.execPath, [binPath, 'docs', 'serve', ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiting: (() => void)[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const wake of waiting.splice(0)) wake();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  return {
    child,
    lines,
    exited,
    stderr: () => stderr,
    /** Resolves with stdout line `index` (0-based) once it is printed. */
    async line(index: number, ms = 30_000): Promise<string> {
      const deadline = Date.now() + ms;
      while (lines.length <= index) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`no line ${index} on stdout; stderr: ${stderr}`);
        await new Promise<void>((wake) => {
          waiting.push(wake);
          setTimeout(wake, 200);
        });
      }
      return lines[index]!;
    },
  };
}

/** Reads a Server-Sent Events stream with fetch; `next(name)` waits for the next such event. */
async function openEvents(url: string) {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next(name: string): Promise<Record<string, unknown>> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end < 0) {
          const { value, done } = await reader.read();
          if (done) throw new Error('the event stream ended');
          buffer += value;
          continue;
        }
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        if (event === name) return JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}');
      }
    },
    close: () => controller.abort(),
  };
}

describe('specforge docs serve', () => {
  const running: ReturnType<typeof startServe>[] = [];
  afterEach(() => {
    for (const serve of running.splice(0)) serve.child.kill('SIGKILL');
  });

  it('serves the site, rebuilds it after an overlay edit, pushes a reload event, and stops cleanly', async () => {
    const project = await copyExample();
    const serve = startServe(project.dir, ['--port', '0']);
    running.push(serve);
    const first = await serve.line(0);
    expect(first).toMatch(/^serving http:\/\/127\.0\.0\.1:\d+\/ \(live reload on\)$/);
    const url = first.split(' ')[1]!;

    const before = await fetch(`${url}templates/acme/plan/`);
    expect(before.status).toBe(200);
    const html = await before.text();
    expect(html).toMatch(/<h\d id="s-security-review">Security Review<\/h\d>/);
    expect(html).toContain('<script src="/__specforge/reload.js" data-build="1"></script>');

    const events = await openEvents(new URL('/__specforge/events', url).href);
    try {
      expect(await events.next('build')).toEqual({ build: 1 });
      const overlay = await project.read('packs/acme/plan.md');
      const edited = Date.now();
      await project.write(
        'packs/acme/plan.md',
        overlay.replace('## Security Review', '## Security and Privacy Review'),
      );
      const reload = await events.next('reload');
      const waited = Date.now() - edited;
      expect(reload).toMatchObject({ build: 2 });
      const after = await (await fetch(`${url}templates/acme/plan/`)).text();
      expect(after).toMatch(
        /<h\d id="s-security-and-privacy-review">Security and Privacy Review<\/h\d>/,
      );
      expect(after).toContain('data-build="2"');
      expect(await serve.line(1)).toMatch(/^rebuilt in \d+ ms$/);
      console.log(
        `docs serve: page reloadable ${waited} ms after the overlay edit (${serve.lines[1]})`,
      );
    } finally {
      events.close();
    }

    serve.child.kill('SIGTERM');
    await expect(serve.exited).resolves.toEqual({ code: 0, signal: null });
    expect(serve.stderr()).toBe('');
    expect(serve.lines).toHaveLength(2);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('prints a failed rebuild as a coded error and keeps serving the last good site', async () => {
    const project = await copyExample();
    const serve = startServe(project.dir, ['--port', '0', '--base', '/docs/']);
    running.push(serve);
    const url = (await serve.line(0)).split(' ')[1]!;
    expect(url).toMatch(/\/docs\/$/);
    const events = await openEvents(new URL('/__specforge/events', url).href);
    try {
      const overlay = await project.read('packs/acme/plan.md');
      await project.write(
        'packs/acme/plan.md',
        `${overlay}\n<!-- specforge: frobnicate deployment -->\n`,
      );
      expect(await events.next('failed')).toMatchObject({ code: 'SPECFORGE_OVERLAY_INVALID' });
      const page = await fetch(`${url}templates/acme/plan/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Security Review');
      // The error is printed once the event went out; give stderr a moment.
      for (let i = 0; i < 50 && !serve.stderr().includes('still served'); i++)
        await new Promise((wake) => setTimeout(wake, 100));
      expect(serve.stderr()).toMatch(
        /^error SPECFORGE_OVERLAY_INVALID: The overlay is invalid: .*\n {2}at packs\/acme\/plan\.md:\d+\n {2}hint: .*\nthe rebuild failed; the last good site is still served\n$/,
      );
      await project.write('packs/acme/plan.md', overlay);
      expect(await events.next('reload')).toMatchObject({ build: 2 });
    } finally {
      events.close();
    }
    serve.child.kill('SIGINT');
    await expect(serve.exited).resolves.toEqual({ code: 0, signal: null });
  });

  it('serves --guides from a folder outside the project, reloading after a guide edit', async () => {
    const project = await copyExample();
    const handbook = await makeProject({
      'getting-started.md':
        '# Getting started\n\nRun `specforge plan`. See [reviews](reviews.md).\n',
      'reviews.md': '# Reviews\n\nEvery plan gets a security review.\n',
    });
    const serve = startServe(project.dir, ['--port', '0', '--guides', handbook.dir]);
    running.push(serve);
    const url = (await serve.line(0)).split(' ')[1]!;
    const before = await fetch(`${url}guides/reviews/`);
    expect(before.status).toBe(200);
    expect(await before.text()).toContain('Every plan gets a security review.');
    expect(await (await fetch(`${url}guides/getting-started/`)).text()).toContain(
      '<a href="../reviews/index.html">reviews</a>',
    );

    const events = await openEvents(new URL('/__specforge/events', url).href);
    try {
      expect(await events.next('build')).toEqual({ build: 1 });
      await handbook.write('reviews.md', '# Reviews\n\nEvery plan gets a privacy review too.\n');
      expect(await events.next('reload')).toMatchObject({ build: 2 });
      const after = await (await fetch(`${url}guides/reviews/`)).text();
      expect(after).toContain('Every plan gets a privacy review too.');
      expect(after).toContain('data-build="2"');
      // A guide added to the folder gets its page on the next rebuild.
      await handbook.write('faq.md', '# Questions\n\nAsk the platform team.\n');
      expect(await events.next('reload')).toMatchObject({ build: 3 });
      expect((await fetch(`${url}guides/faq/`)).status).toBe(200);
      expect(await serve.line(2)).toMatch(/^rebuilt in \d+ ms$/);
    } finally {
      events.close();
    }
    serve.child.kill('SIGINT');
    await expect(serve.exited).resolves.toEqual({ code: 0, signal: null });
    expect(serve.stderr()).toBe('');
  });

  it('refuses a port that is not a number with exit 2', async () => {
    const project = await copyExample();
    const result = runCli(['docs', 'serve', '--port', 'http'], { cwd: project.dir });
    expect(result).toEqual({
      stdout: '',
      stderr:
        'error SPECFORGE_USAGE: "http" is not a port number.\n  hint: Pass --port a number from 1 to 65535, or 0 to pick a free port.\n',
      status: 2,
    });
  });
});
