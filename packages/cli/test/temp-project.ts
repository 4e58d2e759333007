import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A project in a fresh temp dir, built from an inline tree; removed after the test. */
export interface TempProject {
  dir: string;
  path(file: string): string;
  read(file: string): Promise<string>;
  write(file: string, content: string | Uint8Array): Promise<void>;
}

/** Makes a temp project (with a `.git` folder so it is its own project root) from `files`. */
export async function makeProject(files: Record<string, string | Uint8Array> = {}): Promise<TempProject> {
  const dir = await mkdtemp(join(tmpdir(), 'specforge-e2e-'));
  made.push(dir);
  await mkdir(join(dir, '.git'));
  const project: TempProject = {
    dir,
    path: (file) => join(dir, file),
    read: (file) => readFile(join(dir, file), 'utf8'),
    write: async (file, content) => {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFile(join(dir, file), content);
    },
  };
  for (const [file, content] of Object.entries(files)) await project.write(file, content);
  return project;
}
