import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, runCli } from './run-cli.js';
import { makeProject } from './temp-project.js';

const env = { SOURCE_DATE_EPOCH: '1767225600', CI: '1' };
const spec = (n: number) =>
  `# Feature Specification: Feature ${n}\n\n- **FR-001**: System MUST do thing ${n}.\n`;

/** `count` specs under specs/, and one with front matter that does not parse. */
function manySpecs(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let n = 1; n <= count; n++) files[`specs/${String(n).padStart(3, '0')}-f/spec.md`] = spec(n);
  files['specs/000-broken/spec.md'] = '---\ntitle: [unclosed\n---\n# Broken\n';
  return files;
}

async function plans(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(join(dir, 'specs'))) {
    out[name] = await readFile(join(dir, 'specs', name, 'plan.md'), 'utf8').catch(() => '(none)');
  }
  return out;
}

describe('specforge plan --jobs', () => {
  it('plans on threads exactly as in process: the same lines, summary, exit code and plans', async () => {
    const files = manySpecs(40);
    const inProcess = await makeProject(files);
    const threaded = await makeProject(files);
    const one = runCli(['plan', '--jobs', '1'], { cwd: inProcess.dir, env });
    const two = runCli(['plan', '-j', '3'], { cwd: threaded.dir, env });
    expect(two).toEqual(one);
    expect(one.status).toBe(2); // the broken spec
    expect(one.stdout).toContain('40 written, 0 up to date, 0 refused, 1 failed');
    expect(await plans(threaded.dir)).toEqual(await plans(inProcess.dir));

    const again = runCli(['plan', '-j', '2', '--json'], { cwd: threaded.dir, env });
    expect(JSON.parse(again.stdout).summary).toEqual({
      written: 0,
      upToDate: 40,
      refused: 0,
      failed: 1,
    });
  });

  it('refuses a --jobs that is not a whole number from 1 to 256', async () => {
    const project = await makeProject(manySpecs(2));
    for (const jobs of ['0', 'two', '257', '-1', '1.5']) {
      const result = runCli(['plan', `--jobs=${jobs}`], { cwd: project.dir, env });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('SPECFORGE_USAGE');
      expect(result.stderr).toContain('is not a number of jobs');
    }
    expect(await plans(project.dir)).toEqual({
      '000-broken': '(none)',
      '001-f': '(none)',
      '002-f': '(none)',
    });
  });
});

describe('specforge check --jobs', () => {
  it('checks on threads exactly as in process: the same report, in every format, and exit code', async () => {
    const files = manySpecs(30);
    // Findings of every kind: open clarifications, an edited plan, a stale plan, a task list.
    files['specs/001-f/spec.md'] += '\n[NEEDS CLARIFICATION: which users?]\n';
    files['specs/002-f/tasks.md'] = '# Tasks\n\n- [ ] T001 Do it\n- [ ] T001 Again\n';
    const project = await makeProject(files);
    runCli(['plan', '-j', '1'], { cwd: project.dir, env });
    await project.write('specs/003-f/spec.md', spec(3).replace('thing 3', 'thing three'));
    await project.write(
      'specs/004-f/plan.md',
      (await project.read('specs/004-f/plan.md')).replace('- Languages:', '- Languages: Go'),
    );
    for (const format of ['text', 'json', 'sarif']) {
      const one = runCli(['check', '--format', format, '--jobs', '1'], { cwd: project.dir, env });
      const three = runCli(['check', '--format', format, '-j', '3'], { cwd: project.dir, env });
      expect(three).toEqual(one);
      expect(one.status).toBe(1);
    }
    const report = JSON.parse(
      runCli(['check', 'specs', '--json', '-j', '2'], { cwd: project.dir, env }).stdout,
    );
    expect(report.files).toBe(62);
    const codes = new Set(report.findings.map((f: { code: string }) => f.code));
    for (const code of [
      'SPECFORGE_FRONT_MATTER_INVALID',
      'SPECFORGE_CHECK_CLARIFICATION_OPEN',
      'SPECFORGE_CHECK_PLAN_STALE',
    ]) {
      expect(codes).toContain(code);
    }
    expect(report.findings[0].file).toMatch(/^specs\//);
  });

  it('stops with the same coded error on threads as in process', async () => {
    const files = manySpecs(3);
    files['specforge.config.yaml'] = 'spec:\n  template: speckit/spce\n';
    const project = await makeProject(files);
    const one = runCli(['check', '-j', '1'], { cwd: project.dir, env });
    const two = runCli(['check', '-j', '2'], { cwd: project.dir, env });
    expect(two).toEqual(one);
    expect(one.status).toBe(2);
    expect(one.stderr).toContain('SPECFORGE_TEMPLATE_NOT_FOUND');
    expect(runCli(['check', '--jobs', 'many'], { cwd: project.dir, env }).stderr).toContain(
      'is not a number of jobs',
    );
  });
});

describe('a closed output pipe', () => {
  it('does not stop the command: every plan is still written, and the exit code is its own', async () => {
    const project = await makeProject(manySpecs(30));
    const child = spawn(process.execPath, [binPath, 'plan'], {
      cwd: project.dir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader goes away before the first line, as `| head -0` would.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(status).toBe(2); // the broken spec, as with an open pipe
    const written = Object.values(await plans(project.dir)).filter((p) => p !== '(none)');
    expect(written).toHaveLength(30);
  });
});
