import { isSpecforgeError, type TemplateSource, type TraceRule } from '@specforge/core';
import type { OverlayOperation } from '../overlay/index.js';
import { findResolvedTemplate } from '../resolve/find-resolved-template.js';
import type { ProjectRegistry } from '../resolve/open-project-registry.js';
import type { ResolvedTemplate } from '../resolve/resolved-pack.js';
import { isTemplateFileRef, loadTemplateFile } from '../template-file.js';
import { DEFAULT_PLAN_TEMPLATE } from '../workspace/open-spec-workspace.js';

/** The documents of the workflow, each made with (and checked against) one template. */
export type WorkflowRole = 'spec' | 'plan' | 'tasks';

/**
 * The template of each role when the config names none: `specforge plan` and `specforge check`
 * use the same ones.
 */
export const DEFAULT_WORKFLOW_TEMPLATES: Readonly<Record<WorkflowRole, string>> = {
  spec: 'speckit/spec',
  plan: DEFAULT_PLAN_TEMPLATE,
  tasks: 'speckit/tasks',
};

/** A required section of a template: its heading path and, when it is plain text, its heading. */
export interface WorkflowSection {
  /** The heading path, as `requiredSections` names it: `technical-approach/architecture`. */
  path: string;
  /** The heading's text, or `undefined` when the template writes it with Handlebars. */
  title: string | undefined;
}

/** One change a team's overlay makes to the template it extends. */
export interface WorkflowTemplateChange {
  /** The pack (`name@version`) whose overlay makes the change. */
  layer: string;
  /** The overlay directive (`replace`, `insert`, …), or `strategy` for a whole-file strategy. */
  op: OverlayOperation['op'] | 'strategy';
  /** The heading path the change targets; for `strategy`, the whole-file strategy's name. */
  target: string;
  /** `insert` only: where the new sections go. */
  position?: 'before' | 'after';
  /** The headings the change brings (replace, insert) or the new heading (rename). */
  titles: string[];
}

/** What the agent commands say about one template: everything comes from the resolved template. */
export interface WorkflowTemplate {
  /** The documents the template makes and governs. */
  role: WorkflowRole;
  /** The reference as `specforge plan --template` takes it: `acme/plan` or `./templates/plan.md`. */
  ref: string;
  /** True when the project's config names the template, false when it is the default. */
  configured: boolean;
  /** `name@version` of the pack the template belongs to (`file:<path>@0.0.0` for a file). */
  pack: string;
  /** The template's kind: `spec`, `plan`, `tasks`, `checklist` or `other`. */
  kind: string;
  /** What the template is for, from its metadata. */
  description: string;
  /** The file name it writes beside the spec. */
  output: string;
  /** The packs that shaped it, base first, as `name@version`. */
  layers: string[];
  /** The template at the bottom of the chain, when overlays change it: `speckit/plan`. */
  base: string | undefined;
  /** The sections a document made from it must keep (`specforge check` reports a missing one). */
  requiredSections: WorkflowSection[];
  /** Text a document must not keep (`specforge check` reports any left). */
  placeholders: string[];
  /** `[prefix, pattern]` pairs, by prefix. */
  idPatterns: [string, string][];
  /** What of the spec a document must reference by id. */
  traces: TraceRule[];
  /** What the overlays of the chain change, lowest layer first. */
  changes: WorkflowTemplateChange[];
  /** True when the template leaves `<!-- fill: … -->` slots for a person or an agent. */
  fillSlots: boolean;
}

/** The templates of a project's workflow, as the exported agent commands describe them. */
export interface WorkflowTemplates {
  /** The project's name. */
  project: string;
  /** The template specs are written with and checked against. */
  spec: WorkflowTemplate;
  /** The template `specforge plan` renders by default. */
  plan: WorkflowTemplate;
  /** The template task lists are made with and checked against. */
  tasks: WorkflowTemplate;
}

/**
 * Resolves the templates a project makes and checks its documents with (its config's
 * `spec.template`, `plan.template` and `tasks.template`, else {@link DEFAULT_WORKFLOW_TEMPLATES})
 * into plain data: refs, packs, required sections, placeholders, id patterns, traces and the
 * team's overlay changes. Nothing in it depends on the machine (no absolute paths, no dates).
 *
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_TEMPLATE_NOT_FOUND` (placed at the config file) when
 *   the config names a template the project does not have.
 */
