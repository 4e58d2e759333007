import { diffTemplate, parseTemplateRef, resolveAtBaseVersion } from '@specforge/template-registry';
import type { TemplateDiffFlags } from '../commands/template.js';
import { resolveCacheDir } from '../output/cache-dir.js';
import { openRegistry } from '../output/open-registry.js';
import { printJson } from '../output/report.js';
import { runAction } from '../output/run-action.js';

/** The action of `specforge template diff`. */
export async function runTemplateDiff(ref: string, flags: TemplateDiffFlags): Promise<void> {
  await runAction(flags, async () => {
    const registry = await openRegistry(process.cwd(), flags);
    // --base: the same fork composed on another version of its base, written nowhere.
    const packs = flags.base
      ? (
          await resolveAtBaseVersion({
            projectRoot: registry.project.root,
            packs: registry.project.config.packs,
            cacheDir: resolveCacheDir(),
            pack: parseTemplateRef(ref).pack,
            version: flags.base,
          })
        ).packs
      : registry.packs;
    const diff = diffTemplate(packs, ref);
    if (flags.json) {
      printJson({
        ref: diff.ref,
        upstream: diff.upstream,
        sections: diff.sections,
        patch: diff.patch,
      });
      return 0;
    }
    const changed = diff.sections.filter((section) => section.status !== 'unchanged');
    const summary = changed.map(
      (s) => `  ${s.status.padEnd(9)} ${s.path}${s.by ? `  (${s.by})` : ''}`,
    );
    process.stdout.write(
      `${ref} against ${diff.upstream}: ${changed.length} sections differ\n${summary.join('\n')}${summary.length ? '\n' : ''}\n${diff.patch}`,
    );
    return 0;
  });
}
