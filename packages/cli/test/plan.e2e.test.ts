import { cpSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readdir, stat } from 'node:fs/promises';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { makeProject } from './temp-project.js';

const exampleSpec = readFileSync(new URL('../../../examples/acme-shop/specs/042-checkout/spec.md', import.meta.url), 'utf8');
const env = { SOURCE_DATE_EPOCH: '1767225600' }; // 2026-01-01
const smallSpec = '# Feature Specification: Login\n\n## Requirements\n\n- **FR-001**: System MUST log users in.\n';

/** The content of every top-level fenced code block in a Markdown document. */
function codeBlocks(markdown: string): string[] {
  return new MarkdownIt()
    .parse(markdown, {})
    .filter((token) => token.type === 'fence' && token.level === 0)
    .map((token) => token.content);
}

describe('specforge plan on the bundled example project', () => {
  it("plans through the team's fork with the spec verbatim in one code block", async () => {
    const project = await makeProject();
    cpSync(fileURLToPath(new URL('../../../examples/acme-shop', import.meta.url)), project.dir, {
      recursive: true,
      filter: (source) => !source.endsWith('plan.md') || source.includes('/packs/'),
    });
    const result = runCli(['plan', 'specs/042-checkout/spec.md', '--frozen'], { cwd: project.dir, env });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^wrote specs\/042-checkout\/plan\.md \(acme\/plan, \d+ bytes\)\n$/);
    const plan = await project.read('specs/042-checkout/plan.md');
    expect(codeBlocks(plan).filter((block) => block === exampleSpec)).toHaveLength(1);
    expect(plan).toContain('template: "acme@1.2.0#plan"');
    expect(plan).toContain('## Security Review');
    expect(plan).not.toContain('## Deployment');
  });
});

