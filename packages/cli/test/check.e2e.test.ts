import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { makeProject } from './temp-project.js';

const env = { SOURCE_DATE_EPOCH: '1767225600' }; // 2026-01-01
/** A spec with every section the built-in speckit/spec template requires, and nothing open. */
const cleanSpec = [
  '# Feature Specification: Login',
  '',
  '## User Scenarios & Testing',
  '',
  '### User Story 1 - Log in (Priority: P1)',
  '',
  'A user logs in with a password.',
  '',
  '### Edge Cases',
  '',
  '- A wrong password is refused.',
  '',
  '## Requirements',
  '',
  '### Functional Requirements',
  '',
  '- **FR-001**: System MUST log users in.',
  '',
  '## Success Criteria',
  '',
  '### Measurable Outcomes',
  '',
  '- **SC-001**: Users log in within 5 seconds.',
  '',
  '## Assumptions',
  '',
  '- Users already have accounts.',
  '',
].join('\n');

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
      'spec.md': cleanSpec.replace(
        '- **FR-001**: System MUST log users in.\n',
        '- **FR-001**: System MUST log users in.\n- **FR-002**: Log out.\n- **FR-001**: Again.\n',
      ),
    });
    const result = runCli(['check', 'spec.md'], { cwd: project.dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      'spec.md:19:5 error SPECFORGE_CHECK_ID_DUPLICATE FR-001 is used again; it was first defined on line 17.\n' +
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
    expect(lines.every((line) => / error SPECFORGE_CHECK_(FILL_LEFT|UNTRACED) /.test(line))).toBe(
      true,
    );
    expect(lines[0]).toBe(
      'plan.md:3:13 error SPECFORGE_CHECK_FILL_LEFT A slot is still to be filled: <!-- fill: branch -->.',
    );
    expect(lines.filter((line) => line.endsWith(' <!-- fill: trace FR-001 -->.'))).not.toEqual([]);
    // FR-001 is named by no story, so no phase covers it.
    expect(lines).toContain(
      'plan.md:29:1 error SPECFORGE_CHECK_UNTRACED FR-001 (spec.md:17) is not referenced in the section implementation-phases.',
    );
    expect(result.stdout.endsWith(`${lines.length} errors, 0 warnings in 1 file\n`)).toBe(true);
  });

  it('warns that a plan is stale when its spec changed afterwards', async () => {
    const project = await makeProject({ 'specs/001/spec.md': cleanSpec });
    runCli(['plan', 'specs/001/spec.md'], { cwd: project.dir, env });
    const stale = (stdout: string) =>
      findingLines(stdout).filter((line) => line.includes(' warning '));
    expect(stale(runCli(['check', 'specs/001/plan.md'], { cwd: project.dir }).stdout)).toEqual([]);
    await project.write('specs/001/spec.md', `${cleanSpec}- **FR-002**: Log out.\n`);
    const result = runCli(['check', 'specs/001/plan.md'], { cwd: project.dir });
    expect(stale(result.stdout)).toEqual([
      expect.stringMatching(
        /^specs\/001\/plan\.md:\d+:1 warning SPECFORGE_CHECK_PLAN_STALE The plan is stale: the spec specs\/001\/spec\.md changed since it was generated\.$/,
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
    expect(
      findingLines(result.stdout).filter((line) => !line.includes('PLACEHOLDER_LEFT')),
    ).toEqual([
      'plan.md:1:1 error SPECFORGE_CHECK_SECTION_MISSING The section testing-strategy is missing; the template team/plan requires it.',
    ]);
  });

  it('prints findings, files and counts with --json', async () => {
    const project = await makeProject({
      'a/spec.md': cleanSpec,
      'b/spec.md': cleanSpec.replace(
        '- **SC-001**: Users log in within 5 seconds.',
        '- **SC-1**: Maybe [NEEDS CLARIFICATION: which?].',
      ),
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
            'SC-1 is not a well-formed id: the template speckit/spec writes SC ids as SC-\\d{3}[a-z]?.',
          file: 'b/spec.md',
          line: 23,
          column: 5,
          hint: "Renumber the id to the pattern (e.g. FR-001, FR-012a, SC-003, T001); the pattern is the template's idPatterns entry.",
        },
        {
          code: 'SPECFORGE_CHECK_CLARIFICATION_OPEN',
          severity: 'warning',
          message: 'An open question is still marked: [NEEDS CLARIFICATION: which?].',
          file: 'b/spec.md',
          line: 23,
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
      'specs/b/spec.md': cleanSpec.replace('- **SC-001**', '- **FR-001**'),
    });
    const result = runCli(['check', 'specs', '--json'], { cwd: project.dir });
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.files).toBe(2);
    expect(json.findings.map((f: { file: string; code: string }) => `${f.file} ${f.code}`)).toEqual(
      [
        'specs/a/spec.md SPECFORGE_FRONT_MATTER_INVALID',
        'specs/b/spec.md SPECFORGE_CHECK_ID_DUPLICATE',
      ],
    );
  });

  it('demands a section a team adds to the required sections of its fork of the plan template', async () => {
    const project = await makeProject({ 'spec.md': cleanSpec });
    expect(
      runCli(['template', 'fork', 'speckit/plan', '--as', 'team'], { cwd: project.dir }).status,
    ).toBe(0);
    await project.write(
      'specforge.config.yaml',
      'packs:\n  - ./packs/team\nplan:\n  template: team/plan\n',
    );
    const plan = '# Plan\n\n## Context\n\nAll of it.\n';
    await project.write('plan.md', plan);
    const missing = (stdout: string) =>
      findingLines(stdout).filter((line) => line.includes('SECTION_MISSING'));
    const before = missing(runCli(['check', 'plan.md'], { cwd: project.dir }).stdout);
    expect(before.some((line) => line.includes('security-review'))).toBe(false);

    await project.write(
      'packs/team/plan.md',
      '---\nextends: speckit/plan\nrequiredSections: [context, security-review]\nplaceholders: []\n---\n',
    );
    const result = runCli(['check', 'plan.md'], { cwd: project.dir });
    expect(result.status).toBe(1);
    expect(findingLines(result.stdout)).toEqual([
      'plan.md:1:1 error SPECFORGE_CHECK_SECTION_MISSING The section security-review is missing; the template team/plan requires it.',
    ]);
    await project.write('plan.md', `${plan}\n## Security Review\n\nDone by the security team.\n`);
    expect(runCli(['check', 'plan.md'], { cwd: project.dir })).toMatchObject({
      status: 0,
      stdout: '0 errors, 0 warnings in 1 file\n',
    });
  });

  it('checks a task list: task ids, stories no task covers, and tasks naming an unknown story', async () => {
    const project = await makeProject({
      'spec.md': cleanSpec,
      'tasks.md':
        '# Tasks\n\n- [ ] T001 Setup\n- [ ] T002 [P] [US2] Log out\n- [ ] T02 Tidy\n- [ ] T001 Again\n',
    });
    const result = runCli(['check', 'tasks.md'], { cwd: project.dir });
    expect(result.status).toBe(1);
    expect(
      findingLines(result.stdout).map((line) => line.split(' ').slice(0, 3).join(' ')),
    ).toEqual([
      'tasks.md:1:1 error SPECFORGE_CHECK_SECTION_MISSING',
      'tasks.md:1:1 error SPECFORGE_CHECK_SECTION_MISSING',
      'tasks.md:1:1 error SPECFORGE_CHECK_SECTION_MISSING',
      'tasks.md:1:1 error SPECFORGE_CHECK_SECTION_MISSING',
      'tasks.md:1:1 error SPECFORGE_CHECK_SECTION_MISSING',
      'tasks.md:1:1 error SPECFORGE_CHECK_UNTRACED',
      'tasks.md:4:17 error SPECFORGE_CHECK_REFERENCE_UNKNOWN',
      'tasks.md:5:7 error SPECFORGE_CHECK_ID_MALFORMED',
      'tasks.md:6:7 error SPECFORGE_CHECK_ID_DUPLICATE',
    ]);
    expect(result.stdout).toContain('US2 is referenced, but the spec spec.md defines no US2.');
    expect(result.stdout).toContain('US1 (spec.md:5) is not referenced anywhere in the document.');
  });

  it('applies the spec template the config names', async () => {
    const project = await makeProject({
      'specforge.config.yaml': 'packs:\n  - ./packs/team\nspec:\n  template: team/spec\n',
      'packs/team/package.json': JSON.stringify({
        name: 'team',
        version: '1.0.0',
        specforge: { templates: { spec: 'spec.md' } },
      }),
      'packs/team/spec.md':
        '---\nid: spec\nkind: spec\nrequiredSections: [goals]\nplaceholders: [TBD]\nidPatterns:\n  REQ: REQ-\\d{2}\n---\n# {{spec.title}}\n',
      'spec.md':
        '# Login\n\n## Goals\n\nTBD\n\n### Functional Requirements\n\n- **REQ-1**: Log in.\n',
    });
    const result = runCli(['check', 'spec.md', '--json'], { cwd: project.dir });
    expect(result.stderr).toBe('');
    expect(
      JSON.parse(result.stdout).findings.map(
        (f: { code: string; line: number }) => `${f.line} ${f.code}`,
      ),
    ).toEqual(['5 SPECFORGE_CHECK_PLACEHOLDER_LEFT', '9 SPECFORGE_CHECK_ID_MALFORMED']);
  });

  it('fails on warnings only with --strict', async () => {
    const project = await makeProject({
      'spec.md': cleanSpec.replace(
        'with a password.',
        'with [NEEDS CLARIFICATION: which factor?].',
      ),
    });
    expect(runCli(['check'], { cwd: project.dir }).status).toBe(0);
    const strict = runCli(['check', '--strict'], { cwd: project.dir });
    expect(strict.status).toBe(1);
    expect(strict.stdout).toBe(
      'spec.md:7:21 warning SPECFORGE_CHECK_CLARIFICATION_OPEN An open question is still marked: [NEEDS CLARIFICATION: which factor?].\n' +
        '0 errors, 1 warning in 1 file\n',
    );
  });

  it('prints a SARIF 2.1.0 log with --format sarif', async () => {
    const project = await makeProject({
      'specs/a b/spec.md': cleanSpec.replace('- **SC-001**', '- **SC-01**'),
    });
    const result = runCli(['check', '--format', 'sarif'], { cwd: project.dir });
    expect(result.status).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe('2.1.0');
    const [run] = log.runs;
    expect(run.tool.driver.name).toBe('specforge');
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual([
      'SPECFORGE_CHECK_ID_MALFORMED',
    ]);
    expect(run.results).toEqual([
      expect.objectContaining({
        ruleId: 'SPECFORGE_CHECK_ID_MALFORMED',
        level: 'error',
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'specs/a%20b/spec.md', uriBaseId: '%SRCROOT%' },
              region: { startLine: 23, startColumn: 5 },
            },
          },
        ],
      }),
    ]);
    expect(runCli(['check', '--format', 'xml'], { cwd: project.dir }).status).toBe(2);
  });
});
