import type { FileChange } from './file-transaction.js';

/** What a path points at, or `undefined` when nothing is there. */
export type PathKind = 'file' | 'directory' | 'other' | undefined;

/**
 * The only way core touches a disk. Core functions take one of these so that tests can run
 * against memory and so that every write goes through one atomic primitive.
 */
export interface FileSystem {
  /** Reads a whole file as bytes. Rejects with the platform error (`code` set) when it cannot. */
  readFile(path: string): Promise<Uint8Array>;
  /** What `path` points at, following symlinks; `undefined` when it does not exist. */
  kind(path: string): Promise<PathKind>;
  /** Creates a directory and its missing parents. */
  mkdirp(path: string): Promise<void>;
  /**
   * Replaces `path` with `data` atomically: readers see the old content or the new, never a
   * mix, and a failed write leaves the old file (or no file) in place.
   */
  writeFileAtomic(path: string, data: string | Uint8Array): Promise<void>;
  /**
   * Writes and deletes several files as one change: after a crash at any point, the files are
   * all old or all new once the project's write lock is next taken (see `commitFileChanges`).
   * Parent directories are created as needed.
   */
  writeFilesAtomic(changes: readonly FileChange[]): Promise<void>;
}
