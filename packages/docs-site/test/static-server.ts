import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** A static file server for a built site, mounted at `base`, on 127.0.0.1 and a free port. */
export interface StaticServer {
  /** `http://127.0.0.1:<port><base>` */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the folder `dir` under `base` like a plain static host: a folder URL serves its
 * `index.html`, and anything missing gets `404.html` with status 404.
 */
export async function serveStatic(dir: string, base = '/'): Promise<StaticServer> {
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    let file: string | undefined;
    if (path.startsWith(base)) {
      const candidate = normalize(join(dir, path.slice(base.length)));
      if (candidate === dir || candidate.startsWith(dir + sep)) {
        const info = await stat(candidate).catch(() => undefined);
        file = info?.isDirectory() ? join(candidate, 'index.html') : info ? candidate : undefined;
      }
    }
    const found = file ? await stat(file).catch(() => undefined) : undefined;
    const served = found?.isFile() ? file! : join(dir, '404.html');
    response.writeHead(found?.isFile() ? 200 : 404, {
      'content-type': types[extname(served)] ?? 'application/octet-stream',
    });
    createReadStream(served).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
