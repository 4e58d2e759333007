import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMarkdownRenderer } from './markdown.js';

const markdown = createMarkdownRenderer();

describe('createMarkdownRenderer', () => {
  it('escapes raw HTML blocks and inline HTML instead of passing them through', () => {
    expect(
      markdown.render('<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> here'),
    ).toMatchInlineSnapshot(`
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>
      <p>Text &lt;img src=x onerror=alert(1)&gt; here</p>
      "
    `);
  });

  it('shows HTML comments (fill slots) as text', () => {
    expect(markdown.render('<!-- fill: architecture -->')).toBe(
      '<p>&lt;!-- fill: architecture --&gt;</p>\n',
    );
  });

  it('keeps Handlebars expressions as literal text', () => {
    expect(
      markdown.render('# Plan: {{spec.title}}\n\n{{#each spec.stories}}- {{title}}{{/each}}'),
    ).toMatchInlineSnapshot(`
      "<h1>Plan: {{spec.title}}</h1>
      <p>{{#each spec.stories}}- {{title}}{{/each}}</p>
      "
    `);
  });

  it('links only http, https and mailto targets, keeping the text of other links', () => {
    const html = markdown.render(
      '[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html,x) [d](vbscript:x) [e](https://example.com) [f](mailto:a@b.c) [g](../x.md) [h](#top) [i](//evil.example/x)',
    );
    expect(html).not.toMatch(/href="(?:javascript|data|vbscript)/i);
    expect(html).not.toContain('href="//');
    expect(html).toContain(
      '<a href="https://example.com" rel="nofollow noopener noreferrer">e</a>',
    );
    expect(html).toContain('<a href="mailto:a@b.c" rel="nofollow noopener noreferrer">f</a>');
    expect(html).toContain(' g h ');
    expect(html).not.toContain('href="../x.md"');
    expect(html).not.toContain('href="#top"');
  });

  it('renders no images, so a page never loads anything from elsewhere', () => {
    expect(markdown.render('![logo](https://cdn.example/logo.png)')).not.toContain('<img');
  });

  it('moves headings to the requested top level, never skipping a level or going past h6', () => {
    expect(markdown.render('# A\n\n## B\n\n#### C', { topHeadingLevel: 3 })).toBe(
      '<h3>A</h3>\n<h4>B</h4>\n<h5>C</h5>\n',
    );
    expect(
      markdown.render('# A\n\n## B\n\n### C\n\n#### D\n\n##### E', { topHeadingLevel: 3 }),
    ).toContain('<h6>E</h6>');
    const levels = { shift: 2, previous: 2 };
    expect(markdown.render('## B', { levels })).toBe('<h3>B</h3>\n');
    expect(levels.previous).toBe(3);
    expect(markdown.minHeadingLevel('text\n\n## B\n\n### C')).toBe(2);
    expect(markdown.minHeadingLevel('```\n# not a heading\n```')).toBeUndefined();
  });

  it('renders inline Markdown without a paragraph', () => {
    expect(markdown.renderInline('**Bold** <b>x</b> `{{code}}`')).toBe(
      '<strong>Bold</strong> &lt;b&gt;x&lt;/b&gt; <code>{{code}}</code>',
    );
  });

  it('gives the same HTML and moves the levels the same whether a text was rendered before or not', () => {
    const text = fc.constantFrom('# A', '## B\n\ntext', '### C', 'plain', '#### D\n\n## E', '');
    const call = fc.record({
      text,
      mode: fc.constantFrom('levels', 'top', 'none'),
      shift: fc.integer({ min: -2, max: 3 }),
      previous: fc.integer({ min: 1, max: 6 }),
    });
    fc.assert(
      fc.property(fc.array(call, { maxLength: 12 }), (calls) => {
        const cached = createMarkdownRenderer();
        for (const { text: markdown, mode, shift, previous } of calls) {
          const fresh = createMarkdownRenderer();
          const options = (levels: { shift: number; previous: number }) =>
            mode === 'levels' ? { levels } : mode === 'top' ? { topHeadingLevel: previous } : {};
          const a = { shift, previous };
          const b = { shift, previous };
          expect(cached.render(markdown, options(a))).toBe(fresh.render(markdown, options(b)));
          expect(a).toEqual(b);
        }
      }),
    );
  });
});
