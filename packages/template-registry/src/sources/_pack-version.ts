import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SpecforgeError } from '@specforge/core';
import satisfies from 'semver/functions/satisfies.js';
import valid from 'semver/functions/valid.js';
import type { SourceSpec } from './source-spec.js';

/**
 * Reads the pack version from `<dir>/package.json`. A folder without one is not a pack
 * (`SPECFORGE_SOURCE_NOT_FOUND`); a manifest without a semver `version` is invalid.
 */
export async function readPackVersion(dir: string, spec: SourceSpec): Promise<string> {
  const file = join(dir, 'package.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
      throw new SpecforgeError(
        'SPECFORGE_SOURCE_NOT_FOUND',
        { source: spec.raw, reason: `${dir} has no package.json, so it is not a template pack.` },
        {
          hint: 'A pack is a folder with a package.json that has a "specforge" key; see docs/templates.md.',
          cause,
        },
      );
    }
    throw manifestInvalid(file, `package.json cannot be read (${code ?? String(cause)}).`, cause);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw manifestInvalid(
      file,
      `package.json is not valid JSON (${(cause as Error).message}).`,
      cause,
    );
  }
  const version = (data as { version?: unknown } | null)?.version;
  // `valid` also accepts `v1.0.0` and `=1.0.0`; a pack version is written exactly.
  if (typeof version !== 'string' || valid(version) !== version) {
    throw manifestInvalid(
      file,
      `"version" is ${JSON.stringify(version)}, which is not a semver version such as 1.0.0.`,
    );
  }
  return version;
}

/**
 * Throws `SPECFORGE_SOURCE_VERSION_MISMATCH` unless `version` satisfies the spec's range.
 * Prereleases match only ranges that name a prerelease of the same version, as in npm.
 */
export function checkVersionRange(spec: SourceSpec, version: string, hint: string): void {
  if (spec.range === undefined) return;
  if (satisfies(version, spec.range, { includePrerelease: false })) return;
  throw new SpecforgeError(
    'SPECFORGE_SOURCE_VERSION_MISMATCH',
    { source: spec.raw, version, range: spec.range },
    { hint },
  );
}

function manifestInvalid(file: string, reason: string, cause?: unknown): SpecforgeError {
  return new SpecforgeError(
    'SPECFORGE_PACK_MANIFEST_INVALID',
    { reason },
    { location: { file }, cause },
  );
}
