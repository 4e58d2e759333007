import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// The cache replaces a method of Node's module loader for the rest of the process, so each run
// is a child process that loads the built module (dist/, as the bin runs it) and a tiny bundle.
const built = new URL('../../dist/output/code-cache.js', import.meta.url).href;

let root: string;
let bundle: string;
let cache: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'specforge-code-cache-'));
  bundle = join(root, 'bundle');
  cache = join(root, 'cache');
  mkdirSync(bundle);
  writeFileSync(
    join(bundle, 'entry.cjs'),
    [
      "'use strict';",
      "const { double } = require('./math-Ab12Cd34.cjs');",
      // Loaded on demand, as the bundle loads a command's chunk.
      "const docs = () => Promise.resolve().then(() => require('./docs-Ef56Gh78.cjs'));",
      "exports.value = async () => [double(21), await (await docs()).separator()].join(' ');",
      '',
    ].join('\n'),
  );
  writeFileSync(join(bundle, 'math-Ab12Cd34.cjs'), 'exports.double = (n) => n * 2;\n');
  // A chunk that imports an ES module, as the one that loads the docs site: left to Node.
  writeFileSync(
    join(bundle, 'docs-Ef56Gh78.cjs'),
    "exports.separator = async () => (await import('node:path')).sep;\n",
  );
  writeFileSync(join(root, 'outside.cjs'), 'exports.outside = true;\n');
  writeFileSync(
    join(root, 'driver.mjs'),
    [
      "import { createRequire } from 'node:module';",
      `import { enableCodeCache } from ${JSON.stringify(built)};`,
      'const [bundle, cache] = process.argv.slice(2);',
      'const stats = enableCodeCache({ bundleDir: bundle, cacheDir: cache, saveOnExit: (code) => code !== 2 });',
      'process.exitCode = Number(process.env.EXIT_CODE ?? 0);',
      'const require = createRequire(import.meta.url);',
      "require('./outside.cjs');",
      "const value = await require(bundle + '/entry.cjs').value();",
      'console.log(JSON.stringify({ stats, value }));',
      '',
    ].join('\n'),
  );
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function runDriver(env: NodeJS.ProcessEnv = {}): { stats: unknown; value: string } {
  const result = spawnSync(process.execPath, [join(root, 'driver.mjs'), bundle, cache], {
    encoding: 'utf8',
    env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: undefined, ...env },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(Number(env.EXIT_CODE ?? 0));
  return JSON.parse(result.stdout) as { stats: unknown; value: string };
}

/** The cache entries, by file name. */
function entries(): string[] {
  const [folder] = readdirSync(cache);
  expect(folder).toBe(`${process.version}-${process.arch}`);
  return readdirSync(join(cache, folder!)).sort();
}

function entryPath(name: string): string {
  return join(cache, `${process.version}-${process.arch}`, name);
}

describe('enableCodeCache', () => {
  it('saves the compiled code of the bundle chunks, and compiles from it on the next run', () => {
    expect(runDriver()).toEqual({ stats: { hits: 0, misses: 2, rejected: 0 }, value: '42 /' });
    expect(entries()).toEqual([
      expect.stringMatching(/^entry-[0-9a-f]{8}\.bin$/),
      expect.stringMatching(/^math-Ab12Cd34-[0-9a-f]{8}\.bin$/),
    ]);
    expect(runDriver()).toEqual({ stats: { hits: 2, misses: 0, rejected: 0 }, value: '42 /' });
  });

  it('gives a chunk whose code changed an entry of its own', () => {
    runDriver();
    writeFileSync(join(bundle, 'math-Ab12Cd34.cjs'), 'exports.double = (n) => n + n;\n');
    expect(runDriver()).toEqual({ stats: { hits: 1, misses: 1, rejected: 0 }, value: '42 /' });
    expect(entries().filter((name) => name.startsWith('math-'))).toHaveLength(2);
  });

  it.each([
    [
      'a damaged',
      (entry: Buffer) =>
        Buffer.concat([entry.subarray(0, 40), Buffer.from([entry[40]! ^ 1]), entry.subarray(41)]),
    ],
    ['a truncated', (entry: Buffer) => entry.subarray(0, entry.length >> 1)],
    ['an empty', () => Buffer.alloc(0)],
  ])('never hands %s entry to V8, and replaces it', (_what, damage) => {
    runDriver();
    const [name] = entries().filter((file) => file.startsWith('entry-'));
    const saved = readFileSync(entryPath(name!));
    writeFileSync(entryPath(name!), damage(saved));
    expect(runDriver()).toEqual({ stats: { hits: 1, misses: 1, rejected: 0 }, value: '42 /' });
    expect(runDriver()).toEqual({ stats: { hits: 2, misses: 0, rejected: 0 }, value: '42 /' });
  });

  it('replaces an entry that V8 refuses (written by another V8 or with other flags)', () => {
    runDriver();
    const [name] = entries().filter((file) => file.startsWith('entry-'));
    // Data with a right checksum that V8 does not accept as its own.
    const data = Buffer.from('not V8 code cache data at all');
    const header = Buffer.alloc(4);
    const { crc32 } = process.getBuiltinModule('node:zlib');
    header.writeUInt32BE(crc32(data), 0);
    writeFileSync(entryPath(name!), Buffer.concat([header, data]));
    expect(runDriver()).toEqual({ stats: { hits: 1, misses: 0, rejected: 1 }, value: '42 /' });
    expect(runDriver()).toEqual({ stats: { hits: 2, misses: 0, rejected: 0 }, value: '42 /' });
  });

  it('saves nothing when the process exits with a code saveOnExit refuses', () => {
    expect(runDriver({ EXIT_CODE: '2' })).toEqual({
      stats: { hits: 0, misses: 2, rejected: 0 },
      value: '42 /',
    });
    expect(existsSync(cache)).toBe(false);
  });

  it('stays off with NODE_DISABLE_COMPILE_CACHE', () => {
    expect(runDriver({ NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual({ value: '42 /' });
    expect(existsSync(cache)).toBe(false);
  });

  it('runs the chunks as usual when the cache folder cannot be written', () => {
    writeFileSync(cache, 'a file where the folder should be');
    expect(runDriver()).toEqual({ stats: { hits: 0, misses: 2, rejected: 0 }, value: '42 /' });
    expect(runDriver()).toEqual({ stats: { hits: 0, misses: 2, rejected: 0 }, value: '42 /' });
  });
});
