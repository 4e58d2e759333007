import type { TemplateFlags } from '../commands/template.js';
import { openRegistry } from '../output/open-registry.js';
import { printJson } from '../output/report.js';
import { runAction } from '../output/run-action.js';

/** The action of `specforge template diff`. */
export async function runTemplateDiff(ref: string, flags: TemplateFlags): Promise<void> {
  await runAction(flags, async () => {
    const { diffTemplate } = await import('@specforge/template-registry');
    const { packs } = await openRegistry(process.cwd(), flags);
    const diff = diffTemplate(packs, ref);
    if (flags.json) {
      printJson({ ref: diff.ref, upstream: diff.upstream, sections: diff.sections, patch: diff.patch });
      return 0;
    }
    const changed = diff.sections.filter((section) => section.status !== 'unchanged');
    const summary = changed.map((s) => `  ${s.status.padEnd(9)} ${s.path}${s.by ? `  (${s.by})` : ''}`);
    process.stdout.write(`${ref} against ${diff.upstream}: ${changed.length} sections differ\n${summary.join('\n')}${summary.length ? '\n' : ''}\n${diff.patch}`);
    return 0;
  });
}
