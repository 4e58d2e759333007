import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { makeProject } from './temp-project.js';

const env = { SOURCE_DATE_EPOCH: '1767225600' };
const spec = '# Feature Specification: Login\n\n- **FR-001**: System MUST log users in.\n';

/** Every file under `dir`, recursively, as sorted relative paths. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath.slice(dir.length + 1)}/${entry.name}`.replace(/^\//, ''))
    .sort();
}

const template = (front: string, body: string) => `---\n${front}\n---\n${body}`;
const meta = 'id: plan\nkind: plan\ndescription: A test template.\noutput: plan.md';

interface BadInputCase {
  name: string;
  files: Record<string, string | Uint8Array>;
  args: string[];
  /** The whole of stderr, when it is fixed. */
  stderr?: string;
  /** The error code, when stderr is checked in parts. */
  code?: string;
  /** The `at` line, when checked as a pattern. */
  at?: RegExp;
}

describe('specforge plan with bad input', () => {
  it.each<BadInputCase>([
    {
      name: 'a spec that does not exist',
      files: {},
      args: ['plan', 'missing.md'],
      stderr: 'error SPECFORGE_SPEC_NOT_FOUND: The spec file missing.md does not exist.\n  at missing.md\n  hint: Check the path; it is resolved from the current directory.\n',
    },
    {
      name: 'a folder without a spec.md',
      files: { 'specs/a/notes.md': spec },
      args: ['plan', 'specs/a'],
      code: 'SPECFORGE_SPECS_NOT_FOUND',
      at: /^ {2}at specs\/a$/m,
    },
    {
      name: 'an empty spec',
      files: { 'spec.md': ' \n\n' },
      args: ['plan', 'spec.md'],
      stderr: 'error SPECFORGE_SPEC_EMPTY: The spec file spec.md is empty.\n  at spec.md\n  hint: Write the spec first (Spec Kit structure or free-form Markdown); an empty spec yields no plan.\n',
    },
    {
      name: 'a binary file',
      files: { 'spec.md': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]) },
      args: ['plan', 'spec.md'],
      stderr: 'error SPECFORGE_SPEC_BINARY: spec.md looks like a binary file (it contains NUL bytes), not a Markdown spec.\n  at spec.md\n  hint: Pass a Markdown (.md) spec file.\n',
    },
    {
      name: 'invalid YAML front matter',
      files: { 'spec.md': '---\ntitle: [unclosed\n---\n# Spec\n' },
      args: ['plan', 'spec.md'],
      code: 'SPECFORGE_FRONT_MATTER_INVALID',
      at: /^ {2}at spec\.md:\d+:\d+$/m,
    },
    {
      name: 'an unknown template',
      files: { 'spec.md': spec },
      args: ['plan', 'spec.md', '--template', 'speckit/plna'],
      stderr:
        'error SPECFORGE_TEMPLATE_NOT_FOUND: There is no template speckit/plna. Available: speckit/checklist, speckit/plan, speckit/plan-draft, speckit/spec, speckit/tasks, speckit/tasks-draft.\n' +
        '  hint: Did you mean speckit/plan?\n',
    },
    {
      name: 'a template with a syntax error',
      files: { 'spec.md': spec, 'broken.md': template(meta, '# Plan\n\n{{#if spec.title}}\nno close\n') },
      args: ['plan', 'spec.md', '--template', './broken.md'],
      code: 'SPECFORGE_TEMPLATE_SYNTAX',
      at: /^ {2}at broken\.md:\d+:\d+$/m,
    },
    {
      name: 'a template that uses an input nobody provides',
      files: { 'spec.md': spec, 'owner.md': template(meta, '# Plan\n\nOwner: {{owner}}\n') },
      args: ['plan', 'spec.md', '--template', './owner.md'],
      code: 'SPECFORGE_TEMPLATE_INPUT_MISSING',
      at: /^ {2}at owner\.md:9:\d+$/m,
    },
    {
      name: 'a template whose required input is missing',
      files: {
        'spec.md': spec,
        'req.md': template(`${meta}\ninputs:\n  owner:\n    required: true\n    description: The owning team.`, '# Plan {{owner}}\n'),
      },
      args: ['plan', 'spec.md', '--template', './req.md'],
      code: 'SPECFORGE_TEMPLATE_INPUT_MISSING',
      at: /^ {2}at req\.md/m,
    },
    {
      name: 'an output path that is a directory',
      files: { 'spec.md': spec, 'out/keep.md': 'x' },
      args: ['plan', 'spec.md', '--out', 'out'],
      stderr: 'error SPECFORGE_OUTPUT_IS_DIRECTORY: The output path out is a directory.\n  at out\n  hint: Pass a file path to --out, e.g. --out plan.md.\n',
    },
    {
      name: '--stdout combined with --out',
      files: { 'spec.md': spec },
      args: ['plan', 'spec.md', '--stdout', '--out', 'x.md'],
      stderr: 'error SPECFORGE_USAGE: --stdout cannot be combined with --out.\n  hint: Run `specforge --help` for usage.\n',
    },
  ])('exits 2 with a coded error and writes nothing for $name', async ({ files, args, stderr, code, at }) => {
    const project = await makeProject(files);
    const before = await tree(project.dir);
    const result = runCli(args, { cwd: project.dir, env });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    if (stderr !== undefined) expect(result.stderr).toBe(stderr);
    if (code !== undefined) {
      expect(result.stderr).toMatch(new RegExp(`^error ${code}: `));
      expect(result.stderr).toMatch(/\n {2}hint: .+\n$/);
    }
    if (at !== undefined) expect(result.stderr).toMatch(at);
    expect(await tree(project.dir)).toEqual(before);
  });

  it('exits 2 on an unknown flag', async () => {
    const project = await makeProject({ 'spec.md': spec });
    const result = runCli(['plan', 'spec.md', '--frobnicate'], { cwd: project.dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("error: unknown option '--frobnicate'\n");
  });

  it('exits 2 when no spec is given and the project has none under specs/', async () => {
    const project = await makeProject();
    const result = runCli(['plan'], { cwd: project.dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error SPECFORGE_SPECS_NOT_FOUND: No spec matches specs\/\*\*\/spec\.md; nothing was done\.\n/);
  });

  it('prints the error as JSON on stdout with --json', async () => {
    const project = await makeProject();
    const result = runCli(['plan', 'missing.md', '--json'], { cwd: project.dir });
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        code: 'SPECFORGE_SPEC_NOT_FOUND',
        message: 'The spec file missing.md does not exist.',
        hint: 'Check the path; it is resolved from the current directory.',
        location: { file: 'missing.md' },
      },
    });
  });

  it('warns with line and column for each byte that is not UTF-8 and keeps U+FFFD in the plan', async () => {
    const bytes = Buffer.concat([Buffer.from('# Spec\n\nit'), Buffer.from([0x92]), Buffer.from('s done\n')]);
    const project = await makeProject({ 'spec.md': bytes });
    const result = runCli(['plan', 'spec.md'], { cwd: project.dir, env });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'warning SPECFORGE_SPEC_INVALID_UTF8: The spec has bytes that are not valid UTF-8 (92); the plan shows U+FFFD (�) in their place.\n  at spec.md:3:3\n',
    );
    expect(await project.read('plan.md')).toContain('it\uFFFDs done\n');
  });

  it('drops a UTF-8 byte-order mark from the text it inserts', async () => {
    const project = await makeProject({ 'spec.md': `\uFEFF${spec}` });
    expect(runCli(['plan', 'spec.md'], { cwd: project.dir, env }).status).toBe(0);
    const plan = await project.read('plan.md');
    expect(plan).not.toContain('\uFEFF');
    expect(plan).toContain(`\`\`\`\n${spec}\`\`\``);
  });
});
