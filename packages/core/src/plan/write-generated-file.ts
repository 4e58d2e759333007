import { dirname } from 'node:path';
import { SpecforgeError } from '../errors/specforge-error.js';
import type { FileSystem } from '../fs/file-system.js';
import { nodeFileSystem } from '../fs/node-file-system.js';

/**
 * Writes a generated document atomically (a temp file, then a rename), creating missing parent
 * folders; any failure becomes `SPECFORGE_OUTPUT_UNWRITABLE` naming the file, and leaves the old
 * file as it was.
 *
 * @example
 * ```ts
 * await writeGeneratedFile('/repo/specs/001/plan.md', planText);
 * ```
 */
export async function writeGeneratedFile(
  output: string,
  text: string,
  fs: FileSystem = nodeFileSystem,
): Promise<void> {
  try {
    await fs.mkdirp(dirname(output));
    await fs.writeFileAtomic(output, text);
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new SpecforgeError(
      'SPECFORGE_OUTPUT_UNWRITABLE',
      { file: output, reason },
      { location: { file: output }, cause },
    );
  }
}
