import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSpecforgeError } from '../errors/index.js';
import { acquireProjectWriteLock, withProjectWriteLock } from './write-lock.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'specforge-lock-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const lockFile = () => join(root, '.specforge/write.lock');

describe('acquireProjectWriteLock', () => {
  it('records the holder and removes the lock file on release', async () => {
    const lock = await acquireProjectWriteLock(root, { command: 'plan' });
    const holder = JSON.parse(await readFile(lockFile(), 'utf8'));
    expect(holder).toMatchObject({ pid: process.pid, host: hostname(), command: 'plan' });
    expect(lock.journalDir).toBe(join(root, '.specforge/journal'));
    await lock.release();
    await lock.release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('waits for the holder to release, then takes the lock', async () => {
    const first = await acquireProjectWriteLock(root, { command: 'plan' });
    const order: string[] = [];
    const second = acquireProjectWriteLock(root, { command: 'status' }).then((lock) => {
      order.push('second');
      return lock;
    });
    await new Promise((done) => setTimeout(done, 100));
    order.push('first released');
    await first.release();
    await (await second).release();
    expect(order).toEqual(['first released', 'second']);
  });

  it('fails with SPECFORGE_PROJECT_BUSY naming the holder when the wait runs out', async () => {
    const first = await acquireProjectWriteLock(root, { command: 'template upgrade' });
    try {
      const error = await acquireProjectWriteLock(root, { command: 'plan', timeoutMs: 150 }).catch(
        (e) => e,
      );
      expect(isSpecforgeError(error, 'SPECFORGE_PROJECT_BUSY')).toBe(true);
      expect(error.message).toContain(`pid ${process.pid}`);
      expect(error.message).toContain('template upgrade');
    } finally {
      await first.release();
    }
  });

  it('takes over a lock whose holder no longer runs', async () => {
    // A process that has exited: its pid is free.
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((done) => child.once('exit', done));
    await mkdir(join(root, '.specforge'), { recursive: true });
    await writeFile(
      lockFile(),
      JSON.stringify({ pid, host: hostname(), command: 'plan', since: '' }),
    );
    const lock = await acquireProjectWriteLock(root, { command: 'plan', timeoutMs: 1000 });
    expect(JSON.parse(await readFile(lockFile(), 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('times out, instead of waiting forever, when a holder takes its own lock again', async () => {
    await withProjectWriteLock(root, { command: 'plan' }, async () => {
      const error = await acquireProjectWriteLock(root, { command: 'plan', timeoutMs: 100 }).catch(
        (e) => e,
      );
      expect(isSpecforgeError(error, 'SPECFORGE_PROJECT_BUSY')).toBe(true);
    });
  });

  it('settles a transaction a crashed process left in the journal', async () => {
    await mkdir(join(root, '.specforge/journal'), { recursive: true });
    await writeFile(join(root, 'a.md'), 'old');
    await writeFile(join(root, '.a.md.x.specforge-tmp'), 'new');
    const journal = {
      version: 1,
      state: 'committed',
      steps: [{ target: join(root, 'a.md'), temp: join(root, '.a.md.x.specforge-tmp') }],
    };
    await writeFile(join(root, '.specforge/journal/x.json'), JSON.stringify(journal));
    await withProjectWriteLock(root, { command: 'plan' }, async () => {
      expect(await readFile(join(root, 'a.md'), 'utf8')).toBe('new');
    });
  });

  it('lets one process at a time in: concurrent processes never interleave', async () => {
    const script = fileURLToPath(new URL('./__fixtures__/locked-increment.mjs', import.meta.url));
    const built = fileURLToPath(new URL('../../dist/project/write-lock.js', import.meta.url));
    if (!existsSync(built)) throw new Error(`build the package first: ${built} is missing`);
    await writeFile(join(root, 'counter'), '0');
    const runs = 8;
    const codes = await Promise.all(
      Array.from({ length: runs }, () => {
        const child = spawn(process.execPath, [script, built, root], { stdio: 'ignore' });
        return new Promise<number | null>((done) => child.once('exit', done));
      }),
    );
    expect(codes).toEqual(Array(runs).fill(0));
    // Each run reads, waits, then writes the counter + 1: any overlap would lose an increment.
    expect(await readFile(join(root, 'counter'), 'utf8')).toBe(String(runs));
    expect(existsSync(lockFile())).toBe(false);
  }, 60_000);
});
