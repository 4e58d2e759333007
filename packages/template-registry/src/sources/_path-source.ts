import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { SpecforgeError } from '@specforge/core';
import { checkVersionRange, readPackVersion } from './_pack-version.js';
import type { ResolvedSource, ResolveSourceOptions } from './resolve-source.js';
import { formatSourceSpec, type PathSourceSpec } from './source-spec.js';

/** Finds a pack folder relative to the project root and checks its range. */
export async function resolvePathSource(
  spec: PathSourceSpec,
  options: ResolveSourceOptions,
): Promise<ResolvedSource> {
  const root = resolve(options.projectRoot);
  const dir = resolve(root, spec.path);
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(dir)).isDirectory();
  } catch (cause) {
    throw new SpecforgeError(
      'SPECFORGE_SOURCE_NOT_FOUND',
      { source: spec.raw, reason: `the folder ${dir} does not exist.` },
      {
        hint: `Check the path; a relative path is resolved from the project root, ${root}.`,
        cause,
      },
    );
  }
  if (!isDirectory) {
    throw new SpecforgeError(
      'SPECFORGE_SOURCE_NOT_FOUND',
      { source: spec.raw, reason: `${dir} is a file, not a pack folder.` },
      { hint: "Name the pack's folder, the one holding its package.json." },
    );
  }
  const version = await readPackVersion(dir, spec);
  checkVersionRange(
    spec,
    version,
    `Update the pack in ${dir} to a version inside the range, or change the range.`,
  );
  return { kind: 'path', dir, version, source: canonicalPathSource(root, dir) };
}

// Relative to the project with `/`, so that the lock reads the same on every machine and in
// every checkout location; a folder on another Windows drive can only stay absolute.
function canonicalPathSource(root: string, dir: string): string {
  const rel = relative(root, dir);
  const path = rel === '' ? '.' : isAbsolute(rel) ? rel : rel.split(sep).join('/');
  return formatSourceSpec({ kind: 'path', path, raw: path });
}
