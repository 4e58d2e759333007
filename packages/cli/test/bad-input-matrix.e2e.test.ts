import { type SpawnSyncOptions, type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { binPath } from './run-cli.js';

// Every command against bad input: each row runs the built CLI on a fresh copy of the example
// project after its setup, and checks the exit code, the error code printed, that no file of
// the project changed (a hash of the whole tree before and after), and that nothing was left in
// the temp folder. Every run has a deadline, so a command that hangs fails its row.

const example = fileURLToPath(new URL('../../../examples/acme-shop', import.meta.url));
const spec = 'specs/042-checkout/spec.md';
const env = { ...process.env, NO_COLOR: '1', CI: '1', SOURCE_DATE_EPOCH: '1767225600' };
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

// A port another program holds, for `docs serve`: the kernel refuses a second listener even
// while this process blocks in spawnSync.
const busyServer = createServer();
await new Promise<void>((done) => busyServer.listen(0, '127.0.0.1', done));
const busyPort = String((busyServer.address() as { port: number }).port);
afterAll(() => new Promise<void>((done) => busyServer.close(() => done())));

// Read-only folders: root writes through any mode bits, so as root the CLI runs as the user
// nobody, who owns the project copy but not the write bit of the folders made read-only.
const nobody = 65534;
const asRoot = process.getuid?.() === 0;
/** Why the read-only rows cannot run here; `undefined` when they can. */
const readOnlySkip = ((): string | undefined => {
  if (process.platform === 'win32') return 'chmod does not make a folder read-only on Windows';
  if (!asRoot) return undefined;
  const probe = spawnSync(process.execPath, [binPath, '--version'], {
    uid: nobody,
    gid: nobody,
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (probe.status === 0) return undefined;
  return `the tests run as root, where chmod stops no write, and the built CLI cannot run as the user nobody (uid ${nobody}) instead (${probe.error?.message ?? probe.stderr.trim()}); the repository must be readable by others`;
})();
if (readOnlySkip) console.warn(`Skipping the read-only folder rows: ${readOnlySkip}`);

/** Gives `dir` and everything in it to nobody (as root) so that only the mode bits decide. */
function giveToNobody(dir: string): void {
  chownSync(dir, nobody, nobody);
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    chownSync(join(entry.parentPath, entry.name), nobody, nobody);
  }
}

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
  /** What the output must say, for a usage error of the argument parser (it prints no code). */
  says?: string;
  /** Runs the command with this file-size limit (ulimit -f, in KiB): a disk that fills midway. */
  fileSizeLimitKiB?: number;
  /** Folders of the project (`.` for its root) made read-only (0555) after the setup. */
  readOnly?: string[];
}

const write = (file: string, data: string | Uint8Array) => (dir: string) =>
  writeFileSync(join(dir, file), data);
const folder = (path: string) => (dir: string) => mkdirSync(join(dir, path), { recursive: true });
const steps =
  (...all: ((dir: string) => void)[]) =>
  (dir: string) => {
    for (const step of all) step(dir);
  };
/** Changes the acme pack so that it no longer matches specforge.lock. */
const packChanged = (dir: string) =>
  writeFileSync(
    join(dir, 'packs/acme/plan.md'),
    `${readFileSync(join(dir, 'packs/acme/plan.md'), 'utf8')}\n<!-- a change -->\n`,
  );
/** Points the acme pack's `extends` at a package that is not installed. */
const baseMissing = (dir: string) =>
  writeFileSync(
    join(dir, 'packs/acme/package.json'),
    readFileSync(join(dir, 'packs/acme/package.json'), 'utf8').replace(
      '@specforge/templates-speckit@^1.0.0',
      '@nope/templates@^1.0.0',
    ),
  );
const manifestNotJson = write('packs/acme/package.json', '{ "name": ');
/** A Spec Kit checkout to import. */
const specKitCheckout = steps(
  folder('vendor/spec-kit/templates'),
  write('vendor/spec-kit/pyproject.toml', '[project]\nname = "specify-cli"\nversion = "2.1.0"\n'),
  write('vendor/spec-kit/templates/plan-template.md', '# Implementation Plan: [FEATURE]\n'),
);
// A folder under /proc can never be made: mkdir answers ENOENT although /proc exists, on which
// Node's recursive mkdir used to spin forever.
const procFolder = '/proc/specforge-matrix/out';

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
  // Read-only output folders: nothing is written, no temporary file is left.
  {
    name: 'plan: --out inside a read-only folder',
    setup: folder('readonly'),
    readOnly: ['readonly'],
    args: ['plan', spec, '--out', 'readonly/plan.md'],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  {
    name: 'plan: --out in a new folder under a read-only one',
    setup: folder('readonly'),
    readOnly: ['readonly'],
    args: ['plan', spec, '--out', 'readonly/new/plan.md'],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  {
    name: 'plan: the spec folder is read-only',
    readOnly: ['specs/042-checkout'],
    args: ['plan', spec, '--force'],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  {
    name: 'template fork: the packs folder is read-only',
    readOnly: ['packs'],
    args: ['template', 'fork', 'speckit', '--as', 'team'],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  {
    name: 'template fork --copy: the packs folder is read-only',
    readOnly: ['packs'],
    args: ['template', 'fork', 'speckit', '--as', 'team', '--copy'],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  {
    name: 'template import: the packs folder is read-only',
    setup: specKitCheckout,
    readOnly: ['packs'],
    args: ['template', 'import', 'speckit', 'vendor/spec-kit', '--out', 'packs/upstream'],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  {
    name: 'docs build: --out inside a read-only folder',
    setup: folder('readonly'),
    readOnly: ['readonly'],
    args: ['docs', 'build', '--out', 'readonly/site'],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  {
    name: 'docs serve: --out inside a read-only folder',
    setup: folder('readonly'),
    readOnly: ['readonly'],
    args: ['docs', 'serve', '--port', '0', '--out', 'readonly/site'],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  {
    name: 'agents export: --dir is read-only',
    setup: folder('readonly'),
    readOnly: ['readonly'],
    args: ['agents', 'export', '--agent', 'claude', '--dir', 'readonly'],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  {
    name: 'init: the project is read-only',
    setup: (dir) => {
      rmSync(join(dir, 'specforge.config.yaml'));
      rmSync(join(dir, 'specforge.lock'));
    },
    readOnly: ['.', 'packs', 'specs'],
    args: ['init', '--name', 'shop'],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  // Output folders that cannot be made at all: a coded error at once, never a hang.
  {
    name: 'plan: --out under /proc',
    args: ['plan', spec, '--out', `${procFolder}/plan.md`],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  {
    name: 'template fork: --dir under /proc',
    args: ['template', 'fork', 'speckit', '--as', 'team', '--dir', procFolder],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  {
    name: 'agents export: --dir under /proc',
    args: ['agents', 'export', '--agent', 'claude', '--dir', procFolder],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  {
    name: 'docs build: --out in a new folder under /proc',
    args: ['docs', 'build', '--out', `${procFolder}/site`],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  {
    name: 'docs serve: --out in a new folder under /proc',
    args: ['docs', 'serve', '--port', '0', '--out', `${procFolder}/site`],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  {
    name: 'template fork: --dir inside a file',
    args: ['template', 'fork', 'speckit', '--as', 'team', '--dir', 'README.md/team'],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  {
    name: 'plan: --out inside a file',
    args: ['plan', spec, '--out', 'README.md/plan.md'],
    exit: 2,
    code: 'SPECFORGE_OUTPUT_UNWRITABLE',
  },
  // Devices that never end: refused at the size bound, never read whole.
  {
    name: 'spec inspect: /dev/zero',
    args: ['spec', 'inspect', '/dev/zero'],
    exit: 2,
    code: 'SPECFORGE_FILE_TOO_LARGE',
  },
  {
    name: 'plan --stdout: /dev/urandom',
    args: ['plan', '/dev/urandom', '--stdout'],
    exit: 2,
    code: 'SPECFORGE_FILE_TOO_LARGE',
  },
  {
    name: 'check: /dev/zero is a finding',
    args: ['check', '/dev/zero'],
    exit: 1,
    code: 'SPECFORGE_FILE_TOO_LARGE',
  },
  // template blame
  {
    name: 'template blame: an unknown template',
    args: ['template', 'blame', 'acme/nope'],
    exit: 2,
    code: 'SPECFORGE_TEMPLATE_NOT_FOUND',
  },
  {
    name: 'template blame: a path, not a template ref',
    args: ['template', 'blame', '../../etc/passwd'],
    exit: 2,
    code: 'SPECFORGE_TEMPLATE_REF_INVALID',
  },
  {
    name: 'template blame: an overlay that targets a missing section',
    setup: (dir) =>
      writeFileSync(
        join(dir, 'packs/acme/plan.md'),
        readFileSync(join(dir, 'packs/acme/plan.md'), 'utf8').replace(
          'technical-approach/technology-stack',
          'technical-approach/nope',
        ),
      ),
    args: ['template', 'blame', 'acme/plan'],
    exit: 2,
    code: 'SPECFORGE_OVERLAY_TARGET_MISSING',
  },
  {
    name: 'template blame --frozen: the pack changed since the lock',
    setup: packChanged,
    args: ['template', 'blame', 'acme/plan', '--frozen'],
    exit: 2,
    code: 'SPECFORGE_LOCK_MISMATCH',
  },
  {
    name: 'template blame: an unknown flag',
    args: ['template', 'blame', 'acme/plan', '--frobnicate'],
    exit: 2,
    says: "unknown option '--frobnicate'",
  },
  // template diff
  {
    name: 'template diff: an unknown template',
    args: ['template', 'diff', 'acme/nope'],
    exit: 2,
    code: 'SPECFORGE_TEMPLATE_NOT_FOUND',
  },
  {
    name: 'template diff: a template that is not a fork',
    args: ['template', 'diff', 'speckit/plan'],
    exit: 2,
    code: 'SPECFORGE_TEMPLATE_NOT_FOUND',
  },
  {
    name: 'template diff: --base a version the source does not offer',
    args: ['template', 'diff', 'acme/plan', '--base', '99.0.0'],
    exit: 2,
    code: 'SPECFORGE_SOURCE_VERSION_MISMATCH',
  },
  {
    name: 'template diff: --base without a value',
    args: ['template', 'diff', 'acme/plan', '--base'],
    exit: 2,
    says: "option '--base <version>' argument missing",
  },
  {
    name: 'template diff: a pack manifest that is not JSON',
    setup: manifestNotJson,
    args: ['template', 'diff', 'acme/plan'],
    exit: 2,
    code: 'SPECFORGE_PACK_MANIFEST_INVALID',
  },
  // template outdated
  {
    name: 'template outdated: an argument it does not take',
    args: ['template', 'outdated', 'acme'],
    exit: 2,
    says: "too many arguments for 'outdated'",
  },
  {
    name: 'template outdated: a base pack that is not installed',
    setup: baseMissing,
    args: ['template', 'outdated'],
    exit: 2,
    code: 'SPECFORGE_SOURCE_NOT_FOUND',
  },
  {
    name: 'template outdated: a pack manifest that is not JSON',
    setup: manifestNotJson,
    args: ['template', 'outdated'],
    exit: 2,
    code: 'SPECFORGE_PACK_MANIFEST_INVALID',
  },
  // template show
  {
    name: 'template show: a ref with too many parts',
    args: ['template', 'show', 'acme/plan/extra'],
    exit: 2,
    code: 'SPECFORGE_TEMPLATE_REF_INVALID',
  },
  {
    name: 'template show: an overlay with text under a remove directive',
    setup: (dir) =>
      writeFileSync(
        join(dir, 'packs/acme/plan.md'),
        `${readFileSync(join(dir, 'packs/acme/plan.md'), 'utf8')}\nlost text\n`,
      ),
    args: ['template', 'show', 'acme/plan'],
    exit: 2,
    code: 'SPECFORGE_OVERLAY_INVALID',
  },
  {
    name: 'template show --frozen: the pack changed since the lock',
    setup: packChanged,
    args: ['template', 'show', 'acme/plan', '--frozen'],
    exit: 2,
    code: 'SPECFORGE_LOCK_MISMATCH',
  },
  // template validate
  {
    name: 'template validate: a template ref where a pack is expected',
    args: ['template', 'validate', 'acme/plan'],
    exit: 2,
    code: 'SPECFORGE_PACK_NOT_FOUND',
  },
  {
    name: 'template validate: a base pack that is not installed',
    setup: baseMissing,
    args: ['template', 'validate', 'acme'],
    exit: 2,
    code: 'SPECFORGE_SOURCE_NOT_FOUND',
  },
  {
    name: 'template validate: two packs',
    args: ['template', 'validate', 'acme', 'speckit'],
    exit: 2,
    says: "too many arguments for 'validate'",
  },
  // spec inspect
  {
    name: 'spec inspect: no spec',
    args: ['spec', 'inspect'],
    exit: 2,
    says: "missing required argument 'spec'",
  },
  {
    name: 'spec inspect: invalid front matter',
    setup: write(spec, '---\ntitle: [\n---\n# X\n'),
    args: ['spec', 'inspect', spec],
    exit: 2,
    code: 'SPECFORGE_FRONT_MATTER_INVALID',
  },
  {
    name: 'spec inspect: an empty spec',
    setup: write(spec, '\n  \n'),
    args: ['spec', 'inspect', spec],
    exit: 2,
    code: 'SPECFORGE_SPEC_EMPTY',
  },
  // status
  {
    name: 'status: a glob that matches nothing',
    args: ['status', 'specs/**/nope.md'],
    exit: 2,
    code: 'SPECFORGE_SPECS_NOT_FOUND',
  },
  {
    name: 'status: a pack manifest that is not JSON',
    setup: manifestNotJson,
    args: ['status'],
    exit: 2,
    code: 'SPECFORGE_PACK_MANIFEST_INVALID',
  },
  {
    name: 'status --frozen: the pack changed since the lock',
    setup: packChanged,
    args: ['status', '--frozen'],
    exit: 2,
    code: 'SPECFORGE_LOCK_MISMATCH',
  },
  {
    name: 'status: an unknown flag',
    args: ['status', '--frobnicate'],
    exit: 2,
    says: "unknown option '--frobnicate'",
  },
  // plan --rebase
  {
    name: 'plan --rebase: a plan specforge did not generate',
    setup: write('specs/042-checkout/notes.md', '# Notes written by hand\n'),
    args: ['plan', spec, '--rebase', '--out', 'specs/042-checkout/notes.md'],
    exit: 2,
    code: 'SPECFORGE_REBASE_NOT_GENERATED',
  },
  {
    name: 'plan --rebase: two specs',
    setup: steps(folder('specs/043-copy'), (dir) =>
      cpSync(join(dir, spec), join(dir, 'specs/043-copy/spec.md')),
    ),
    args: ['plan', 'specs/**/spec.md', '--rebase'],
    exit: 2,
    code: 'SPECFORGE_USAGE',
  },
  {
    name: 'plan --rebase: an edited plan with no history to rebase from',
    setup: (dir) => {
      const plan = join(dir, 'specs/042-checkout/plan.md');
      writeFileSync(plan, readFileSync(plan, 'utf8').replace('## Context', '## Context (ours)'));
      writeFileSync(
        join(dir, spec),
        `${readFileSync(join(dir, spec), 'utf8')}\n- **FR-099**: System MUST log it.\n`,
      );
    },
    args: ['plan', spec, '--rebase'],
    exit: 2,
    code: 'SPECFORGE_REBASE_BASE_UNKNOWN',
  },
  // docs serve: refused at once, before anything is served
  {
    name: 'docs serve: a port out of range',
    args: ['docs', 'serve', '--port', '99999'],
    exit: 2,
    code: 'SPECFORGE_USAGE',
  },
  {
    name: 'docs serve: a port that is not a number',
    args: ['docs', 'serve', '--port', 'abc'],
    exit: 2,
    code: 'SPECFORGE_USAGE',
  },
  {
    name: 'docs serve: a port another program listens on',
    args: ['docs', 'serve', '--port', busyPort],
    exit: 2,
    code: 'SPECFORGE_USAGE',
  },
  {
    name: 'docs serve: a guides folder that does not exist',
    args: ['docs', 'serve', '--port', '0', '--guides', 'nope'],
    exit: 2,
    code: 'SPECFORGE_USAGE',
  },
];

function runRow(row: Row): void {
  const dir = freshProject();
  // The command's temp folder: whatever it leaves there is a stray file.
  const temp = mkdtempSync(join(tmpdir(), 'specforge-matrix-tmp-'));
  roots.push(temp);
  row.setup?.(dir);
  const user: SpawnSyncOptions = {};
  if (row.readOnly && asRoot) {
    giveToNobody(dir);
    giveToNobody(temp);
    Object.assign(user, { uid: nobody, gid: nobody });
  }
  for (const path of row.readOnly ?? []) chmodSync(join(dir, path), 0o555);
  const before = treeHash(dir);
  const command = [process.execPath, binPath, ...row.args]
    .map((part) => `'${part.replaceAll("'", "'\\''")}'`)
    .join(' ');
  const options: SpawnSyncOptions = {
    cwd: dir,
    env: { ...env, TMPDIR: temp },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    // Under the test timeout, so that a command that hangs fails its row, not the suite.
    timeout: 20_000,
    killSignal: 'SIGKILL',
    ...user,
  };
  let result: SpawnSyncReturns<string>;
  try {
    result = (
      row.fileSizeLimitKiB
        ? spawnSync('bash', ['-c', `ulimit -f ${row.fileSizeLimitKiB}; exec ${command}`], options)
        : spawnSync(process.execPath, [binPath, ...row.args], options)
    ) as SpawnSyncReturns<string>;
  } finally {
    // Writable again, so that the temp folders can be removed by a user other than root.
    for (const path of row.readOnly ?? []) chmodSync(join(dir, path), 0o755);
  }
  const output = `${result.stdout}\n${result.stderr}`;
  expect(result.error?.message, 'the command did not finish in time').toBeUndefined();
  expect(result.status, output.slice(0, 2000)).toBe(row.exit);
  if (row.code) expect(output).toContain(row.code);
  if (row.says) expect(output).toContain(row.says);
  // Never a crash: an internal error (exit 70) prints a stack, a coded error never does.
  expect(output).not.toMatch(/internal error|at .+\.js:\d+:\d+/);
  expect(treeHash(dir), 'a file of the project changed').toBe(before);
  expect(readdirSync(temp), 'files left in the temp folder').toEqual([]);
}

describe('bad input, every command', () => {
  const skipped = (row: Row) => row.readOnly !== undefined && readOnlySkip !== undefined;
  it.each(rows.filter((row) => !skipped(row)))('$name', runRow);
  it.skip.each(rows.filter(skipped))('$name', runRow);
});
