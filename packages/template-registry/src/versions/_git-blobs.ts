import { spawn } from 'node:child_process';
import { gitEnvironment, gitSafetyConfig } from '../sources/_git.js';

/**
 * Reads many blobs (`<commit>:<path>`) through one `git cat-file --batch` process instead of one
 * `git show` each: materializing a pack version of 100 files costs one process, not 100.
 * Resolves to the bytes of each object, in the order asked; `undefined` for one that is missing.
 */
export function readBlobs(
  repo: string,
  objects: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<(Buffer | undefined)[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...gitSafetyConfig, '-C', repo, 'cat-file', '--batch'], {
      env: gitEnvironment(env),
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`git cat-file exited ${code}: ${stderr.trim()}`));
        return;
      }
      try {
        resolve(parseBatch(Buffer.concat(chunks), objects));
      } catch (error) {
        reject(error);
      }
    });
    child.stdin.end(objects.map((object) => `${object}\n`).join(''));
  });
}

// Each answer is `<oid> <type> <size>\n<size bytes>\n`, or `<name> missing\n`.
function parseBatch(output: Buffer, objects: readonly string[]): (Buffer | undefined)[] {
  const blobs: (Buffer | undefined)[] = [];
  let at = 0;
  for (const object of objects) {
    const end = output.indexOf(0x0a, at);
    if (end < 0) throw new Error(`git cat-file gave no answer for ${object}`);
    const header = output.subarray(at, end).toString('utf8');
    if (header.endsWith(' missing')) {
      blobs.push(undefined);
      at = end + 1;
      continue;
    }
    const size = /^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1];
    if (size === undefined) throw new Error(`git cat-file cannot read ${object}: ${header}`);
    const start = end + 1;
    blobs.push(output.subarray(start, start + Number(size)));
    at = start + Number(size) + 1;
  }
  return blobs;
}
