import { isSpecforgeError, SpecforgeError } from '@specforge/core';
import type { SiteRebuild } from '@specforge/docs-site';
import type { DocsServeFlags } from '../commands/docs.js';
import { resolveCacheDir } from '../output/cache-dir.js';
import { loadDocsSite } from '../output/load-docs-site.js';
import { ExitCode, printError } from '../output/report.js';
import { runAction } from '../output/run-action.js';

/**
 * The action of `specforge docs serve`: prints `serving <url> (live reload on)`, then
 * `rebuilt in N ms` per rebuild, and a failed rebuild as an error on stderr, until SIGINT or
 * SIGTERM stop it (exit 0).
 */
export async function runDocsServe(flags: DocsServeFlags): Promise<void> {
  await runAction(flags, async () => {
    const port = parsePort(flags.port);
    const { serveSite } = await loadDocsSite('docs serve');
    const stopping = new AbortController();
    const stop = () => stopping.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      const server = await serveSite({
        cwd: process.cwd(),
        port,
        host: flags.host,
        base: flags.base,
        out: flags.out,
        guides: flags.guides === undefined ? undefined : { dir: flags.guides },
        frozen: flags.frozen,
        cacheDir: resolveCacheDir(),
        ...(flags.cache === false ? { cache: false } : {}),
        signal: stopping.signal,
        onRebuild: (rebuild) => reportRebuild(rebuild, flags),
      });
      if (!stopping.signal.aborted)
        process.stdout.write(`serving ${server.url} (live reload on)\n`);
      await new Promise<void>((resolve) => {
        if (stopping.signal.aborted) resolve();
        else stopping.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      await server.close();
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return ExitCode.ok;
  });
}

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (port >= 0 && port <= 65_535) return port;
  throw new SpecforgeError(
    'SPECFORGE_USAGE',
    { reason: `${JSON.stringify(text)} is not a port number.` },
    { hint: 'Pass --port a number from 1 to 65535, or 0 to pick a free port.' },
  );
}

/** One line per rebuild on stdout; a failed one as an error on stderr, the server going on. */
function reportRebuild(rebuild: SiteRebuild, flags: DocsServeFlags): void {
  if (rebuild.ok) {
    process.stdout.write(`rebuilt in ${rebuild.ms} ms\n`);
    return;
  }
  const { error } = rebuild;
  if (isSpecforgeError(error)) {
    printError(error);
    if (flags.debug && error.cause)
      process.stderr.write(`${String((error.cause as Error).stack ?? error.cause)}\n`);
  } else {
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(
      flags.debug
        ? `internal error: ${stack}\n`
        : `internal error: ${error instanceof Error ? error.message : String(error)}\n` +
            'This is a bug in specforge. Please report it with the output of the same command run with --debug.\n',
    );
  }
  process.stderr.write('the rebuild failed; the last good site is still served\n');
}
