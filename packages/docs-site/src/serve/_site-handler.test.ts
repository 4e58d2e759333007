import { describe, expect, it } from 'vitest';
import { injectReloadScript } from './_live-reload.js';
import { contentTypeOf, siteTargetOf } from './_site-handler.js';

describe('siteTargetOf', () => {
  it('maps paths under the base to decoded segments, and marks folder URLs', () => {
    expect(siteTargetOf('/docs/templates/acme/plan/', '/docs/')).toEqual({
      kind: 'path',
      segments: ['templates', 'acme', 'plan'],
      folderUrl: true,
    });
    expect(siteTargetOf('/docs/', '/docs/')).toEqual({
      kind: 'path',
      segments: [],
      folderUrl: true,
    });
    expect(siteTargetOf('/a%20b/c.html', '/')).toEqual({
      kind: 'path',
      segments: ['a b', 'c.html'],
      folderUrl: false,
    });
    expect(siteTargetOf('/docs', '/docs/')).toEqual({ kind: 'base' });
    expect(siteTargetOf('/other/index.html', '/docs/')).toEqual({ kind: 'not-found' });
  });

  it.each([
    '/..%2fsecret.txt',
    '/..%2Fsecret.txt',
    '/%2e%2e',
    '/%2E%2E/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/templates/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/..%5Csecret.txt',
    '/.%2e/secret.txt',
    '/%2e',
    '/a%00b',
    '/templates%2f..%2f..%2fsecret.txt',
  ])('refuses %s, which could leave the site folder', (path) => {
    expect(siteTargetOf(path, '/')).toEqual({ kind: 'not-found' });
  });

  it('treats a doubly encoded dot-dot as a plain name and a broken escape as a bad request', () => {
    expect(siteTargetOf('/%252e%252e%252fsecret.txt', '/')).toEqual({
      kind: 'path',
      segments: ['%2e%2e%2fsecret.txt'],
      folderUrl: false,
    });
    expect(siteTargetOf('/%E0%A4%A', '/')).toEqual({ kind: 'bad-request' });
  });
});

describe('contentTypeOf', () => {
  it('types the files of a site by extension, and anything else as bytes', () => {
    expect(
      ['index.html', 'site.css', 'search.js', 'x.json', 'wasm.en.pagefind', 'a.WASM', 'f.svg'].map(
        contentTypeOf,
      ),
    ).toEqual([
      'text/html; charset=utf-8',
      'text/css; charset=utf-8',
      'text/javascript; charset=utf-8',
      'application/json; charset=utf-8',
      'application/octet-stream',
      'application/wasm',
      'image/svg+xml',
    ]);
  });
});

describe('injectReloadScript', () => {
  it('adds the script before the last </body>, or at the end without one', () => {
    expect(injectReloadScript('<body><p>x</p></BODY>\n</html>', 3)).toBe(
      '<body><p>x</p><script src="/__specforge/reload.js" data-build="3"></script>\n</BODY>\n</html>',
    );
    expect(injectReloadScript('<p>x</p>', 1)).toBe(
      '<p>x</p><script src="/__specforge/reload.js" data-build="1"></script>\n',
    );
  });
});
