import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { binPath } from './run-cli.js';

// Every command against bad input: each row runs the built CLI on a fresh copy of the example
// project after its setup, and checks the exit code, the error code printed, and that no file
// of the project changed (a hash of the whole tree before and after).

const example = fileURLToPath(new URL('../../../examples/acme-shop', import.meta.url));
const spec = 'specs/042-checkout/spec.md';
const env = { ...process.env, NO_COLOR: '1', CI: '1', SOURCE_DATE_EPOCH: '1767225600' };
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A fresh copy of the example project, with its plan generated (so that check has one). */
const base = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'specforge-matrix-base-'));
  roots.push(dir);
  cpSync(example, dir, { recursive: true });
  spawnSync(process.execPath, [binPath, 'plan', spec], { cwd: dir, env });
  return dir;
})();

function freshProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'specforge-matrix-'));
  roots.push(dir);
  cpSync(base, dir, { recursive: true });
  return dir;
}

/** Every file under `dir` with its bytes, hashed: any write, rename or deletion changes it. */
function treeHash(dir: string): string {
  const hash = createHash('sha256');
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => ({ entry, path: join(entry.parentPath, entry.name) }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const { entry, path } of entries) {
    hash.update(
      `${path.slice(dir.length)}\0${entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'other'}\0`,
    );
    if (entry.isFile()) hash.update(readFileSync(path));
  }
  return hash.digest('hex');
}

const billionLaughs = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
].join('\n');

interface Row {
  name: string;
  /** Changes the fresh project before the run (the tree is hashed after it). */
  setup?: (dir: string) => void;
  args: string[];
  exit: number;
  /** The error or finding code the output must name. */
  code?: string;
  /** Runs the command with this file-size limit (ulimit -f, in KiB): a disk that fills midway. */
  fileSizeLimitKiB?: number;
}

const write = (file: string, data: string | Uint8Array) => (dir: string) =>
  writeFileSync(join(dir, file), data);

