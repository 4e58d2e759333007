import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openProjectRegistry } from '../resolve/open-project-registry.js';
import { removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { checkDocuments } from './check-documents.js';

afterEach(removeTempTrees);

// The thread script as the package ships it: `pnpm test` builds the package first.
const builtThread = fileURLToPath(new URL('../../dist/threads/thread.js', import.meta.url));

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

  it.runIf(existsSync(builtThread))(
    'finds the same on threads as in process, files named relative to cwd',
    async () => {
      const tree: Record<string, string> = { '.git/HEAD': 'ref' };
      for (let n = 1; n <= 12; n++) {
        tree[`specs/${n}/spec.md`] =
          `# Feature Specification: F${n}\n\n- **FR-001**: System MUST [NEEDS CLARIFICATION: do ${n}?]\n`;
        tree[`specs/${n}/plan.md`] = '# Plan\n\n## Context\n\nTask 1\n';
      }
      tree['specs/5/spec.md'] = '---\ntitle: [unclosed\n---\n# Broken\n';
      const root = await writeTempTree(tree);
      const packsFor = async (cwd: string) =>
        (await openProjectRegistry({ cwd, cacheDir: join(root, '.cache') })).packs;
      const options = { paths: ['specs'], cwd: root, packsFor, display: 'relative' as const };
      const inProcess = await checkDocuments(options);
      const threaded = await checkDocuments({
        ...options,
        threads: () => 2,
        threadScript: builtThread,
      });
      expect(threaded).toEqual(inProcess);
      expect(inProcess.files).toHaveLength(24);
      expect(inProcess.files[0]).toBe('specs/1/plan.md');
      const codes = new Set(inProcess.findings.map((finding) => finding.code));
      expect(codes).toContain('SPECFORGE_FRONT_MATTER_INVALID');
      expect(codes).toContain('SPECFORGE_CHECK_CLARIFICATION_OPEN');
      expect(codes).toContain('SPECFORGE_CHECK_PLACEHOLDER_LEFT');
    },
  );

  it('refuses a display function with threads: threads cannot call it', async () => {
    await expect(
      checkDocuments({
        paths: [],
        cwd: '/nonexistent-specforge-dir',
        packsFor: async () => [],
        display: (path) => path,
        threads: 2,
      }),
    ).rejects.toThrow("pass display: 'relative'");
  });
});
