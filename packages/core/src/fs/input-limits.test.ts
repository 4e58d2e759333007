import { describe, expect, it } from 'vitest';
import { isSpecforgeError } from '../errors/index.js';
import { readSpecFile } from '../plan/read-spec-file.js';
import { findProject } from '../project/find-project.js';
import { MAX_DOCUMENT_BYTES } from './input-limits.js';
import { MemoryFileSystem } from './memory-file-system.js';

const big = `# Feature Specification: Big\n\n${'x'.repeat(MAX_DOCUMENT_BYTES)}\n`;

describe('document size limit', () => {
  it('refuses a spec larger than the limit with SPECFORGE_FILE_TOO_LARGE, naming the file', async () => {
    const fs = new MemoryFileSystem({ '/p/spec.md': big });
    const error = await readSpecFile('spec.md', { fs, cwd: '/p', root: '/p' }).catch((e) => e);
    expect(isSpecforgeError(error, 'SPECFORGE_FILE_TOO_LARGE')).toBe(true);
    expect(error.message).toMatch(
      /^spec\.md is 8\.0 MiB; specforge reads documents up to 8 MiB\.$/,
    );
    expect(error.location).toEqual({ file: 'spec.md' });
  });

  it('reads a spec right at the limit', async () => {
    const text = `# Feature Specification: Edge\n\n`;
    const fs = new MemoryFileSystem({ '/p/spec.md': text.padEnd(MAX_DOCUMENT_BYTES, 'y') });
    expect((await readSpecFile('spec.md', { fs, cwd: '/p', root: '/p' })).bytes.length).toBe(
      MAX_DOCUMENT_BYTES,
    );
  });

  it('refuses a config file larger than the limit', async () => {
    const fs = new MemoryFileSystem({
      '/p/specforge.config.yaml': `name: x\n#${'x'.repeat(MAX_DOCUMENT_BYTES)}`,
    });
    const error = await findProject({ cwd: '/p', fs }).catch((e) => e);
    expect(isSpecforgeError(error, 'SPECFORGE_FILE_TOO_LARGE')).toBe(true);
  });
});
