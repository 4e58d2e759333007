import { coerce, parse, validRange } from 'semver';

/**
 * A version as a pack needs it: a semver version, without the `v` of a tag (`v0.0.30` →
 * `0.0.30`). `undefined` when it is none.
 */
export function normalizeVersion(raw: string): string | undefined {
  const text = raw.trim().replace(/^v(?=\d)/, '');
  return /^\d/.test(text) && parse(text) !== null ? text : undefined;
}

/** A semver version close to `raw` for a hint (`1.0` → `1.0.0`), or `undefined`. */
export function suggestVersion(raw: string): string | undefined {
  return coerce(raw)?.version;
}

/** A version read from a file, with its line. */
export interface VersionAt {
  version: string;
  line: number;
}

/**
 * Reads the package version from a `pyproject.toml`: `version = "…"` in the `[project]` table
 * (or Poetry's `[tool.poetry]`). A line scan, enough for the one key it needs; `undefined`
 * when there is none (e.g. `dynamic = ["version"]`).
 */
export function readPyprojectVersion(text: string): VersionAt | undefined {
  let table = '';
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$/.exec(line);
    if (header) {
      table = header[1]!.replace(/\s+/g, '');
      continue;
    }
    if (table !== 'project' && table !== 'tool.poetry') continue;
    const match = /^\s*version\s*=\s*(?:"([^"\\]*)"|'([^']*)')/.exec(line);
    if (match) return { version: (match[1] ?? match[2])!, line: index + 1 };
  }
  return undefined;
}

/**
 * The version a folder name states, as a release folder or tag name does: `v0.0.30`,
 * `spec-kit-1.0.1`, `spec-kit-v0.4.0`. `undefined` for any other name.
 */
export function versionFromFolderName(name: string): string | undefined {
  const match = /(?:^|[-_])v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(name);
  return match ? normalizeVersion(match[1]!) : undefined;
}

/**
 * Reads a `VERSIONS.txt`-like list, one release per line with its tag first
 * (`v0.0.30 6b8b1a8… 2025-09-12`), and gives the version of the tag `tag`.
 */
export function versionFromVersionsList(text: string, tag: string): VersionAt | undefined {
  for (const [index, line] of text.split(/\r?\n/).entries()) {
    const first = line.trim().split(/\s+/, 1)[0];
    if (first === tag) {
      const version = normalizeVersion(first);
      if (version !== undefined) return { version, line: index + 1 };
    }
  }
  return undefined;
}

/**
 * Turns a Spec Kit `requires.speckit_version` (a Python version specifier such as `>=0.1.0` or
 * `>=0.1.0,<2.0.0`) into a semver range, or `undefined` when it has no semver equivalent
 * (`~=`, `!=`, wildcards).
 */
export function semverRangeFromSpecifier(specifier: string): string | undefined {
  const parts = specifier.split(',').map((part) => part.trim());
  const out: string[] = [];
  for (const part of parts) {
    const match = /^(>=|<=|>|<|==)\s*(\d+(?:\.\d+){0,2})$/.exec(part);
    if (!match) return undefined;
    out.push(`${match[1] === '==' ? '' : match[1]}${match[2]}`);
  }
  const range = out.join(' ');
  return range !== '' && validRange(range) !== null ? range : undefined;
}
