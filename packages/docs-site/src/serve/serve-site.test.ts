import { cpSync, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SiteRebuild, type SiteServer, serveSite } from './serve-site.js';

const example = resolve(fileURLToPath(import.meta.url), '../../../../../examples/acme-shop');

/** A copy of the example project in a fresh temp folder, with a secret file beside it. */
async function copyExample(): Promise<{ dir: string; project: string }> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'docs-site-serve-')));
  const project = join(dir, 'project');
  cpSync(example, project, { recursive: true });
  await writeFile(join(dir, 'secret.txt'), 'TOP SECRET\n');
  return { dir, project };
}

interface ServerEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Reads a Server-Sent Events stream with fetch, event by event. */
async function openEvents(url: string) {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const read = async (): Promise<ServerEvent> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const fields = new Map(
          buffer
            .slice(0, end)
            .split('\n')
            .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
        );
        buffer = buffer.slice(end + 2);
        const event = fields.get('event');
        if (event) return { event, data: JSON.parse(fields.get('data') ?? '{}') };
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      buffer += value;
    }
  };
  return {
    /** The next event named `name`, skipping others; fails after `ms`. */
    async next(name: string, ms = 20_000): Promise<Record<string, unknown>> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no ${name} event within ${ms} ms`)), ms);
      });
      try {
        for (;;) {
          const next = await Promise.race([read(), timeout]);
          if (next.event === name) return next.data;
        }
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => controller.abort(),
  };
}

/** A GET with the path exactly as given (fetch would resolve `..` before sending it). */
function getRaw(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    get({ hostname, port, path }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => done({ status: response.statusCode ?? 0, body }));
    }).on('error', fail);
  });
}

describe('serveSite on a copy of the example project', () => {
  let dir: string;
  let project: string;
  let server: SiteServer;
  let events: Awaited<ReturnType<typeof openEvents>>;
  const rebuilds: SiteRebuild[] = [];
  const overlay = () => join(project, 'packs/acme/plan.md');
  const page = async () => (await fetch(`${server.url}templates/acme/plan/`)).text();

  beforeAll(async () => {
    ({ dir, project } = await copyExample());
    server = await serveSite({
      cwd: project,
      cacheDir: join(dir, 'cache'),
      out: join(dir, 'site'),
      port: 0,
      onRebuild: (rebuild) => rebuilds.push(rebuild),
    });
    events = await openEvents(new URL('/__specforge/events', server.url).href);
  }, 60_000);

  afterAll(async () => {
    events?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves the site as a static host would, adding the live-reload script to HTML as it is served', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.out).toBe(join(dir, 'site'));
    const home = await fetch(server.url);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(home.headers.get('cache-control')).toBe('no-store');
    const html = await home.text();
    expect(html).toContain(
      '<script src="/__specforge/reload.js" data-build="1"></script>\n</body>',
    );
    // The built site itself is left as it is: no dev-server script in any file.
    expect(await readFile(join(server.out, 'index.html'), 'utf8')).not.toContain('__specforge');

    expect(await page()).toContain('Security Review');
    const folder = await fetch(`${server.url}templates/acme/plan`, { redirect: 'manual' });
    expect([folder.status, folder.headers.get('location')]).toEqual([301, '/templates/acme/plan/']);

    const css = await fetch(`${server.url}assets/site.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).not.toContain('__specforge');

    const missing = await fetch(`${server.url}no/such/page.html`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe(
      (await readFile(join(server.out, '404.html'), 'utf8')).replace(
        '</body>',
        '<script src="/__specforge/reload.js" data-build="1"></script>\n</body>',
      ),
    );

    const script = await fetch(new URL('/__specforge/reload.js', server.url));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('new EventSource("/__specforge/events")');

    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
    const head = await fetch(server.url, { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([200, '']);
  });

  it('allows the injected script under the Content-Security-Policy of the pages', async () => {
    const html = await (await fetch(server.url)).text();
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
    const directives = new Map(
      csp.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    // A same-origin script file and a same-origin connection: nothing inline, nothing loosened.
    expect(directives.get('script-src') ?? directives.get('default-src')).toContain("'self'");
    expect(directives.get('connect-src') ?? directives.get('default-src')).toContain("'self'");
  });

  it.each([
    '/../secret.txt',
    '/templates/../../secret.txt',
    '/..%2fsecret.txt',
    '/..%2Fsecret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/.%2e/secret.txt',
    '/..%5csecret.txt',
    '/templates/..%2f..%2f..%2fsecret.txt',
    '/%252e%252e%252fsecret.txt',
    '//..%2f..%2fsecret.txt',
    '/..%c0%afsecret.txt',
  ])('never serves a file outside the site folder for %s', async (path) => {
    const response = await getRaw(server.url, path);
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain('TOP SECRET');
  });

  it('rebuilds after an overlay edit and tells open pages to reload', async () => {
    await expect(events.next('build')).resolves.toEqual({ build: 1 });
    const text = await readFile(overlay(), 'utf8');
    await writeFile(
      overlay(),
      text.replace('## Security Review', '## Security and Privacy Review'),
    );
    const reload = await events.next('reload');
    expect(reload.build).toBe(2);
    const html = await page();
    expect(html).toContain('Security and Privacy Review');
    expect(html).toContain('data-build="2"');
    const rebuild = rebuilds.at(-1)!;
    expect(rebuild).toMatchObject({ ok: true, build: 2, pages: server.pages });
    expect(rebuild.changed).toContain(overlay());
    console.log(`serveSite: rebuilt the example site in ${rebuild.ms} ms after an overlay edit`);
  });

  it('keeps serving the last good site when a rebuild fails, and recovers once the overlay is fixed', async () => {
    const good = await readFile(overlay(), 'utf8');
    await writeFile(overlay(), `${good}\n<!-- specforge: frobnicate deployment -->\n`);
    await expect(events.next('failed')).resolves.toMatchObject({
      code: 'SPECFORGE_OVERLAY_INVALID',
    });
    const failed = rebuilds.at(-1)!;
    expect(failed.ok).toBe(false);
    expect(!failed.ok && (failed.error as { code?: string }).code).toBe(
      'SPECFORGE_OVERLAY_INVALID',
    );
    const html = await page();
    expect(html).toContain('Security and Privacy Review');
    expect(html).toContain('data-build="2"');

    await writeFile(
      overlay(),
      good.replace('Security and Privacy Review', 'Security Review, fixed'),
    );
    await expect(events.next('reload')).resolves.toMatchObject({ build: 3 });
    expect(await page()).toContain('Security Review, fixed');
  });

  it('does not rebuild for changes in node_modules, .git or the site folder', async () => {
    const before = rebuilds.length;
    await mkdir(join(project, 'node_modules/some-package'), { recursive: true });
    await writeFile(join(project, 'node_modules/some-package/index.js'), 'export {};\n');
    await mkdir(join(project, '.git'), { recursive: true });
    await writeFile(join(project, '.git/HEAD'), 'ref: refs/heads/main\n');
    await writeFile(join(server.out, 'extra.txt'), 'not a source\n');
    await new Promise((done) => setTimeout(done, 500));
    expect(rebuilds.length).toBe(before);
  });
});

