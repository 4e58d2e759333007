import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isSpecforgeError } from '../errors/index.js';
import { compiledEntryKey, encodeCompiledEntry } from './_compiled-entry.js';
import {
  createTemplateCompileCache,
  holdCompileCacheWrites,
  type TemplateCompileCache,
} from './compile-cache.js';
import { createRenderEnvironment, type RenderEnvironmentOptions } from './environment.js';
import { makeTemplate } from './test-utils/template.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'specforge-compile-cache-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

const key = 'a'.repeat(64);

describe('createTemplateCompileCache', () => {
  it('returns nothing for a key never written', () => {
    expect(createTemplateCompileCache(join(dir, 'cache')).read(key)).toBeUndefined();
  });

  it('reads back what it wrote, creating the folder and leaving no temporary file', () => {
    const cache = createTemplateCompileCache(join(dir, 'cache'));
    cache.write(key, 'entry one');
    cache.write(key, 'entry two');
    expect(cache.read(key)).toBe('entry two');
    expect(readdirSync(join(dir, 'cache'))).toEqual([`${key}.json`]);
  });

  it('ignores keys that are not SHA-256 digests', () => {
    const cache = createTemplateCompileCache(join(dir, 'cache'));
    cache.write('../escape', 'entry');
    writeFileSync(join(dir, 'escape.json'), 'outside');
    expect(cache.read('../escape')).toBeUndefined();
    expect(readdirSync(dir)).toEqual(['escape.json']);
  });

  it('writes nothing and throws nothing when the folder cannot be made', () => {
    writeFileSync(join(dir, 'file'), '');
    const cache = createTemplateCompileCache(join(dir, 'file', 'cache'));
    expect(() => cache.write(key, 'entry')).not.toThrow();
    expect(cache.read(key)).toBeUndefined();
  });
});

/** A cache in memory that counts what it is asked. */
function memoryCache(): TemplateCompileCache & {
  entries: Map<string, string>;
  reads: number;
  writes: number;
} {
  const entries = new Map<string, string>();
  const cache = {
    entries,
    reads: 0,
    writes: 0,
    read(name: string) {
      cache.reads++;
      return entries.get(name);
    },
    write(name: string, entry: string) {
      cache.writes++;
      entries.set(name, entry);
    },
  };
  return cache;
}

const body = [
  '# {{title}}',
  '{{#*inline "row"}}| {{name}} | {{upper kind}} |{{/inline}}',
  '{{#each items}}',
  '{{> row}}',
  '{{else}}',
  'none',
  '{{/each}}',
  '{{#if (eq items.length 2)}}two{{/if}} {{join tags ", "}} {{@root.title}}',
  '',
].join('\n');
const inputs = {
  title: 'Plan',
  items: [
    { name: 'a', kind: 'x' },
    { name: 'b', kind: 'y' },
  ],
  tags: ['p', 'q'],
};

function renderWith(cache: TemplateCompileCache, options: RenderEnvironmentOptions = {}): string {
  return createRenderEnvironment({ ...options, compileCache: cache }).render(
    makeTemplate(body),
    inputs,
  );
}

