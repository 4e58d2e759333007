import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { SpecforgeError } from '@specforge/core';
import { openProjectRegistry } from '@specforge/template-registry';
import { type BuildSiteOptions, type BuildSiteResult, buildSite } from '../build-site.js';
import { normalizeBase } from '../render/site-urls.js';
import { EventHub } from './_live-reload.js';
import { createSiteHandler } from './_site-handler.js';
import { watchTrees } from './_watch-tree.js';

/** Options for {@link serveSite}. */
export interface ServeSiteOptions {
  /** A folder inside the project; the project and its packs are found from here. */
  cwd: string;
  /** Where git pack sources are cloned. */
  cacheDir: string;
  /** The TCP port, 8080 by default; `0` picks a free one (see {@link SiteServer.url}). */
  port?: number;
  /** The address to listen on, `127.0.0.1` by default (this machine only). */
  host?: string;
  /** The URL path the site is served from, `/` by default; see {@link BuildSiteOptions.base}. */
  base?: string;
  /**
   * The site folder, relative to `cwd` or absolute, kept when the server closes. By default the
   * site is built in a new folder of the OS temp folder, removed on close.
   */
  out?: string;
  /** Fail with `SPECFORGE_LOCK_MISMATCH` when the packs no longer match `specforge.lock`. */
  frozen?: boolean;
  /** The build cache, as {@link BuildSiteOptions.cache}: on by default, `false` to turn it off. */
  cache?: BuildSiteOptions['cache'];
  /**
   * Hand-written guides, as {@link BuildSiteOptions.guides}; `dir` is relative to `cwd` or
   * absolute. The folder is watched too, even outside the project (its `*.md` files, not its
   * sub-folders), so an edited guide reloads its page.
   */
  guides?: BuildSiteOptions['guides'];
  /** Generated guides, as {@link BuildSiteOptions.extraGuides}. */
  extraGuides?: BuildSiteOptions['extraGuides'];
  /** The API reference to link to, as {@link BuildSiteOptions.apiReference}. */
  apiReference?: BuildSiteOptions['apiReference'];
  /** How long the project must be quiet before a rebuild starts, in ms; 50 by default. */
  debounceMs?: number;
  /** Called after every rebuild, successful or not; the server goes on either way. */
  onRebuild?: (rebuild: SiteRebuild) => void;
  /** Closes the server (as {@link SiteServer.close} does) when aborted. */
  signal?: AbortSignal;
}

/** One rebuild of {@link serveSite}, after files of the project changed. */
export type SiteRebuild =
  | {
      /** The rebuild succeeded and open pages reloaded. */
      ok: true;
      /** The build number pages now carry; 1 is the first build. */
      build: number;
      /** HTML pages written. */
      pages: number;
      /** How long the rebuild took, in ms. */
      ms: number;
      /** The absolute paths whose changes led to it. */
      changed: string[];
    }
  | {
      /** The rebuild failed; the site keeps serving the last good build. */
      ok: false;
      /** Why the build failed: usually a {@link @specforge/core!SpecforgeError} (e.g. an invalid overlay). */
      error: unknown;
      /** How long the failed rebuild took, in ms. */
      ms: number;
      /** The absolute paths whose changes led to it. */
      changed: string[];
    };

/** A running {@link serveSite} server. */
export interface SiteServer {
  /** Where the site is served: `http://<host>:<port><base>`. */
  url: string;
  /** The port listened on (the free one chosen for port `0`). */
  port: number;
  /** The absolute path of the site folder served. */
  out: string;
  /** HTML pages of the first build. */
  pages: number;
  /** Stops watching, ends the event streams, closes the server and removes a temporary site. */
  close(): Promise<void>;
}