describe('specforge plan', () => {
  it('finds a template file named in the config from the project root, and one named by --template from the current folder', async () => {
    const template = (title: string) => `---\nid: mine\nkind: plan\n---\n# ${title}: {{spec.title}}\n`;
    const project = await makeProject({
      'specforge.config.yaml': 'plan:\n  template: ./templates/mine.md\n',
      'templates/mine.md': template('Root template'),
      'specs/001/spec.md': smallSpec,
      'specs/001/templates/mine.md': template('Local template'),
    });
    const fromSpecFolder = { cwd: project.path('specs/001'), env };
    expect(runCli(['plan', 'spec.md', '--stdout'], fromSpecFolder).stdout).toContain('# Root template: Login');
    expect(
      runCli(['plan', 'spec.md', '--stdout', '-t', './templates/mine.md'], fromSpecFolder).stdout,
    ).toContain('# Local template: Login');
  });

  it('writes plan.md beside the spec with the spec verbatim inside one code block', async () => {
    const project = await makeProject({ 'specs/042-checkout/spec.md': exampleSpec });
    const result = runCli(['plan', 'specs/042-checkout/spec.md'], { cwd: project.dir, env });
    const plan = await project.read('specs/042-checkout/plan.md');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`wrote specs/042-checkout/plan.md (speckit/plan, ${Buffer.byteLength(plan)} bytes)\n`);
    expect(codeBlocks(plan).filter((block) => block === exampleSpec)).toHaveLength(1);
    expect(plan.startsWith('# Implementation Plan Template\n')).toBe(true);
    expect(plan).toContain('<!-- specforge:provenance\ntemplate: "speckit@1.0.0#plan"\n');
    expect(plan).toContain('spec: "specs/042-checkout/spec.md"\n');
  });

  it('reports up to date and writes nothing when spec and template are unchanged', async () => {
    const project = await makeProject({ 'spec.md': smallSpec });
    expect(runCli(['plan', 'spec.md'], { cwd: project.dir, env }).status).toBe(0);
    const before = await stat(project.path('plan.md'));
    const again = runCli(['plan', 'spec.md'], { cwd: project.dir, env });
    expect(again).toEqual({ stdout: 'up to date: plan.md\n', stderr: '', status: 0 });
    expect((await stat(project.path('plan.md'))).mtimeMs).toBe(before.mtimeMs);
  });

  it('regenerates the plan when the spec changed and the plan was not edited', async () => {
    const project = await makeProject({ 'spec.md': smallSpec });
    runCli(['plan', 'spec.md'], { cwd: project.dir, env });
    await project.write('spec.md', `${smallSpec}- **FR-002**: System MUST log users out.\n`);
    const result = runCli(['plan', 'spec.md'], { cwd: project.dir, env });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^wrote plan\.md /);
    expect(await project.read('plan.md')).toContain('FR-002');
  });

  it('refuses to overwrite a plan edited by hand and leaves it untouched', async () => {
    const project = await makeProject({ 'spec.md': smallSpec });
    runCli(['plan', 'spec.md'], { cwd: project.dir, env });
    const edited = (await project.read('plan.md')).replace('- Languages:', '- Languages: TypeScript 5.9');
    await project.write('plan.md', edited);
    await project.write('spec.md', `${smallSpec}\nMore.\n`);
    const result = runCli(['plan', 'spec.md'], { cwd: project.dir, env });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'error SPECFORGE_PLAN_EDITED: plan.md was edited by hand since specforge generated it; it was left untouched.\n' +
        '  at plan.md\n' +
        '  hint: See what regenerating would change with `specforge plan <spec> --dry-run` (prints the diff); pass --force to overwrite your edits.\n',
    );
    expect(await project.read('plan.md')).toBe(edited);
  });

  it('shows the diff of an edited plan with --dry-run and still writes nothing', async () => {
    const project = await makeProject({ 'spec.md': smallSpec });
    runCli(['plan', 'spec.md'], { cwd: project.dir, env });
    const edited = (await project.read('plan.md')).replace('- Languages:', '- Languages: Go');
    await project.write('plan.md', edited);
    const result = runCli(['plan', 'spec.md', '--dry-run'], { cwd: project.dir, env });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^would refuse plan\.md: edited by hand since it was generated\n/);
    expect(result.stdout).toContain('\n-- Languages: Go\n+- Languages:\n');
    expect(result.stderr).toMatch(/^error SPECFORGE_PLAN_EDITED: /);
    expect(await project.read('plan.md')).toBe(edited);
  });

  it('overwrites an edited plan with --force', async () => {
    const project = await makeProject({ 'spec.md': smallSpec });
    runCli(['plan', 'spec.md'], { cwd: project.dir, env });
    const original = await project.read('plan.md');
    await project.write('plan.md', original.replace('- Languages:', '- Languages: Go'));
    const result = runCli(['plan', 'spec.md', '--force'], { cwd: project.dir, env });
    expect(result.status).toBe(0);
    expect(await project.read('plan.md')).toBe(original);
  });

  it('refuses to replace an existing file that specforge did not generate', async () => {
    const project = await makeProject({ 'spec.md': smallSpec, 'plan.md': '# My own plan\n' });
    const result = runCli(['plan', 'spec.md'], { cwd: project.dir, env });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error SPECFORGE_OUTPUT_EXISTS: plan\.md exists and was not generated by specforge/);
    expect(await project.read('plan.md')).toBe('# My own plan\n');
  });

  it('prints the documented JSON shape with --json', async () => {
    const project = await makeProject({ 'specs/a/spec.md': smallSpec });
    const result = runCli(['plan', 'specs/a/spec.md', '--json'], { cwd: project.dir, env });
    const plan = await project.read('specs/a/plan.md');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      spec: 'specs/a/spec.md',
      template: 'speckit@1.0.0#plan',
      output: 'specs/a/plan.md',
      written: true,
      bytes: Buffer.byteLength(plan),
      status: 'create',
      warnings: [],
    });
  });

  it('prints the plan and writes nothing with --stdout', async () => {
    const project = await makeProject({ 'spec.md': smallSpec });
    const result = runCli(['plan', 'spec.md', '--stdout'], { cwd: project.dir, env });
    expect(result.status).toBe(0);
    expect(codeBlocks(result.stdout)).toContain(smallSpec);
    expect(await readdir(project.dir)).toEqual(['.git', 'spec.md']);
  });

  it('says what it would write with --dry-run and writes nothing', async () => {
    const project = await makeProject({ 'spec.md': smallSpec });
    const result = runCli(['plan', 'spec.md', '--dry-run'], { cwd: project.dir, env });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^would create plan\.md\nIndex: plan\.md\n===================================================================\n--- plan\.md\tcurrent\n\+\+\+ plan\.md\tgenerated\n/);
    expect(await readdir(project.dir)).toEqual(['.git', 'spec.md']);
  });

  it('writes to --out, creating missing directories', async () => {
    const project = await makeProject({ 'spec.md': smallSpec });
    const result = runCli(['plan', 'spec.md', '--out', 'docs/plans/login.md'], { cwd: project.dir, env });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^wrote docs\/plans\/login\.md /);
    expect(codeBlocks(await project.read('docs/plans/login.md'))).toContain(smallSpec);
  });

  it('renders the same bytes on every run for the same inputs', async () => {
    const project = await makeProject({ 'spec.md': exampleSpec });
    const first = runCli(['plan', 'spec.md', '--stdout'], { cwd: project.dir, env });
    const second = runCli(['plan', 'spec.md', '--stdout'], { cwd: project.dir, env });
    expect(first.stdout).toBe(second.stdout);
  });

  it('keeps a spec full of fences, braces, HTML, tabs and non-ASCII text byte for byte', async () => {
    const hostile = [
      '# Feature Specification: Tricky `{{ }}` & <script>alert(1)</script>',
      '',
      '````markdown',
      '```js',
      "console.log('{{SPECIFICATION}}')",
      '```',
      '````',
      '',
      '\tTabbed line with ümlauts, 日本語, emoji 🎯 and a trailing backslash \\',
      '~~~',
      '{{#each x}}{{/each}} {{> partial}} {{constructor.constructor}}',
      '',
    ].join('\n');
    const project = await makeProject({ 'spec.md': hostile });
    const result = runCli(['plan', 'spec.md'], { cwd: project.dir, env });
    expect(result.status).toBe(0);
    const plan = await project.read('plan.md');
    expect(codeBlocks(plan).filter((block) => block === hostile)).toHaveLength(1);
  });

  it('keeps CRLF line endings of the spec inside the plan', async () => {
    const crlf = '# Feature Specification: Windows\r\n\r\n## Requirements\r\n\r\n- **FR-001**: It works.\r\n';
    const project = await makeProject({ 'spec.md': crlf });
    expect(runCli(['plan', 'spec.md'], { cwd: project.dir, env }).status).toBe(0);
    expect(await project.read('plan.md')).toContain(`\n${crlf}\`\`\`\n`);
  });
});
