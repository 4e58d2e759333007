import { isAbsolute, relative, sep } from 'node:path';
import type { SectionBlame } from '@specforge/template-registry';
import type { SiteBlame } from './types.js';

/** Turns a template or overlay file path into the path shown on the site. */
export type DisplayFile = (file: string, pack: string) => string;

/**
 * A {@link DisplayFile} that shows each file relative to the folder of the pack it belongs to
 * (`plan.md`, `review/security.md`), so the site shows no paths of the machine that built it. A
 * file outside its pack's folder keeps only its last segment.
 */
export function displayFileRelativeToPack(packDirs: ReadonlyMap<string, string>): DisplayFile {
  return (file, pack) => {
    const dir = packDirs.get(pack);
    const inside = dir ? relative(dir, file) : undefined;
    const shown =
      inside !== undefined && inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)
        ? inside
        : (file.split(/[\\/]/).at(-1) ?? file);
    return shown.split(sep).join('/');
  };
}

/** The site's form of a section's blame. */
export function toSiteBlame(blame: SectionBlame, displayFile: DisplayFile): SiteBlame {
  return {
    pack: blame.layer.pack,
    version: blame.layer.version,
    file: displayFile(blame.file, blame.layer.pack),
    line: blame.line,
    changes: blame.changes.map((change) => ({
      op: change.op,
      pack: change.layer.pack,
      version: change.layer.version,
      file: displayFile(change.file, change.layer.pack),
      line: change.line,
    })),
  };
}