export async function readWorkflowTemplates(registry: ProjectRegistry): Promise<WorkflowTemplates> {
  const read = (role: WorkflowRole) => readWorkflowTemplate(registry, role);
  return {
    project: registry.project.name,
    spec: await read('spec'),
    plan: await read('plan'),
    tasks: await read('tasks'),
  };
}

async function readWorkflowTemplate(
  registry: ProjectRegistry,
  role: WorkflowRole,
): Promise<WorkflowTemplate> {
  const { project } = registry;
  const configured = project.config[role].template;
  const ref = configured ?? DEFAULT_WORKFLOW_TEMPLATES[role];
  try {
    if (isTemplateFileRef(ref)) {
      const template = await loadTemplateFile(ref, { cwd: project.root });
      return describeTemplate(role, ref, configured !== undefined, template, undefined);
    }
    const resolved = findResolvedTemplate(registry.packs, ref);
    return describeTemplate(role, ref, configured !== undefined, resolved.template, resolved);
  } catch (error) {
    // A template the config names is the config's problem: point there.
    if (configured !== undefined && project.configFile && isSpecforgeError(error))
      throw error.locatedAt({ file: project.configFile });
    throw error;
  }
}

function describeTemplate(
  role: WorkflowRole,
  ref: string,
  configured: boolean,
  template: TemplateSource,
  resolved: ResolvedTemplate | undefined,
): WorkflowTemplate {
  const { meta } = template;
  const titles = new Map(resolved?.blame.map((section) => [section.path, section.title]));
  const layers = resolved
    ? resolved.layers.map((layer) => `${layer.pack}@${layer.version}`)
    : [`${template.pack.name}@${template.pack.version}`];
  return {
    role,
    ref,
    configured,
    pack: `${template.pack.name}@${template.pack.version}`,
    kind: meta.kind,
    description: meta.description,
    output: meta.output,
    layers: layers.filter((layer, index) => layers.indexOf(layer) === index),
    base:
      resolved && resolved.overlays.length > 0
        ? `${resolved.root.pack.name}/${resolved.root.meta.id}`
        : undefined,
    requiredSections: meta.requiredSections.map((path) => ({
      path,
      title: plainTitle(titles.get(path)),
    })),
    placeholders: [...meta.placeholders],
    idPatterns: Object.entries(meta.idPatterns).sort(([a], [b]) => a.localeCompare(b)),
    traces: meta.traces.map((trace) => ({ ...trace })),
    changes: resolved ? describeChanges(resolved) : [],
    fillSlots: template.body.includes('<!-- fill:'),
  };
}

function describeChanges(resolved: ResolvedTemplate): WorkflowTemplateChange[] {
  return resolved.overlays.flatMap(({ overlay, layer }) => {
    const at = `${layer.pack}@${layer.version}`;
    if (overlay.strategy !== 'sections')
      return [{ layer: at, op: 'strategy' as const, target: overlay.strategy, titles: [] }];
    return overlay.operations.map((operation): WorkflowTemplateChange => {
      const change: WorkflowTemplateChange = {
        layer: at,
        op: operation.op,
        target: operation.target,
        titles: [],
      };
      if (operation.op === 'insert') change.position = operation.position;
      if (operation.op === 'rename') change.titles = plainTitles([operation.title]);
      else if (operation.op === 'replace' || operation.op === 'insert') {
        // The headings at the content's top level, not the sub-sections they hold.
        const top = Math.min(...operation.content.sections.map((section) => section.level));
        change.titles = plainTitles(
          operation.content.sections
            .filter((section) => section.level === top)
            .map((section) => section.title),
        );
      }
      return change;
    });
  });
}

/** A heading as text, or `undefined` when Handlebars makes it (it only exists once rendered). */
function plainTitle(title: string | undefined): string | undefined {
  return title === undefined || title.includes('{{') ? undefined : title;
}

function plainTitles(titles: string[]): string[] {
  return titles.flatMap((title) => plainTitle(title) ?? []);
}
