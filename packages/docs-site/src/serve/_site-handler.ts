import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import {
  EVENTS_PATH,
  type EventHub,
  injectReloadScript,
  LIVE_RELOAD_PREFIX,
  RELOAD_SCRIPT,
  RELOAD_SCRIPT_PATH,
} from './_live-reload.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

const textType = 'text/plain; charset=utf-8';

/** The content type a file is served with; Pagefind's index files are plain bytes. */
export function contentTypeOf(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Where a request path leads inside the site. */
export type SiteTarget =
  /** `segments` below the site folder (none: the site folder itself). */
  | { kind: 'path'; segments: string[]; folderUrl: boolean }
  /** The path is the base without its final slash: redirect to the base. */
  | { kind: 'base' }
  /** Outside the base, or a segment that could leave the site folder. */
  | { kind: 'not-found' }
  /** A percent-encoding that does not decode. */
  | { kind: 'bad-request' };

/**
 * Maps a URL path (as the URL parser leaves it: dot segments resolved, still percent-encoded) to
 * segments of a path inside the site. Each segment is decoded on its own, and one that decodes
 * to `.`, `..`, or holds a slash, a backslash or a NUL is refused, so no spelling of `..`
 * (`%2e%2e`, `..%2f`, `..%5c`, doubly encoded or not) reaches the file system as one.
 */
export function siteTargetOf(pathname: string, base: string): SiteTarget {
  if (`${pathname}/` === base) return { kind: 'base' };
  if (!pathname.startsWith(base)) return { kind: 'not-found' };
  const rest = pathname.slice(base.length);
  const segments: string[] = [];
  for (const raw of rest.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { kind: 'bad-request' };
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment))
      return { kind: 'not-found' };
    if (segment !== '') segments.push(segment);
  }
  return { kind: 'path', segments, folderUrl: rest === '' || rest.endsWith('/') };
}

/** What the request handler serves from. */
export interface SiteHandlerState {
  /** The site folder, absolute. */
  dir: string;
  /** The base path, normalised (`/`, `/docs/`). */
  base: string;
  /** The number of the build being served, for the live-reload script. */
  build: () => number;
  hub: EventHub;
}

/**
 * A request handler that serves the site like a plain static host (a folder's `index.html`,
 * `404.html` for anything missing), adds the live-reload script to HTML responses, and serves
 * the event stream. Only GET and HEAD are answered; nothing is cached.
 */
export function createSiteHandler(
  state: SiteHandlerState,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    handle(state, request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendText(response, 500, `The file could not be served: ${String(error)}\n`);
      else response.destroy();
    });
  };
}

async function handle(
  state: SiteHandlerState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    sendText(response, 405, 'Only GET and HEAD are served.\n');
    return;
  }
  let url: URL;
  try {
    url = new URL(request.url ?? '/', 'http://localhost');
  } catch {
    sendText(response, 400, 'Bad request.\n');
    return;
  }
  if (url.pathname === EVENTS_PATH) {
    state.hub.open(response, state.build());
    return;
  }
  if (url.pathname === RELOAD_SCRIPT_PATH) {
    send(request, response, 200, contentTypeOf(RELOAD_SCRIPT_PATH), RELOAD_SCRIPT);
    return;
  }
  const target = url.pathname.startsWith(LIVE_RELOAD_PREFIX)
    ? ({ kind: 'not-found' } as const)
    : siteTargetOf(url.pathname, state.base);
  if (target.kind === 'bad-request') {
    sendText(response, 400, 'Bad request: the path is not valid percent-encoding.\n');
    return;
  }
  if (target.kind === 'base') {
    redirect(response, state.base + url.search);
    return;
  }
  if (target.kind === 'path') {
    const path = join(state.dir, ...target.segments);
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory() && !target.folderUrl) {
      // Relative links in the folder's index.html resolve against the URL with its slash. The
      // location is rebuilt from the segments: a path such as `//host` never becomes one.
      const folder = target.segments.map(encodeURIComponent).join('/');
      redirect(response, `${state.base}${folder}/${url.search}`);
      return;
    }
    const file = info?.isDirectory() ? join(path, 'index.html') : path;
    const found = info?.isDirectory() ? await stat(file).catch(() => undefined) : info;
    if (found?.isFile()) {
      await serveFile(state, request, response, 200, file, found.size);
      return;
    }
  }
  const notFound = join(state.dir, '404.html');
  const info = await stat(notFound).catch(() => undefined);
  if (info?.isFile()) await serveFile(state, request, response, 404, notFound, info.size);
  else sendText(response, 404, 'Not found.\n');
}

async function serveFile(
  state: SiteHandlerState,
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  file: string,
  size: number,
): Promise<void> {
  const type = contentTypeOf(file);
  if (type.startsWith('text/html')) {
    const html = await readFile(file, 'utf8');
    send(request, response, status, type, injectReloadScript(html, state.build()));
    return;
  }
  response.writeHead(status, { ...headers(type), 'content-length': size });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

function send(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  type: string,
  body: string,
): void {
  response.writeHead(status, { ...headers(type), 'content-length': Buffer.byteLength(body) });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, headers(textType));
  response.end(text);
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(301, { ...headers(textType), location });
  response.end(`Moved to ${location}\n`);
}

function headers(type: string): Record<string, string> {
  // A development server: every response fresh, so a reload shows the latest build.
  return { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
}
