import type { Project } from '../project/project.js';
import type { TemplateSource } from '../template/types.js';
import { sha256Hex } from '../text/hash.js';

/** The `template` input: which template is rendering. */
export interface TemplateIdentity {
  /** Template id within its pack, e.g. `plan`. */
  id: string;
  /** Short pack name, e.g. `speckit`. */
  pack: string;
  /** Pack version, e.g. `1.0.0`. */
  version: string;
  /** The reference that selects it, e.g. `speckit/plan`. */
  ref: string;
}

/** Options for {@link buildTemplateInputs}. */
export interface TemplateInputsOptions {
  /** The spec file's text, exactly as in the file (front matter included, BOM removed). */
  specText: string;
  /** The parsed spec model. */
  spec: unknown;
  /** The project: its name, root and the config `vars` that fill declared inputs. */
  project: Project;
  /** The template that renders; gives the `template` input and its declared inputs. */
  template: TemplateSource;
  /** The clock; only its UTC date is used. */
  now: Date;
}

/**
 * The inputs a template gets: the standard ones every template has (see docs/rendering.md),
 * plus each input the template declares that the project config's `vars` provides.
 */
export function buildTemplateInputs(options: TemplateInputsOptions): Record<string, unknown> {
  const { project, template } = options;
  const declared: Record<string, unknown> = {};
  // A template's own inputs are filled from the project's vars of the same name.
  for (const name of Object.keys(template.meta.inputs)) {
    if (Object.hasOwn(project.config.vars, name)) declared[name] = project.config.vars[name];
  }
  return {
    ...declared,
    SPECIFICATION: options.specText,
    spec: options.spec,
    project: { name: project.name, root: project.root, config: project.config.vars },
    template: identifyTemplate(template),
    today: options.now.toISOString().slice(0, 10),
  };
}

/** The {@link TemplateIdentity} of a template source. */
export function identifyTemplate(template: TemplateSource): TemplateIdentity {
  return {
    id: template.meta.id,
    pack: template.pack.name,
    version: template.pack.version,
    ref: `${template.pack.name}/${template.meta.id}`,
  };
}

/** `pack@version#id`, the form provenance records. */
export function templateProvenanceId(template: TemplateSource): string {
  return `${template.pack.name}@${template.pack.version}#${template.meta.id}`;
}

/**
 * Splits a provenance `template` field (`pack@version#id`, as {@link templateProvenanceId}
 * writes it) into its parts; `undefined` when it has another shape.
 *
 * @example
 * ```ts
 * parseTemplateProvenanceId('acme@1.2.0#plan'); // { pack: 'acme', version: '1.2.0', template: 'plan' }
 * ```
 */
export function parseTemplateProvenanceId(id: string):
  | {
      /** The pack name, e.g. `acme`. */
      pack: string;
      /** The pack version, e.g. `1.2.0`. */
      version: string;
      /** The template id within the pack, e.g. `plan`. */
      template: string;
    }
  | undefined {
  const match = /^(.+)@([^@#]*)#(.+)$/.exec(id);
  return match ? { pack: match[1]!, version: match[2]!, template: match[3]! } : undefined;
}

/** A hash of everything in a template that changes what it renders. */
export function hashTemplate(template: TemplateSource): string {
  // A whole-repo run hashes the same template object once per spec; templates are not mutated.
  let hash = templateHashes.get(template);
  if (hash === undefined) {
    hash = sha256Hex(`${JSON.stringify(template.meta)}\n${template.body}`);
    templateHashes.set(template, hash);
  }
  return hash;
}

const templateHashes = new WeakMap<TemplateSource, string>();
