import { SpecforgeError } from '@specforge/core';
import validRange from 'semver/ranges/valid.js';

/** Where a pack comes from: an installed npm package, a local folder, or a git repository. */
export type SourceKind = 'npm' | 'path' | 'git';

/** A pack installed as an npm package, found from the project the way Node finds modules. */
export interface NpmSourceSpec {
  /** The kind of source: an npm package. */
  kind: 'npm';
  /** The package name, e.g. `@acme/templates`. */
  name: string;
  /** The semver range the package version must satisfy, e.g. `^1.0.0`; `undefined` accepts any. */
  range?: string | undefined;
  /** The source spec as written, without surrounding spaces. */
  raw: string;
}

/** A pack in a local folder. */
export interface PathSourceSpec {
  /** The kind of source: a local folder. */
  kind: 'path';
  /** The folder as written, relative to the project root unless absolute, e.g. `./packs/team`. */
  path: string;
  /** The semver range the pack version must satisfy; `undefined` accepts any. */
  range?: string | undefined;
  /** The source spec as written, without surrounding spaces. */
  raw: string;
}

/** A pack at the root of a git repository, at a tag, a branch or a commit. */
export interface GitSourceSpec {
  /** The kind of source: a git repository. */
  kind: 'git';
  /** The repository URL as git takes it, without the `git+` prefix, e.g. `https://host/org/repo.git`. */
  url: string;
  /** The tag or branch name, or the full commit id (lower case). */
  ref: string;
  /** `commit` when {@link GitSourceSpec.ref} is a full commit id, else `name` (a tag or branch). */
  refKind: 'commit' | 'name';
  /** Git sources pin a ref instead of naming a range. */
  range?: undefined;
  /** The source spec as written, without surrounding spaces. */
  raw: string;
}

/**
 * A parsed pack source: the string a manifest's `specforge.extends` or a config's `packs` entry
 * holds. See {@link parseSourceSpec}.
 */
export type SourceSpec = NpmSourceSpec | PathSourceSpec | GitSourceSpec;

/** The URL schemes a git source may use; every other transport is refused. */
export const gitUrlSchemes: readonly string[] = ['https', 'http', 'ssh', 'git', 'file'];

