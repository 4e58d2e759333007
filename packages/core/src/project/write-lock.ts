import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { link, open, readFile, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { SpecforgeError } from '../errors/index.js';
import { recoverFileTransactions } from '../fs/file-transaction.js';
import { makeFolders } from '../fs/make-folders.js';

/** Options for {@link acquireProjectWriteLock}. */
export interface ProjectWriteLockOptions {
  /** What holds the lock, for the message another process shows (`plan`, `template upgrade`). */
  command: string;
  /** How long to wait for another process to finish, in milliseconds; 30 s by default. */
  timeoutMs?: number;
}

/** A held project write lock. */
export interface ProjectWriteLock {
  /** Where the project keeps its journal of multi-file writes (see `commitFileChanges`). */
  readonly journalDir: string;
  /** Releases the lock; safe to call twice. */
  release(): Promise<void>;
}

/** What a lock file records about its holder. */
interface Holder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

// A lock file that is still empty or unreadable after this long was left by a process that
// died between creating and writing it.
const unreadableGraceMs = 2_000;

// Lock files this process holds, with a promise that settles on release: another caller in this
// process waits on it (the file's holder, this very process, looks alive to it only this way).
const heldHere = new Map<string, { released: Promise<void>; command: string }>();

/**
 * Takes the project's write lock (`<root>/.specforge/write.lock`), waiting while another
 * specforge process holds it, then settles the multi-file writes a crashed process left in the
 * project's journal. Every command that writes into a project (plans, the lock, forks, upgrades,
 * imports, agent files) runs under it, so two processes never interleave their writes.
 *
 * A lock whose holder is gone (a process of this machine that no longer runs) is taken over at
 * once. The lock is also released when the process exits.
 *
 * @throws {@link SpecforgeError} `SPECFORGE_PROJECT_BUSY` when another process still holds the
 * lock after `timeoutMs`.
 */
export async function acquireProjectWriteLock(
  root: string,
  options: ProjectWriteLockOptions,
): Promise<ProjectWriteLock> {
  const dir = join(root, '.specforge');
  const file = join(dir, 'write.lock');
  const journalDir = join(dir, 'journal');
  // Not a recursive mkdir, which never settles under /proc (see makeFolders).
  await makeFolders(dir);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (let here = heldHere.get(file); here; here = heldHere.get(file)) {
    const left = deadline - Date.now();
    const timedOut =
      left <= 0
        ? true
        : await Promise.race([
            here.released.then(() => false),
            new Promise<boolean>((done) => setTimeout(() => done(true), left).unref()),
          ]);
    if (timedOut) {
      throw new SpecforgeError('SPECFORGE_PROJECT_BUSY', {
        command: here.command,
        pid: process.pid,
        file,
      });
    }
  }
  const me: Holder = {
    pid: process.pid,
    host: hostname(),
    command: options.command,
    since: new Date().toISOString(),
  };
  for (let wait = 20; ; wait = Math.min(wait * 2, 250)) {
    if (await tryCreate(file, me)) break;
    const seen = await readHolder(file);
    if (seen === 'gone') continue;
    const { holder, text } = seen;
    if (holder === undefined || !isAlive(holder)) {
      await breakStale(file, text);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new SpecforgeError('SPECFORGE_PROJECT_BUSY', {
        command: holder.command,
        pid: holder.pid,
        file,
      });
    }
    await new Promise((done) => setTimeout(done, wait));
  }

  let held = true;
  let markReleased = () => {};
  heldHere.set(file, {
    released: new Promise<void>((done) => {
      markReleased = done;
    }),
    command: options.command,
  });
  const onExit = () => {
    if (held) {
      try {
        unlinkSync(file);
      } catch {}
    }
  };
  process.once('exit', onExit);
  const release = async () => {
    if (!held) return;
    held = false;
    process.removeListener('exit', onExit);
    await unlink(file).catch(() => undefined);
    // The folder goes too when the lock was all it held (a project with no other specforge state).
    await rmdir(dir).catch(() => undefined);
    heldHere.delete(file);
    markReleased();
  };
  try {
    await recoverFileTransactions(journalDir, root);
  } catch (error) {
    await release();
    throw error;
  }
  return { journalDir, release };
}

/**
 * Runs `work` under the project's write lock (see {@link acquireProjectWriteLock}) and releases
 * it afterwards, whatever happens.
 */
export async function withProjectWriteLock<T>(
  root: string,
  options: ProjectWriteLockOptions,
  work: (lock: ProjectWriteLock) => Promise<T>,
): Promise<T> {
  const lock = await acquireProjectWriteLock(root, options);
  try {
    return await work(lock);
  } finally {
    await lock.release();
  }
}

async function tryCreate(file: string, me: Holder): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'wx');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // The holder that just released removed the folder with its lock: make it again.
    if (code === 'ENOENT') {
      await makeFolders(dirname(file));
      return false;
    }
    throw error;
  }
  try {
    await handle.writeFile(`${JSON.stringify(me)}\n`);
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * The lock file's text and holder (`undefined` when the file cannot tell: left half-written by a
 * crash), or `'gone'` when it was released meanwhile.
 */
async function readHolder(
  file: string,
): Promise<{ holder: Holder | undefined; text: string } | 'gone'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const holder = JSON.parse(text) as Holder;
    if (Number.isInteger(holder.pid) && typeof holder.host === 'string') return { holder, text };
  } catch {}
  // Just created and not written yet, or left so by a crash: only the age tells.
  const age = await stat(file).then(
    (info) => Date.now() - info.mtimeMs,
    () => 0,
  );
  const writing: Holder = { pid: -1, host: '', command: 'specforge', since: '' };
  return { holder: age > unreadableGraceMs ? undefined : writing, text };
}

function isAlive(holder: Holder): boolean {
  // A placeholder for a lock being written, or a holder on another machine (a shared disk):
  // assumed alive.
  if (holder.pid === -1 || holder.host !== hostname()) return true;
  // This process holds no such lock (see heldHere): the file is a leftover of an earlier process
  // that had the same pid.
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a stale lock whose text was `seen`. Moved aside first, so that of two processes that
 * find it stale at once only one removes it; when what was moved is not the stale lock (its
 * holder released it and a live process took the lock in between), it is put back.
 */
async function breakStale(file: string, seen: string): Promise<void> {
  const aside = `${file}.stale-${randomBytes(4).toString('hex')}`;
  try {
    await rename(file, aside);
  } catch {
    return;
  }
  const moved = await readFile(aside, 'utf8').catch(() => seen);
  if (moved !== seen) await link(aside, file).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}