const rows: Row[] = [
  // Paths
  {
    name: 'plan: a spec that does not exist',
    args: ['plan', 'specs/nope/spec.md'],
    exit: 2,
    code: 'SPECFORGE_SPEC_NOT_FOUND',
  },
  {
    name: 'plan: a spec path that is a directory with no spec in it',
    args: ['plan', 'packs'],
    exit: 2,
    code: 'SPECFORGE_SPECS_NOT_FOUND',
  },
  { name: 'check: a path that does not exist', args: ['check', 'nope.md'], exit: 2 },
  { name: 'status: a spec that does not exist', args: ['status', 'specs/nope/spec.md'], exit: 2 },
  {
    name: 'spec inspect: a spec that does not exist',
    args: ['spec', 'inspect', 'nope.md'],
    exit: 2,
    code: 'SPECFORGE_SPEC_NOT_FOUND',
  },
  {
    name: 'spec inspect: a directory',
    args: ['spec', 'inspect', 'specs'],
    exit: 2,
    code: 'SPECFORGE_SPEC_IS_DIRECTORY',
  },
  { name: 'template show: an unknown template', args: ['template', 'show', 'acme/nope'], exit: 2 },
  { name: 'template upgrade: an unknown pack', args: ['template', 'upgrade', 'nope'], exit: 2 },
  { name: 'template validate: an unknown pack', args: ['template', 'validate', 'nope'], exit: 2 },
  {
    name: 'template import: a folder that does not exist',
    args: ['template', 'import', 'speckit', 'nope', '--out', 'packs/imported'],
    exit: 2,
  },
  {
    name: 'docs build: --out names a file',
    setup: write('site-file', 'x'),
    args: ['docs', 'build', '--out', 'site-file'],
    exit: 2,
  },
  // File contents
  {
    name: 'plan: an empty spec',
    setup: write(spec, ''),
    args: ['plan', spec, '--force'],
    exit: 2,
    code: 'SPECFORGE_SPEC_EMPTY',
  },
  {
    name: 'plan: a binary spec',
    setup: write(spec, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2])),
    args: ['plan', spec, '--force'],
    exit: 2,
    code: 'SPECFORGE_SPEC_BINARY',
  },
  {
    name: 'spec inspect: a binary spec',
    setup: write(spec, new Uint8Array([0, 1, 2, 3])),
    args: ['spec', 'inspect', spec],
    exit: 2,
    code: 'SPECFORGE_SPEC_BINARY',
  },
  {
    name: 'plan --stdout: invalid UTF-8 is a warning, the plan is printed',
    setup: write(
      spec,
      new Uint8Array([
        ...Buffer.from('# Feature Specification: X\n\n- **FR-001**: caf'),
        0xe9,
        0x0a,
      ]),
    ),
    args: ['plan', spec, '--stdout'],
    exit: 0,
    code: 'SPECFORGE_SPEC_INVALID_UTF8',
  },
  {
    name: 'plan: a 20 MB spec',
    setup: write(
      spec,
      `# Feature Specification: Big\n\n${'- **FR-001**: System MUST do it.\n'.repeat(640_000)}`,
    ),
    args: ['plan', spec, '--force'],
    exit: 2,
    code: 'SPECFORGE_FILE_TOO_LARGE',
  },
  {
    name: 'check: a 20 MB spec is a finding, not a crash',
    setup: write(spec, `# Big\n\n${'x'.repeat(20 << 20)}\n`),
    args: ['check', spec],
    exit: 1,
    code: 'SPECFORGE_FILE_TOO_LARGE',
  },
  {
    name: 'plan --stdout: a spec of 10,000 sections',
    setup: write(
      spec,
      `# Feature Specification: Many\n\n${Array.from({ length: 10_000 }, (_, i) => `## Section ${i}\n\ntext\n`).join('\n')}`,
    ),
    args: ['plan', spec, '--stdout'],
    exit: 0,
  },
  {
    name: 'plan --stdout: headings and quotes nested 10,000 deep',
    setup: write(
      spec,
      `# Feature Specification: Deep\n\n${Array.from({ length: 10_000 }, (_, i) => `${'#'.repeat((i % 6) + 1)} H${i}`).join('\n')}\n${'>'.repeat(10_000)} quote\n`,
    ),
    args: ['plan', spec, '--stdout'],
    exit: 0,
  },
  {
    name: 'plan --stdout: a 1 MB single line',
    setup: write(spec, `# Feature Specification: Line\n\n${'word '.repeat(200_000)}\n`),
    args: ['plan', spec, '--stdout'],
    exit: 0,
  },
  {
    name: 'plan: a YAML bomb in the front matter',
    setup: write(spec, `---\n${billionLaughs}\n---\n# Feature Specification: Bomb\n`),
    args: ['plan', spec, '--force'],
    exit: 2,
    code: 'SPECFORGE_FRONT_MATTER_INVALID',
  },
  {
    name: 'plan: front matter nested too deep to parse',
    setup: write(spec, `---\ntitle: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n---\n# X\n`),
    args: ['plan', spec, '--force'],
    exit: 2,
    code: 'SPECFORGE_FRONT_MATTER_INVALID',
  },
  {
    name: 'plan: a YAML bomb in the config',
    setup: write('specforge.config.yaml', `name: x\n${billionLaughs}\n`),
    args: ['plan', spec, '--force'],
    exit: 2,
    code: 'SPECFORGE_CONFIG_INVALID',
  },
  {
    name: 'plan: a YAML bomb in a template',
    setup: (dir) =>
      writeFileSync(
        join(dir, 'packs/acme/plan.md'),
        `---\nextends: speckit/plan\n${billionLaughs}\n---\n`,
      ),
    args: ['plan', spec, '--force'],
    exit: 2,
  },
  {
    name: 'plan: a YAML bomb in specforge.lock',
    setup: write('specforge.lock', `lockfileVersion: 1\n${billionLaughs}\n`),
    args: ['plan', spec, '--force'],
    exit: 2,
    code: 'SPECFORGE_LOCK_INVALID',
  },
  {
    name: 'template list: a pack manifest that is not JSON',
    setup: write('packs/acme/package.json', '{ "name": '),
    args: ['template', 'list'],
    exit: 2,
    code: 'SPECFORGE_PACK_MANIFEST_INVALID',
  },
  {
    name: 'template list: duplicate keys in a pack manifest',
    setup: (dir) =>
      writeFileSync(
        join(dir, 'packs/acme/package.json'),
        readFileSync(join(dir, 'packs/acme/package.json'), 'utf8').replace(
          '{',
          '{\n  "version": "9.9.9",',
        ),
      ),
    args: ['template', 'list'],
    exit: 2,
    code: 'SPECFORGE_PACK_MANIFEST_INVALID',
  },
  {
    name: 'plan: duplicate keys in the config',
    setup: write('specforge.config.yaml', 'name: a\nname: b\npacks:\n  - ./packs/acme\n'),
    args: ['plan', spec, '--force'],
    exit: 2,
    code: 'SPECFORGE_CONFIG_INVALID',
  },
  {
    name: 'plan: a wrong type in the config',
    setup: write('specforge.config.yaml', 'name: a\npacks: ./packs/acme\n'),
    args: ['plan', spec, '--force'],
    exit: 2,
    code: 'SPECFORGE_CONFIG_INVALID',
  },
  {
    name: 'status: a wrong type in the config',
    setup: write('specforge.config.yaml', 'name: [1, 2]\n'),
    args: ['status'],
    exit: 2,
    code: 'SPECFORGE_CONFIG_INVALID',
  },
  {
    name: 'docs build: a wrong type in the config',
    setup: write('specforge.config.yaml', 'packs: 3\n'),
    args: ['docs', 'build', '--out', 'site'],
    exit: 2,
    code: 'SPECFORGE_CONFIG_INVALID',
  },
  {
    name: 'agents export: a wrong type in the config',
    setup: write('specforge.config.yaml', 'plan: yes\n'),
    args: ['agents', 'export', '--agent', 'claude'],
    exit: 2,
    code: 'SPECFORGE_CONFIG_INVALID',
  },
  {
    name: 'template fork: a binary template in the pack',
    setup: write('packs/acme/plan.md', new Uint8Array([0, 1, 2])),
    args: ['template', 'fork', 'acme', '--as', 'team'],
    exit: 2,
  },
  // Flags
  { name: 'plan: an unknown flag', args: ['plan', spec, '--frobnicate'], exit: 2 },
  { name: 'check: an unknown format', args: ['check', '--format', 'xml'], exit: 2 },
  {
    name: 'plan: conflicting flags (--stdout with --out)',
    args: ['plan', spec, '--stdout', '--out', 'x.md'],
    exit: 2,
    code: 'SPECFORGE_USAGE',
  },
  {
    name: 'plan: conflicting flags (--rebase with --force)',
    args: ['plan', spec, '--rebase', '--force'],
    exit: 2,
  },
  {
    name: 'agents export: an unknown agent',
    args: ['agents', 'export', '--agent', 'vim'],
    exit: 2,
    code: 'SPECFORGE_AGENT_UNKNOWN',
  },
  {
    name: 'init: in a project that has a config already',
    args: ['init'],
    exit: 1,
    code: 'SPECFORGE_FILE_EXISTS',
  },
  // /proc takes no new folder, even from root: an output location nobody can write.
  {
    name: 'docs build: --out names a location that cannot be written',
    args: ['docs', 'build', '--out', '/proc/specforge-site'],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  // Writes that fail midway
  {
    name: 'plan: the disk fills while the plan is written',
    args: ['plan', spec, '--force'],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
    fileSizeLimitKiB: 4,
  },
  {
    name: 'template fork: the disk fills while the fork is written',
    args: ['template', 'fork', 'speckit', '--as', 'team', '--copy'],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
    fileSizeLimitKiB: 4,
  },
  {
    name: 'docs build: the disk fills while the site is written',
    args: ['docs', 'build', '--out', 'site'],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
    fileSizeLimitKiB: 4,
  },
];

describe('bad input, every command', () => {
  it.each(rows)('$name', (row) => {
    const dir = freshProject();
    row.setup?.(dir);
    const before = treeHash(dir);
    const command = [process.execPath, binPath, ...row.args]
      .map((part) => `'${part.replaceAll("'", "'\\''")}'`)
      .join(' ');
    const result = row.fileSizeLimitKiB
      ? spawnSync('bash', ['-c', `ulimit -f ${row.fileSizeLimitKiB}; exec ${command}`], {
          cwd: dir,
          env,
          encoding: 'utf8',
        })
      : spawnSync(process.execPath, [binPath, ...row.args], {
          cwd: dir,
          env,
          encoding: 'utf8',
          maxBuffer: 64 << 20,
        });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status, output.slice(0, 2000)).toBe(row.exit);
    if (row.code) expect(output).toContain(row.code);
    // Never a crash: an internal error (exit 70) prints a stack, a coded error never does.
    expect(output).not.toMatch(/internal error|at .+\.js:\d+:\d+/);
    expect(treeHash(dir), 'a file of the project changed').toBe(before);
  });
});
