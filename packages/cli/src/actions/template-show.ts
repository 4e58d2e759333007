import { findResolvedTemplate } from '@specforge/template-registry';
import type { TemplateFlags } from '../commands/template.js';
import { displayPath } from '../output/display-path.js';
import { openRegistry } from '../output/open-registry.js';
import { printJson } from '../output/report.js';
import { runAction } from '../output/run-action.js';

/** The action of `specforge template show`. */
export async function runTemplateShow(ref: string, flags: TemplateFlags): Promise<void> {
  await runAction(flags, async () => {
    const { packs } = await openRegistry(process.cwd(), flags);
    const resolved = findResolvedTemplate(packs, ref);
    const { template } = resolved;
    const layers = resolved.layers.map((layer) => ({ ...layer, file: displayPath(layer.file) }));
    if (flags.json) {
      printJson({
        ref,
        pack: template.pack.name,
        version: template.pack.version,
        meta: template.meta,
        layers,
        body: template.body,
      });
      return 0;
    }
    const header = [
      `${ref}  (${template.pack.name}@${template.pack.version}, ${template.meta.kind})`,
      `layers: ${layers.map((layer) => `${layer.pack}@${layer.version} ${layer.file}`).join(' → ')}`,
    ];
    process.stdout.write(`${header.join('\n')}\n\n${template.body}`);
    return 0;
  });
}
