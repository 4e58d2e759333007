import { cpSync } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { makeProject, type TempProject } from './temp-project.js';

const example = fileURLToPath(new URL('../../../examples/acme-shop', import.meta.url));
// The export of the example project for each agent, as the registry's golden tests hold it; a
// golden path is the exported path without the agent folder's leading ".".
const goldens = fileURLToPath(
  new URL('../../template-registry/src/agents/__fixtures__/goldens/', import.meta.url),
);
const agents = [
  'claude',
  'copilot',
  'gemini',
  'cursor',
  'codex',
  'windsurf',
  'opencode',
  'generic',
];
const env = { SPECFORGE_CACHE_DIR: '/nonexistent-cache' };

async function exampleProject(): Promise<TempProject> {
  const project = await makeProject();
  cpSync(example, project.dir, {
    recursive: true,
    filter: (source) => !source.endsWith('plan.md') || source.includes('/packs/'),
  });
  return project;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** The files an export of `agent` writes, by path in the project, with their golden text. */
async function expectedFiles(agent: string): Promise<Map<string, string>> {
  const dir = join(goldens, agent);
  const files = new Map<string, string>();
  for (const path of await listFiles(dir))
    files.set(`.${path}`, await readFile(join(dir, path), 'utf8'));
  return files;
}

const exportArgs = (agent: string, ...more: string[]) => [
  'agents',
  'export',
  '--agent',
  agent,
  ...more,
];

describe('specforge agents export', () => {
  it.each(agents)(
    "writes the example team's commands for %s as the goldens hold them, and nothing on a second run",
    async (agent) => {
      const project = await exampleProject();
      const before = await listFiles(project.dir);
      const first = runCli(exportArgs(agent, '--frozen'), { cwd: project.dir, env });
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);

      const expected = await expectedFiles(agent);
      expect(expected.size).toBe(4);
      const written = (await listFiles(project.dir)).filter((file) => !before.includes(file));
      expect(written).toEqual([...expected.keys()].sort());
      for (const [path, text] of expected) expect(await project.read(path), path).toBe(text);
      const commandFiles = [...expected.keys()].filter(
        (path) => !path.startsWith('.specforge/agents-'),
      );
      expect(first.stdout.split('\n').slice(0, 3)).toEqual(
        commandFiles.sort((a, b) => order(a) - order(b)).map((path) => `created ${path}`),
      );
      expect(first.stdout).toMatch(/\n(exported 3 commands for .+: 3 new)\ninvoke them as .+\n$/);

      const times = await Promise.all(
        written.map(async (path) => (await stat(project.path(path))).mtimeMs),
      );
      const again = runCli(exportArgs(agent, '--frozen'), { cwd: project.dir, env });
      expect(again.status).toBe(0);
      expect(again.stderr).toBe('');
      expect(again.stdout.split('\n')[0]).toMatch(
        /^exported 3 commands for .+: 3 unchanged; nothing written$/,
      );
      expect(
        await Promise.all(written.map(async (path) => (await stat(project.path(path))).mtimeMs)),
      ).toEqual(times);
    },
  );

  it('reports the invocations and the folder of the agent', async () => {
    const project = await exampleProject();
    const claude = runCli(exportArgs('claude'), { cwd: project.dir, env });
    expect(claude.stdout).toBe(
      [
        'created .claude/skills/specforge-plan/SKILL.md',
        'created .claude/skills/specforge-tasks/SKILL.md',
        'created .claude/skills/specforge-check/SKILL.md',
        'exported 3 commands for Claude Code to .claude/skills: 3 new',
        'invoke them as /specforge-plan, /specforge-tasks and /specforge-check',
        '',
      ].join('\n'),
    );
    const codex = runCli(exportArgs('codex'), { cwd: project.dir, env });
    expect(codex.stdout).toContain(
      'invoke them as $specforge-plan, $specforge-tasks and $specforge-check\n',
    );
    const gemini = runCli(exportArgs('gemini'), { cwd: project.dir, env });
    expect(gemini.stdout).toContain(
      'exported 3 commands for Gemini CLI to .gemini/commands: 3 new\n',
    );
    // One manifest for every agent exported into the project.
    expect(
      Object.keys(JSON.parse(await project.read('.specforge/agents-manifest.json')).agents),
    ).toEqual(['claude', 'codex', 'gemini']);
  });

  it('skips a file edited since the last export with exit 1 and says which, then overwrites it with --force', async () => {
    const project = await exampleProject();
    runCli(exportArgs('claude'), { cwd: project.dir, env });
    const skill = '.claude/skills/specforge-plan/SKILL.md';
    const exported = await project.read(skill);
    await project.write(skill, `${exported}\nOur own extra step.\n`);

    const skipped = runCli(exportArgs('claude'), { cwd: project.dir, env });
    expect(skipped.status).toBe(1);
    expect(skipped.stdout).toBe(
      [
        `skipped ${skill} (edited since the last export)`,
        'exported 3 commands for Claude Code to .claude/skills: 1 skipped, 2 unchanged; nothing written',
        'invoke them as /specforge-plan, /specforge-tasks and /specforge-check',
        '',
      ].join('\n'),
    );
    expect(skipped.stderr).toBe(
      `error SPECFORGE_AGENT_FILES_KEPT: These files of the claude export were edited since the last export, or were not written by specforge, so the export leaves them untouched: ${skill}.\n` +
        '  hint: See what the export would write with --dry-run; pass --force to replace them with the exported text, losing those edits.\n',
    );
    expect(await project.read(skill)).toBe(`${exported}\nOur own extra step.\n`);

    const dryRun = runCli(exportArgs('claude', '--force', '--dry-run'), { cwd: project.dir, env });
    expect(dryRun.status).toBe(0);
    expect(dryRun.stdout.split('\n')[0]).toBe(
      `would overwrite ${skill} (edited since the last export)`,
    );
    expect(await project.read(skill)).toBe(`${exported}\nOur own extra step.\n`);

    const forced = runCli(exportArgs('claude', '--force'), { cwd: project.dir, env });
    expect(forced.status).toBe(0);
    expect(forced.stderr).toBe('');
    expect(forced.stdout.split('\n')[0]).toBe(`overwrote ${skill} (edited since the last export)`);
    expect(await project.read(skill)).toBe(exported);
    expect(runCli(exportArgs('claude'), { cwd: project.dir, env }).status).toBe(0);
  });

  it('re-creates a deleted file and keeps a file it did not write', async () => {
    const project = await exampleProject();
    await project.write('.opencode/commands/specforge.check.md', 'our own check command\n');
    const first = runCli(exportArgs('opencode', '--json'), { cwd: project.dir, env });
    expect(first.status).toBe(1);
    expect(JSON.parse(first.stdout)).toMatchObject({
      agent: 'opencode',
      root: '.',
      folder: '.opencode/commands',
      manifest: '.specforge/agents-manifest.json',
      files: [
        {
          file: '.opencode/commands/specforge.plan.md',
          command: 'plan',
          action: 'create',
          reason: null,
        },
        {
          file: '.opencode/commands/specforge.tasks.md',
          command: 'tasks',
          action: 'create',
          reason: null,
        },
        {
          file: '.opencode/commands/specforge.check.md',
          command: 'check',
          action: 'skip',
          reason: 'unmanaged',
        },
      ],
      kept: ['.opencode/commands/specforge.check.md'],
      written: true,
    });
    expect(first.stderr).toContain('error SPECFORGE_AGENT_FILES_KEPT:');
    expect(await project.read('.opencode/commands/specforge.check.md')).toBe(
      'our own check command\n',
    );

    await rm(project.path('.opencode/commands/specforge.plan.md'));
    const again = runCli(exportArgs('opencode'), { cwd: project.dir, env });
    expect(again.stdout.split('\n').slice(0, 2)).toEqual([
      'created .opencode/commands/specforge.plan.md',
      'skipped .opencode/commands/specforge.check.md (not written by specforge)',
    ]);
    expect(again.status).toBe(1);
  });

  it('writes under --dir only, and nothing with --dry-run', async () => {
    const project = await exampleProject();
    const before = await listFiles(project.dir);
    const dryRun = runCli(exportArgs('windsurf', '--dry-run', '--dir', 'site'), {
      cwd: project.dir,
      env,
    });
    expect(dryRun.status).toBe(0);
    expect(dryRun.stdout).toContain('would create site/.windsurf/workflows/specforge.plan.md\n');
    expect(dryRun.stdout).toContain(': 3 new; nothing written (dry run)\n');
    expect(await listFiles(project.dir)).toEqual(before);

    const result = runCli(exportArgs('windsurf', '--dir', 'site'), { cwd: project.dir, env });
    expect(result.status).toBe(0);
    expect((await listFiles(project.dir)).filter((file) => !before.includes(file))).toEqual([
      'site/.specforge/agents-manifest.json',
      'site/.windsurf/workflows/specforge.check.md',
      'site/.windsurf/workflows/specforge.plan.md',
      'site/.windsurf/workflows/specforge.tasks.md',
    ]);
  });

  it('refuses an agent outside the list with exit 2, naming the choices, and writes nothing', async () => {
    const project = await exampleProject();
    const before = await listFiles(project.dir);
    const result = runCli(exportArgs('vim'), { cwd: project.dir, env });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'error SPECFORGE_AGENT_UNKNOWN: specforge cannot export commands for the agent "vim"; nothing was written. Choose one of: claude, copilot, gemini, cursor, codex, windsurf, opencode, generic.\n' +
        '  hint: Pass --agent with one of these names, e.g. --agent claude; `generic` writes plain Markdown commands to .specforge/commands. See docs/agents.md.\n',
    );
    expect(runCli(exportArgs('../claude'), { cwd: project.dir, env }).status).toBe(2);
    const typo = runCli(exportArgs('Gemini', '--json'), { cwd: project.dir, env });
    expect(typo.status).toBe(2);
    expect(JSON.parse(typo.stdout).error).toMatchObject({
      code: 'SPECFORGE_AGENT_UNKNOWN',
      hint: "Did you mean --agent gemini? See docs/agents.md for each agent's folder.",
    });
    expect(runCli(['agents', 'export'], { cwd: project.dir, env }).status).toBe(2);
    expect(await listFiles(project.dir)).toEqual(before);
  });

  it('refuses a --dir that is a file', async () => {
    const project = await exampleProject();
    await writeFile(project.path('notes.txt'), 'x');
    const result = runCli(exportArgs('claude', '--dir', 'notes.txt'), { cwd: project.dir, env });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `error SPECFORGE_AGENT_DIR_NOT_DIRECTORY: ${project.path('notes.txt')} is a file, not a folder; nothing was written.\n` +
        '  at notes.txt\n' +
        "  hint: Pass --dir the folder the agent's files go under (the project root by default); it is created when missing.\n",
    );
  });

  it('lists every agent in its help', () => {
    const help = runCli(['agents', 'export', '--help'], { cwd: process.cwd() });
    expect(help.status).toBe(0);
    for (const agent of agents) expect(help.stdout).toContain(agent);
  });
});

/** Command files in workflow order: plan, tasks, check. */
function order(path: string): number {
  return ['plan', 'tasks', 'check'].findIndex(
    (command) => path.includes(`specforge-${command}/`) || path.includes(`specforge.${command}.`),
  );
}
