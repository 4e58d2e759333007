import { createWarning, SpecforgeError } from '@specforge/core';
import { packNamePattern } from '../pack-manifest.js';
import { detectInput } from './_detect.js';
import type { DraftTemplate, PackDraft } from './_draft.js';
import { buildPackFiles, importPackageName } from './_pack-files.js';
import { planCheckout } from './_plan-checkout.js';
import { planPreset } from './_plan-preset.js';
import { planProject } from './_plan-project.js';
import { normalizeVersion, suggestVersion } from './_versions.js';
import type { ImportPlan, PlanSpeckitImportInput } from './import-types.js';

/**
 * Plans the import of GitHub Spec Kit material as a specforge template pack. Reads the input,
 * writes nothing: the result lists the pack's files for {@link applyImportPlan} to write.
 *
 * The input is detected:
 *
 * - a **checkout** or release tree (`templates/*-template.md`, the version in `pyproject.toml`):
 *   one full template per Spec Kit template;
 * - a **project** that uses Spec Kit (`.specify/templates/`): each template composed as Spec
 *   Kit resolves it (override, then presets by priority, then core), versioned by the
 *   project's `speckit_version`;
 * - a **preset** (`preset.yml`): an overlay pack, named after the preset, whose templates are
 *   whole-file overlays with the preset's strategies over a base pack (`speckit`, imported
 *   beside it, by default). Commands and scripts are skipped with a warning.
 *
 * A checkout or project is named `speckit` by default, the built-in pack's name: in a project
 * that lists it, the imported pack takes the built-in pack's place.
 *
 * Template bodies keep Spec Kit's text byte for byte (placeholders, HTML comments); only `{{`
 * is escaped, so each template renders back to the Spec Kit file without its front matter.
 *
 * @param input - The path, and optionally the pack name, version and (for a preset) base.
 * @returns The plan: pack name and version, files, templates, warnings, what was detected.
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_IMPORT_NOTHING` when nothing at the path is Spec
 *   Kit material; `SPECFORGE_IMPORT_PRESET_INVALID` (with the line) for a bad `preset.yml`;
 *   `SPECFORGE_IMPORT_STRATEGY_UNKNOWN`; `SPECFORGE_IMPORT_VERSION_INVALID` when no semver
 *   version is given or found; `SPECFORGE_IMPORT_NAME_INVALID` for a bad pack name.
 *
 * @example
 * ```ts
 * const plan = await planSpeckitImport({ path: 'vendor/spec-kit', version: '0.0.30' });
 * plan.pack; // { name: 'speckit', version: '0.0.30', packageName: 'specforge-templates-speckit' }
 * await applyImportPlan(plan, 'packs/speckit', {});
 * ```
 */
export async function planSpeckitImport(input: PlanSpeckitImportInput): Promise<ImportPlan> {
  if (input.name !== undefined) checkName(input.name, undefined);
  let version: string | undefined;
  if (input.version !== undefined) {
    version = normalizeVersion(input.version);
    if (version === undefined) {
      const suggestion = suggestVersion(input.version);
      throw new SpecforgeError(
        'SPECFORGE_IMPORT_VERSION_INVALID',
        { reason: `the version ${JSON.stringify(input.version)} is not a semver version` },
        suggestion
          ? { hint: `Pass a semver version with --version, e.g. --version ${suggestion}.` }
          : {},
      );
    }
  }

  const detected = await detectInput(input.path);
  const options = { name: input.name, version };
  const draft: PackDraft =
    detected.kind === 'checkout'
      ? await planCheckout(detected.root, options)
      : detected.kind === 'project'
        ? await planProject(detected.root, options)
        : await planPreset(detected.root, { ...options, base: input.base });
  // A default name comes from the input (a preset id); it must make a pack name too.
  if (input.name === undefined) checkName(draft.name, detected.root);
  if (draft.baseName === draft.name) {
    draft.warnings.push(createWarning('SPECFORGE_IMPORT_NAME_TAKEN', { name: draft.name }));
  }
  avoidReservedPaths(draft.templates);

  return {
    pack: { name: draft.name, version: draft.version, packageName: importPackageName(draft.name) },
    files: buildPackFiles(draft),
    templates: draft.templates.map(({ id, kind, path, strategy, from }) => ({
      id,
      kind,
      path,
      strategy,
      from,
    })),
    extends: draft.extends,
    warnings: draft.warnings,
    detected: detected.kind,
    speckitVersion: draft.speckitVersion,
  };
}

function checkName(name: string, root: string | undefined): void {
  if (packNamePattern.test(name)) return;
  throw new SpecforgeError(
    'SPECFORGE_IMPORT_NAME_INVALID',
    { name },
    root === undefined ? {} : { location: { file: root } },
  );
}

/**
 * Keeps template files apart from the pack's own files, also on file systems that ignore case:
 * a template `readme` is written `readme-template.md`, not `readme.md` beside `README.md`.
 */
function avoidReservedPaths(templates: DraftTemplate[]): void {
  const reserved = new Set(['readme.md', 'changelog.md', 'package.json']);
  for (const template of templates) {
    if (reserved.has(template.path.toLowerCase())) template.path = `${template.id}-template.md`;
  }
}
