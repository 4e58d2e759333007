/** What a template produces. */
export type TemplateKind = 'spec' | 'plan' | 'tasks' | 'checklist' | 'other';

/** One input a template declares. */
export interface TemplateInput {
  /** A required input the caller does not provide is an error before rendering starts. */
  required: boolean;
  /** What the input is for, shown on the docs site; `''` when not given. */
  description: string;
}

/** Metadata a template declares in its YAML front matter. */
export interface TemplateMeta {
  /** Template id, unique within its pack, e.g. `plan`. */
  id: string;
  /** What the template produces (required in the front matter). */
  kind: TemplateKind;
  /** What the template is for, shown by `template list`; `''` when it declares none. */
  description: string;
  /** Inputs beyond the ones every template gets (`SPECIFICATION`, `spec`, `project`, `template`, `today`). */
  inputs: Record<string, TemplateInput>;
  /** Default output file name, written beside the spec, e.g. `plan.md`. */
  output: string;
  /** Heading paths a document made from this template must keep (used by checks). */
  requiredSections: string[];
  /**
   * Text the template leaves for the author to replace, e.g. `Task 1` or `[FEATURE NAME]`;
   * found verbatim in a document's prose, it is an unfilled placeholder (used by checks).
   */
  placeholders: string[];
  /**
   * The well-formed shape of each kind of id a document made from this template defines, by
   * the id's leading letters: `{ FR: 'FR-\\d{3}[a-z]?', T: 'T\\d{3}' }`. Each value is a
   * regular expression (JavaScript syntax, `u` flag) that must match the whole id.
   */
  idPatterns: Record<string, string>;
  /** What of the spec a document made from this template must reference (used by checks). */
  traces: TraceRule[];
}

/** What a trace rule asks to be referenced: the spec's requirements, success criteria or stories. */
export type TraceSubject = 'requirements' | 'criteria' | 'stories';

/**
 * A traceability rule: every item of `from` in the spec must be referenced (by its id, e.g.
 * `FR-001` or `US1`) somewhere in the section `in` of the document, or anywhere in it when
 * `in` is absent. References to ids the spec does not define are reported too.
 */
export interface TraceRule {
  /** The spec items that must each be referenced. */
  from: TraceSubject;
  /** A heading path of the document, e.g. `implementation-phases`; the whole document when absent. */
  in?: string;
}

/**
 * A template ready to render: its body, metadata, and where it came from, so that errors can
 * point at the template file and line.
 */
export interface TemplateSource {
  /** The metadata from the template's front matter. */
  meta: TemplateMeta;
  /** The Handlebars body, without the front matter. */
  body: string;
  /** Path of the template file, for error messages. */
  file: string;
  /** 1-based line of the template file on which `body` starts (after the front matter). */
  bodyLine: number;
  /** The pack this template belongs to. */
  pack: {
    /** The pack's short name, e.g. `speckit`. */
    name: string;
    /** The pack's version, e.g. `1.0.0`. */
    version: string;
  };
}
