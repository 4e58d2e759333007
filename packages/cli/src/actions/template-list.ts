import type { TemplateFlags } from '../commands/template.js';
import { openRegistry } from '../output/open-registry.js';
import { printJson } from '../output/report.js';
import { runAction } from '../output/run-action.js';

/** The action of `specforge template list`. */
export async function runTemplateList(flags: TemplateFlags): Promise<void> {
  await runAction(flags, async () => {
    const { packs } = await openRegistry(process.cwd(), flags);
    const json = packs.map((pack) => ({
      name: pack.name,
      version: pack.version,
      source: pack.source,
      extends: pack.base ?? null,
      templates: [...pack.templates.entries()].map(([id, resolved]) => ({
        ref: `${pack.name}/${id}`,
        kind: resolved.template.meta.kind,
        description: resolved.template.meta.description,
        layers: resolved.layers.map((layer) => `${layer.pack}@${layer.version}`),
      })),
    }));
    if (flags.json) {
      printJson({ packs: json });
      return 0;
    }
    const lines: string[] = [];
    for (const pack of json) {
      lines.push(
        `${pack.name}@${pack.version}  ${pack.source}${pack.extends ? `  (extends ${pack.extends})` : ''}`,
      );
      for (const template of pack.templates) {
        const via = template.layers.length > 1 ? `  [${template.layers.join(' → ')}]` : '';
        lines.push(
          `  ${template.ref.padEnd(24)} ${template.kind.padEnd(9)} ${firstSentence(template.description)}${via}`,
        );
      }
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  });
}

function firstSentence(text: string): string {
  const end = text.search(/[.:](\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}
