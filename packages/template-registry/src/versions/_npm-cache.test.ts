import { homedir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { matchTarballKey, npmCacheDir, readPackageTarball } from './_npm-cache.js';
import {
  packTarball,
  rawTarball,
  requestCachePrefix,
  tarballKey,
} from './test-utils/npm-fixtures.js';

describe('npmCacheDir', () => {
  it('takes npm_config_cache in any case, with ~ for the home folder, else ~/.npm', () => {
    expect(npmCacheDir({ npm_config_cache: '/srv/npm-cache', HOME: '/home/a' })).toBe(
      '/srv/npm-cache',
    );
    expect(npmCacheDir({ NPM_CONFIG_CACHE: '~/caches/npm', HOME: '/home/a' })).toBe(
      '/home/a/caches/npm',
    );
    expect(npmCacheDir({ npm_config_cache: '', HOME: '/home/a' })).toBe(
      process.platform === 'win32' ? join('/home/a', 'npm-cache') : '/home/a/.npm',
    );
    expect(npmCacheDir({})).toBe(
      join(homedir(), process.platform === 'win32' ? 'npm-cache' : '.npm'),
    );
  });
});

describe('matchTarballKey', () => {
  it.each([
    [tarballKey('@acme/templates', '1.2.0'), '@acme/templates', '1.2.0'],
    [
      `${requestCachePrefix}https://mirror.invalid/npm/@acme%2ftemplates/-/templates-2.0.0-rc.1.tgz`,
      '@acme/templates',
      '2.0.0-rc.1',
    ],
    [tarballKey('templates', '0.3.0'), 'templates', '0.3.0'],
    // Another package whose name starts or ends the same way, the packument, another prefix.
    [tarballKey('@acme/templates-extra', '1.0.0'), '@acme/templates', undefined],
    [tarballKey('@other/templates', '1.0.0'), '@acme/templates', undefined],
    [tarballKey('@acme/templates', '1.0.0'), 'templates', undefined],
    [
      `${requestCachePrefix}https://packages.invalid/@acme%2ftemplates`,
      '@acme/templates',
      undefined,
    ],
    [
      `pacote:tarball:https://packages.invalid/@acme/templates/-/templates-1.0.0.tgz`,
      '@acme/templates',
      undefined,
    ],
    // Not a version: a dist-tag or a `v` prefix.
    [tarballKey('templates', 'latest'), 'templates', undefined],
    [tarballKey('templates', 'v1.0.0'), 'templates', undefined],
  ])('reads %s as %s → %s', (key, name, version) => {
    expect(matchTarballKey(key, name)?.version).toBe(version);
  });

  it('names the tarball by the package basename', () => {
    expect(matchTarballKey(tarballKey('@acme/templates', '1.2.0'), '@acme/templates')).toEqual({
      version: '1.2.0',
      tarball: 'templates-1.2.0.tgz',
    });
  });
});

describe('readPackageTarball', () => {
  it('reads the regular files under package/, skipping folders and entries elsewhere', async () => {
    const files = await readPackageTarball(
      await packTarball({ 'package.json': '{}', 'plan.md': '# Plan\n', 'nested/a.md': 'A' }),
    );
    expect([...files.keys()].sort()).toEqual(['nested/a.md', 'package.json', 'plan.md']);
    expect(files.get('nested/a.md')?.toString()).toBe('A');
    const other = await readPackageTarball(
      rawTarball([
        { path: 'package/', type: 'Directory' },
        { path: './package/package.json', body: '{}' },
        { path: 'elsewhere/x.md', body: 'x' },
        { path: 'package', body: 'a file named package' },
      ]),
    );
    expect([...other.keys()]).toEqual(['package.json']);
  });

  it.each([
    ['a path that climbs out', { path: 'package/../../evil', body: 'x' }],
    ['an absolute path', { path: '/tmp/specforge-evil', body: 'x' }],
    ['a backslash path', { path: 'package\\..\\..\\evil', body: 'x' }],
    [
      'a symbolic link',
      { path: 'package/link', type: 'SymbolicLink' as const, linkpath: '/etc/passwd' },
    ],
    ['a hard link', { path: 'package/hard', type: 'Link' as const, linkpath: 'package/a.md' }],
  ])('refuses the whole tarball for %s', async (_, entry) => {
    await expect(
      readPackageTarball(rawTarball([{ path: 'package/package.json', body: '{}' }, entry])),
    ).rejects.toThrow(/outside the package|a link/);
  });

  it('refuses what is not a tarball', async () => {
    await expect(readPackageTarball(gzipSync(Buffer.from('not a tarball')))).rejects.toThrow();
    await expect(readPackageTarball(Buffer.from('not even gzip'))).rejects.toThrow();
  });
});