describe('serveSite', () => {
  it('builds in a temp folder by default, removed when the server closes, and closes on abort', async () => {
    const { dir, project } = await copyExample();
    try {
      const controller = new AbortController();
      const server = await serveSite({
        cwd: project,
        cacheDir: join(dir, 'cache'),
        port: 0,
        base: 'docs',
        signal: controller.signal,
      });
      expect(server.url).toBe(`http://127.0.0.1:${server.port}/docs/`);
      expect(existsSync(join(server.out, 'index.html'))).toBe(true);
      expect((await fetch(server.url)).status).toBe(200);
      const atBase = await fetch(server.url.slice(0, -1), { redirect: 'manual' });
      expect(atBase.headers.get('location')).toBe('/docs/');
      expect((await fetch(server.url.replace('/docs/', '/index.html'))).status).toBe(404);
      controller.abort();
      await server.close();
      expect(existsSync(dirname(server.out))).toBe(false);
      await expect(fetch(server.url)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('passes guides, extra guides and the API reference to the build, and watches a guides folder outside the project', async () => {
    const { dir, project } = await copyExample();
    const handbook = join(dir, 'handbook');
    await mkdir(join(handbook, 'api'), { recursive: true });
    await writeFile(join(handbook, 'reviews.md'), '# Reviews\n\nA security review.\n');
    const rebuilds: SiteRebuild[] = [];
    const server = await serveSite({
      cwd: project,
      cacheDir: join(dir, 'cache'),
      port: 0,
      guides: { dir: '../handbook' },
      extraGuides: [
        { slug: 'cli-reference', title: 'CLI reference', markdown: 'Every command.\n' },
      ],
      apiReference: 'https://example.org/api/',
      onRebuild: (rebuild) => rebuilds.push(rebuild),
    });
    const events = await openEvents(new URL('/__specforge/events', server.url).href);
    try {
      const home = await (await fetch(server.url)).text();
      expect(home).toContain('guides/reviews/index.html');
      expect(home).toContain('guides/cli-reference/index.html');
      expect(home).toContain('https://example.org/api/');
      expect(await (await fetch(`${server.url}guides/reviews/`)).text()).toContain(
        'A security review.',
      );
      await expect(events.next('build')).resolves.toEqual({ build: 1 });

      // A sub-folder of a guides folder outside the project holds no guides: not watched.
      await writeFile(join(handbook, 'api', 'index.html'), '<p>typedoc</p>\n');
      await new Promise((done) => setTimeout(done, 300));
      expect(rebuilds).toEqual([]);

      await writeFile(join(handbook, 'reviews.md'), '# Reviews\n\nA privacy review too.\n');
      await expect(events.next('reload')).resolves.toMatchObject({ build: 2 });
      expect(rebuilds.at(-1)).toMatchObject({ ok: true, changed: [join(handbook, 'reviews.md')] });
      expect(await (await fetch(`${server.url}guides/reviews/`)).text()).toContain(
        'A privacy review too.',
      );
    } finally {
      events.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a port in use, or no port at all, as a usage error', async () => {
    const { dir, project } = await copyExample();
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const port = (taken.address() as { port: number }).port;
    try {
      const options = { cwd: project, cacheDir: join(dir, 'cache') };
      await expect(serveSite({ ...options, port })).rejects.toMatchObject({
        code: 'SPECFORGE_USAGE',
        message: `The docs site cannot be served: port ${port} on 127.0.0.1 is in use by another program.`,
      });
      await expect(serveSite({ ...options, port: 70_000 })).rejects.toMatchObject({
        code: 'SPECFORGE_USAGE',
        message: '70000 is not a TCP port.',
      });
    } finally {
      await new Promise((done) => taken.close(done));
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails as buildSite does when the first build fails', async () => {
    const { dir, project } = await copyExample();
    try {
      await writeFile(
        join(project, 'packs/acme/plan.md'),
        '---\nextends: speckit/plan\n---\n<!-- specforge: frobnicate x -->\n',
      );
      await expect(
        serveSite({ cwd: project, cacheDir: join(dir, 'cache'), port: 0 }),
      ).rejects.toMatchObject({ code: 'SPECFORGE_OVERLAY_INVALID' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
