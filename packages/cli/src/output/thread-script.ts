import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The bundle's copy of the registry's thread script, beside the chunks (rolldown.config.ts);
 * `undefined` when run unbundled, where the registry uses its own.
 */
export function bundledThreadScript(): string | undefined {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'thread.cjs');
  return existsSync(script) ? script : undefined;
}
