import { describe, expect, it } from 'vitest';
import { renderDiffHtml } from './diff-html.js';
import { escapeHtml } from './escape-html.js';
import { normalizeBase, relativeRoot } from './site-urls.js';

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
