import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openProjectRegistry } from '../resolve/index.js';
import { checkDocuments } from './check-documents.js';

// Real specs, plans and task lists live beside the repository (../shared/corpus/real, see
// shared/corpus/README.md); they are never copied into it. Without them this test skips.
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const corpus = resolve(repoRoot, '../shared/corpus/real');
const present = existsSync(join(corpus, 'SOURCES.tsv'));
if (!present) console.warn(`Skipping the check corpus test: ${corpus} does not exist.`);

const names = { specs: 'spec.md', plans: 'plan.md', tasks: 'tasks.md' } as const;
const scratch: string[] = [];
afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe.skipIf(!present)('check over the real-world corpus', () => {
  it('checks every spec, plan and task list without an exception, each finding inside its file', async () => {
    // Each document goes where it lived in its repository, so a plan or task list sits beside
    // the spec of its feature when the corpus has it, and is traced against it.
    const root = await mkdtemp(join(tmpdir(), 'specforge-check-corpus-'));
    scratch.push(root);
    await mkdir(join(root, '.git'));
    const rows = readFileSync(join(corpus, 'SOURCES.tsv'), 'utf8').trim().split('\n').slice(1);
    let documents = 0;
    for (const row of rows) {
      const [file = '', repo = '', path = ''] = row.split('\t');
      const kind = file.split('/')[0] as keyof typeof names;
      if (!(kind in names)) continue;
      // Dot folders (`.specify/`) are skipped by a folder search, so they get a plain name.
      const folder = dirname(path).replace(/(^|\/)\./g, '$1_');
      let target = join(root, repo.replace('/', '__'), folder, names[kind]);
      // Two versions of one document: the later one gets a folder of its own.
      if (existsSync(target))
        target = join(`${dirname(target)}-${file.replace(/\W/g, '-')}`, names[kind]);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await readFile(join(corpus, file)));
      documents++;
    }
    expect(documents).toBeGreaterThan(50);

    const cacheDir = join(root, '.cache');
    const { findings, files } = await checkDocuments({
      paths: ['.'],
      cwd: root,
      packsFor: async (dir) => (await openProjectRegistry({ cwd: dir, cacheDir })).packs,
      display: (path) => relative(root, path),
    });
    expect(files).toHaveLength(documents);
    // Findings are expected (these are real, unfinished documents); crashes are not.
    expect(findings.length).toBeGreaterThan(0);
    const lineCounts = new Map<string, number>();
    for (const finding of findings) {
      let count = lineCounts.get(finding.file);
      if (count === undefined) {
        count = (await readFile(join(root, finding.file), 'utf8')).split(/\r\n?|\n/).length;
        lineCounts.set(finding.file, count);
      }
      expect(finding.line, `${finding.file} ${finding.code}`).toBeGreaterThanOrEqual(1);
      expect(finding.line, `${finding.file} ${finding.code}`).toBeLessThanOrEqual(count);
      expect(finding.column).toBeGreaterThanOrEqual(1);
      expect(finding.message).not.toBe('');
    }
    const codes = new Set(findings.map((finding) => finding.code));
    for (const code of ['SPECFORGE_CHECK_CLARIFICATION_OPEN', 'SPECFORGE_CHECK_SECTION_MISSING']) {
      expect(codes).toContain(code);
    }
  });
});
