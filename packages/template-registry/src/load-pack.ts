import { readFileSync, realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, sep } from 'node:path';
import {
  assertDocumentSize,
  type SourceLocation,
  SpecforgeError,
  type TemplateSource,
} from '@specforge/core';
import { type CopiedFrom, type PackManifest, parsePackManifest } from './pack-manifest.js';
import { realpathInPack, relativeToPack } from './pack-paths.js';
import { parseTemplateText } from './parse-template-text.js';

/**
 * A template pack loaded from disk: a versioned set of templates in one folder.
 *
 * Packs are plain data; the functions that look templates up (`findTemplate`,
 * `listTemplateRefs`) take a list of packs.
 */
export interface Pack {
  /** Short pack name used in template refs, e.g. `speckit` in `speckit/plan`. */
  name: string;
  /** The pack version (the package version), e.g. `1.0.0`. */
  version: string;
  /** The npm package name, e.g. `@specforge/templates-speckit`; `undefined` when it has none. */
  packageName: string | undefined;
  /** The pack folder, as passed to {@link loadPack}. */
  dir: string;
  /** Path of the manifest, `<dir>/package.json`. */
  manifestFile: string;
  /** The pack's own full templates by id, in the order the manifest lists them. */
  templates: ReadonlyMap<string, TemplateSource>;
  /**
   * The pack's overlay files by template id: templates that change a base template section by
   * section (their front matter has `extends`). They take effect when the pack is resolved.
   */
  overlays: ReadonlyMap<string, OverlayFile>;
  /** The base pack's source spec from the manifest's `specforge.extends`, if any. */
  extends: string | undefined;
  /** Where the manifest declares `extends`. */
  extendsLocation: SourceLocation | undefined;
  /** For a copy fork, what it was copied from. */
  copiedFrom: CopiedFrom | undefined;
}

/** An overlay template file of a pack, read but not yet applied. */
export interface OverlayFile {
  /** The template id the manifest gives it. */
  id: string;
  /** The file's path (`<dir>/<path>`). */
  file: string;
  /** The file's text. */
  text: string;
}

/**
 * Loads the template pack in `dir`: reads and validates `<dir>/package.json` (see
 * {@link parsePackManifest}), then reads and parses every template file it lists, checking that
 * each file's metadata `id` matches the manifest key and that the file, symbolic links
 * resolved, lies inside the pack folder.
 *
 * Template files are named `<dir>/<path>` in the result and in errors, so a relative `dir`
 * gives relative file names.
 *
 * @param dir - The pack folder.
 * @returns The pack with all its templates.
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_PACK_NOT_FOUND` when the folder or its
 * `package.json` does not exist; `SPECFORGE_PACK_MANIFEST_INVALID` when the manifest is invalid
 * or a template file is missing or outside the folder; `SPECFORGE_TEMPLATE_META_INVALID` when a
 * template's front matter is invalid.
 *
 * @example
 * ```ts
 * const pack = await loadPack('templates/speckit');
 * pack.templates.get('plan')?.meta.output; // 'plan.md'
 * ```
 */
export async function loadPack(dir: string): Promise<Pack> {
  const manifestFile = join(dir, 'package.json');
  const dirKind = await kindOf(dir);
  if (dirKind !== 'directory') {
    throw new SpecforgeError(
      'SPECFORGE_PACK_NOT_FOUND',
      { pack: dir },
      {
        location: { file: dir },
        hint:
          dirKind === 'file'
            ? `${dir} is a file; pass the pack's folder, the one holding its package.json.`
            : 'Check the path; a pack is a folder with a package.json that has a "specforge" key.',
      },
    );
  }
  // Every file is read synchronously: a pack is many small files, and one promise-based read
  // costs several times the read itself (open, stat, read and close each wait for a turn of the
  // event loop). The bytes are kept so that the pack's integrity is hashed without a second read.
  const bytes = new Map<string, Buffer>();
  let manifestText: string;
  try {
    const manifestBytes = readFileSync(manifestFile);
    bytes.set(manifestFile, manifestBytes);
    manifestText = manifestBytes.toString('utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') {
      throw new SpecforgeError(
        'SPECFORGE_PACK_NOT_FOUND',
        { pack: dir },
        {
          location: { file: manifestFile },
          hint: `${dir} has no package.json; a pack is a folder with a package.json that has a "specforge" key.`,
          cause,
        },
      );
    }
    throw new SpecforgeError(
      'SPECFORGE_PACK_MANIFEST_INVALID',
      { reason: `package.json cannot be read (${code ?? String(cause)}).` },
      { location: { file: manifestFile }, cause },
    );
  }

  assertDocumentSize(Buffer.byteLength(manifestText), manifestFile);
  const manifest = parsePackManifest(manifestText, { file: manifestFile });
  const realDir = realpathSync.native(dir);
  // In manifest order, so that the error reported is always the first in that order.
  const templates = new Map<string, TemplateSource>();
  const overlays = new Map<string, OverlayFile>();
  for (const entry of manifest.templates) {
    const loaded = loadTemplate(dir, realDir, manifest, entry, bytes);
    if ('text' in loaded) overlays.set(entry.id, loaded);
    else templates.set(entry.id, loaded);
  }
  const pack: Pack = {
    name: manifest.name,
    version: manifest.version,
    packageName: manifest.packageName,
    dir,
    manifestFile,
    templates,
    overlays,
    extends: manifest.extends,
    // Located only when an error points at it (see parsePackManifest).
    get extendsLocation() {
      return manifest.extendsLocation;
    },
    copiedFrom: manifest.copiedFrom,
  };
  loadedBytes.set(pack, bytes);
  return pack;
}

