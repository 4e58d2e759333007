import { describe, expect, it } from 'vitest';
import { renderDiffHtml } from './diff-html.js';
import { escapeHtml } from './escape-html.js';
import {
  apiReferenceHref,
  normalizeApiReference,
  normalizeBase,
  relativeRoot,
} from './site-urls.js';

describe('escapeHtml', () => {
  it('escapes markup and both quotes', () => {
    expect(escapeHtml(`"><img src=x onerror='alert(1)'>&`)).toBe(
      '&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&amp;',
    );
  });
});

describe('renderDiffHtml', () => {
  it('renders each line escaped, removed lines in del and added lines in ins', () => {
    expect(
      renderDiffHtml([
        { op: ' ', text: '## <b>Kept</b>' },
        { op: '-', text: '<script>old</script>' },
        { op: '+', text: 'new & better' },
      ]),
    ).toBe(
      '<span>  ## &lt;b&gt;Kept&lt;/b&gt;</span><del>- &lt;script&gt;old&lt;/script&gt;</del><ins>+ new &amp; better</ins>',
    );
  });
});

describe('normalizeBase', () => {
  it('adds missing slashes', () => {
    expect(normalizeBase('/')).toBe('/');
    expect(normalizeBase('docs')).toBe('/docs/');
    expect(normalizeBase('/a/b-c_d.e~/')).toBe('/a/b-c_d.e~/');
  });

  it.each([
    '/../',
    '/docs/../x/',
    '/./',
    '/a b/',
    '/"onload="x/',
    '/<x>/',
    'https://evil.example/',
    '//evil.example/',
    '/a\\b/',
  ])('refuses %s', (base) => {
    expect(() => normalizeBase(base)).toThrow(expect.objectContaining({ code: 'SPECFORGE_USAGE' }));
  });
});

describe('relativeRoot', () => {
  it('climbs one level per folder of the page', () => {
    expect(relativeRoot('index.html')).toBe('');
    expect(relativeRoot('templates/acme/plan/index.html')).toBe('../../../');
  });
});

describe('normalizeApiReference', () => {
  it('keeps http(s) URLs and paths inside the site, linked from any page', () => {
    expect(normalizeApiReference('https://example.com/api/')).toEqual({
      url: 'https://example.com/api/',
    });
    const path = normalizeApiReference('api/index.html');
    expect(path).toEqual({ path: 'api/index.html' });
    expect(apiReferenceHref(path, '../../')).toBe('../../api/index.html');
    expect(apiReferenceHref(path, '/docs/')).toBe('/docs/api/index.html');
  });

  it.each([
    '/api/',
    '../api/',
    'api/../../x',
    './api/',
    '//evil.example/',
    'javascript:alert(1)',
    'ftp://example.com/',
    'api/"><b>',
    '',
  ])('refuses %j', (reference) => {
    expect(() => normalizeApiReference(reference)).toThrow(
      expect.objectContaining({ code: 'SPECFORGE_USAGE' }),
    );
  });
});
