import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitFileChanges, type FileChange, recoverFileTransactions } from './file-transaction.js';

let root: string;
let journalDir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'specforge-txn-'));
  journalDir = join(root, '.specforge/journal');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every file under `dir` (journal and dot-temps included) with its text. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length + 1)] = await readFile(path, 'utf8');
  }
  return out;
}

/** The old state on disk and a change to a new one: two files changed, one added, one deleted. */
async function scenario(): Promise<{
  changes: FileChange[];
  before: Record<string, string>;
  after: Record<string, string>;
}> {
  await mkdir(join(root, 'pack'), { recursive: true });
  await writeFile(join(root, 'pack/a.md'), 'a old');
  await writeFile(join(root, 'pack/b.md'), 'b old');
  await writeFile(join(root, 'pack/gone.md'), 'to delete');
  await writeFile(join(root, 'specforge.lock'), 'lock old');
  const before = await snapshot(root);
  const changes: FileChange[] = [
    { path: join(root, 'pack/a.md'), data: 'a new' },
    { path: join(root, 'pack/new/c.md'), data: 'c new' },
    { path: join(root, 'pack/gone.md'), delete: true },
    { path: join(root, 'specforge.lock'), data: 'lock new' },
  ];
  const after: Record<string, string> = {
    ...before,
    'pack/a.md': 'a new',
    'pack/new/c.md': 'c new',
    'specforge.lock': 'lock new',
  };
  delete after['pack/gone.md'];
  return { changes, before, after };
}

describe('commitFileChanges', () => {
  it('writes and deletes every file and leaves no journal or temporary file', async () => {
    const { changes, after } = await scenario();
    await commitFileChanges(changes, { journalDir });
    expect(await snapshot(root)).toEqual(after);
    // The journal's folders were made for it and go with it.
    expect(existsSync(join(root, '.specforge'))).toBe(false);
  });

  it('fails as SPECFORGE_OUTPUT_UNWRITABLE, changing nothing, when a folder cannot be made', async () => {
    const { changes, before } = await scenario();
    // A parent that is a file stands for any folder that cannot be made (read-only, EROFS, /proc).
    await writeFile(join(root, 'blocker'), 'a file');
    const blocked = [...changes, { path: join(root, 'blocker/sub/d.md'), data: 'd' }];
    await expect(commitFileChanges(blocked, { journalDir })).rejects.toMatchObject({
      code: 'SPECFORGE_OUTPUT_UNWRITABLE',
      location: { file: join(root, 'blocker/sub/d.md') },
    });
    expect(await snapshot(root)).toEqual({ ...before, blocker: 'a file' });
    expect(existsSync(join(root, 'pack/new'))).toBe(false);
    expect(existsSync(join(root, '.specforge'))).toBe(false);
  });

  it('fails as SPECFORGE_OUTPUT_UNWRITABLE naming the journal when it cannot be written', async () => {
    const { changes, before } = await scenario();
    await writeFile(join(root, '.specforge'), 'a file');
    await expect(commitFileChanges(changes, { journalDir })).rejects.toMatchObject({
      code: 'SPECFORGE_OUTPUT_UNWRITABLE',
      message: expect.stringContaining(journalDir),
    });
    expect(await snapshot(root)).toEqual({ ...before, '.specforge': 'a file' });
  });

  it('leaves the old state or the new one, whichever step it stops at, once recovered', async () => {
    const { changes: probe } = await scenario();
    let steps = 0;
    await commitFileChanges(
      probe,
      { journalDir },
      {
        beforeStep: (step) => {
          steps = step + 1;
        },
      },
    );
    expect(steps).toBeGreaterThan(5);
    const outcomes: string[] = [];
    for (let stop = 0; stop < steps; stop++) {
      await rm(root, { recursive: true, force: true });
      await mkdir(root);
      const { changes, before, after } = await scenario();
      const crash = new Error('crash');
      await expect(
        commitFileChanges(
          changes,
          { journalDir },
          {
            beforeStep: (step) => {
              if (step === stop) throw crash;
            },
          },
        ),
      ).rejects.toBe(crash);
      await recoverFileTransactions(journalDir, root);
      const state = await snapshot(root);
      if (JSON.stringify(state) === JSON.stringify(before)) outcomes.push('old');
      else {
        expect(state).toEqual(after);
        outcomes.push('new');
      }
    }
    // Stopped before the commit point it rolls back, after it forward.
    expect(outcomes[0]).toBe('old');
    expect(outcomes.at(-1)).toBe('new');
    expect(outcomes.join(' ')).toMatch(/^(old )*old( new)+$/);
  });

  it('leaves the old state or the new one when the process is killed at any moment', async () => {
    const script = fileURLToPath(new URL('./__fixtures__/commit-many.mjs', import.meta.url));
    const built = fileURLToPath(new URL('../../dist/fs/file-transaction.js', import.meta.url));
    if (!existsSync(built)) throw new Error(`build the package first: ${built} is missing`);
    const reset = async () => {
      await rm(root, { recursive: true, force: true });
      await mkdir(join(root, 'files'), { recursive: true });
      for (let i = 0; i < 40; i++) await writeFile(join(root, `files/${i}.txt`), 'old');
    };
    // How long a whole run takes here, so that the kills spread from start-up to the end.
    await reset();
    const started = performance.now();
    await new Promise((done) =>
      spawn(process.execPath, [script, built, root], { stdio: 'ignore' }).once('exit', done),
    );
    const whole = performance.now() - started;
    const seen = new Set<string>();
    const rounds = 10;
    for (let round = 0; round < rounds; round++) {
      await reset();
      const child = spawn(process.execPath, [script, built, root], { stdio: 'ignore' });
      const exited = new Promise((done) => child.once('exit', done));
      await new Promise((done) => setTimeout(done, (whole * (round + 1)) / rounds));
      child.kill('SIGKILL');
      await exited;
      await recoverFileTransactions(join(root, '.specforge/journal'), root);
      const texts = new Set(
        await Promise.all(
          Array.from({ length: 40 }, (_, i) => readFile(join(root, `files/${i}.txt`), 'utf8')),
        ),
      );
      expect(texts.size, `round ${round}: a mix of old and new files`).toBe(1);
      seen.add([...texts][0]!);
      const left = (await readdir(join(root, 'files'))).filter((name) => name.startsWith('.'));
      expect(left, 'temporary files left behind').toEqual([]);
    }
    expect(seen.size).toBeGreaterThan(0);
  }, 60_000);
});

