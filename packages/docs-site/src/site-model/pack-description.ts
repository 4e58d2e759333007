import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The `description` of the pack's `package.json`, or `''` when the file or the field is missing
 * or is not a string: a description is decoration, never a reason to fail the build.
 */
export async function readPackDescription(packDir: string): Promise<string> {
  try {
    const manifest: unknown = JSON.parse(await readFile(join(packDir, 'package.json'), 'utf8'));
    const description = (manifest as { description?: unknown } | null)?.description;
    return typeof description === 'string' ? description : '';
  } catch {
    return '';
  }
}
