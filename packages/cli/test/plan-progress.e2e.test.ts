import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binPath } from './run-cli.js';
import { makeProject } from './temp-project.js';

// util-linux `script` runs a command on a pseudo-terminal, the only way to be a TTY in a test.
const script = '/usr/bin/script';
const spec = (title: string) => `# Feature Specification: ${title}\n\n- **FR-001**: Do it.\n`;

describe.skipIf(!existsSync(script))('specforge plan on a terminal', () => {
  it('draws a progress bar redrawn in place, then clears it for the summary', async () => {
    const project = await makeProject({
      'specs/001-a/spec.md': spec('A'),
      'specs/002-b/spec.md': spec('B'),
      'specs/003-c/spec.md': spec('C'),
    });
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(binPath)} plan`;
    const result = spawnSync(script, ['-qec', command, '/dev/null'], {
      cwd: project.dir,
      encoding: 'utf8',
      env: { ...process.env, CI: '', TERM: 'xterm', COLUMNS: '100', NO_COLOR: '1', SOURCE_DATE_EPOCH: '1767225600' },
    });
    expect(result.status).toBe(0);
    const out = result.stdout.replaceAll('\r\n', '\n');
    // The bar: drawn at the start of a cleared line, with the count and the file at hand.
    expect(out).toMatch(/\r\x1b\[K\[#*-*\] [0-3]\/3/);
    // No per-file lines on a terminal; the summary comes after the bar is erased.
    expect(out).not.toContain('wrote specs/001-a/plan.md');
    expect(out).toMatch(/\r\x1b\[K3 written, 0 up to date, 0 refused, 0 failed\n/);
    expect(await project.read('specs/003-c/plan.md')).toContain('# Implementation Plan Template');
  });
});