describe('recoverFileTransactions', () => {
  it('removes a journal that names a file outside the project, touching nothing', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'specforge-outside-'));
    try {
      await writeFile(join(outside, 'precious.txt'), 'keep me');
      await mkdir(journalDir, { recursive: true });
      const journal = {
        version: 1,
        state: 'committed',
        steps: [{ target: join(outside, 'precious.txt') }],
      };
      await writeFile(join(journalDir, 'evil.json'), JSON.stringify(journal));
      expect(await recoverFileTransactions(journalDir, root)).toBe(0);
      expect(await readFile(join(outside, 'precious.txt'), 'utf8')).toBe('keep me');
      expect(await readdir(journalDir)).toEqual([]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  // A journal left by an earlier version, whose change failed making a folder under a file:
  // recovery must not fail on it, or every later write to the project would.
  it('rolls back a prepared journal whose temporary file sits under a file', async () => {
    await writeFile(join(root, 'README.md'), 'a file');
    await mkdir(journalDir, { recursive: true });
    const target = join(root, 'README.md/team/package.json');
    const journal = {
      version: 1,
      state: 'prepared',
      steps: [{ target, temp: join(root, 'README.md/team/.package.json.x.specforge-tmp') }],
    };
    await writeFile(join(journalDir, 'left.json'), JSON.stringify(journal));
    expect(await recoverFileTransactions(journalDir, root)).toBe(1);
    expect(await readdir(journalDir)).toEqual([]);
  });

  it('settles nothing when there is no journal', async () => {
    expect(await recoverFileTransactions(journalDir, root)).toBe(0);
  });
});