/** The bytes {@link loadPack} read for each pack, by file path (`join(dir, path)`). */
const loadedBytes = new WeakMap<Pack, ReadonlyMap<string, Uint8Array>>();

/**
 * The bytes of the manifest and template files of `pack` as {@link loadPack} read them, by
 * file path (`join(pack.dir, path)`); empty for a pack built some other way.
 */
export function packFileBytes(pack: Pack): ReadonlyMap<string, Uint8Array> {
  return loadedBytes.get(pack) ?? new Map();
}

/**
 * True when a template file's front matter has a top-level `extends` key, which makes it an
 * overlay. Top-level YAML keys start at column 0 and block-scalar content never does, so a
 * line scan of the front matter is exact.
 */
export function isOverlayText(text: string): boolean {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // The overlay parser, like YAML, accepts blanks after the `---` markers; so does this check.
  if (lines[0]?.trimEnd() !== '---') return false;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trimEnd() === '---' || line.trimEnd() === '...') return false;
    if (/^extends\s*:/.test(line)) return true;
  }
  return false;
}

function loadTemplate(
  dir: string,
  realDir: string,
  manifest: PackManifest,
  entry: PackManifest['templates'][number],
  bytes: Map<string, Buffer>,
): TemplateSource | OverlayFile {
  const file = join(dir, entry.path);
  const fail = (reason: string, cause?: unknown) =>
    new SpecforgeError(
      'SPECFORGE_PACK_MANIFEST_INVALID',
      { reason },
      { location: entry.location, cause },
    );
  let realFile: string;
  try {
    realFile = realpathInPack(dir, realDir, file);
  } catch (cause) {
    throw fail(
      `the template "${entry.id}" maps to "${entry.path}", which does not exist in ${dir}.`,
      cause,
    );
  }
  const inside = relativeToPack(realDir, realFile);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw fail(
      `the template "${entry.id}" maps to "${entry.path}", a link to ${realFile}, outside the pack folder; template files must live inside it.`,
    );
  }
  let text: string;
  try {
    const content = readFileSync(file);
    bytes.set(file, content);
    text = content.toString('utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw fail(
      `the template "${entry.id}" maps to "${entry.path}", which cannot be read (${code === 'EISDIR' ? 'it is a folder' : (code ?? String(cause))}).`,
      cause,
    );
  }
  assertDocumentSize(Buffer.byteLength(text), file);
  if (isOverlayText(text)) {
    if (!manifest.extends) {
      throw fail(
        `the template "${entry.id}" is an overlay (its front matter has "extends"), but the pack extends no base pack; add "specforge.extends" to package.json.`,
      );
    }
    return { id: entry.id, file, text };
  }
  const template = parseTemplateText(text, {
    file,
    pack: { name: manifest.name, version: manifest.version },
  });
  if (template.meta.id !== entry.id) {
    throw fail(
      `the template "${entry.id}" maps to "${entry.path}", whose front matter says "id: ${template.meta.id}"; make the two ids the same.`,
    );
  }
  return template;
}

async function kindOf(path: string): Promise<'file' | 'directory' | undefined> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'file';
  } catch {
    return undefined;
  }
}
