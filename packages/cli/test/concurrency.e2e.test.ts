import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { binPath, runCli } from './run-cli.js';
import { makeProject } from './temp-project.js';

const env = { SOURCE_DATE_EPOCH: '1767225600', CI: '1' };
const spec = '# Feature Specification: Pay\n\n- **FR-001**: System MUST take payments.\n';

/** Runs the CLI without waiting, so that several run at once. */
function start(args: string[], cwd: string): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(process.execPath, [binPath, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((done) => child.once('close', (status) => done({ status, stderr })));
}

/** Every file of the project except the specs, with its text: what the runs may write. */
async function written(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = `${entry.parentPath}/${entry.name}`.slice(dir.length + 1);
    out[path] = await readFile(`${dir}/${path}`, 'utf8');
  }
  return out;
}

describe('specforge processes writing one project at once', () => {
  it('never leave a corrupt plan or lock: each waits for the other, and the result is what one run writes', async () => {
    const project = await makeProject({ 'specs/001-pay/spec.md': spec });
    // A team fork in the project, so that plan also writes specforge.lock.
    expect(
      runCli(['template', 'fork', 'speckit', '--as', 'acme'], { cwd: project.dir, env }).status,
    ).toBe(0);
    const config = await readFile(project.path('specforge.config.yaml'), 'utf8');
    await writeFile(
      project.path('specforge.config.yaml'),
      `${config}plan:\n  template: acme/plan\n`,
    );
    expect(runCli(['plan', 'specs/001-pay/spec.md'], { cwd: project.dir, env }).status).toBe(0);
    const reference = await written(project.dir);
    expect(Object.keys(reference)).toEqual(
      expect.arrayContaining(['specs/001-pay/plan.md', 'specforge.lock']),
    );

    for (let round = 0; round < 3; round++) {
      const runs = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          start(
            i % 2 ? ['plan', 'specs/001-pay/spec.md', '--force'] : ['plan', '--force'],
            project.dir,
          ),
        ),
      );
      expect(runs, JSON.stringify(runs)).toEqual(runs.map(() => ({ status: 0, stderr: '' })));
      // Same files, same bytes: no half-written plan or lock, no lock file or temp file left.
      expect(await written(project.dir)).toEqual(reference);
    }
  }, 120_000);
});
