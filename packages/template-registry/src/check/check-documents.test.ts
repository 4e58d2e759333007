import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDocuments } from './check-documents.js';

describe('checkDocuments', () => {
  // Read whole, /dev/zero never ends: `specforge check /dev/zero` hung, filling memory.
  it.runIf(existsSync('/dev/zero'))(
    'reports a device that never ends as too large, at once',
    async () => {
      const report = await checkDocuments({
        paths: ['/dev/zero'],
        cwd: '/',
        packsFor: async () => [],
      });
      expect(report.findings.map(({ code, file }) => ({ code, file }))).toEqual([
        { code: 'SPECFORGE_FILE_TOO_LARGE', file: '/dev/zero' },
      ]);
    },
    10_000,
  );
});
