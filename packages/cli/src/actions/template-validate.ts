import {
  createRenderEnvironment,
  formatLocation,
  isSpecforgeError,
  SpecforgeError,
} from '@specforge/core';
import type { TemplateFlags } from '../commands/template.js';
import { displayPath } from '../output/display-path.js';
import { openRegistry } from '../output/open-registry.js';
import { printJson } from '../output/report.js';
import { runAction } from '../output/run-action.js';

/** The action of `specforge template validate`. */
export async function runTemplateValidate(
  pack: string | undefined,
  flags: TemplateFlags,
): Promise<void> {
  await runAction(flags, async () => {
    const { packs } = await openRegistry(process.cwd(), flags);
    const selected = pack ? packs.filter((candidate) => candidate.name === pack) : packs;
    if (pack && selected.length === 0) {
      throw new SpecforgeError(
        'SPECFORGE_PACK_NOT_FOUND',
        { pack },
        { hint: `Known packs: ${packs.map((p) => p.name).join(', ')}.` },
      );
    }
    const environment = createRenderEnvironment();
    const results: {
      ref: string;
      ok: boolean;
      error: { code: string; message: string; location: string | null } | null;
    }[] = [];
    for (const candidate of selected) {
      for (const [id, { template }] of candidate.templates) {
        const ref = `${candidate.name}/${id}`;
        try {
          environment.compile(template);
          results.push({ ref, ok: true, error: null });
        } catch (error) {
          if (!isSpecforgeError(error)) throw error;
          const location = error.location
            ? formatLocation({ ...error.location, file: displayPath(error.location.file) })
            : null;
          results.push({
            ref,
            ok: false,
            error: { code: error.code, message: error.message, location },
          });
        }
      }
    }
    const failed = results.filter((result) => !result.ok);
    if (flags.json) printJson({ templates: results, failed: failed.length });
    else {
      for (const result of results) {
        process.stdout.write(
          result.ok
            ? `ok    ${result.ref}\n`
            : `error ${result.ref}: ${result.error?.code}: ${result.error?.message}${result.error?.location ? `\n      at ${result.error.location}` : ''}\n`,
        );
      }
      process.stdout.write(
        `${results.length - failed.length} of ${results.length} templates compile\n`,
      );
    }
    return failed.length > 0 ? 1 : 0;
  });
}
