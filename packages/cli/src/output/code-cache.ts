import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join, sep } from 'node:path';
import vm from 'node:vm';

/** What the code cache did with the chunks this process loaded. */
export interface CodeCacheStats {
  /** Chunks compiled from their cached code. */
  hits: number;
  /** Chunks with no usable entry (none, damaged or for other code), compiled and saved. */
  misses: number;
  /** Chunks whose entry V8 refused (another V8 or other flags), compiled and saved again. */
  rejected: number;
}

/** Options of {@link enableCodeCache}. */
export interface CodeCacheOptions {
  /** The folder of the bundle's chunks (`.cjs` files); no other file is cached. */
  bundleDir: string;
  /** The folder entries go into, e.g. `<user cache>/specforge/v8-code-cache`. */
  cacheDir: string;
  /** Defaults to `process.env`; `NODE_DISABLE_COMPILE_CACHE` turns the cache off. */
  env?: NodeJS.ProcessEnv;
  /** Whether to save new entries when the process exits with this code; default: always. */
  saveOnExit?: (exitCode: number) => boolean;
}

type CompileMethod = (this: Module, content: string, filename: string) => unknown;

/**
 * Keeps what V8 compiles from the bundle's chunks between runs, as Node 22's
 * `module.enableCompileCache()` does for every module, for the Nodes that lack it (the bin turns
 * that one on where it exists, and this then does nothing). Most of a short command's time
 * otherwise goes to parsing and compiling the same JavaScript on every run.
 *
 * Each chunk is compiled with V8's code cache (`vm.Script` `cachedData`) from an entry named by
 * the chunk and a CRC-32 of its text, under a folder per Node version and architecture (a chunk
 * with an `import()` of an ES module is compiled by Node as usual). An entry
 * holds the CRC-32 of its data; damaged data is never handed to V8, and data V8 refuses (other
 * flags) is replaced. New entries are written when the process exits (if `saveOnExit` agrees),
 * atomically; nothing that goes wrong with the cache folder fails a command.
 *
 * @returns What the cache does for this process's chunks (it counts as they load), or
 *   `undefined` when it stays off: Node's own cache is there, `NODE_DISABLE_COMPILE_CACHE` is
 *   set, or this Node lacks what the cache needs.
 */
export function enableCodeCache(options: CodeCacheOptions): CodeCacheStats | undefined {
  const env = options.env ?? process.env;
  if ('enableCompileCache' in Module || env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  // Loaded here rather than imported: `specforge --version` loads this module but never calls it.
  const { crc32 } = process.getBuiltinModule('node:zlib');
  if (typeof crc32 !== 'function') return undefined;

  const folder = join(options.cacheDir, `${process.version}-${process.arch}`);
  const inBundle = options.bundleDir.endsWith(sep) ? options.bundleDir : options.bundleDir + sep;
  const stats: CodeCacheStats = { hits: 0, misses: 0, rejected: 0 };
  const unsaved: { script: vm.Script; file: string }[] = [];

  const prototype = Module.prototype as unknown as { _compile: CompileMethod };
  const compile = prototype._compile;
  prototype._compile = function compileWithCodeCache(content, filename) {
    // A script compiled here cannot run `import()` on Node 20 (not without a flag, or a warning
    // printed for every run), so a chunk that imports an ES module (the docs site) is left to
    // Node. The bundle keeps no comments, so the text occurs in such chunks only.
    if (
      !filename.startsWith(inBundle) ||
      !filename.endsWith('.cjs') ||
      content.includes('import(')
    ) {
      return compile.call(this, content, filename);
    }
    const file = join(
      folder,
      `${basename(filename, '.cjs')}-${crc32(content).toString(16).padStart(8, '0')}.bin`,
    );
    const cachedData = readEntry(file, crc32);
    // What Node's loader runs for a CommonJS file, compiled here so that the cache can be given.
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (cachedData === undefined) stats.misses++;
    else if (script.cachedDataRejected) stats.rejected++;
    else stats.hits++;
    if (cachedData === undefined || script.cachedDataRejected) unsaved.push({ script, file });
    const run = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return run.call(
      this.exports,
      this.exports,
      Module.createRequire(filename),
      this,
      filename,
      dirname(filename),
    );
  };

  // At exit the cached data also holds the functions the run compiled, not only the top level.
  process.once('exit', (exitCode) => {
    if (options.saveOnExit && !options.saveOnExit(exitCode)) return;
    for (const { script, file } of unsaved) writeEntry(file, script.createCachedData(), crc32);
  });
  return stats;
}

type Crc32 = (data: string | NodeJS.ArrayBufferView) => number;

/** The cached data of an entry, or `undefined` when there is none or it is damaged. */
function readEntry(file: string, crc32: Crc32): Buffer | undefined {
  let entry: Buffer;
  try {
    entry = readFileSync(file);
  } catch {
    return undefined;
  }
  if (entry.length <= 4) return undefined;
  const data = entry.subarray(4);
  return entry.readUInt32BE(0) === crc32(data) ? data : undefined;
}

/** Writes an entry (the data behind its CRC-32) to a temporary file and renames it into place. */
function writeEntry(file: string, data: Buffer, crc32: Crc32): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const header = Buffer.alloc(4);
    header.writeUInt32BE(crc32(data), 0);
    writeFileSync(temporary, Buffer.concat([header, data]));
    renameSync(temporary, file);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Left behind: a `.tmp` file is never read.
    }
  }
}
