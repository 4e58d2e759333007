import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { makeProject } from './temp-project.js';

const env = { SOURCE_DATE_EPOCH: '1767225600' }; // 2026-01-01
const cleanSpec =
  '# Feature Specification: Login\n\n## Requirements\n\n- **FR-001**: System MUST log users in.\n';

/** Only the finding lines of a text report (not the summary). */
function findingLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => /^\S+:\d+:\d+ /.test(line));
}

describe('specforge check', () => {
  it('exits 0 with an empty report for a clean spec', async () => {
    const project = await makeProject({ 'specs/001/spec.md': cleanSpec });
    const result = runCli(['check'], { cwd: project.dir });
    expect(result).toEqual({ stdout: '0 errors, 0 warnings in 1 file\n', stderr: '', status: 0 });
  });

  it('exits 1 and points at the second definition of a duplicate FR id', async () => {
    const project = await makeProject({
      'spec.md': `${cleanSpec}- **FR-002**: Log out.\n- **FR-001**: Again.\n`,
    });
    const result = runCli(['check', 'spec.md'], { cwd: project.dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      'spec.md:7:5 error SPECFORGE_CHECK_ID_DUPLICATE FR-001 is used again; it was first defined on line 5.\n' +
        '1 error, 0 warnings in 1 file\n',
    );
  });

  it('lists the fill slots a plan drafted with speckit/plan-draft still has', async () => {
    const project = await makeProject({ 'spec.md': cleanSpec });
    expect(
      runCli(['plan', 'spec.md', '-t', 'speckit/plan-draft'], { cwd: project.dir, env }).status,
    ).toBe(0);
    const result = runCli(['check', 'plan.md'], { cwd: project.dir });
    expect(result.status).toBe(1);
    const lines = findingLines(result.stdout);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.every((line) => line.includes(' error SPECFORGE_CHECK_FILL_LEFT '))).toBe(true);
    expect(lines[0]).toBe(
      'plan.md:3:13 error SPECFORGE_CHECK_FILL_LEFT A slot is still to be filled: <!-- fill: branch -->.',
    );
    expect(lines.filter((line) => line.endsWith(' <!-- fill: trace FR-001 -->.'))).not.toEqual([]);
    expect(result.stdout.endsWith(`${lines.length} errors, 0 warnings in 1 file\n`)).toBe(true);
  });

  it('warns that a plan is stale when its spec changed afterwards', async () => {
    const project = await makeProject({ 'specs/001/spec.md': cleanSpec });
    runCli(['plan', 'specs/001/spec.md'], { cwd: project.dir, env });
    expect(runCli(['check', 'specs/001/plan.md'], { cwd: project.dir }).stdout).toBe(
      '0 errors, 0 warnings in 1 file\n',
    );
    await project.write('specs/001/spec.md', `${cleanSpec}- **FR-002**: Log out.\n`);
    const result = runCli(['check', 'specs/001/plan.md'], { cwd: project.dir });
    expect(result.status).toBe(0);
    expect(findingLines(result.stdout)).toEqual([
      expect.stringMatching(
        /^specs\/001\/plan\.md:\d+:1 warning SPECFORGE_CHECK_PLAN_STALE The plan is stale: the spec specs\/001\/spec\.md changed since the plan was generated\.$/,
      ),
    ]);
  });

  it('lists a required section a plan from a forked template lacks', async () => {
    const project = await makeProject({ 'spec.md': cleanSpec });
    expect(
      runCli(['template', 'fork', 'speckit/plan', '--as', 'team'], { cwd: project.dir }).status,
    ).toBe(0);
    expect(runCli(['plan', 'spec.md', '-t', 'team/plan'], { cwd: project.dir, env }).status).toBe(
      0,
    );
    const plan = await project.read('plan.md');
    expect(plan).toContain('template: "team@0.1.0#plan"');
    // Drop the Testing Strategy section by hand, provenance kept.
    await project.write('plan.md', plan.replace(/## Testing Strategy\n[\s\S]*?(?=## )/, ''));
    const result = runCli(['check', 'plan.md'], { cwd: project.dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      'plan.md:1:1 error SPECFORGE_CHECK_SECTION_MISSING The section testing-strategy is missing; the template team/plan requires it.\n' +
        '1 error, 0 warnings in 1 file\n',
    );
  });

  it('prints findings, files and counts with --json', async () => {
    const project = await makeProject({
      'a/spec.md': cleanSpec,
      'b/spec.md': '# Login\n\n- **FR-1**: Maybe [NEEDS CLARIFICATION: which?].\n',
      'node_modules/x/spec.md': '- **FR-1**: ignored\n',
      '.hidden/spec.md': '- **FR-1**: ignored\n',
    });
    const result = runCli(['check', '--json'], { cwd: project.dir });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      findings: [
        {
          code: 'SPECFORGE_CHECK_ID_MALFORMED',
          severity: 'error',
          message:
            'FR-1 is not a well-formed id: FR and SC ids have three digits and an optional lower-case letter.',
          file: 'b/spec.md',
          line: 3,
          column: 5,
          hint: 'Write ids as FR-001, FR-012a, SC-003 (the pattern ^(FR|SC)-\\d{3}[a-z]?$).',
        },
        {
          code: 'SPECFORGE_CHECK_CLARIFICATION_OPEN',
          severity: 'warning',
          message: 'An open question is still marked: [NEEDS CLARIFICATION: which?].',
          file: 'b/spec.md',
          line: 3,
          column: 19,
          hint: 'Answer the question in the spec (e.g. in a Clarifications session) and replace the marker with the decision.',
        },
      ],
      files: 2,
      errors: 1,
      warnings: 1,
    });
  });

  it('exits 2 when a path does not exist', async () => {
    const project = await makeProject();
    const result = runCli(['check', 'missing.md'], { cwd: project.dir });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'error SPECFORGE_CHECK_PATH_NOT_FOUND: missing.md does not exist; nothing was checked.',
    );
  });

  it('reports a spec with invalid front matter as a finding and checks the other files', async () => {
    const project = await makeProject({
      'specs/a/spec.md': '---\ntitle: [unclosed\n---\n# Feature Specification: A\n',
      'specs/b/spec.md': '# Feature Specification: B\n\n- **FR-001**: One.\n- **FR-001**: Two.\n',
    });
    const result = runCli(['check', 'specs', '--json'], { cwd: project.dir });
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.files).toBe(2);
    expect(json.findings.map((f: { file: string; code: string }) => `${f.file} ${f.code}`)).toEqual([
      'specs/a/spec.md SPECFORGE_FRONT_MATTER_INVALID',
      'specs/b/spec.md SPECFORGE_CHECK_ID_DUPLICATE',
    ]);
  });
});