/**
 * Builds the docs site of the project around `cwd` with {@link buildSite}, serves it over HTTP,
 * and rebuilds it whenever a file of the project changes, telling open pages to reload.
 *
 * - The site is served as a static host would: a folder's `index.html`, `404.html` for anything
 *   missing, content types by extension, and no path that leaves the site folder.
 * - Live reload: HTML responses get a `<script src="/__specforge/reload.js">` before `</body>`
 *   (only as they are served; the built files never hold it), which follows the Server-Sent
 *   Events stream `/__specforge/events` and reloads the page after each successful rebuild. The
 *   pages' Content-Security-Policy allows it as it is (a same-origin script and connection).
 * - The project folder is watched, and local pack folders outside it, and the guides folder
 *   when it is outside them (only the files directly in it), except `node_modules`, `.git`, the
 *   site folder and the cache; changes are gathered until the project has been quiet
 *   for `debounceMs`, and builds never overlap. The process stays warm, so a rebuild skips the
 *   start-up and module loading a first build pays.
 * - A failed rebuild is reported through `onRebuild` and to open pages (in their console), and
 *   the last good site stays served until a rebuild succeeds.
 *
 * @throws {@link @specforge/core!SpecforgeError} from the first build (as {@link buildSite} throws), and
 * `SPECFORGE_USAGE` for an invalid port or an address that cannot be listened on.
 *
 * @example
 * ```ts
 * import { serveSite } from '@specforge/docs-site';
 *
 * const server = await serveSite({
 *   cwd: process.cwd(),
 *   cacheDir: '.cache/specforge',
 *   port: 0,
 *   onRebuild: (rebuild) => console.log(rebuild.ok ? `rebuilt in ${rebuild.ms} ms` : rebuild.error),
 * });
 * console.log(`serving ${server.url}`);
 * // … later
 * await server.close();
 * ```
 */
