import { dirname, resolve } from 'node:path';
import type { FileSystem, PathKind } from './file-system.js';
import type { FileChange } from './file-transaction.js';

/**
 * An in-memory {@link FileSystem} for tests and for library users who render without a disk.
 * Paths are resolved against `/`.
 */
export class MemoryFileSystem implements FileSystem {
  /** Every file by absolute path, as bytes. */
  readonly files = new Map<string, Uint8Array>();
  /** Every directory by absolute path; the parents of each file are in it. */
  readonly directories = new Set<string>(['/']);

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, data] of Object.entries(files)) this.put(path, data);
  }

  /** Adds or replaces a file, creating its parent directories. */
  put(path: string, data: string | Uint8Array): void {
    const full = resolve('/', path);
    this.addDirectory(dirname(full));
    this.files.set(full, typeof data === 'string' ? new TextEncoder().encode(data) : data);
  }

  /** The file's content as UTF-8 text, or `undefined`. */
  text(path: string): string | undefined {
    const data = this.files.get(resolve('/', path));
    return data && new TextDecoder().decode(data);
  }

  async readFile(path: string): Promise<Uint8Array> {
    const full = resolve('/', path);
    const data = this.files.get(full);
    if (data) return data;
    throw Object.assign(new Error(`ENOENT: no such file, open '${full}'`), {
      code: this.directories.has(full) ? 'EISDIR' : 'ENOENT',
    });
  }

  async kind(path: string): Promise<PathKind> {
    const full = resolve('/', path);
    if (this.files.has(full)) return 'file';
    if (this.directories.has(full)) return 'directory';
    return undefined;
  }

  async mkdirp(path: string): Promise<void> {
    this.addDirectory(resolve('/', path));
  }

  async writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
    const full = resolve('/', path);
    if (!this.directories.has(dirname(full))) {
      throw Object.assign(new Error(`ENOENT: no such directory '${dirname(full)}'`), {
        code: 'ENOENT',
      });
    }
    this.put(full, data);
  }

  async writeFilesAtomic(changes: readonly FileChange[]): Promise<void> {
    // Memory has no crash to survive: every change lands at once.
    for (const change of changes) {
      const full = resolve('/', change.path);
      if ('delete' in change) this.files.delete(full);
      else this.put(full, change.data);
    }
  }

  private addDirectory(path: string): void {
    for (let dir = path; !this.directories.has(dir); dir = dirname(dir)) this.directories.add(dir);
  }
}
