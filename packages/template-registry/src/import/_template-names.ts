import { type TemplateKind, templateIdPattern } from '@specforge/core';

/** What a Spec Kit template becomes in a specforge pack. */
export interface MappedTemplate {
  /** The Spec Kit template name, e.g. `plan-template`. */
  name: string;
  /** The template id, e.g. `plan`. */
  id: string;
  kind: TemplateKind;
  /** The template's `output`, e.g. `plan.md`. */
  output: string;
}

const kinds: Readonly<Record<string, TemplateKind>> = {
  spec: 'spec',
  plan: 'plan',
  tasks: 'tasks',
  checklist: 'checklist',
};

/** The templates Spec Kit itself ships (as ids); a preset's overlays can extend these. */
export const speckitCoreTemplateIds: readonly string[] = [
  'spec',
  'plan',
  'tasks',
  'checklist',
  'constitution',
  'agent-file',
];

/**
 * Maps a Spec Kit template name (`plan-template`, the file name without `.md`) to a specforge
 * id, kind and output: `spec`, `plan`, `tasks` and `checklist` keep their kind, every other
 * template (`constitution`, `agent-file`, an extension's) is `other`. The id is the name
 * without `-template`.
 *
 * @returns `undefined` when the id would not be a valid template id (upper case, spaces, …).
 */
export function mapTemplateName(name: string): MappedTemplate | undefined {
  const id = name.endsWith('-template') ? name.slice(0, -'-template'.length) : name;
  if (!templateIdPattern.test(id)) return undefined;
  return { name, id, kind: kinds[id] ?? 'other', output: `${id}.md` };
}
