import { basename } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { SpecforgeError } from '@specforge/core';
import { applyInit, planInit } from '@specforge/template-registry';
import type { InitFlags } from '../commands/init.js';
import { resolveCacheDir } from '../output/cache-dir.js';
import { resolveNow } from '../output/clock.js';
import { displayPath } from '../output/display-path.js';
import { openRegistry } from '../output/open-registry.js';
import { printJson } from '../output/report.js';
import { runAction } from '../output/run-action.js';

/** The action of `specforge init`. */
export async function runInit(flags: InitFlags): Promise<void> {
  await runAction({ ...flags, writesProject: 'init' }, async () => {
    const root = process.cwd();
    const answers = await askMissing(flags, root);
    const plan = await planInit({
      root,
      name: answers.name,
      pack: answers.pack,
      cacheDir: resolveCacheDir(),
      now: resolveNow(),
    });
    const files = plan.files.map((file) => displayPath(file.path));
    if (!flags.dryRun) {
      await applyInit(plan);
      await openRegistry(root, {}, true);
    }
    if (flags.json) {
      printJson({
        name: plan.name,
        pack: plan.pack,
        packDir: displayPath(plan.packDir),
        workspacePackage: plan.workspacePackage,
        files,
        written: !flags.dryRun,
      });
    } else {
      const verb = flags.dryRun ? 'would write' : 'wrote';
      process.stdout.write(`${verb}:\n${files.map((file) => `  ${file}`).join('\n')}\n`);
      if (!flags.dryRun) {
        process.stdout.write(
          `\nNext: edit ${displayPath(plan.packDir)}/plan.md to shape your team's plan, then run\n  specforge plan specs/001-example/spec.md\n`,
        );
      }
    }
    return 0;
  });
}

// Asks for what the flags left out, but only on a terminal: scripts and CI get the defaults.
async function askMissing(
  flags: InitFlags,
  root: string,
): Promise<{ name?: string; pack?: string }> {
  if (!process.stdin.isTTY || !process.stdout.isTTY || (flags.name && flags.pack))
    return { name: flags.name, pack: flags.pack };
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  // Reading through the line iterator keeps lines typed ahead of a prompt instead of losing them.
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string | undefined> => {
    process.stdout.write(prompt);
    const next = await lines.next();
    if (next.done) {
      throw new SpecforgeError('SPECFORGE_USAGE', {
        reason: 'specforge init was cancelled at a prompt; nothing was written.',
      });
    }
    return next.value.trim() || undefined;
  };
  try {
    const name = flags.name ?? (await ask(`Project name (${basename(root)}): `));
    const pack = flags.pack ?? (await ask('Team pack name (team): '));
    return { name, pack };
  } finally {
    rl.close();
  }
}
