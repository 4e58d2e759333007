import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a {@link RenderEnvironment} keeps the templates it compiled, so that a later process
 * renders them without loading the Handlebars compiler or compiling again. The environment
 * decides the keys (a SHA-256 of the template text, the Handlebars version, the helpers and
 * specforge's compile options) and checks every entry it reads: an entry that is corrupt, or
 * written for anything else, is compiled again and replaced. A cache only stores and returns
 * text.
 *
 * Entries hold the JavaScript Handlebars generates from a template (Handlebars' own precompiled
 * form), which runs when a template renders: keep the cache where only the user can write, as
 * the user's cache folder is.
 */
export interface TemplateCompileCache {
  /** The entry saved under `key`, or `undefined` when there is none or it cannot be read. */
  read(key: string): string | undefined;
  /** Saves `entry` under `key`. Never throws: a cache that cannot be written is not used. */
  write(key: string, entry: string): void;
}

// Keys are SHA-256 hex digests; anything else is not a file name this cache makes.
const keyPattern = /^[0-9a-f]{64}$/;

/**
 * A {@link TemplateCompileCache} in a folder: one file per entry, `<key>.json`. An entry is
 * written to a temporary file and renamed into place, so that a reader (another specforge
 * running at the same time) sees a whole entry or none; the folder is created on the first
 * write. Nothing that goes wrong with the folder fails a render: the template is compiled as if
 * the cache were empty.
 *
 * @param dir - The folder, e.g. `<user cache>/specforge/compiled-templates`.
 *
 * @example
 * ```ts
 * const environment = createRenderEnvironment({
 *   compileCache: createTemplateCompileCache(join(homedir(), '.cache/specforge/compiled-templates')),
 * });
 * ```
 */
export function createTemplateCompileCache(dir: string): TemplateCompileCache {
  return {
    read(key) {
      if (!keyPattern.test(key)) return undefined;
      try {
        return readFileSync(join(dir, `${key}.json`), 'utf8');
      } catch {
        return undefined;
      }
    },
    write(key, entry) {
      if (!keyPattern.test(key)) return;
      const temporary = join(dir, `.${key}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(temporary, entry, { flag: 'wx' });
        renameSync(temporary, join(dir, `${key}.json`));
      } catch {
        try {
          rmSync(temporary, { force: true });
        } catch {
          // Left behind: a `.tmp` file is never read, and the next write uses another name.
        }
      }
    },
  };
}

/** A {@link TemplateCompileCache} that keeps new entries until {@link HeldCompileCache.save}. */
export interface HeldCompileCache extends TemplateCompileCache {
  /** Writes the entries held since the cache was made (or last saved) to the cache behind it. */
  save(): void;
}

/**
 * `cache`, with the entries written to it held in memory (and read from there) until `save()`:
 * a command or build saves what it compiled only once it has done its job, so that a run that
 * fails leaves the cache as it was.
 *
 * @example
 * ```ts
 * const compileCache = holdCompileCacheWrites(createTemplateCompileCache(dir));
 * const environment = createRenderEnvironment({ compileCache });
 * // … render; then, if the run succeeded:
 * compileCache.save();
 * ```
 */
export function holdCompileCacheWrites(cache: TemplateCompileCache): HeldCompileCache {
  const held = new Map<string, string>();
  return {
    read: (key) => held.get(key) ?? cache.read(key),
    write: (key, entry) => {
      held.set(key, entry);
    },
    save() {
      for (const [key, entry] of held) cache.write(key, entry);
      held.clear();
    },
  };
}
