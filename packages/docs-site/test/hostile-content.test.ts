import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../src/build-site.js';
import { findForeignMarkup } from '../src/test-utils/markup.js';
import { forkManifest, makeProject, readPages } from '../src/test-utils/temp-project.js';

const script = '<script>alert(1)</script>';
const img = '"><img src=x onerror=alert(1)>';

// A pack whose every string tries to become markup: its description, a template's description,
// inputs, placeholders, section titles and bodies, links, and a body that does not even compile.
const hostileProject = {
  'specforge.config.yaml': `name: "${script}"\npacks:\n  - ./packs/evil\n`,
  'packs/evil/package.json': forkManifest(
    'evil',
    { plan: 'plan.md', x: 'x.md' },
    { description: `${script} ${img}` },
  ),
  'packs/evil/plan.md': `---
extends: speckit/plan
description: '${script} ${img}'
inputs:
  audience:
    required: true
    description: '${img}'
---
<!-- specforge: replace technical-approach/technology-stack -->
### ${script}

${script}
<img src=x onerror=alert(1)>
[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)
"><svg onload=alert(1)>

<!-- specforge: insert after testing-strategy -->
## Evil <img src=x onerror=alert(1)> "onmouseover="alert(1)

<iframe src="https://evil.example"></iframe>
`,
  'packs/evil/x.md': `---
id: x
kind: other
description: '${script}'
placeholders:
  - '${img}'
inputs:
  payload:
    description: '${img}'
---
# ${script}

## <b onclick=alert(1)>Bold</b>

{{#if <script>alert(1)</script>}}
`,
};

describe('buildSite with hostile pack content', () => {
  it('escapes every string from packs: no element, handler or script URL of theirs reaches a page', async () => {
    const cwd = await makeProject(hostileProject);
    const out = join(cwd, 'site');
    await buildSite({
      cwd,
      out,
      cacheDir: join(cwd, '.cache'),
      now: new Date('2026-01-31T00:00:00Z'),
    });
    const pages = await readPages(out);
    expect(pages.size).toBe(15);
    for (const [page, html] of pages) expect(findForeignMarkup(html), page).toEqual([]);

    const home = pages.get('index.html')!;
    expect(home).toContain(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</p>',
    );
    const plan = pages.get('templates/evil/plan/index.html')!;
    expect(plan).toContain('&lt;script&gt;alert(1)&lt;/script&gt;</h5>');
    expect(plan).toContain(
      '<td><code>audience</code></td><td>yes</td><td>&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</td>',
    );
    expect(plan).toContain('<ins>+ &lt;script&gt;alert(1)&lt;/script&gt;</ins>');
    expect(plan).toContain('[click](javascript:alert(1))');
    // The required input the project does not set: the example says so instead of failing.
    expect(plan).toMatch(
      /<p class="error" role="status">This template does not render: [^<]*audience/,
    );
    const x = pages.get('templates/evil/x/index.html')!;
    expect(x).toMatch(
      /<p class="error" role="status">This template does not render: The template has a syntax error[^<]* \(x\.md:15:7\)<\/p>/,
    );
    expect(x).toContain(
      '<li><code>&quot;&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</code></li>',
    );
  });
});
