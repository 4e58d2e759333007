import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProjectRegistry, type ProjectRegistry } from '../resolve/open-project-registry.js';
import { AGENT_NAMES } from './agent-formats.js';
import { planAgentsExport } from './plan-agents-export.js';

// The example project's export for every agent, compared byte for byte with the files in
// __fixtures__/goldens/<agent>/. Refresh them after a deliberate change with
//   UPDATE_GOLDENS=1 pnpm --filter @specforge/template-registry test export-goldens
// and review the diff. A golden path drops the leading "." of the agent's folder
// (claude/skills/… for .claude/skills/…), so that agents working in this repository do not pick
// the goldens up as commands of their own.
const example = fileURLToPath(new URL('../../../../examples/acme-shop', import.meta.url));
const goldens = fileURLToPath(new URL('__fixtures__/goldens/', import.meta.url));
const update = process.env.UPDATE_GOLDENS === '1';

/** Where an exported file's golden lives, inside its agent's golden folder. */
function goldenPath(path: string): string {
  return path.replace(/^\./, '');
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

describe('agent export goldens (examples/acme-shop)', () => {
  let registry: ProjectRegistry;
  let cache: string;

  beforeAll(async () => {
    cache = await mkdtemp(join(tmpdir(), 'specforge-goldens-'));
    // Resolving reads the example project and writes nothing to it.
    registry = await openProjectRegistry({ cwd: example, cacheDir: cache });
  });

  afterAll(async () => {
    await rm(cache, { recursive: true, force: true });
  });

  it.each(AGENT_NAMES)(
    "exports the example team's commands for %s as the goldens hold them",
    async (agent) => {
      const root = join(cache, agent);
      const plan = await planAgentsExport({ registry, agent, root });
      expect(plan.files.every((file) => file.action === 'create')).toBe(true);
      const exported = new Map(plan.files.map((file) => [goldenPath(file.path), file.text!]));
      exported.set(goldenPath(plan.manifest.path), plan.manifest.text!);

      const dir = join(goldens, agent);
      if (update) {
        await rm(dir, { recursive: true, force: true });
        for (const [path, text] of exported) {
          await mkdir(dirname(join(dir, path)), { recursive: true });
          await writeFile(join(dir, path), text);
        }
      }
      expect(
        await listFiles(dir),
        `golden files of ${agent} (UPDATE_GOLDENS=1 refreshes them)`,
      ).toEqual([...exported.keys()].sort());
      for (const [path, text] of exported) {
        expect(text, `${agent}/${path} (UPDATE_GOLDENS=1 refreshes it)`).toBe(
          await readFile(join(dir, path), 'utf8'),
        );
      }
    },
  );
});
