import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { SpecforgeError } from '@specforge/core';
import { checkVersionRange, readPackVersion } from './_pack-version.js';
import type { ResolvedSource, ResolveSourceOptions } from './resolve-source.js';
import type { NpmSourceSpec } from './source-spec.js';

/** Finds an installed npm package from the project root, as Node would, and checks its range. */
export async function resolveNpmSource(
  spec: NpmSourceSpec,
  options: ResolveSourceOptions,
): Promise<ResolvedSource> {
  const root = resolve(options.projectRoot);
  const dir = await findPackageDir(spec.name, root);
  if (dir === undefined) {
    const install = installArgument(spec.name, spec.range);
    throw new SpecforgeError(
      'SPECFORGE_SOURCE_NOT_FOUND',
      {
        source: spec.raw,
        reason: `the npm package ${spec.name} is not installed (looked for it from ${root} as Node would).`,
      },
      {
        hint: `Install it in the project, e.g. \`npm install --save-dev ${install}\` or \`pnpm add -D ${install}\`.`,
      },
    );
  }
  const version = await readPackVersion(dir, spec);
  checkVersionRange(
    spec,
    version,
    `Install a version inside the range (\`npm install --save-dev ${installArgument(spec.name, spec.range)}\`), or change the range.`,
  );
  return { kind: 'npm', dir, version, source: `npm:${spec.name}@${version}` };
}

async function findPackageDir(name: string, root: string): Promise<string | undefined> {
  // The project's package.json need not exist: createRequire only uses its folder.
  const require = createRequire(join(root, 'package.json'));
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    // A package whose `exports` hides ./package.json (ERR_PACKAGE_PATH_NOT_EXPORTED), or whose
    // exports Node cannot read, is still installed: find its folder the way Node walks upward.
  }
  for (let dir = root; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (await isFile(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

// The user copies this into a shell, where a range such as `>=1 <2` needs quotes.
function installArgument(name: string, range: string | undefined): string {
  const argument = range === undefined ? name : `${name}@${range}`;
  return /^[\w.^~@/-]*$/.test(argument) ? argument : `'${argument.replaceAll("'", "'\\''")}'`;
}