export async function serveSite(options: ServeSiteOptions): Promise<SiteServer> {
  const port = options.port ?? 8080;
  const host = options.host ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new SpecforgeError(
      'SPECFORGE_USAGE',
      { reason: `${String(port)} is not a TCP port.` },
      { hint: 'Give a port from 1 to 65535, or 0 for any free one.' },
    );
  }
  const base = normalizeBase(options.base ?? '/');
  const temp = options.out
    ? undefined
    : await mkdtemp(join(await realpath(tmpdir()), 'specforge-docs-serve-'));
  const out = temp ? join(temp, 'site') : resolve(options.cwd, options.out!);
  const build = () =>
    buildSite({
      cwd: options.cwd,
      out,
      base,
      cacheDir: options.cacheDir,
      cache: options.cache,
      frozen: options.frozen,
      guides: options.guides,
      extraGuides: options.extraGuides,
      apiReference: options.apiReference,
    });

  let first: BuildSiteResult;
  try {
    first = await build();
  } catch (error) {
    if (temp) await rm(temp, { recursive: true, force: true });
    throw error;
  }

  let current = 1;
  const hub = new EventHub();
  const server = createServer(createSiteHandler({ dir: out, base, build: () => current, hub }));
  try {
    await listen(server, port, host);
  } catch (error) {
    hub.close();
    if (temp) await rm(temp, { recursive: true, force: true });
    throw error;
  }
  const address = server.address() as AddressInfo;

  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let building: Promise<void> | undefined;
  const changed = new Set<string>();

  const rebuild = async (): Promise<void> => {
    if (closed || building || changed.size === 0) return;
    const batch = [...changed];
    changed.clear();
    const start = performance.now();
    let result: SiteRebuild;
    try {
      const built = await build();
      current++;
      result = { ok: true, build: current, pages: built.pages, ms: elapsed(start), changed: batch };
      hub.send('reload', { build: current, ms: result.ms });
    } catch (error) {
      result = { ok: false, error, ms: elapsed(start), changed: batch };
      hub.send('failed', {
        code: error instanceof SpecforgeError ? error.code : null,
        message: error instanceof Error ? error.message : String(error),
      });
    }
    try {
      options.onRebuild?.(result);
    } catch {
      // A listener's failure is its own; the server goes on.
    }
  };

  const runRebuild = () => {
    timer = undefined;
    if (building) return;
    building = rebuild().finally(() => {
      building = undefined;
      // Changes made during the build are built next.
      if (changed.size > 0 && !closed) schedule();
    });
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(runRebuild, options.debounceMs ?? 50);
  };

  // Watched paths are real paths (a temp folder may sit behind a symbolic link, as on macOS).
  const realOut = await realpath(out);
  const cache = await realpath(resolve(options.cwd, options.cacheDir)).catch(() =>
    resolve(options.cwd, options.cacheDir),
  );
  const roots = await watchRoots(options, [realOut, cache]);
  const guides = await guidesRoot(options, roots, realOut, cache);
  if (guides) roots.push(guides);
  const watcher = watchTrees({
    roots,
    ignore: ignoredPaths(roots, realOut, cache, guides),
    onChange: (path) => {
      if (closed) return;
      changed.add(path);
      schedule();
    },
  });
  await watcher.ready;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher.close();
      hub.close();
      const stopped = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await stopped;
      await building;
      if (temp) await rm(temp, { recursive: true, force: true });
    })();
    return closing;
  };
  options.signal?.addEventListener('abort', () => void close(), { once: true });
  if (options.signal?.aborted) await close();

  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${address.port}${base}`,
    port: address.port,
    out,
    pages: first.pages,
    close,
  };
}

function elapsed(start: number): number {
  return Math.round(performance.now() - start);
}

function listen(
  server: ReturnType<typeof createServer>,
  port: number,
  host: string,
): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reasons: Record<string, string> = {
        EADDRINUSE: `port ${port} on ${host} is in use by another program`,
        EACCES: `this user may not listen on port ${port}`,
        EADDRNOTAVAIL: `${host} is not an address of this machine`,
        ENOTFOUND: `the host name ${host} is not known`,
      };
      const reason = error.code ? reasons[error.code] : undefined;
      reject(
        reason
          ? new SpecforgeError(
              'SPECFORGE_USAGE',
              { reason: `The docs site cannot be served: ${reason}.` },
              {
                hint: 'Choose another port (or 0 for any free one) or address; the site was built but is not served.',
                cause: error,
              },
            )
          : error,
      );
    });
    server.listen(port, host, () => resolvePromise());
  });
}

/**
 * The folders to watch: the project, and the folders of local packs outside it (a path source
 * such as `../org-templates`). Packs inside `node_modules` or the cache change only when they
 * are installed again, which a lock change shows.
 */
async function watchRoots(options: ServeSiteOptions, skip: string[]): Promise<string[]> {
  try {
    const registry = await openProjectRegistry({
      cwd: options.cwd,
      cacheDir: options.cacheDir,
      frozen: options.frozen,
    });
    const roots = [await realpath(registry.project.root)];
    for (const pack of registry.packs) {
      const dir = await realpath(pack.dir).catch(() => undefined);
      if (!dir || dir.split(sep).includes('node_modules')) continue;
      if ([...roots, ...skip].some((folder) => isInside(dir, folder))) continue;
      roots.push(dir);
    }
    return roots;
  } catch {
    // The first build resolved the same packs; should it fail now, watch where it was asked.
    return [await realpath(resolve(options.cwd))];
  }
}

/**
 * The guides folder as a root of its own, when the other roots do not cover it: a folder outside
 * the project (`--guides ../handbook`), or one a watched root ignores. `undefined` when there are
 * no guides, or they are watched already.
 */
async function guidesRoot(
  options: ServeSiteOptions,
  roots: string[],
  out: string,
  cache: string,
): Promise<string | undefined> {
  if (!options.guides) return undefined;
  const given = resolve(options.cwd, options.guides.dir);
  const dir = await realpath(given).catch(() => given);
  const watched =
    roots.some((folder) => isInside(dir, folder)) && !ignoredPaths(roots, out, cache)(dir);
  return watched ? undefined : dir;
}

/**
 * Paths whose changes never rebuild: the site folder, the staging folders {@link buildSite}
 * writes beside it, the cache of git sources, and anything in a `node_modules` or `.git` folder
 * below a watched root. In a guides folder watched on its own, only the files directly in it
 * count (guides are its `*.md` files; a sub-folder such as a generated `api/` is not watched).
 */
function ignoredPaths(
  roots: string[],
  out: string,
  cache: string,
  guides?: string,
): (path: string) => boolean {
  const staging = `.${basename(out)}-building-`;
  const others = roots.filter((folder) => folder !== guides);
  return (path) => {
    if (isInside(path, out) || isInside(path, cache)) return true;
    if (relative(dirname(out), path).startsWith(staging)) return true;
    if (guides && isInside(path, guides)) {
      // The folder and its files count; below that, only what another root watches.
      if (!relative(guides, path).includes(sep)) return false;
      if (!others.some((folder) => isInside(path, folder))) return true;
    }
    const root = others.find((folder) => isInside(path, folder));
    const below = root ? relative(root, path) : path;
    return below.split(sep).some((segment) => segment === 'node_modules' || segment === '.git');
  };
}

function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder + sep);
}