describe('createRenderEnvironment with a compile cache', () => {
  it('compiles once and renders from the cache in later environments, without the compiler', () => {
    const expected = createRenderEnvironment().render(makeTemplate(body), inputs);
    const cache = memoryCache();
    expect(renderWith(cache)).toBe(expected);
    expect({ reads: cache.reads, writes: cache.writes }).toEqual({ reads: 1, writes: 1 });

    const parse = vi.spyOn(Handlebars, 'parse');
    expect(renderWith(cache)).toBe(expected);
    expect({ reads: cache.reads, writes: cache.writes }).toEqual({ reads: 2, writes: 1 });
    expect(parse).not.toHaveBeenCalled();
  });

  it('keeps entries in a folder between environments', () => {
    const folder = join(dir, 'compiled');
    const expected = renderWith(createTemplateCompileCache(folder));
    const [file] = readdirSync(folder);
    expect(file).toMatch(/^[0-9a-f]{64}\.json$/);
    const parse = vi.spyOn(Handlebars, 'parse');
    expect(renderWith(createTemplateCompileCache(folder))).toBe(expected);
    expect(parse).not.toHaveBeenCalled();
  });

  it.each([
    ['not JSON', () => 'garbage'],
    ['truncated', (entry: string) => entry.slice(0, entry.length / 2)],
    ['changed after it was written', (entry: string) => entry.replace('| ', '|  ')],
    [
      'written for another body',
      (entry: string) => entry.replace(/"key":"[0-9a-f]+"/, `"key":"${'b'.repeat(64)}"`),
    ],
    [
      'code that is not a template spec, with a matching checksum',
      (_entry: string, name: string) =>
        encodeCompiledEntry(name, { code: '42', partialCalls: new Map() }),
    ],
    [
      'code that throws, with a matching checksum',
      (_entry: string, name: string) =>
        encodeCompiledEntry(name, { code: '(() => { throw 1; })()', partialCalls: new Map() }),
    ],
  ])('compiles again and replaces an entry that is %s', (_what, damage) => {
    const cache = memoryCache();
    const expected = renderWith(cache);
    const [name, entry] = [...cache.entries][0]!;
    cache.entries.set(name, damage(entry, name));
    expect(renderWith(cache)).toBe(expected);
    expect(cache.writes).toBe(2);
    expect(cache.entries.get(name)).toBe(entry);
  });

  it('keys entries by the body, the Handlebars version, the code generation and the options', () => {
    const inputs = {
      handlebars: '4.7.10',
      compilerRevision: 8,
      codegen: 'strict lookups',
      options: { strict: true },
      body: '{{a}}',
    };
    const base = compiledEntryKey(inputs);
    expect(compiledEntryKey({ ...inputs })).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    for (const change of [
      { handlebars: '4.7.11' },
      { compilerRevision: 9 },
      { codegen: 'strict lookups, revised' },
      { options: { strict: false } },
      { body: '{{b}}' },
    ]) {
      expect(compiledEntryKey({ ...inputs, ...change })).not.toBe(base);
    }
  });

  it('uses other entries in an environment with other helpers', () => {
    const cache = memoryCache();
    renderWith(cache);
    renderWith(cache, { helpers: { shout: (text) => `${String(text)}!` } });
    expect(cache.entries.size).toBe(2);
  });

  it('caches no template that fails to compile, and reports it every time', () => {
    const cache = memoryCache();
    const environment = () => createRenderEnvironment({ compileCache: cache });
    for (const attempt of [1, 2]) {
      try {
        environment().compile(makeTemplate('{{#each items}}'));
        expect.unreachable();
      } catch (error) {
        expect(isSpecforgeError(error, 'SPECFORGE_TEMPLATE_SYNTAX')).toBe(true);
      }
      expect({ attempt, writes: cache.writes }).toEqual({ attempt, writes: 0 });
    }
  });

  it('locates a missing partial from a cached entry', () => {
    const cache = memoryCache();
    const missing = () => {
      try {
        createRenderEnvironment({ compileCache: cache }).render(
          makeTemplate('text\n  {{> nowhere}}\n'),
          {},
        );
      } catch (error) {
        if (isSpecforgeError(error)) return { code: error.code, location: error.location };
      }
      throw new Error('expected a coded error');
    };
    const first = missing();
    expect(first).toEqual({
      code: 'SPECFORGE_TEMPLATE_RENDER_FAILED',
      location: { file: 'templates/test.md', line: 8, column: 3 },
    });
    expect(missing()).toEqual(first);
    expect(cache.writes).toBe(1);
  });

  it.each([
    ['{{constructor.constructor}}'],
    ['{{__proto__}}'],
    ['{{lookup this "constructor"}}'],
    ['{{#with "s" as |string|}}{{string.sub.constructor}}{{/with}}'],
    ['{{#each (lookup this "__proto__")}}{{@key}}{{/each}}'],
    ['{{toString}}{{hasOwnProperty}}{{valueOf}}'],
  ])('keeps prototype access denied, silently, when %j renders from the cache', (source) => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(() => {}),
    );
    const cache = memoryCache();
    const run = () =>
      createRenderEnvironment({ compileCache: cache }).render(makeTemplate(source), {});
    expect(run()).toBe('');
    expect(run()).toBe('');
    expect({ reads: cache.reads, writes: cache.writes }).toEqual({ reads: 2, writes: 1 });
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps every segment of a path strict when rendering from the cache', () => {
    const cache = memoryCache();
    const run = () => {
      try {
        createRenderEnvironment({ compileCache: cache }).render(
          makeTemplate('{{#if spec.titel}}x{{/if}}'),
          { spec: { title: 'T' } },
        );
      } catch (error) {
        if (isSpecforgeError(error)) return { code: error.code, location: error.location };
      }
      throw new Error('expected a coded error');
    };
    const first = run();
    expect(first).toEqual({
      code: 'SPECFORGE_TEMPLATE_INPUT_MISSING',
      location: { file: 'templates/test.md', line: 7, column: 7 },
    });
    expect(run()).toEqual(first);
    expect(cache.writes).toBe(1);
  });
});

describe('the compile cache folder', () => {
  it('holds one JSON entry per template with its code and a checksum', () => {
    const folder = join(dir, 'compiled');
    renderWith(createTemplateCompileCache(folder));
    const [file] = readdirSync(folder);
    const entry = JSON.parse(readFileSync(join(folder, file!), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(entry)).toEqual(['format', 'key', 'code', 'partialCalls', 'sha256']);
    expect(entry.key).toBe(file!.replace(/\.json$/, ''));
  });
});

describe('holdCompileCacheWrites', () => {
  it('holds written entries in memory, reads them from there, and writes them on save only', () => {
    const stored = new Map<string, string>([['a', 'stored a']]);
    const written: string[] = [];
    const behind: TemplateCompileCache = {
      read: (key) => stored.get(key),
      write: (key, entry) => {
        written.push(key);
        stored.set(key, entry);
      },
    };
    const held = holdCompileCacheWrites(behind);
    held.write('b', 'entry b');
    expect(held.read('a')).toBe('stored a');
    expect(held.read('b')).toBe('entry b');
    expect(written).toEqual([]);
    held.save();
    expect(written).toEqual(['b']);
    expect(stored.get('b')).toBe('entry b');
    // Saved entries are not written again.
    held.save();
    expect(written).toEqual(['b']);
  });
});
