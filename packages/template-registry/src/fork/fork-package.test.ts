import { MemoryFileSystem } from '@specforge/core';
import { describe, expect, it } from 'vitest';
import { failure } from '../test-utils/temp-tree.js';
import { findChangesetsWorkspace, matchesWorkspaceGlobs, parseForkName } from './fork-package.js';

describe('parseForkName', () => {
  it.each([
    ['acme', { pack: 'acme', packageName: 'acme-templates', publishable: false }],
    ['@acme/templates', { pack: 'acme', packageName: '@acme/templates', publishable: true }],
    [
      '@acme/specforge-templates',
      { pack: 'acme', packageName: '@acme/specforge-templates', publishable: true },
    ],
    ['@acme/templates-web', { pack: 'web', packageName: '@acme/templates-web', publishable: true }],
    ['@acme-corp/plans', { pack: 'plans', packageName: '@acme-corp/plans', publishable: true }],
  ])('reads %j', (as, expected) => {
    expect(parseForkName(as)).toEqual(expected);
  });

  it.each([
    'Acme',
    '@Acme/templates',
    '@acme/templates/x',
    '@acme',
    'acme/templates',
    '../evil',
    '@acme/.x',
    '',
  ])('refuses %j as SPECFORGE_USAGE', async (as) => {
    expect((await failure(() => parseForkName(as))).code).toBe('SPECFORGE_USAGE');
  });

  it('refuses a package whose scope is no pack name', async () => {
    expect((await failure(() => parseForkName('@a_/templates'))).message).toMatchInlineSnapshot(
      `"no pack name can be made from the package name "@a_/templates"; name the package @<scope>/templates or @<scope>/templates-<pack>."`,
    );
  });
});

describe('matchesWorkspaceGlobs', () => {
  it.each([
    ['templates/acme', ['packages/*', 'templates/*'], true],
    ['templates/acme/nested', ['templates/*'], false],
    ['templates/acme/nested', ['templates/**'], true],
    ['libs/a/b/pkg', ['libs/**/pkg'], true],
    ['libs/pkg', ['libs/**/pkg'], true],
    ['templates/acme', ['./templates/*/'], true],
    ['templates/acme', ['templates/*', '!templates/acme'], false],
    ['packs/acme', ['packs/acme'], true],
    ['packs.x/acme', ['packs/*'], false],
    ['templates/acme', [], false],
  ])('matches %j against %j: %s', (path, globs, expected) => {
    expect(matchesWorkspaceGlobs(path, globs)).toBe(expected);
  });
});

describe('findChangesetsWorkspace', () => {
  it('finds the nearest .changeset/config.json above a folder that does not exist yet', async () => {
    const fs = new MemoryFileSystem({
      '/repo/.changeset/config.json': '{}',
      '/repo/pnpm-workspace.yaml': 'packages:\n  - packages/*\n  - templates/*\n',
    });
    expect(await findChangesetsWorkspace('/repo/templates/acme', fs)).toEqual({
      root: '/repo',
      workspacePackage: true,
    });
    expect(await findChangesetsWorkspace('/repo/packs/acme', fs)).toEqual({
      root: '/repo',
      workspacePackage: false,
    });
  });

  it("reads npm's workspaces from the root package.json when there is no pnpm-workspace.yaml", async () => {
    const fs = new MemoryFileSystem({
      '/repo/.changeset/config.json': '{}',
      '/repo/package.json': JSON.stringify({ workspaces: { packages: ['packs/*'] } }),
    });
    expect(await findChangesetsWorkspace('/repo/packs/acme', fs)).toEqual({
      root: '/repo',
      workspacePackage: true,
    });
  });

  it('returns undefined outside any changesets workspace, and never counts the root itself', async () => {
    const fs = new MemoryFileSystem({ '/repo/package.json': '{"workspaces":["*"]}' });
    expect(await findChangesetsWorkspace('/repo/acme', fs)).toBeUndefined();
    const root = new MemoryFileSystem({
      '/repo/.changeset/config.json': '{}',
      '/repo/package.json': '{"workspaces":["*"]}',
    });
    expect(await findChangesetsWorkspace('/repo', root)).toEqual({
      root: '/repo',
      workspacePackage: false,
    });
  });
});
