import { isSpecforgeError, type SpecforgeError } from '@specforge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSourceSpec, parseSourceSpec } from './source-spec.js';

const sha = 'a'.repeat(40);

describe('parseSourceSpec', () => {
  it.each<[string, Record<string, unknown>]>([
    [
      '@specforge/templates-speckit@^1.0.0',
      { kind: 'npm', name: '@specforge/templates-speckit', range: '^1.0.0' },
    ],
    ['@acme/templates@~2.1', { kind: 'npm', name: '@acme/templates', range: '~2.1' }],
    ['acme-plans@>=1.0.0 <2', { kind: 'npm', name: 'acme-plans', range: '>=1.0.0 <2' }],
    ['@acme/templates', { kind: 'npm', name: '@acme/templates', range: undefined }],
    ['acme-plans', { kind: 'npm', name: 'acme-plans', range: undefined }],
    ['npm:@acme/templates@2.1.0', { kind: 'npm', name: '@acme/templates', range: '2.1.0' }],
    ['  @acme/templates@^1  ', { kind: 'npm', name: '@acme/templates', range: '^1' }],
    ['./packs/team', { kind: 'path', path: './packs/team', range: undefined }],
    ['../shared/pack/', { kind: 'path', path: '../shared/pack', range: undefined }],
    ['/srv/packs/team', { kind: 'path', path: '/srv/packs/team', range: undefined }],
    ['.', { kind: 'path', path: '.', range: undefined }],
    ['path:packs/team', { kind: 'path', path: 'packs/team', range: undefined }],
    ['./packs/team@^2.0.0', { kind: 'path', path: './packs/team', range: '^2.0.0' }],
    ['path:packs/team@~1.2', { kind: 'path', path: 'packs/team', range: '~1.2' }],
    [
      './node_modules/@acme/templates',
      { kind: 'path', path: './node_modules/@acme/templates', range: undefined },
    ],
    ['./packs/v@1/', { kind: 'path', path: './packs/v@1', range: undefined }],
    ['./packs/team@latest', { kind: 'path', path: './packs/team@latest', range: undefined }],
    ['C:\\packs\\team', { kind: 'path', path: 'C:\\packs\\team', range: undefined }],
    [
      'git+file:///tmp/x.git#v1.2.0',
      { kind: 'git', url: 'file:///tmp/x.git', ref: 'v1.2.0', refKind: 'name' },
    ],
    [
      `git+https://host/org/repo.git#${sha}`,
      { kind: 'git', url: 'https://host/org/repo.git', ref: sha, refKind: 'commit' },
    ],
    [
      `git+https://host/org/repo#${'AB'.repeat(20)}`,
      { kind: 'git', url: 'https://host/org/repo', ref: 'ab'.repeat(20), refKind: 'commit' },
    ],
    [
      'https://host/org/repo.git#main',
      { kind: 'git', url: 'https://host/org/repo.git', ref: 'main', refKind: 'name' },
    ],
    [
      'git+ssh://git@host/org/repo.git#release/1.x',
      { kind: 'git', url: 'ssh://git@host/org/repo.git', ref: 'release/1.x', refKind: 'name' },
    ],
    [
      'git@github.com:acme/packs.git#v2.0.0',
      { kind: 'git', url: 'git@github.com:acme/packs.git', ref: 'v2.0.0', refKind: 'name' },
    ],
    [
      'git+file:///srv/mono.git#@acme/templates-web@2.1.0',
      {
        kind: 'git',
        url: 'file:///srv/mono.git',
        ref: '@acme/templates-web@2.1.0',
        refKind: 'name',
      },
    ],
    [
      'git://host/repo.git#v1',
      { kind: 'git', url: 'git://host/repo.git', ref: 'v1', refKind: 'name' },
    ],
  ])('parses %j', (raw, expected) => {
    expect(parseSourceSpec(raw)).toEqual({ ...expected, raw: raw.replace(/^ +| +$/g, '') });
  });

  it.each([
    ['', /it is empty/],
    ['   ', /it is empty/],
    ['@acme/templates@^1\n', /control character/],
    ['@acme/templates@^1\0', /control character/],
    ['\t./packs/team', /control character/],
    ['git+https://host/repo.git#v1\nx', /control character/],
    ['@acme/templates@latest', /"latest" is not a semver range/],
    ['@acme/templates@', /the range after "@acme\/templates@" is empty/],
    ['@acme/templates@not a range', /is not a semver range/],
    ['packs/team', /write a folder as \.\/packs\/team or path:packs\/team/],
    ['Acme Templates', /is not an npm package name/],
    ['_private', /is not an npm package name/],
    ['.hidden@1', /is not an npm package name/],
    ['npm:', /the npm package name is missing/],
    ['path:', /the folder is missing/],
    ['git+https://host/repo.git', /names a tag, branch or commit after "#"/],
    ['git+https://host/repo.git#', /names a tag, branch or commit after "#"/],
    ['https://host/repo.git', /names a tag, branch or commit after "#"/],
    ['https://host/org/repo#v1', /needs the "git\+" prefix/],
    [
      'git+https://host/repo.git#--upload-pack=touch /tmp/pwned',
      /starts with "-", like a command-line option/,
    ],
    ['git+https://host/repo.git#-b', /starts with "-"/],
    ['git+--upload-pack=x#v1', /starts with "-"/],
    ['git+ext::sh -c touch% /tmp/pwned#v1', /remote-helper transports/],
    ['ext::sh -c touch% /tmp/pwned', /remote-helper transports/],
    ['git+fd::3#v1', /remote-helper transports/],
    ['git+ftp://host/repo.git#v1', /the transport "ftp" is not allowed/],
    ['git+https://user:token@host/repo.git#v1', /holds a password/],
    ['git+ssh://-oProxyCommand=x/repo.git#v1', /starting with "-"/],
    ['git+https://host/my repo.git#v1', /white space/],
    ['git+https://host/repo.git#v1..v2', /contains "\.\."/],
    ['git+https://host/repo.git#v1 v2', /letters, digits/],
    ['git+https://host/repo.git#v1#2', /letters, digits/],
    ['git+https://host/repo.git#tag.lock', /ends with "\." or "\.lock"/],
    ['git+https://host/repo.git#a/.b', /a part starts with "\."/],
    ['git+/srv/packs.git#v1', /is not a git URL/],
    ['git+file:///#v1', /names no repository path/],
    ['git+https://#v1', /not a valid URL|has no host/],
    ['github:acme/packs', /needs the "git\+" prefix/],
  ])('rejects %j', (raw, reason) => {
    let error: unknown;
    try {
      parseSourceSpec(raw);
    } catch (caught) {
      error = caught;
    }
    expect(isSpecforgeError(error, 'SPECFORGE_SOURCE_INVALID')).toBe(true);
    expect((error as SpecforgeError).message).toMatch(reason);
  });

  it('says what it rejected and how to write a source when the spec is invalid', () => {
    const error = (() => {
      try {
        parseSourceSpec('git+https://host/repo.git#--upload-pack=x');
      } catch (caught) {
        return caught as SpecforgeError;
      }
    })();
    expect({ message: error?.message, hint: error?.hint }).toMatchInlineSnapshot(`
      {
        "hint": "Write a pack source as <npm package>@<range> (@acme/templates@^1.0.0), ./<folder> or path:<folder>, or git+<url>#<tag or commit>; see docs/sources.md.",
        "message": ""git+https://host/repo.git#--upload-pack=x" is not a valid pack source: the ref "--upload-pack=x" starts with "-", like a command-line option.",
      }
    `);
  });

  it('throws nothing but SPECFORGE_SOURCE_INVALID when given any string', () => {
    const pieces = fc.constantFrom(
      '@',
      '/',
      '#',
      ':',
      '.',
      '-',
      '..',
      './',
      'git+',
      'path:',
      'npm:',
      'file://',
      'https://',
      '.git',
      '::',
      '^1',
      '~2.1',
      'v1.0.0',
      'acme',
      '\n',
      '\0',
      ' ',
      '%2d',
      'C:\\',
      sha,
    );
    const text = fc.oneof(
      fc.string(),
      fc.array(fc.oneof(pieces, fc.string({ maxLength: 3 }))).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (raw) => {
        try {
          parseSourceSpec(raw);
        } catch (error) {
          expect(isSpecforgeError(error, 'SPECFORGE_SOURCE_INVALID')).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back the canonical form of any valid spec when formatted', () => {
    const word = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,10}$/);
    const range = fc.constantFrom(
      '^1.0.0',
      '~2.1',
      '1.2.3',
      '>=1 <2',
      '*',
      '1.x',
      '^2.0.0-beta.0',
      '1.0.0 - 2.0.0',
    );
    const npm = fc
      .record({ scope: fc.option(word), name: word, range: fc.option(range, { nil: undefined }) })
      .map(
        ({ scope, name, range }) =>
          `${scope === null ? '' : `@${scope}/`}${name}${range === undefined ? '' : `@${range}`}`,
      );
    const segment = fc
      .stringMatching(/^[A-Za-z0-9@ ._-]{1,8}$/)
      .filter((s) => s.trim() === s && s !== '.' && s !== '..');
    const path = fc
      .record({
        prefix: fc.constantFrom('./', '../', '/', 'path:', 'path:./'),
        segments: fc.array(segment, { minLength: 1, maxLength: 3 }),
        trailing: fc.boolean(),
        range: fc.option(range, { nil: undefined }),
      })
      .map(
        ({ prefix, segments, trailing, range }) =>
          `${prefix}${segments.join('/')}${trailing ? '/' : ''}${range === undefined ? '' : `@${range}`}`,
      );
    const ref = fc.oneof(
      fc.stringMatching(/^[0-9a-fA-F]{40}$/),
      fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_+-]{0,8}(?:\/[A-Za-z0-9][A-Za-z0-9_+-]{0,8})?$/),
      fc.constantFrom('v1.2.0', '@acme/templates@1.0.0', 'release/1.x'),
    );
    const git = fc
      .record({
        url: fc.constantFrom(
          'file:///tmp/x.git',
          'https://host/org/repo.git',
          'ssh://git@host/repo',
          'git@host:org/repo.git',
          'http://[::1]:8080/r.git',
        ),
        ref,
        prefixed: fc.boolean(),
      })
      .map(
        ({ url, ref, prefixed }) =>
          `${prefixed || !url.endsWith('.git') ? 'git+' : ''}${url}#${ref}`,
      );
    fc.assert(
      fc.property(fc.oneof(npm, path, git), (raw) => {
        const spec = parseSourceSpec(raw);
        const canonical = formatSourceSpec(spec);
        const again = parseSourceSpec(canonical);
        expect({ ...again, raw: undefined }).toEqual({ ...spec, raw: undefined });
        expect(formatSourceSpec(again)).toBe(canonical);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('formatSourceSpec', () => {
  it.each([
    ['@acme/templates@^1.0.0', 'npm:@acme/templates@^1.0.0'],
    ['acme-plans', 'npm:acme-plans'],
    ['./packs/team', 'path:./packs/team'],
    ['./packs/team@^2', 'path:./packs/team@^2'],
    ['./packs/v@1/', 'path:./packs/v@1/'],
    ['https://host/repo.git#v1', 'git+https://host/repo.git#v1'],
  ])('formats %j as %j', (raw, canonical) => {
    expect(formatSourceSpec(parseSourceSpec(raw))).toBe(canonical);
  });
});
