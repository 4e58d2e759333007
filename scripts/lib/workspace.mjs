// What the release scripts share: the workspace's published packages, and packing them as
// `pnpm publish` would (workspace: ranges replaced by the versions they point at).
import { execFile } from 'node:child_process';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root (the folder above scripts/). */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/[/\\]$/, '');

/**
 * @typedef {object} WorkspacePackage
 * @property {string} name     the npm package name
 * @property {string} version  its version in package.json
 * @property {string} dir      its folder (absolute)
 * @property {string} path     its folder relative to the repository root, with `/`
 */

/**
 * Every package of the pnpm workspace that is published: not `private`. The list comes from pnpm
 * itself (`pnpm ls -r`), so it follows pnpm-workspace.yaml; it needs no network.
 *
 * @returns {Promise<WorkspacePackage[]>} sorted by folder
 */
export async function listPublishedPackages() {
  const { stdout } = await run('pnpm', ['ls', '--recursive', '--depth', '-1', '--json'], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  /** @type {{ name?: string, version?: string, path: string, private?: boolean }[]} */
  const all = JSON.parse(stdout);
  return all
    .filter((pkg) => pkg.private !== true && pkg.name && pkg.version)
    .map((pkg) => ({
      name: /** @type {string} */ (pkg.name),
      version: /** @type {string} */ (pkg.version),
      dir: pkg.path,
      path: relative(repoRoot, pkg.path).split(sep).join('/'),
    }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Packs each package with `pnpm pack` into `destination`, as `pnpm publish` packs it.
 *
 * @param {WorkspacePackage[]} packages
 * @param {string} destination an existing folder
 * @returns {Promise<Map<string, string>>} package name → tarball path
 */
export async function packPackages(packages, destination) {
  const tarballs = new Map();
  await Promise.all(
    packages.map(async (pkg) => {
      const { stdout } = await run('pnpm', ['pack', '--pack-destination', destination, '--json'], {
        cwd: pkg.dir,
        maxBuffer: 16 * 1024 * 1024,
      });
      tarballs.set(pkg.name, JSON.parse(stdout).filename);
    }),
  );
  return tarballs;
}
