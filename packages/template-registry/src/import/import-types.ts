import type { Diagnostic, TemplateKind } from '@specforge/core';

/**
 * What an import read: a Spec Kit checkout or release tree (`templates/*-template.md`), a
 * project that uses Spec Kit (`.specify/templates/`), or a Spec Kit preset folder (`preset.yml`).
 */
export type SpeckitInputKind = 'checkout' | 'project' | 'preset';

/** One file of a planned pack. */
export interface ImportFile {
  /** Path relative to the pack folder, with `/` separators, e.g. `plan.md`. */
  path: string;
  /** The whole file text. */
  content: string;
}

/** One template of a planned pack, for listings. */
export interface ImportTemplate {
  /** The template id, e.g. `plan`. */
  id: string;
  /** What it produces. */
  kind: TemplateKind;
  /** Its file in the pack, e.g. `plan.md`. */
  path: string;
  /**
   * `template` for a full template; for a preset's template, the Spec Kit strategy it overlays
   * its base with (`replace`, `prepend`, `append` or `wrap`).
   */
  strategy: 'template' | 'replace' | 'prepend' | 'append' | 'wrap';
  /** The Spec Kit files it was made from, relative to the input folder, lowest layer first. */
  from: string[];
}

/**
 * A planned import: the files of a specforge template pack made from Spec Kit material, not yet
 * written. Plain data, serialisable as JSON; see {@link applyImportPlan} to write it.
 */
export interface ImportPlan {
  /** The pack: its short name (in template refs), version and npm package name. */
  pack: {
    /** The short name used in template refs, e.g. `speckit`. */
    name: string;
    /** The pack version, written to its `package.json`. */
    version: string;
    /** The npm package name, e.g. `specforge-templates-speckit`. */
    packageName: string;
  };
  /**
   * The pack files, relative to the output folder: `package.json`, `README.md`,
   * `CHANGELOG.md` and one `.md` file per template, sorted by path.
   */
  files: ImportFile[];
  /** The templates, in manifest order. */
  templates: ImportTemplate[];
  /** The base pack a preset's overlays extend (`specforge.extends`), else `undefined`. */
  extends: string | undefined;
  /** What was skipped or changed on the way, and doubts about the version. */
  warnings: Diagnostic[];
  /** What kind of input was found. */
  detected: SpeckitInputKind;
  /**
   * The Spec Kit version the templates come from, when the input tells it: a checkout's version
   * (the pack version), a project's `speckit_version` from `.specify/init-options.json`;
   * `undefined` for a preset.
   */
  speckitVersion: string | undefined;
}

/** The base pack of an imported preset. */
export interface ImportBase {
  /** The base pack's short name, as the overlays' `extends` refs name it, e.g. `speckit`. */
  name: string;
  /** The base pack's source with a range, as `specforge.extends` holds it, e.g. `path:../speckit@>=0.1.0`. */
  source: string;
}

/** Input of {@link planSpeckitImport}. */
export interface PlanSpeckitImportInput {
  /** The Spec Kit material: a checkout or release folder, a project folder, or a preset folder (or its `preset.yml`). */
  path: string;
  /**
   * The pack's short name. Default: `speckit` for a checkout or a project (in a project that
   * lists the pack, it takes the built-in pack's place), the preset id for a preset.
   */
  name?: string | undefined;
  /**
   * The pack version (a leading `v` is dropped). Default: `version` in the checkout's
   * `pyproject.toml`, the project's `speckit_version`, or the preset's version.
   */
  version?: string | undefined;
  /**
   * For a preset: the pack its overlays extend. Default: the checkout import's default,
   * `{ name: 'speckit', source: 'path:../speckit@<the preset's requires.speckit_version>' }`,
   * i.e. a Spec Kit release imported beside the preset's pack.
   */
  base?: ImportBase | undefined;
}
