// Test helper: under the project's write lock, reads <root>/counter, waits, writes it + 1 — a
// read-modify-write that loses increments if two processes overlap. Usage: node
// locked-increment.mjs <built write-lock.js> <root>
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const [module, root] = process.argv.slice(2);
const { withProjectWriteLock } = await import(module);
await withProjectWriteLock(root, { command: 'test', timeoutMs: 50_000 }, async () => {
  const file = join(root, 'counter');
  const value = Number(await readFile(file, 'utf8'));
  await new Promise((done) => setTimeout(done, 30));
  await writeFile(file, String(value + 1));
});
