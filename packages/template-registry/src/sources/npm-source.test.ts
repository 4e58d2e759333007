import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failure, manifest, removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { resolveSource } from './resolve-source.js';
import { parseSourceSpec } from './source-spec.js';

afterEach(removeTempTrees);

const acme = (version: string, extra: Record<string, unknown> = {}) => ({
  'node_modules/@acme/templates/package.json': manifest({
    name: '@acme/templates',
    version,
    ...extra,
  }),
});

async function resolveIn(root: string, spec: string, projectRoot = root) {
  return resolveSource(parseSourceSpec(spec), { projectRoot, cacheDir: join(root, '.cache') });
}

describe('resolveSource (npm)', () => {
  it('finds the installed package when its version satisfies the range', async () => {
    const root = await writeTempTree(acme('2.1.3'));
    expect(await resolveIn(root, '@acme/templates@^2.1.0')).toEqual({
      kind: 'npm',
      dir: join(await realpath(root), 'node_modules/@acme/templates'),
      version: '2.1.3',
      source: 'npm:@acme/templates@2.1.3',
    });
  });

  it('accepts any version when the spec has no range', async () => {
    const root = await writeTempTree(acme('0.0.1'));
    expect((await resolveIn(root, '@acme/templates')).source).toBe('npm:@acme/templates@0.0.1');
  });

  it('reads back its canonical source when the lock is resolved again', async () => {
    const root = await writeTempTree(acme('2.1.3'));
    const first = await resolveIn(root, '@acme/templates@^2');
    expect(await resolveIn(root, first.source)).toEqual(first);
  });

  it('reports both versions and the range when the version is outside the range', async () => {
    const root = await writeTempTree(acme('2.1.3'));
    expect(
      await failure(() => resolveIn(root, '@acme/templates@^1.0.0'), root),
    ).toMatchInlineSnapshot(`
      {
        "at": undefined,
        "code": "SPECFORGE_SOURCE_VERSION_MISMATCH",
        "hint": "Install a version inside the range (\`npm install --save-dev @acme/templates@^1.0.0\`), or change the range.",
        "message": "The pack source @acme/templates@^1.0.0 resolved to version 2.1.3, which does not satisfy the range ^1.0.0.",
      }
    `);
  });

  it('quotes the range in the install hint when a shell would misread it', async () => {
    const root = await writeTempTree(acme('2.1.3'));
    const { hint } = await failure(() => resolveIn(root, '@acme/templates@>=1 <2'), root);
    expect(hint).toBe(
      "Install a version inside the range (`npm install --save-dev '@acme/templates@>=1 <2'`), or change the range.",
    );
  });

  it('matches a prerelease only when the range names a prerelease of that version', async () => {
    const root = await writeTempTree(acme('2.0.0-beta.1'));
    expect((await failure(() => resolveIn(root, '@acme/templates@^2.0.0'), root)).code).toBe(
      'SPECFORGE_SOURCE_VERSION_MISMATCH',
    );
    expect((await resolveIn(root, '@acme/templates@^2.0.0-beta.0')).version).toBe('2.0.0-beta.1');
  });

  it('says how to install the package when it is missing', async () => {
    const root = await writeTempTree({ 'package.json': manifest({ name: 'project' }) });
    expect(
      await failure(() => resolveIn(root, '@acme/templates@^1.0.0'), root),
    ).toMatchInlineSnapshot(`
      {
        "at": undefined,
        "code": "SPECFORGE_SOURCE_NOT_FOUND",
        "hint": "Install it in the project, e.g. \`npm install --save-dev @acme/templates@^1.0.0\` or \`pnpm add -D @acme/templates@^1.0.0\`.",
        "message": "The pack source @acme/templates@^1.0.0 cannot be found: the npm package @acme/templates is not installed (looked for it from <root> as Node would).",
      }
    `);
  });

  it('finds the package in a parent folder when the project sits inside a workspace', async () => {
    const root = await writeTempTree({
      ...acme('1.4.0'),
      'apps/web/package.json': manifest({ name: 'web' }),
    });
    const resolved = await resolveIn(root, '@acme/templates@^1.0.0', join(root, 'apps/web'));
    expect(resolved.dir).toBe(join(await realpath(root), 'node_modules/@acme/templates'));
  });

  it('finds the package when its exports do not expose package.json', async () => {
    const root = await writeTempTree({
      ...acme('1.0.0', { exports: { '.': './index.js' } }),
      'node_modules/@acme/templates/index.js': 'export {};\n',
    });
    const resolved = await resolveIn(root, '@acme/templates@1');
    expect({ dir: resolved.dir, version: resolved.version }).toEqual({
      dir: join(root, 'node_modules/@acme/templates'),
      version: '1.0.0',
    });
  });

  it('reports the manifest when the package has no semver version', async () => {
    const root = await writeTempTree(acme('v1.0.0'));
    expect(
      await failure(() => resolveIn(root, '@acme/templates'), await realpath(root)),
    ).toMatchObject({
      code: 'SPECFORGE_PACK_MANIFEST_INVALID',
      at: '<root>/node_modules/@acme/templates/package.json',
    });
  });

  it('refuses a hand-built spec whose name would leave node_modules', async () => {
    const root = await writeTempTree(acme('1.0.0'));
    const spec = { kind: 'npm' as const, name: '../../etc', raw: '../../etc' };
    const error = await failure(() => resolveSource(spec, { projectRoot: root, cacheDir: root }));
    expect(error.code).toBe('SPECFORGE_SOURCE_INVALID');
  });
});
