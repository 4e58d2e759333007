import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveCacheDir } from './output/cache-dir.js';
import { cliVersion } from './output/cli-version.js';
import { ignoreClosedPipes } from './output/closed-pipe.js';
import { enableCodeCache } from './output/code-cache.js';
import { commandCompleted } from './output/exit-status.js';

/**
 * The entry of the bundled bin (rolldown.config.ts; bin/specforge.js runs it): answers
 * `--version` alone, and otherwise turns on the code cache of the bundle's chunks and runs the
 * CLI (`main`), whose program and commands load as chunks.
 */
export async function run(argv: string[]): Promise<void> {
  // `specforge --version` alone prints what commander would, without loading it: nothing else
  // is needed to answer.
  const args = argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
    process.stdout.write(`${cliVersion()}\n`);
    return;
  }
  ignoreClosedPipes();
  enableCodeCache({
    bundleDir: dirname(fileURLToPath(import.meta.url)),
    cacheDir: join(resolveCacheDir(), 'v8-code-cache'),
    saveOnExit: commandCompleted,
  });
  const { main } = await import('./main.js');
  await main(argv);
}
