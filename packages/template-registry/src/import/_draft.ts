import type { Diagnostic } from '@specforge/core';
import type { ImportTemplate, SpeckitInputKind } from './import-types.js';

/** A template of a pack being planned, with its file content. */
export interface DraftTemplate extends ImportTemplate {
  /** The template's `output` (for the README), or `undefined` for an overlay, which keeps its base's. */
  output: string | undefined;
  content: string;
  /** How many `{{` were escaped in it. */
  escaped: number;
}

/** Everything the pack files are written from. */
export interface PackDraft {
  detected: SpeckitInputKind;
  name: string;
  version: string;
  speckitVersion: string | undefined;
  templates: DraftTemplate[];
  /** `specforge.extends`, for a preset's pack. */
  extends: string | undefined;
  /** For the README: the base pack's short name, which the overlays' refs name. */
  baseName: string | undefined;
  /** package.json `license`; `undefined` leaves it out. */
  license: string | undefined;
  /** package.json `description`. */
  description: string;
  /** README: what was imported from where, a phrase starting in lower case, without a final period. */
  origin: string;
  /** README: what was not imported, one Markdown bullet text each. */
  notImported: string[];
  /** README: a paragraph on how the pack version was chosen and how to take a newer one. */
  versionNote: string;
  /** README: the license section's Markdown. */
  attribution: string;
  /** CHANGELOG: the first entry's text. */
  changelog: string;
  warnings: Diagnostic[];
}

/** Template ids in the order Spec Kit's workflow uses them; the others follow by id. */
const workflowOrder = ['spec', 'plan', 'tasks', 'checklist'];

/** Sorts templates in workflow order: spec, plan, tasks, checklist, then the others by id. */
export function sortTemplates<T extends { id: string }>(templates: T[]): T[] {
  const rank = (id: string) => {
    const index = workflowOrder.indexOf(id);
    return index === -1 ? workflowOrder.length : index;
  };
  return templates.sort(
    (a, b) => rank(a.id) - rank(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
