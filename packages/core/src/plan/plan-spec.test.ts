import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { isSpecforgeError } from '../errors/specforge-error.js';
import { MemoryFileSystem } from '../fs/memory-file-system.js';
import { parseTemplateFile } from '../template/parse-template-file.js';
import { applyPlanChange, planSpec } from './plan-spec.js';
import { readProvenance } from './provenance.js';

const now = new Date('2026-03-04T05:06:07Z');
const template = parseTemplateFile(
  [
    '---',
    'id: plan',
    'kind: plan',
    'description: A small plan.',
    'inputs:',
    '  owner:',
    '    required: false',
    '    description: The owning team.',
    '---',
    '# Plan: {{spec.title}} ({{project.name}}, {{today}}, {{template.ref}}, owner {{default owner "nobody"}})',
    '',
    '{{fence SPECIFICATION}}',
    '',
  ].join('\n'),
  { file: 'plan.md', pack: { name: 'test', version: '2.1.0' } },
);
const specText = '---\nid: 42\n---\n# Feature Specification: Cart\n\n```\ncode\n```\n';

function project(files: Record<string, string | Uint8Array> = {}) {
  return new MemoryFileSystem({ '/p/.git/HEAD': 'x', '/p/specs/042/spec.md': specText, ...files });
}

describe('planSpec', () => {
  it('renders the spec, with its front matter, into one code block and attaches provenance', async () => {
    const fs = project({ '/p/specforge.config.yaml': 'name: Shop\nvars:\n  owner: team-cart\n' });
    const change = await planSpec({ spec: 'specs/042/spec.md', template, cwd: '/p', fs, now });
    expect(change).toMatchObject({
      spec: 'specs/042/spec.md',
      template: 'test/plan',
      templateId: 'test@2.1.0#plan',
      output: '/p/specs/042/plan.md',
      status: 'create',
      previous: undefined,
      warnings: [],
      refusal: undefined,
    });
    const { content, provenance, pristine } = readProvenance(change.text);
    expect(content).toBe(
      `# Plan: Cart (Shop, 2026-03-04, test/plan, owner team-cart)\n\n\`\`\`\`\n${specText}\`\`\`\`\n`,
    );
    expect(pristine).toBe(true);
    expect(provenance).toMatchObject({ template: 'test@2.1.0#plan', spec: 'specs/042/spec.md' });
    const fences = new MarkdownIt().parse(content, {}).filter((t) => t.type === 'fence');
    expect(fences.map((t) => t.content)).toEqual([specText]);
    expect(fs.files.has('/p/specs/042/plan.md')).toBe(false);
  });

  it('writes through applyPlanChange and is then up to date', async () => {
    const fs = project();
    const first = await planSpec({ spec: 'specs/042/spec.md', template, cwd: '/p', fs, now });
    expect(await applyPlanChange(first, fs)).toBe(true);
    expect(fs.text('/p/specs/042/plan.md')).toBe(first.text);
    // Another cwd and another day: the same project path and hashes, so nothing to do.
    const second = await planSpec({
      spec: '042/spec.md',
      template,
      cwd: '/p/specs',
      fs,
      now: new Date('2027-01-01'),
    });
    expect(second.status).toBe('up-to-date');
    expect(await applyPlanChange(second, fs)).toBe(false);
  });

  it('updates a pristine plan when the template changed', async () => {
    const fs = project();
    await applyPlanChange(
      await planSpec({ spec: 'specs/042/spec.md', template, cwd: '/p', fs, now }),
      fs,
    );
    const changed = { ...template, body: `${template.body}\nMore.\n` };
    const change = await planSpec({
      spec: 'specs/042/spec.md',
      template: changed,
      cwd: '/p',
      fs,
      now,
    });
    expect(change.status).toBe('update');
    expect(readProvenance(change.text).content).toContain('\nMore.\n');
  });

  it('refuses an edited plan unless forced', async () => {
    const fs = project();
    const first = await planSpec({ spec: 'specs/042/spec.md', template, cwd: '/p', fs, now });
    fs.put('/p/specs/042/plan.md', first.text.replace('# Plan', '# Our plan'));
    const refused = await planSpec({ spec: 'specs/042/spec.md', template, cwd: '/p', fs, now });
    expect(refused.status).toBe('edited');
    expect(isSpecforgeError(refused.refusal, 'SPECFORGE_PLAN_EDITED')).toBe(true);
    expect(await applyPlanChange(refused, fs)).toBe(false);
    const forced = await planSpec({
      spec: 'specs/042/spec.md',
      template,
      cwd: '/p',
      fs,
      now,
      force: true,
    });
    expect(forced.status).toBe('update');
  });

  it('refuses a file it did not generate', async () => {
    const fs = project({ '/p/specs/042/plan.md': '# Mine\n' });
    const change = await planSpec({ spec: 'specs/042/spec.md', template, cwd: '/p', fs, now });
    expect(change.status).toBe('foreign');
    expect(isSpecforgeError(change.refusal, 'SPECFORGE_OUTPUT_EXISTS')).toBe(true);
  });

  it('warns about bytes that are not UTF-8 and hashes the original bytes', async () => {
    const bytes = Uint8Array.from([
      ...new TextEncoder().encode('# T\n\nit'),
      0x92,
      ...new TextEncoder().encode('s\n'),
    ]);
    const fs = project({ '/p/spec.md': bytes });
    const change = await planSpec({ spec: 'spec.md', template, cwd: '/p', fs, now });
    expect(change.warnings).toEqual([
      expect.objectContaining({
        code: 'SPECFORGE_SPEC_INVALID_UTF8',
        location: { file: 'spec.md', line: 3, column: 3 },
      }),
    ]);
    expect(change.text).toContain('it\uFFFDs\n');
  });

  it('resolves --out against cwd and writes into missing directories', async () => {
    const fs = project();
    const change = await planSpec({
      spec: 'specs/042/spec.md',
      template,
      cwd: '/p',
      fs,
      now,
      out: 'docs/plans/cart.md',
    });
    expect(change.output).toBe('/p/docs/plans/cart.md');
    await applyPlanChange(change, fs);
    expect(fs.text('/p/docs/plans/cart.md')).toBe(change.text);
  });
});
