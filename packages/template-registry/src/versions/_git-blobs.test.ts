import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitSandbox, type GitSandbox } from '../rebase/test-utils/git-sandbox.js';
import { readBlobs } from './_git-blobs.js';

let sandbox: GitSandbox | undefined;
afterEach(async () => {
  await sandbox?.remove();
  sandbox = undefined;
});

describe('readBlobs', () => {
  it('reads many objects through one process, bytes exact, undefined for a missing one', async () => {
    sandbox = await createGitSandbox();
    await sandbox.git(['init', '--quiet', '--initial-branch=main']);
    const binary = Buffer.from([0, 10, 255, 13, 10, 0x2d, 0x2d]);
    await writeFile(join(sandbox.dir, 'a.md'), '# A\n\nline\n');
    await writeFile(join(sandbox.dir, 'b.bin'), binary);
    await writeFile(join(sandbox.dir, 'empty'), '');
    await sandbox.git(['add', 'a.md', 'b.bin', 'empty']);
    await sandbox.git(['commit', '--quiet', '-m', 'files']);
    const head = await sandbox.git(['rev-parse', 'HEAD']);
    const blobs = await readBlobs(
      sandbox.dir,
      [`${head}:a.md`, `${head}:missing.md`, `${head}:b.bin`, `${head}:empty`],
      sandbox.env,
    );
    expect(blobs[0]?.toString('utf8')).toBe('# A\n\nline\n');
    expect(blobs[1]).toBeUndefined();
    expect(blobs[2]?.equals(binary)).toBe(true);
    expect(blobs[3]?.length).toBe(0);
  });
});