// npm's rules for new package names, plus upper case for the legacy names that still exist.
const npmNamePart = '[A-Za-z0-9][A-Za-z0-9._~-]*';
const npmNamePattern = new RegExp(`^(?:@${npmNamePart}/)?${npmNamePart}$`);
const commitPattern = /^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/;
const schemePattern = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
// `user@host:path`, git's scp-like syntax for ssh. The host part never holds a `/`.
const scpPattern = /^(?:([A-Za-z0-9._~-]+)@)?([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(?!\/\/)(.+)$/;
// `<transport>::<address>` makes git run a remote helper (`ext::` runs any command).
const remoteHelperPattern = /^[A-Za-z][A-Za-z0-9+.-]*::/;
const windowsPathPattern = /^[A-Za-z]:[\\/]/;

/**
 * Parses a pack source spec. The forms:
 *
 * - `<npm package>@<range>` or `npm:<npm package>@<range>`: an installed npm package whose
 *   version must satisfy the semver range (`@acme/templates@^1.0.0`, `acme-plans@~2.1`). The
 *   range may be left out (`@acme/templates`) to accept any version. Dist-tags are not ranges.
 * - `./<folder>`, `../<folder>`, `/<folder>` or `path:<folder>`: a local folder, relative to the
 *   project root. An optional `@<range>` suffix checks the pack version (`./packs/team@^2.0.0`);
 *   it is only read as a range when it is one and holds no `/`, so end a folder whose name has
 *   an `@` with `/` (`./packs/v@1/`).
 * - `git+<url>#<ref>`, or `<url ending in .git>#<ref>`: the root of a git repository at a tag,
 *   a branch or a full commit id (`git+file:///srv/packs.git#v1.2.0`,
 *   `git+https://host/org/repo.git#<40 hex digits>`, `git@host:org/repo.git#main`). Only the
 *   https, http, ssh, git and file transports are accepted.
 *
 * Anything that could smuggle an option or a command into git is refused: a URL or ref starting
 * with `-`, remote-helper transports such as `ext::`, control characters (newline, NUL) and
 * URLs carrying a password (they would end up in `specforge.lock`).
 *
 * @param spec - The source spec; surrounding spaces are ignored.
 * @returns The parsed spec; `raw` is the input without surrounding spaces.
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_SOURCE_INVALID` with the reason.
 *
 * @example
 * ```ts
 * parseSourceSpec('@acme/templates@^2.1.0');
 * // { kind: 'npm', name: '@acme/templates', range: '^2.1.0', raw: '@acme/templates@^2.1.0' }
 * parseSourceSpec('git+https://github.com/acme/packs.git#v1.2.0').ref; // 'v1.2.0'
 * ```
 */
export function parseSourceSpec(spec: string): SourceSpec {
  if (typeof spec !== 'string') {
    throw invalid(
      String(spec),
      `a pack source is a string, not ${spec === null ? 'null' : typeof spec}.`,
    );
  }
  // Only spaces: a newline or tab around a source is as suspect as one inside it.
  const raw = spec.replace(/^ +| +$/g, '');
  if (raw === '') throw invalid(spec, 'it is empty.');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
  if (/[\u0000-\u001f\u007f]/.test(raw)) {
    throw invalid(raw, 'it contains a control character (a newline, tab or NUL).');
  }

  if (raw.startsWith('path:')) return parsePath(raw.slice('path:'.length), raw);
  if (looksLikePath(raw)) return parsePath(raw, raw);
  if (raw.startsWith('git+')) return parseGit(raw.slice('git+'.length), raw, true);
  if (raw.startsWith('npm:')) return parseNpm(raw.slice('npm:'.length), raw);
  if (remoteHelperPattern.test(raw)) throw remoteHelper(raw);
  const beforeHash = raw.split('#', 1)[0]!;
  if (schemePattern.test(raw) || scpPattern.test(beforeHash)) return parseGit(raw, raw, false);
  return parseNpm(raw, raw);
}

/**
 * Formats a source spec in its canonical form, with an explicit prefix: `npm:<name>@<range>`,
 * `path:<folder>@<range>` or `git+<url>#<ref>`. {@link parseSourceSpec} reads it back to the
 * same spec.
 *
 * @example
 * ```ts
 * formatSourceSpec(parseSourceSpec('./packs/team')); // 'path:./packs/team'
 * ```
 */
export function formatSourceSpec(spec: SourceSpec): string {
  switch (spec.kind) {
    case 'npm':
      return `npm:${spec.name}${spec.range === undefined ? '' : `@${spec.range}`}`;
    case 'path': {
      if (spec.range !== undefined) return `path:${spec.path}@${spec.range}`;
      // A trailing `/` keeps a final `@…` that looks like a range part of the folder name.
      return `path:${spec.path}${splitPathRange(spec.path).range === undefined ? '' : '/'}`;
    }
    case 'git':
      return `git+${spec.url}#${spec.ref}`;
  }
}

function looksLikePath(raw: string): boolean {
  return (
    raw === '.' ||
    raw === '..' ||
    /^\.{1,2}[\\/]/.test(raw) ||
    raw.startsWith('/') ||
    windowsPathPattern.test(raw)
  );
}

function parsePath(text: string, raw: string): PathSourceSpec {
  const { path, range } = splitPathRange(text);
  // Trailing separators name the same folder; dropping them makes the canonical form unique.
  const trimmed = path.length > 1 ? path.replace(/(?<=.)[\\/]+$/, '') : path;
  if (trimmed === '') throw invalid(raw, 'the folder is missing after "path:".');
  return { kind: 'path', path: trimmed, range, raw };
}

function splitPathRange(text: string): { path: string; range: string | undefined } {
  const at = text.lastIndexOf('@');
  if (at > 0) {
    const candidate = text.slice(at + 1);
    if (candidate !== '' && !/[\\/]/.test(candidate) && validRange(candidate) !== null) {
      return { path: text.slice(0, at), range: candidate };
    }
  }
  return { path: text, range: undefined };
}

function parseNpm(text: string, raw: string): NpmSourceSpec {
  // The name ends at the first `@` after the scope's `/` (or after the first character).
  const at = text.indexOf('@', text.startsWith('@') ? text.indexOf('/') + 1 || 1 : 1);
  const name = at === -1 ? text : text.slice(0, at);
  const range = at === -1 ? undefined : text.slice(at + 1);
  if (name === '') throw invalid(raw, 'the npm package name is missing.');
  if (!npmNamePattern.test(name) || name.length > 214) {
    if (/^[A-Za-z0-9._-]+\/./.test(name) && !name.startsWith('@')) {
      throw invalid(
        raw,
        `"${name}" is not an npm package name; write a folder as ./${name} or path:${name}.`,
      );
    }
    if (name.includes(':')) {
      throw invalid(
        raw,
        'it is not an npm package name, a folder or a git URL; write a git repository as git+<url>#<ref>.',
      );
    }
    throw invalid(raw, `"${name}" is not an npm package name.`);
  }
  if (range === undefined) return { kind: 'npm', name, range: undefined, raw };
  if (range.trim() === '') throw invalid(raw, `the range after "${name}@" is empty.`);
  if (validRange(range) === null) {
    throw invalid(
      raw,
      `"${range}" is not a semver range such as ^1.0.0 or ~2.1 (npm dist-tags like "latest" are not accepted).`,
    );
  }
  return { kind: 'npm', name, range, raw };
}

function parseGit(body: string, raw: string, prefixed: boolean): GitSourceSpec {
  const hash = body.indexOf('#');
  const url = hash === -1 ? body : body.slice(0, hash);
  const ref = hash === -1 ? '' : body.slice(hash + 1);
  checkGitUrl(url, raw);
  if (!prefixed && !/\.git\/?$/.test(url)) {
    throw invalid(
      raw,
      'a git URL that does not end in .git needs the "git+" prefix: git+<url>#<ref>.',
    );
  }
  if (ref === '') {
    throw invalid(
      raw,
      'a git source names a tag, branch or commit after "#", e.g. git+https://host/org/repo.git#v1.2.0.',
    );
  }
  if (ref.startsWith('-'))
    throw invalid(raw, `the ref "${ref}" starts with "-", like a command-line option.`);
  if (commitPattern.test(ref))
    return { kind: 'git', url, ref: ref.toLowerCase(), refKind: 'commit', raw };
  const problem = refNameProblem(ref);
  if (problem)
    throw invalid(raw, `the ref "${ref}" is not a valid tag or branch name: ${problem}.`);
  return { kind: 'git', url, ref, refKind: 'name', raw };
}

function checkGitUrl(url: string, raw: string): void {
  if (url === '') throw invalid(raw, 'the git URL is missing.');
  if (remoteHelperPattern.test(url)) throw remoteHelper(raw);
  if (url.startsWith('-'))
    throw invalid(raw, 'the git URL starts with "-", like a command-line option.');
  if (/\s/.test(url)) throw invalid(raw, 'the git URL contains white space.');
  const scheme = schemePattern.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (!gitUrlSchemes.includes(scheme)) {
      throw invalid(
        raw,
        `the transport "${scheme}" is not allowed; use ${gitUrlSchemes.join(', ')}.`,
      );
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw invalid(raw, `"${url}" is not a valid URL.`);
    }
    if (scheme !== 'file' && parsed.hostname === '') throw invalid(raw, `"${url}" has no host.`);
    if (scheme === 'file' && (parsed.pathname === '' || parsed.pathname === '/')) {
      throw invalid(raw, `"${url}" names no repository path.`);
    }
    if (parsed.password !== '') {
      throw invalid(
        raw,
        'the git URL holds a password, which would be written to specforge.lock; use a git credential helper instead.',
      );
    }
    // ssh passes the host and user to a command line (CVE-2017-1000117).
    if (parsed.hostname.startsWith('-') || /^(?:-|%2d)/i.test(parsed.username)) {
      throw invalid(
        raw,
        'the git URL has a host or user starting with "-", like a command-line option.',
      );
    }
    return;
  }
  const scp = scpPattern.exec(url);
  if (scp) {
    if (scp[1]?.startsWith('-') || scp[2]!.startsWith('-') || scp[3]!.startsWith('-')) {
      throw invalid(raw, 'the git URL has a part starting with "-", like a command-line option.');
    }
    return;
  }
  throw invalid(
    raw,
    `"${url}" is not a git URL; use https://, ssh://, git://, file:// or user@host:path (a local repository is git+file:///path/to/repo.git).`,
  );
}

// A conservative subset of `git check-ref-format`: what tags and branches of packs look like,
// including changesets' `@scope/name@1.2.3` tags.
function refNameProblem(ref: string): string | undefined {
  if (!/^[A-Za-z0-9._/@+-]+$/.test(ref)) {
    return 'use letters, digits and . _ / @ + - only';
  }
  if (ref.includes('..')) return 'it contains ".."';
  if (ref.includes('//')) return 'it contains "//"';
  if (ref === '@') return 'it is "@"';
  if (ref.startsWith('/') || ref.endsWith('/')) return 'it starts or ends with "/"';
  if (ref.endsWith('.') || ref.endsWith('.lock')) return 'it ends with "." or ".lock"';
  if (ref.split('/').some((part) => part.startsWith('.'))) return 'a part starts with "."';
  return undefined;
}

function remoteHelper(raw: string): SpecforgeError {
  return invalid(
    raw,
    'git remote-helper transports such as ext:: and fd:: can run commands and are not allowed.',
  );
}

function invalid(source: string, reason: string): SpecforgeError<'SPECFORGE_SOURCE_INVALID'> {
  return new SpecforgeError('SPECFORGE_SOURCE_INVALID', { source, reason });
}
