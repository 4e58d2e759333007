import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where specforge caches git sources: `SPECFORGE_CACHE_DIR`, else `$XDG_CACHE_HOME/specforge`,
 * else `~/.cache/specforge`.
 */
export function resolveCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SPECFORGE_CACHE_DIR) return env.SPECFORGE_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'specforge');
}
