import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFields, runAttw, runPublint } from './check-packages.mjs';

const run = promisify(execFile);
let dir;

/** Packs a package made of `files` with npm (offline: nothing to fetch) and returns the tarball. */
async function pack(name, files) {
  const folder = join(dir, name);
  await mkdir(folder, { recursive: true });
  for (const [file, content] of Object.entries(files)) await writeFile(join(folder, file), content);
  const { stdout } = await run('npm', ['pack', '--json', '--offline', '--pack-destination', dir], {
    cwd: folder,
  });
  return join(dir, JSON.parse(stdout)[0].filename);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'specforge-check-packages-test-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('scripts/check-packages.mjs', () => {
  it('passes a package with every field, types first and ESM-only resolution', async () => {
    const manifest = {
      name: 'good-pkg',
      version: '1.0.0',
      description: 'A package as this project publishes them.',
      keywords: ['specforge'],
      license: 'MIT',
      repository: {
        type: 'git',
        url: 'git+https://github.com/specforge/specforge.git',
        directory: 'packages/good',
      },
      type: 'module',
      sideEffects: false,
      engines: { node: '>=20.19' },
      exports: {
        '.': { types: './index.d.ts', default: './index.js' },
        './package.json': './package.json',
      },
      files: ['index.js', 'index.d.ts', 'CHANGELOG.md'],
      publishConfig: { access: 'public' },
    };
    const tarball = await pack('good', {
      'package.json': JSON.stringify(manifest),
      'index.js': 'export const answer = 42;\n',
      'index.d.ts': 'export declare const answer: number;\n',
    });
    const lint = await runPublint(tarball);
    const attw = await runAttw(tarball);
    expect(lint.problems).toEqual([]);
    expect(attw).toEqual({ applies: true, problems: [] });
    expect(checkFields(lint.pkg, { path: 'packages/good' }, attw.applies)).toEqual([]);
  });

  it('lists what publint, attw and the field checks find in a broken package', async () => {
    const tarball = await pack('broken', {
      'package.json': JSON.stringify({
        name: 'broken-pkg',
        version: '1.0.0',
        exports: { '.': { default: './index.js', types: './index.d.ts' } },
        dependencies: { other: 'workspace:^' },
      }),
      'index.js': 'export const answer = 42;\n',
      'index.d.ts': 'export declare const answer: number;\n',
    });
    const lint = await runPublint(tarball);
    expect(lint.problems.map((problem) => problem.split(':')[0])).toEqual([
      'publint suggestion USE_TYPE',
      'publint error EXPORTS_TYPES_SHOULD_BE_FIRST',
      'publint error EXPORTS_DEFAULT_SHOULD_BE_LAST',
      'publint error FILE_INVALID_FORMAT',
    ]);
    const attw = await runAttw(tarball);
    expect(attw.applies).toBe(true);
    expect(attw.problems.map((problem) => problem.split(' ')[1])).toContain(
      'UnexpectedModuleSyntax',
    );
    expect(checkFields(lint.pkg, { path: 'packages/broken' }, attw.applies)).toMatchInlineSnapshot(`
      [
        "package.json: "description" is missing",
        "package.json: "keywords" is missing",
        "package.json: "license" is missing",
        "package.json: "repository" must be { "type": "git", "url": "git+https://github.com/specforge/specforge.git", "directory": "packages/broken" }",
        "package.json: "engines.node" must be ">=20.19"",
        "package.json: "files" must list what is published",
        "package.json: "files" must include CHANGELOG.md",
        "package.json: "publishConfig.access" must be "public"",
        "package.json: "exports" must expose "./package.json"",
        "package.json: "exports" of "." must list "types" first",
        "package.json: "exports" of "." must list "default" last",
        "package.json: "type" must be "module" (the packages are ESM only)",
        "package.json: dependencies.other is still "workspace:^" in the tarball",
      ]
    `);
  });

  it('finds attw not applicable to a data package without types or JavaScript', async () => {
    const tarball = await pack('data', {
      'package.json': JSON.stringify({
        name: 'data-pkg',
        version: '1.0.0',
        exports: { './package.json': './package.json' },
        files: ['plan.md'],
      }),
      'plan.md': '# Plan\n',
    });
    expect(await runAttw(tarball)).toEqual({ applies: false, problems: [] });
  });
});
