/**
 * The spec model: what {@link parseSpec} returns. Every node keeps its 1-based `line` in the
 * original text (front matter included), so checks and error messages can point at the source.
 *
 * Types only; see docs/spec-model.md for the rules that fill them.
 */

/** Options accepted by {@link parseSpec}. */
export interface ParseSpecOptions {
  /**
   * Path of the spec as the user gave it; kept on the model and used in error locations.
   * Nothing is read from it.
   */
  file?: string;
}

/** The YAML front matter of a spec: the lines between a leading `---` and a closing `---`/`...`. */
export interface FrontMatter {
  /** The parsed mapping; `{}` when the front matter is empty or only comments. */
  data: Record<string, unknown>;
  /** The YAML source between the delimiter lines, as written. */
  raw: string;
  /** 1-based line of the opening `---` (always 1). */
  line: number;
  /** 1-based line of the closing `---` or `...`. */
  endLine: number;
}

/**
 * A heading and everything under it up to the next heading of the same or a higher level.
 * Sections nest by heading level and are addressed by {@link Section.path}.
 */
export interface Section {
  /** The heading text as written (inline Markdown kept), trimmed; a multi-line setext heading is joined with spaces. */
  title: string;
  /** `slugify(title)`: Spec Kit annotations such as `*(mandatory)*` dropped; may be empty for a title without letters or digits. */
  slug: string;
  /**
   * Slugs from the top-level section down, joined by `/`, e.g. `requirements/functional-requirements`.
   * A duplicate sibling slug gets a suffix (`-2`, `-3`, … in document order); an empty slug
   * is written `section`.
   */
  path: string;
  /** Heading level, 1–6. */
  level: number;
  /** 1-based line of the heading (the first text line of a setext heading). */
  line: number;
  /** 1-based last line of the section, children included; trailing blank lines are not part of it. */
  endLine: number;
  /** The section's source exactly as written from `line` to `endLine`, heading included, without the final line break. */
  text: string;
  /** Sub-sections, in document order. */
  children: Section[];
}

/** One `**Label**: value` line of the spec header (the bold lines under the title). */
export interface MetadataField {
  /** The label as written, without the bold markers and the colon, e.g. `Feature Branch` or `機能ブランチ`. */
  label: string;
  /** The value as written, trimmed; continuation lines are joined with `\n`. */
  value: string;
  /** 1-based line of the label. */
  line: number;
}

/** One acceptance scenario of a user story: a numbered `Given …, When …, Then …` item. */
export interface AcceptanceScenario {
  /** The `Given` part, or `undefined` when the item does not follow the Given/When/Then shape. */
  given: string | undefined;
  /** The `When` part, or `undefined`. */
  when: string | undefined;
  /** The `Then` part (with any trailing `And` clauses), or `undefined`. */
  then: string | undefined;
  /** The whole item as written, list marker removed; always present. */
  text: string;
  /** 1-based line of the list item. */
  line: number;
}

/** A user story: `### User Story N - Title (Priority: Pn)` and its fields. */
export interface UserStory {
  /** `US` followed by the story number as written, e.g. `US1`, `US4a`. */
  id: string;
  /** The integer part of the story number (`4` for `4a`). */
  number: number;
  /** The title from the heading, without the story prefix, the priority and trailing tags. */
  title: string;
  /** The priority as written in the heading, upper-cased, e.g. `P1`; `undefined` when the heading has none. */
  priority: string | undefined;
  /**
   * 1-based position of the story when all stories are ordered by priority: lower `Pn` first,
   * stories without a priority last, ties in document order.
   */
  priorityRank: number;
  /** The prose between the heading and the first bold field, or `''`. */
  description: string;
  /** The `**Why this priority**` text, or `undefined`. */
  why: string | undefined;
  /** The `**Independent Test**` text, or `undefined`. */
  independentTest: string | undefined;
  /** The `**Acceptance Scenarios**` items. */
  scenarios: AcceptanceScenario[];
  /** 1-based line of the story heading. */
  line: number;
  /** 1-based last line of the story's section. */
  endLine: number;
  /**
   * `true` for the single story built from an older (2025) spec's `### Primary User Story` and
   * `### Acceptance Scenarios` sections.
   */
  legacy: boolean;
}

