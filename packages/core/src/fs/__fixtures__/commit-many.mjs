// Test helper: commits new content for 40 files in <root>/files as one transaction, slowly
// enough (large contents, flushed) that a test can kill it midway. Usage: node commit-many.mjs
// <built file-transaction.js> <root>
import { join } from 'node:path';

const [module, root] = process.argv.slice(2);
const { commitFileChanges } = await import(module);
const data = `new\n${'x'.repeat(32 * 1024)}`;
const changes = Array.from({ length: 40 }, (_, i) => ({ path: join(root, `files/${i}.txt`), data }));
await commitFileChanges(changes, { journalDir: join(root, '.specforge/journal') });
