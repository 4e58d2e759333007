import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, rm, rmdir, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { SpecforgeError } from '../errors/specforge-error.js';
import { makeFolders } from './make-folders.js';

/** One change of a multi-file write: new content for a file, or its removal. */
export type FileChange =
  | {
      /** The file to write. */
      path: string;
      /** Its new content. */
      data: string | Uint8Array;
    }
  | {
      /** The file to delete. */
      path: string;
      /** Marks a deletion. */
      delete: true;
    };

/**
 * Where a multi-file write keeps its journal until every file is in place. Recovery
 * ({@link recoverFileTransactions}) reads it; a project keeps it under `.specforge/journal`.
 */
export interface FileTransactionOptions {
  /** The folder of the journal, e.g. `<project>/.specforge/journal`. */
  journalDir: string;
}

/** The journal of one transaction, as written to `<journalDir>/<id>.json`. */
interface Journal {
  version: 1;
  /** `prepared`: temp files may be incomplete (roll back); `committed`: all written (roll forward). */
  state: 'prepared' | 'committed';
  steps: { target: string; temp?: string }[];
}

/**
 * Hooks for tests that stop a transaction between two steps, as a crash would.
 * @internal
 */
export interface TransactionFaults {
  /** Called before each step with its number; throw to stop there. */
  beforeStep?: (step: number) => void;
}

/**
 * Writes several files as one change: after a crash at any point, {@link recoverFileTransactions}
 * leaves either every old file or every new one, never a mix.
 *
 * 1. A journal naming every target and its temporary file is written (`prepared`).
 * 2. Each new content goes to a temporary file beside its target, flushed to disk (several at
 *    once, so that their flushes overlap).
 * 3. The journal is marked `committed` (an atomic rename): from here the change is decided.
 * 4. Temporary files are renamed over their targets, files to delete are deleted (several at once).
 * 5. The journal is removed.
 *
 * A failure before step 3 removes the temporary files and the journal (nothing changed); a
 * failure after it is finished by recovery. Parent directories of new files are created as
 * needed and stay (an empty directory is not part of either state).
 */
