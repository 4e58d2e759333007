import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { decodeUtf8, parseTemplateFile, SpecforgeError, type TemplateSource } from '@specforge/core';
import type { Pack } from './load-pack.js';
import { findTemplate } from './template-ref.js';

/** The version given to a template read from a standalone file, which has none of its own. */
export const TEMPLATE_FILE_VERSION = '0.0.0';

/** Options for {@link resolveTemplate} and {@link loadTemplateFile}. */
export interface ResolveTemplateOptions {
  /** Directory that a template file path is resolved against. */
  cwd: string;
  /** Packs that `<pack>/<template>` references are looked up in. */
  packs: readonly Pack[];
}

/**
 * True when `ref` names a template file rather than `<pack>/<template>`: it starts with `./`,
 * `../` or `/`, or ends with `.md`.
 */
export function isTemplateFileRef(ref: string): boolean {
  return /^\.{1,2}[\\/]/.test(ref) || isAbsolute(ref) || ref.endsWith('.md');
}

/**
 * Finds a template by reference: `<pack>/<template>` in `packs`, or a path to a standalone
 * template file (see {@link isTemplateFileRef}).
 *
 * @example
 * ```ts
 * const packs = await loadBuiltinPacks();
 * await resolveTemplate('speckit/plan', { cwd, packs });
 * await resolveTemplate('./templates/our-plan.md', { cwd, packs });
 * ```
 */
export async function resolveTemplate(ref: string, options: ResolveTemplateOptions): Promise<TemplateSource> {
  return isTemplateFileRef(ref) ? loadTemplateFile(ref, options) : findTemplate(options.packs, ref);
}

/**
 * Reads a standalone template file. It belongs to no pack, so it is given the pack name
 * `file:<path>` and version {@link TEMPLATE_FILE_VERSION}; provenance tells its revisions
 * apart by the template's hash.
 */
export async function loadTemplateFile(path: string, options: Pick<ResolveTemplateOptions, 'cwd'>): Promise<TemplateSource> {
  const full = resolve(options.cwd, path);
  const name = relative(options.cwd, full).split(sep).join('/');
  let bytes: Uint8Array;
  try {
    bytes = await readFile(full);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new SpecforgeError(
      'SPECFORGE_TEMPLATE_NOT_FOUND',
      { ref: path, available: [] },
      {
        cause,
        location: { file: name },
        hint: code === 'EISDIR' ? `${name} is a directory; name a template file.` : `Check the path; ${name} cannot be read (${code}).`,
      },
    );
  }
  return parseTemplateFile(decodeUtf8(bytes).text, { file: name, pack: { name: `file:${name}`, version: TEMPLATE_FILE_VERSION } });
}
