import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type FileSystem, nodeFileSystem } from '@specforge/core';
import { afterEach, describe, expect, it } from 'vitest';
import { failure, removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { findAgentFormat } from './agent-formats.js';
import { AGENTS_MANIFEST_PATH, hashAgentFile } from './agents-manifest.js';
import { applyAgentsExport } from './apply-agents-export.js';
import { type AgentsExportPlan, planAgentFiles } from './plan-agents-export.js';
import type { AgentFile } from './render-agent-file.js';

afterEach(removeTempTrees);

const claude = findAgentFormat('claude');
const PLAN = '.claude/skills/specforge-plan/SKILL.md';
const TASKS = '.claude/skills/specforge-tasks/SKILL.md';

/** The export's files at a given "template version", so that a new version changes their text. */
function files(version = 1): AgentFile[] {
  return [
    { path: PLAN, command: 'plan', text: `plan v${version}\n` },
    { path: TASKS, command: 'tasks', text: `tasks v${version}\n` },
  ];
}

/** A file system that records every write, to prove that a run wrote nothing. */
function recordingFs(): FileSystem & { writes: string[] } {
  const writes: string[] = [];
  return {
    ...nodeFileSystem,
    writes,
    writeFileAtomic: async (path, data) => {
      writes.push(path);
      await nodeFileSystem.writeFileAtomic(path, data);
    },
  };
}

async function exportOnce(
  root: string,
  options: { version?: number; force?: boolean; fs?: FileSystem } = {},
): Promise<AgentsExportPlan> {
  const plan = await planAgentFiles({
    root,
    format: claude,
    files: files(options.version),
    force: options.force,
    fs: options.fs,
  });
  await applyAgentsExport(plan, { fs: options.fs });
  return plan;
}

const actions = (plan: AgentsExportPlan) =>
  plan.files.map((file) => [file.path, file.action, file.reason]);

async function manifestOf(root: string): Promise<Record<string, Record<string, string>>> {
  return JSON.parse(await readFile(join(root, AGENTS_MANIFEST_PATH), 'utf8')).agents;
}

async function write(root: string, path: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
}

describe('planAgentFiles and applyAgentsExport', () => {
  it('creates every file and records its hash in the manifest on the first export', async () => {
    const root = await writeTempTree({});
    const plan = await exportOnce(root);
    expect(actions(plan)).toEqual([
      [PLAN, 'create', undefined],
      [TASKS, 'create', undefined],
    ]);
    expect(plan.kept).toEqual([]);
    expect(await readFile(join(root, PLAN), 'utf8')).toBe('plan v1\n');
    expect(await manifestOf(root)).toEqual({
      claude: { [PLAN]: hashAgentFile('plan v1\n'), [TASKS]: hashAgentFile('tasks v1\n') },
    });
    // A change set: plain data that survives JSON.
    expect(JSON.parse(JSON.stringify(plan))).toEqual(JSON.parse(JSON.stringify(plan)));
  });

  it('writes nothing at all on a second export of the same files', async () => {
    const root = await writeTempTree({});
    await exportOnce(root);
    const fs = recordingFs();
    const plan = await exportOnce(root, { fs });
    expect(actions(plan)).toEqual([
      [PLAN, 'unchanged', undefined],
      [TASKS, 'unchanged', undefined],
    ]);
    expect(plan.manifest.text).toBeUndefined();
    expect(plan.files.every((file) => file.text === undefined)).toBe(true);
    expect(fs.writes).toEqual([]);
  });

  it('updates the files the last export wrote when the templates change', async () => {
    const root = await writeTempTree({});
    await exportOnce(root);
    const plan = await exportOnce(root, { version: 2 });
    expect(actions(plan)).toEqual([
      [PLAN, 'update', undefined],
      [TASKS, 'update', undefined],
    ]);
    expect(await readFile(join(root, TASKS), 'utf8')).toBe('tasks v2\n');
    expect((await manifestOf(root)).claude?.[TASKS]).toBe(hashAgentFile('tasks v2\n'));
  });

  it('skips and reports a file edited since the last export, and overwrites it with force', async () => {
    const root = await writeTempTree({});
    await exportOnce(root);
    await writeFile(join(root, PLAN), 'plan v1\nmy own step\n');

    const skipped = await exportOnce(root, { version: 2 });
    expect(actions(skipped)).toEqual([
      [PLAN, 'skip', 'edited'],
      [TASKS, 'update', undefined],
    ]);
    expect(skipped.kept).toEqual([PLAN]);
    expect(await readFile(join(root, PLAN), 'utf8')).toBe('plan v1\nmy own step\n');
    // The manifest keeps the hash of what specforge wrote, so the file still reads as edited.
    expect((await manifestOf(root)).claude?.[PLAN]).toBe(hashAgentFile('plan v1\n'));
    expect(actions(await exportOnce(root, { version: 2 }))[0]).toEqual([PLAN, 'skip', 'edited']);

    const forced = await exportOnce(root, { version: 2, force: true });
    expect(actions(forced)).toEqual([
      [PLAN, 'overwrite', 'edited'],
      [TASKS, 'unchanged', undefined],
    ]);
    expect(forced.kept).toEqual([]);
    expect(await readFile(join(root, PLAN), 'utf8')).toBe('plan v2\n');
    expect((await manifestOf(root)).claude?.[PLAN]).toBe(hashAgentFile('plan v2\n'));
  });

  it('takes an edited file back when its text is the exported text again', async () => {
    const root = await writeTempTree({});
    await exportOnce(root);
    await writeFile(join(root, PLAN), 'plan v2\n');
    const plan = await exportOnce(root, { version: 2 });
    expect(actions(plan)[0]).toEqual([PLAN, 'unchanged', undefined]);
    expect((await manifestOf(root)).claude?.[PLAN]).toBe(hashAgentFile('plan v2\n'));
  });

  it('re-creates a file deleted since the last export', async () => {
    const root = await writeTempTree({});
    await exportOnce(root);
    await rm(join(root, '.claude/skills/specforge-plan'), { recursive: true });
    const plan = await exportOnce(root);
    expect(actions(plan)).toEqual([
      [PLAN, 'create', undefined],
      [TASKS, 'unchanged', undefined],
    ]);
    expect(plan.manifest.text).toBeUndefined();
    expect(await readFile(join(root, PLAN), 'utf8')).toBe('plan v1\n');
  });

  it("treats a file that the manifest does not list as the user's: kept unless forced, adopted when identical", async () => {
    const root = await writeTempTree({ [PLAN]: 'my own plan skill\n', [TASKS]: 'tasks v1\n' });
    const plan = await exportOnce(root);
    expect(actions(plan)).toEqual([
      [PLAN, 'skip', 'unmanaged'],
      [TASKS, 'unchanged', undefined],
    ]);
    expect(await readFile(join(root, PLAN), 'utf8')).toBe('my own plan skill\n');
    expect(await manifestOf(root)).toEqual({ claude: { [TASKS]: hashAgentFile('tasks v1\n') } });

    // With the manifest gone, the files count as the user's again.
    await rm(join(root, AGENTS_MANIFEST_PATH));
    const forced = await exportOnce(root, { force: true });
    expect(actions(forced)).toEqual([
      [PLAN, 'overwrite', 'unmanaged'],
      [TASKS, 'unchanged', undefined],
    ]);
    expect(await readFile(join(root, PLAN), 'utf8')).toBe('plan v1\n');
  });

  it('starts no manifest when nothing is recorded', async () => {
    const root = await writeTempTree({ [PLAN]: 'mine\n', [TASKS]: 'mine too\n' });
    const plan = await exportOnce(root);
    expect(plan.kept).toEqual([PLAN, TASKS]);
    expect(plan.manifest.text).toBeUndefined();
    expect(await readdir(root)).toEqual(['.claude']);
  });

  it('counts a file whose line endings a checkout converted as unchanged', async () => {
    const root = await writeTempTree({});
    await exportOnce(root);
    await writeFile(join(root, PLAN), 'plan v1\r\n');
    expect(actions(await exportOnce(root))[0]).toEqual([PLAN, 'unchanged', undefined]);
    expect(await readFile(join(root, PLAN), 'utf8')).toBe('plan v1\r\n');
  });

  it("keeps the other agents' entries in the manifest", async () => {
    const root = await writeTempTree({});
    const gemini = '.gemini/commands/specforge.plan.toml';
    await write(
      root,
      AGENTS_MANIFEST_PATH,
      JSON.stringify({ version: 1, agents: { gemini: { [gemini]: hashAgentFile('x') } } }),
    );
    await exportOnce(root);
    expect(Object.keys(await manifestOf(root))).toEqual(['claude', 'gemini']);
    expect((await manifestOf(root)).gemini).toEqual({ [gemini]: hashAgentFile('x') });
  });

  it('removes a file the export no longer writes when untouched, and forgets it when edited', async () => {
    const root = await writeTempTree({});
    const old = '.claude/skills/specforge-old/SKILL.md';
    const edited = '.claude/skills/specforge-older/SKILL.md';
    const outside = '.github/skills/specforge-plan/SKILL.md';
    await write(root, old, 'old\n');
    await write(root, edited, 'older, edited\n');
    await write(root, outside, 'old\n');
    await write(
      root,
      AGENTS_MANIFEST_PATH,
      JSON.stringify({
        version: 1,
        agents: {
          claude: {
            [old]: hashAgentFile('old\n'),
            [edited]: hashAgentFile('older\n'),
            [outside]: hashAgentFile('old\n'),
            '../escape.md': hashAgentFile('old\n'),
            '.claude/skills/specforge-gone/SKILL.md': hashAgentFile('gone\n'),
          },
        },
      }),
    );
    const plan = await exportOnce(root);
    expect(actions(plan)).toEqual([
      [PLAN, 'create', undefined],
      [TASKS, 'create', undefined],
      ['../escape.md', 'forget', undefined],
      ['.claude/skills/specforge-old/SKILL.md', 'remove', undefined],
      ['.claude/skills/specforge-older/SKILL.md', 'forget', 'edited'],
      ['.github/skills/specforge-plan/SKILL.md', 'forget', undefined],
    ]);
    expect((await readdir(join(root, '.claude/skills'))).sort()).toEqual([
      'specforge-older',
      'specforge-plan',
      'specforge-tasks',
    ]);
    expect(await readFile(join(root, outside), 'utf8')).toBe('old\n');
    expect(Object.keys((await manifestOf(root)).claude!)).toEqual([PLAN, TASKS]);
  });

  it('refuses a root that is a file, a folder where a file goes, and a broken manifest', async () => {
    const root = await writeTempTree({ 'file.txt': 'x', [`${PLAN}/inner.md`]: 'x' });
    const format = claude;
    const asFile = await failure(
      () => planAgentFiles({ root: join(root, 'file.txt'), format, files: files() }),
      root,
    );
    expect(asFile).toMatchObject({
      code: 'SPECFORGE_AGENT_DIR_NOT_DIRECTORY',
      message: '<root>/file.txt is a file, not a folder; nothing was written.',
    });
    const folder = await failure(() => planAgentFiles({ root, format, files: files() }), root);
    expect(folder).toMatchObject({ code: 'SPECFORGE_OUTPUT_IS_DIRECTORY', at: `<root>/${PLAN}` });

    const other = await writeTempTree({ [AGENTS_MANIFEST_PATH]: '{"version":1' });
    expect(
      (await failure(() => planAgentFiles({ root: other, format, files: files() }))).code,
    ).toBe('SPECFORGE_AGENT_MANIFEST_INVALID');
  });

  it('never writes outside the agent folder, whatever files it is given', async () => {
    const root = await writeTempTree({});
    for (const path of [
      '../x.md',
      '.claude/skills/../../x.md',
      '.github/skills/x/SKILL.md',
      '/tmp/x.md',
    ]) {
      await expect(
        planAgentFiles({ root, format: claude, files: [{ path, command: 'plan', text: 'x' }] }),
      ).rejects.toThrow(/is not inside \.claude\/skills/);
    }
  });
});