export async function commitFileChanges(
  changes: readonly FileChange[],
  options: FileTransactionOptions,
  faults: TransactionFaults = {},
): Promise<void> {
  if (changes.length === 0) return;
  let step = 0;
  const at = () => faults.beforeStep?.(step++);
  const id = `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
  const journalFile = join(options.journalDir, `${id}.json`);
  // Absolute, so that recovery from any working directory finds the same files.
  const steps: Journal['steps'] = changes.map((change) =>
    'delete' in change
      ? { target: resolve(change.path) }
      : { target: resolve(change.path), temp: tempBeside(resolve(change.path), id) },
  );
  // Folders made here, first one of each `mkdir`: removed again when the change is rolled back.
  const made: string[] = [];
  const makeFolder = async (dir: string) => {
    // Not a recursive mkdir, which never settles under /proc (see makeFolders).
    const first = await makeFolders(dir);
    if (first) made.push(first);
  };
  // A folder that cannot be made or written (read-only, EROFS, a full disk) is bad input, not a
  // bug: the journal and the folders of the targets fail as coded errors, like the writes.
  const journalUnwritable = unwritable(
    journalFile,
    `specforge journals a multi-file write in ${options.journalDir} before it changes any file; make that folder (or the project folder) writable. Nothing was written.`,
  );
  at();
  try {
    await makeFolder(options.journalDir).catch(journalUnwritable);
    await writeJournal(journalFile, { version: 1, state: 'prepared', steps }).catch(
      journalUnwritable,
    );
    // Several at once: each write waits for its flush to the disk, and those overlap.
    await eachLimited(changes.entries(), IN_FLIGHT, async ([index, change]) => {
      const temp = steps[index]!.temp;
      if (temp === undefined || 'delete' in change) return;
      at();
      await makeFolder(dirname(temp)).catch(unwritable(steps[index]!.target));
      await writeDurably(temp, change.data).catch(unwritable(steps[index]!.target));
    });
    at();
    await writeJournal(journalFile, { version: 1, state: 'committed', steps }).catch(
      journalUnwritable,
    );
  } catch (error) {
    await rollBack(journalFile, steps).catch(() => undefined);
    // Newest first, so that a folder goes before the folder it is in.
    for (const dir of made.reverse()) await removeEmptyFolders(dir);
    throw error;
  }
  await eachLimited(steps, IN_FLIGHT, async (item) => {
    at();
    await applyStep(item);
  });
  at();
  await unlink(journalFile);
  // Folders made for the journal go with it; a folder other files live in stays (rmdir fails).
  await rmdir(options.journalDir)
    .then(() => rmdir(dirname(options.journalDir)))
    .catch(() => undefined);
}

/** How many files a transaction writes or renames at once. */
const IN_FLIGHT = 16;

/**
 * Runs `task` over `items`, at most `limit` at once, started in order. After a failure no task
 * starts, and the ones running are waited for before the first error is thrown: a rollback
 * must not race a write still in progress.
 */
async function eachLimited<T>(
  items: Iterable<T>,
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    for (let next = iterator.next(); !next.done && !failure; next = iterator.next()) {
      try {
        await task(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
  if (failure) throw failure.error;
}

/**
 * Finishes or undoes every transaction left in `journalDir` by a process that stopped midway:
 * a committed one is rolled forward (its remaining temporary files renamed into place), a
 * prepared one rolled back (its temporary files removed). Run it only while no other process
 * writes the same files (under the project's write lock). Returns how many it settled.
 *
 * A journal is data in the project, which may come from anyone: one that names a file outside
 * `root` is not trusted and is removed without touching anything.
 */
export async function recoverFileTransactions(journalDir: string, root: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(journalDir);
  } catch {
    return 0;
  }
  let settled = 0;
  for (const name of names.filter((entry) => entry.endsWith('.json')).sort()) {
    const file = join(journalDir, name);
    const journal = await readJournal(file);
    if (!journal?.steps.every((item) => inside(root, item.target))) {
      // A journal cut short was never committed (its targets are untouched), or it is not ours.
      await unlink(file).catch(() => undefined);
      continue;
    }
    if (journal.state === 'committed') {
      for (const item of journal.steps) await applyStep(item);
      await unlink(file);
    } else {
      await rollBack(file, journal.steps);
    }
    settled++;
  }
  // Journals being written are `.tmp` files beside them; a crash leaves them behind.
  for (const name of names.filter((entry) => entry.endsWith('.tmp'))) {
    await unlink(join(journalDir, name)).catch(() => undefined);
  }
  return settled;
}

async function applyStep(item: Journal['steps'][number]): Promise<void> {
  if (item.temp === undefined) {
    await rm(item.target, { force: true });
    return;
  }
  try {
    await rename(item.temp, item.target);
  } catch (error) {
    // Renamed already (recovery after a crash between two renames): the temp is gone.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

async function rollBack(journalFile: string, steps: Journal['steps']): Promise<void> {
  for (const item of steps) {
    // A temp whose folder is a file (ENOTDIR) was never written: the change failed making that
    // folder. Without this, the journal would stay, and every later recovery fail on it.
    if (item.temp) await rm(item.temp, { force: true }).catch(ignoreNotDirectory);
  }
  await rm(journalFile, { force: true });
}

function ignoreNotDirectory(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOTDIR') throw error;
}

/** Removes `dir` and the folders in it, as long as they hold no file (a file keeps its folders). */
async function removeEmptyFolders(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries)
    if (entry.isDirectory()) await removeEmptyFolders(join(dir, entry.name));
  await rmdir(dir).catch(() => undefined);
}

/** Turns the platform error of a write to `file` into `SPECFORGE_OUTPUT_UNWRITABLE`. */
function unwritable(file: string, hint?: string): (cause: NodeJS.ErrnoException) => never {
  return (cause) => {
    throw new SpecforgeError(
      'SPECFORGE_OUTPUT_UNWRITABLE',
      { file, reason: cause.code ?? String(cause) },
      hint === undefined ? { location: { file }, cause } : { location: { file }, cause, hint },
    );
  };
}

function inside(root: string, path: string): boolean {
  if (!isAbsolute(path) || path.includes('\0')) return false;
  const rel = relative(resolve(root), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function tempBeside(path: string, id: string): string {
  return join(dirname(path), `.${basename(path)}.${id}.specforge-tmp`);
}

async function writeDurably(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeJournal(file: string, journal: Journal): Promise<void> {
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeDurably(temp, `${JSON.stringify(journal)}\n`);
  await rename(temp, file);
}

async function readJournal(file: string): Promise<Journal | undefined> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Journal;
    if (data?.version !== 1 || !Array.isArray(data.steps)) return undefined;
    if (data.state !== 'prepared' && data.state !== 'committed') return undefined;
    const valid = data.steps.every(
      (item) =>
        typeof item?.target === 'string' &&
        (item.temp === undefined ||
          (typeof item.temp === 'string' &&
            dirname(item.temp) === dirname(item.target) &&
            basename(item.temp).startsWith(`.${basename(item.target)}.`) &&
            item.temp.endsWith('.specforge-tmp'))),
    );
    return valid ? data : undefined;
  } catch {
    return undefined;
  }
}
