import type { DocsBuildFlags } from '../commands/docs.js';
import { resolveCacheDir } from '../output/cache-dir.js';
import { resolveNow } from '../output/clock.js';
import { displayPath } from '../output/display-path.js';
import { loadDocsSite } from '../output/load-docs-site.js';
import { ExitCode, printJson } from '../output/report.js';
import { runAction } from '../output/run-action.js';

/** The action of `specforge docs build`: `built N pages in site/`, or `{ out, base, pages }`. */
export async function runDocsBuild(flags: DocsBuildFlags): Promise<void> {
  await runAction(flags, async () => {
    const { buildSite, normalizeBase } = await loadDocsSite('docs build');
    const cwd = process.cwd();
    const base = normalizeBase(flags.base);
    const { pages, out } = await buildSite({
      cwd,
      out: flags.out,
      base,
      guides: flags.guides === undefined ? undefined : { dir: flags.guides },
      frozen: flags.frozen,
      cacheDir: resolveCacheDir(),
      ...(flags.cache === false ? { cache: false } : {}),
      now: resolveNow(),
    });
    const shown = displayPath(out, cwd);
    if (flags.json) printJson({ out: shown, base, pages });
    else
      process.stdout.write(
        `built ${pages} pages in ${shown.endsWith('/') ? shown : `${shown}/`}\n`,
      );
    return ExitCode.ok;
  });
}
