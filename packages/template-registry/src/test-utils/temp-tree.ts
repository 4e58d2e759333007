import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A folder tree to write: relative path → file content. */
export type Tree = Record<string, string>;

const created: string[] = [];

/**
 * Writes `tree` into a new folder under the OS temp dir and returns the folder. Tests never
 * write into the repository; {@link removeTempTrees} deletes what this created.
 */
export async function writeTempTree(tree: Tree): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'specforge-registry-'));
  created.push(root);
  for (const [path, content] of Object.entries(tree)) {
    const file = join(root, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return root;
}

/** Deletes every folder {@link writeTempTree} created; call it from `afterEach`. */
export async function removeTempTrees(): Promise<void> {
  const roots = created.splice(0);
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
}

/** A minimal valid template file with the given id. */
export function templateFile(id: string, body = `# ${id}\n`): string {
  return `---\nid: ${id}\nkind: other\n---\n${body}`;
}

/** A pack manifest (`package.json` text). */
export function manifest(fields: Record<string, unknown>): string {
  return `${JSON.stringify(fields, null, 2)}\n`;
}

/**
 * The error `run` throws (or rejects with), reduced to what a user sees; `root`, when given, is
 * written `<root>` so that temp folder names do not leak into expectations.
 */
export async function failure(
  run: () => unknown,
  root?: string,
): Promise<{
  code: string;
  message: string;
  hint: string;
  at: string | undefined;
}> {
  try {
    await run();
  } catch (error) {
    const e = error as {
      code: string;
      message: string;
      hint: string;
      location?: { file: string; line?: number; column?: number };
    };
    const at = e.location
      ? [e.location.file, e.location.line, e.location.column]
          .filter((part) => part !== undefined)
          .join(':')
      : undefined;
    const clean = (text: string) => (root ? text.split(root).join('<root>') : text);
    return {
      code: e.code,
      message: clean(e.message),
      hint: clean(e.hint),
      at: at === undefined ? undefined : clean(at),
    };
  }
  throw new Error('expected an error');
}
