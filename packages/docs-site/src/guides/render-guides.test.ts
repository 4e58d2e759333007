import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findForeignMarkup } from '../test-utils/markup.js';
import { renderGuides } from './render-guides.js';
import type { GuideSource } from './types.js';

const guide = (file: string, markdown: string, title?: string): GuideSource => ({
  slug: file.replace(/\.md$/, '').toLowerCase(),
  file,
  markdown,
  title,
});

describe('renderGuides', () => {
  it('takes the title from the first # heading and starts the body at h2', () => {
    const [a] = renderGuides([
      guide(
        'a.md',
        'Intro.\n\n# The `a` guide\n\nFirst paragraph\nof two lines.\n\n#### Deep\n\n# Again',
      ),
    ]);
    expect(a).toMatchObject({
      slug: 'a',
      page: 'guides/a/index.html',
      title: 'The a guide',
      titleHtml: 'The <code>a</code> guide',
      titleId: 'the-a-guide',
      summary: 'Intro.',
    });
    expect(a!.html).toMatchInlineSnapshot(`
      "<p>Intro.</p>
      <p>First paragraph
      of two lines.</p>
      <h2 id="deep">Deep</h2>
      <h2 id="again">Again</h2>
      "
    `);
    expect(a!.outline).toEqual([
      { id: 'deep', text: 'Deep', children: [] },
      { id: 'again', text: 'Again', children: [] },
    ]);
  });

  it('gives every heading the id GitHub gives it, unless the page uses it', () => {
    const [a] = renderGuides([
      guide('a.md', '# A\n\n## Setup\n\n### Setup\n\n## Main\n\n## On this page\n\n### Café & co'),
    ]);
    expect(a!.outline).toEqual([
      { id: 'setup', text: 'Setup', children: [{ id: 'setup-1', text: 'Setup', children: [] }] },
      { id: 'main-1', text: 'Main', children: [] },
      {
        id: 'on-this-page-1',
        text: 'On this page',
        children: [{ id: 'café--co', text: 'Café & co', children: [] }],
      },
    ]);
  });

  it('rewrites links between guides to their pages and their anchors to the ids on the site', () => {
    const [a] = renderGuides([
      guide(
        'a.md',
        [
          '# A',
          '',
          '## Main',
          '',
          '[b](b.md) [b2](./b.md#whole-file-strategies) [b3](b.md#Whole-File-Strategies)',
          '[missing anchor](b.md#nowhere) [here](#main) [top](#a) [nowhere](#nowhere)',
          '[ext](https://example.com/x.md) [ref](REFERENCE.md) [enc](b%2Emd)',
        ].join('\n'),
      ),
      guide('b.md', '# B\n\n## Whole-file strategies'),
      guide('REFERENCE.md', '# Reference'),
    ]);
    expect(a!.html).toContain('<a href="../b/index.html">b</a>');
    expect(a!.html).toContain('<a href="../b/index.html#whole-file-strategies">b2</a>');
    expect(a!.html).toContain('<a href="../b/index.html#whole-file-strategies">b3</a>');
    expect(a!.html).toContain('<a href="../b/index.html">missing anchor</a>');
    expect(a!.html).toContain('<a href="#main-1">here</a>');
    expect(a!.html).toContain('<a href="#a">top</a>');
    expect(a!.html).toContain(' nowhere\n');
    expect(a!.html).toContain(
      '<a href="https://example.com/x.md" rel="nofollow noopener noreferrer">ext</a>',
    );
    expect(a!.html).toContain('<a href="../reference/index.html">ref</a>');
    expect(a!.html).toContain('<a href="../b/index.html">enc</a>');
  });

  it('keeps only the text of links to files that are not guides', () => {
    const [a] = renderGuides([
      guide(
        'a.md',
        '# A\n\n[pkg](../packages/core/README.md) [abs](/b.md) [sub](sub/b.md) [up](../b.md) [dir](./) [img](logo.png) [gone](c.md#x) [bad](%E0%A4%A.md)',
      ),
      guide('b.md', '# B'),
    ]);
    expect(a!.html).toBe('<p>pkg abs sub up dir img gone bad</p>\n');
  });

  it('renders hostile guides without raw HTML, images or script links', () => {
    const [a] = renderGuides([
      guide(
        'a.md',
        '# <img src=x onerror=alert(1)>\n\n<script>alert(1)</script>\n\n## "><svg onload=alert(1)>\n\n[x](javascript:alert(1)) ![i](https://cdn.example/i.png) [y](b.md"onmouseover="alert(1))',
      ),
    ]);
    expect(a!.titleHtml).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(a!.titleId).toBe('img-srcx-onerroralert1');
    // An image is at most a link to its file: nothing is loaded from elsewhere.
    expect(a!.html).toMatchInlineSnapshot(`
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>
      <h2 id="svg-onloadalert1">&quot;&gt;&lt;svg onload=alert(1)&gt;</h2>
      <p>[x](javascript:alert(1)) !<a href="https://cdn.example/i.png" rel="nofollow noopener noreferrer">i</a> y</p>
      "
    `);
  });

  it('uses a given title and leaves the first heading out, and drops front matter', () => {
    const [a] = renderGuides([
      guide('x.md', '---\ntitle: ignored\n---\n# Generated\n\nText.', 'X ref'),
    ]);
    expect(a).toMatchObject({ title: 'X ref', titleHtml: 'X ref', titleId: undefined });
    expect(a!.html).toBe('<p>Text.</p>\n');
  });

  it('shortens a long first paragraph to a summary at a word', () => {
    const [a] = renderGuides([guide('a.md', `# A\n\n${'word '.repeat(100)}`)]);
    expect(a!.summary.length).toBeLessThanOrEqual(201);
    expect(a!.summary).toMatch(/word…$/);
  });

  it('never lets markup of a guide through, and links only into the site or to http(s) and mailto', () => {
    const piece = fc.constantFrom(
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      '[x](javascript:alert(1))',
      '[y](b.md#"><b>)',
      '[z](b.md)',
      '[w](#h)',
      '![i](https://cdn.example/i.png)',
      '# h',
      '## h',
      '<!--',
      '`',
      '\n',
      '\n\n',
    );
    const text = fc.array(fc.oneof(fc.string(), piece), { maxLength: 12 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        for (const rendered of renderGuides([guide('a.md', a), guide('b.md', b)])) {
          const html = `<h1>${rendered.titleHtml}</h1>${rendered.html}`;
          expect(findForeignMarkup(html)).toEqual([]);
          for (const [, href] of html.matchAll(/href="([^"]*)"/g))
            expect(href).toMatch(
              /^(?:\.\.\/[ab]\/index\.html)?(?:#[^"<>\s]+)?$|^(?:https?:|mailto:)/,
            );
        }
      }),
      { numRuns: 200 },
    );
  });
});