/** A functional requirement (`FR-001`) or a success criterion (`SC-001`). */
export interface Requirement {
  /** The identifier as written, e.g. `FR-001`, `FR-012a`, `SC-003`. */
  id: string;
  /** The text after the identifier and its colon. */
  text: string;
  /** 1-based line of the identifier. */
  line: number;
}

/** A key entity: `- **Name**: description` under Key Entities, or a sub-heading there. */
export interface KeyEntity {
  /** The name as written between the bold markers (or the sub-heading title). */
  name: string;
  /** The text after the name. */
  description: string;
  /** 1-based line of the entry. */
  line: number;
}

/** One list item of a section such as Edge Cases or Assumptions. */
export interface ListEntry {
  /** The item as written, list marker removed. */
  text: string;
  /** 1-based line of the item. */
  line: number;
}

/** One `- Q: … → A: …` line of a clarification session. */
export interface ClarificationEntry {
  /** The question, without `Q:`. */
  question: string;
  /** The answer, without `A:`; `undefined` when the entry has no `→ A:` part. */
  answer: string | undefined;
  /** 1-based line of the entry. */
  line: number;
}

/** A `### Session YYYY-MM-DD` block under `## Clarifications`. */
export interface ClarificationSession {
  /** The first `YYYY-MM-DD` date in the session heading, or `undefined`. */
  date: string | undefined;
  /** The session heading as written, or `undefined` for Q/A lines directly under the Clarifications heading. */
  title: string | undefined;
  /** 1-based line of the session heading (or of the Clarifications heading). */
  line: number;
  /** The Q/A entries, in document order. */
  entries: ClarificationEntry[];
}

/** A `[NEEDS CLARIFICATION: …]` marker left in the spec. */
export interface ClarificationMarker {
  /** The text after `NEEDS CLARIFICATION:`, trimmed, line breaks collapsed to spaces. */
  text: string;
  /** 1-based line of the opening `[`. */
  line: number;
  /** 1-based column of the opening `[`, counted in Unicode code points (a leading BOM is not counted). */
  column: number;
}

/**
 * A parsed spec. `text` is the input exactly as given; everything else is derived from it.
 * Spec Kit fields are `undefined` or empty when the spec does not have them: a free-form
 * Markdown spec is valid and still has {@link Spec.sections}.
 */
export interface Spec {
  /** The `file` option, or `undefined`. */
  file: string | undefined;
  /** The input, exactly as given (byte-exact for `{{SPECIFICATION}}`). */
  text: string;
  /** The text after the front matter (the whole text without a leading BOM when there is none), line breaks as written. */
  body: string;
  /** 1-based line of `text` on which `body` starts; `lineCount + 1` when the front matter ends the file without a line break. */
  bodyLine: number;
  /** Number of lines of `text` (line breaks `\n`, `\r\n` or `\r`, plus one). */
  lineCount: number;
  /** The front matter, or `undefined` when the spec has none. */
  frontMatter: FrontMatter | undefined;
  /** The title: the first heading when it is an H1, with a `Feature Specification:`-style prefix removed. */
  title: string | undefined;
  /** 1-based line of the title heading, or `undefined`. */
  titleLine: number | undefined;
  /** The feature branch from the header, backticks and surrounding `[…]` removed. */
  branch: string | undefined;
  /** The `**Created**` value. */
  created: string | undefined;
  /** The `**Status**` value. */
  status: string | undefined;
  /** The `**Input**` value without a `User description:` label and the quotes around it; may span paragraphs. */
  input: string | undefined;
  /** Every `**Label**: value` line of the header, in any language. */
  fields: MetadataField[];
  /** Top-level sections (the H2s when the spec has a single H1 title), each with its children. */
  sections: Section[];
  /** User stories in document order. */
  stories: UserStory[];
  /** Edge Cases list items. */
  edgeCases: ListEntry[];
  /** Functional requirements (`FR-…`), in document order. */
  requirements: Requirement[];
  /** Success criteria (`SC-…`), in document order. */
  successCriteria: Requirement[];
  /** Key entities. */
  entities: KeyEntity[];
  /** Assumptions list items. */
  assumptions: ListEntry[];
  /** Clarification sessions recorded by `/speckit.clarify`. */
  clarificationSessions: ClarificationSession[];
  /** Every `[NEEDS CLARIFICATION: …]` marker outside code. */
  clarifications: ClarificationMarker[];
}
