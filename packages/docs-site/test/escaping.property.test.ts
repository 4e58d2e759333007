import { join } from 'node:path';
import { openProjectRegistry } from '@specforge/template-registry';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPages } from '../src/eleventy/render-pages.js';
import { buildPageViews } from '../src/pages/views.js';
import { createMarkdownRenderer } from '../src/render/markdown.js';
import { buildSiteModel } from '../src/site-model/build-site-model.js';
import { builtinExampleSpec } from '../src/site-model/example-spec.js';
import { findForeignMarkup } from '../src/test-utils/markup.js';
import { forkManifest, makeProject, readPages } from '../src/test-utils/temp-project.js';

// Pieces that are markup, or close to it, mixed with arbitrary text.
const pieces = fc.constantFrom(
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  '[x](javascript:alert(1))',
  '<!--',
  '-->',
  '</pre>',
  '</textarea><b>',
  '{{{x}}}',
  '&lt;script&gt;',
  '`<code>`',
  '\n',
  '\n\n',
);
const text = fc
  .array(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), pieces), { maxLength: 8 })
  .map((parts) => parts.join(''));
const line = text.map((value) => value.replace(/[\r\n]+/g, ' '));

// Keeps a paragraph on one line that cannot open a block (fence, comment, list, heading …), so
// that the overlay stays valid whatever the text; the full template takes the text as it is.
const paragraph = (value: string) =>
  value
    .replace(/[\r\n]+/g, ' ')
    .replace(/<!--|-->/g, '')
    .replace(/^[\s`~#=>*+\-|\d.]+/, '') || 'text';

describe('pages from arbitrary section titles and bodies', () => {
  it('never contain markup of the pack outside the markup the site writes', {
    timeout: 120_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(line, text, line, text, async (title, body, overlayTitle, overlayBody) => {
        const cwd = await makeProject({
          'specforge.config.yaml': 'packs:\n  - ./packs/team\n',
          'packs/team/package.json': forkManifest('team', { plan: 'plan.md', free: 'free.md' }),
          'packs/team/plan.md': `---\nextends: speckit/plan\n---\n<!-- specforge: insert after testing-strategy -->\n## ${overlayTitle}\n\n${paragraph(overlayBody)}\n`,
          'packs/team/free.md': `---\nid: free\nkind: other\n---\n# ${title}\n\n${body}\n\n## ${title}\n\n${body}\n`,
        });
        const registry = await openProjectRegistry({ cwd, cacheDir: join(cwd, '.cache') });
        const model = buildSiteModel({
          packs: registry.packs.filter((pack) => pack.name === 'team'),
          project: registry.project,
          example: builtinExampleSpec(),
          now: new Date('2026-01-31T00:00:00Z'),
        });
        const out = join(cwd, 'site');
        await renderPages(buildPageViews(model, createMarkdownRenderer(), '/'), out);
        for (const [page, html] of await readPages(out))
          expect(findForeignMarkup(html), page).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
