import { findResolvedTemplate } from '@specforge/template-registry';
import type { TemplateFlags } from '../commands/template.js';
import { displayPath } from '../output/display-path.js';
import { openRegistry } from '../output/open-registry.js';
import { printJson } from '../output/report.js';
import { runAction } from '../output/run-action.js';

/** The action of `specforge template blame`. */
export async function runTemplateBlame(ref: string, flags: TemplateFlags): Promise<void> {
  await runAction(flags, async () => {
    const { packs } = await openRegistry(process.cwd(), flags);
    const blame = findResolvedTemplate(packs, ref).blame.map((section) => ({
      ...section,
      file: displayPath(section.file),
      changes: section.changes.map((change) => ({ ...change, file: displayPath(change.file) })),
    }));
    if (flags.json) {
      printJson({ ref, sections: blame });
      return 0;
    }
    const width = Math.max(...blame.map((s) => s.path.length), 4);
    const lines = blame.map((section) => {
      const origin = `${section.pack}@${section.version}  ${section.file}:${section.line}`;
      const changes = section.changes
        .map((c) => `; ${c.op} by ${c.pack}@${c.version} ${c.file}:${c.line}`)
        .join('');
      return `${section.path.padEnd(width)}  ${origin}${changes}`;
    });
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  });
}
