import { basename, dirname, join } from 'node:path';
import { SpecforgeError } from '@specforge/core';
import { listFolder, pathKind, readTextIfPresent } from './_read.js';
import type { SpeckitInputKind } from './import-types.js';

/** What an import input is, and the folder its files are relative to. */
export interface DetectedInput {
  kind: SpeckitInputKind;
  /** The checkout, project or preset folder (the input path, or a parent of it). */
  root: string;
}

/**
 * Tells what `path` holds, in this order: a preset (a `preset.yml`, or a folder with one); a
 * Spec Kit checkout (a `pyproject.toml` naming `specify-cli` beside `templates/`); a project
 * (`.specify/templates/`, or the `.specify` folder itself); a checkout or release tree
 * (`templates/*-template.md`, or that `templates` folder itself).
 *
 * @throws {@link SpecforgeError} `SPECFORGE_IMPORT_NOTHING` when it is none of them.
 */
export async function detectInput(path: string): Promise<DetectedInput> {
  const nothing = (reason: string) =>
    new SpecforgeError('SPECFORGE_IMPORT_NOTHING', { path, reason }, { location: { file: path } });
  const kind = await pathKind(path);
  if (kind === undefined) throw nothing('it does not exist.');
  if (kind !== 'directory') {
    if (basename(path) === 'preset.yml') return { kind: 'preset', root: dirname(path) };
    throw nothing('it is a file; pass the folder that holds the Spec Kit templates.');
  }
  if ((await pathKind(join(path, 'preset.yml'))) === 'file') return { kind: 'preset', root: path };

  const hasTemplates = await holdsTemplates(join(path, 'templates'));
  const pyproject = await readTextIfPresent(join(path, 'pyproject.toml'));
  if (
    hasTemplates &&
    pyproject !== undefined &&
    /^\s*name\s*=\s*["']specify-cli["']/m.test(pyproject)
  ) {
    return { kind: 'checkout', root: path };
  }
  if ((await pathKind(join(path, '.specify', 'templates'))) === 'directory')
    return { kind: 'project', root: path };
  if (basename(path) === '.specify' && (await pathKind(join(path, 'templates'))) === 'directory') {
    return { kind: 'project', root: dirname(path) };
  }
  if (hasTemplates) return { kind: 'checkout', root: path };
  if (basename(path) === 'templates' && (await holdsTemplates(path))) {
    const parent = dirname(path);
    return basename(parent) === '.specify'
      ? { kind: 'project', root: dirname(parent) }
      : { kind: 'checkout', root: parent };
  }
  throw nothing(
    'it holds no templates/*-template.md (a Spec Kit checkout or release), no .specify/templates/ (a project that uses Spec Kit) and no preset.yml (a Spec Kit preset).',
  );
}

async function holdsTemplates(dir: string): Promise<boolean> {
  return (await listFolder(dir)).some(
    (entry) => entry.kind === 'file' && entry.name.endsWith('-template.md'),
  );
}
