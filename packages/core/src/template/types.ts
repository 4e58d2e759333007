/** What a template produces. */
export type TemplateKind = 'spec' | 'plan' | 'tasks' | 'checklist' | 'other';

/** One input a template declares. */
export interface TemplateInput {
  /** A required input the caller does not provide is an error before rendering starts. */
  required: boolean;
  description: string;
}

/** Metadata a template declares in its YAML front matter. */
export interface TemplateMeta {
  /** Template id, unique within its pack, e.g. `plan`. */
  id: string;
  kind: TemplateKind;
  description: string;
  /** Inputs beyond the ones every template gets (`SPECIFICATION`, `spec`, `project`, `template`, `today`). */
  inputs: Record<string, TemplateInput>;
  /** Default output file name, written beside the spec, e.g. `plan.md`. */
  output: string;
  /** Heading paths a document made from this template must keep (used by checks). */
  requiredSections: string[];
}

/**
 * A template ready to render: its body, metadata, and where it came from, so that errors can
 * point at the template file and line.
 */
export interface TemplateSource {
  meta: TemplateMeta;
  /** The Handlebars body, without the front matter. */
  body: string;
  /** Path of the template file, for error messages. */
  file: string;
  /** 1-based line of the template file on which `body` starts (after the front matter). */
  bodyLine: number;
  /** The pack this template belongs to. */
  pack: { name: string; version: string };
}
