import type { Spec } from './model.js';
import { flattenSections } from './section-lookup.js';

/** The version of the {@link SpecJson} shape; bumped only on a breaking change. */
export const SPEC_JSON_SCHEMA_VERSION = 1;

/** A user story in {@link SpecJson}; the fields of {@link UserStory}, `null` where it has `undefined`. */
export interface SpecJsonStory {
  /** `US` and the story number as written, e.g. `US1`, `US4a`. */
  id: string;
  /** The integer part of the story number (`4` for `4a`). */
  number: number;
  /** The title from the heading, without the story prefix, the priority and trailing tags. */
  title: string;
  /** The priority as written, upper-cased, e.g. `P1`; `null` when the heading has none. */
  priority: string | null;
  /** 1-based position of the story when all stories are ordered by priority. */
  priorityRank: number;
  /** `true` for the one story built from an older spec's Primary User Story section. */
  legacy: boolean;
  /** The prose between the heading and the first bold field, or `''`. */
  description: string;
  /** The `**Why this priority**` text, or `null`. */
  why: string | null;
  /** The `**Independent Test**` text, or `null`. */
  independentTest: string | null;
  /** The acceptance scenarios, as {@link AcceptanceScenario}s. */
  scenarios: {
    /** The `Given` part, or `null` when the item is not in Given/When/Then form. */
    given: string | null;
    /** The `When` part, or `null`. */
    when: string | null;
    /** The `Then` part with any trailing `And` clauses, or `null`. */
    then: string | null;
    /** The whole item as written, list marker removed. */
    text: string;
    /** 1-based line of the list item. */
    line: number;
  }[];
  /** 1-based line of the story heading. */
  line: number;
  /** 1-based last line of the story's section. */
  endLine: number;
}

/**
 * The stable JSON form of a {@link Spec}, for `--json` output and tools. Keys always appear, in
 * this order; a missing value is `null`, a missing list `[]`. Sections are a flat list in
 * document order. See docs/spec-model.md.
 */
export interface SpecJson {
  /** {@link SPEC_JSON_SCHEMA_VERSION}: tools check it before reading the rest. */
  schemaVersion: typeof SPEC_JSON_SCHEMA_VERSION;
  /** The path the spec was parsed under, or `null`. */
  file: string | null;
  /** The H1 title without a `Feature Specification:`-style prefix, or `null`. */
  title: string | null;
  /** 1-based line of the title heading, or `null`. */
  titleLine: number | null;
  /** The feature branch from the header, or `null`. */
  branch: string | null;
  /** The `**Status**` value, or `null`. */
  status: string | null;
  /** The `**Created**` value, or `null`. */
  created: string | null;
  /** The `**Input**` value without its `User description:` label, or `null`. */
  input: string | null;
  /** Every `**Label**: value` line of the header, as {@link MetadataField}s. */
  fields: {
    /** The label as written, without bold markers and colon. */
    label: string;
    /** The value as written, trimmed. */
    value: string;
    /** 1-based line of the label. */
    line: number;
  }[];
  /** The parsed YAML front matter, or `null` when the spec has none. */
  frontMatter: Record<string, unknown> | null;
  /** The user stories in document order. */
  stories: SpecJsonStory[];
  /** The functional requirements (`FR-…`) in document order. */
  requirements: {
    /** The identifier as written, e.g. `FR-001`. */
    id: string;
    /** The text after the identifier and its colon. */
    text: string;
    /** 1-based line of the identifier. */
    line: number;
  }[];
  /** The success criteria (`SC-…`) in document order. */
  successCriteria: {
    /** The identifier as written, e.g. `SC-001`. */
    id: string;
    /** The text after the identifier and its colon. */
    text: string;
    /** 1-based line of the identifier. */
    line: number;
  }[];
  /** The key entities. */
  entities: {
    /** The name as written. */
    name: string;
    /** The text after the name. */
    description: string;
    /** 1-based line of the entry. */
    line: number;
  }[];
  /** The Edge Cases list items. */
  edgeCases: {
    /** The item as written, list marker removed. */
    text: string;
    /** 1-based line of the item. */
    line: number;
  }[];
  /** The Assumptions list items. */
  assumptions: {
    /** The item as written, list marker removed. */
    text: string;
    /** 1-based line of the item. */
    line: number;
  }[];
  /** The clarification sessions recorded by `/speckit.clarify`. */
  clarificationSessions: {
    /** The first `YYYY-MM-DD` date in the session heading, or `null`. */
    date: string | null;
    /** The session heading as written, or `null` for Q/A lines right under Clarifications. */
    title: string | null;
    /** 1-based line of the session heading (or of the Clarifications heading). */
    line: number;
    /** The Q/A entries in document order. */
    entries: {
      /** The question, without `Q:`. */
      question: string;
      /** The answer, without `A:`; `null` when the entry has no answer yet. */
      answer: string | null;
      /** 1-based line of the entry. */
      line: number;
    }[];
  }[];
  /** Every `[NEEDS CLARIFICATION: …]` marker outside code. */
  clarifications: {
    /** The text after `NEEDS CLARIFICATION:`, trimmed. */
    text: string;
    /** 1-based line of the opening `[`. */
    line: number;
    /** 1-based column of the opening `[`, in Unicode code points. */
    column: number;
  }[];
  /** Every section, flattened in document order. */
  sections: {
    /** The section's {@link Section.path}, e.g. `requirements/functional-requirements`. */
    path: string;
    /** The heading text as written. */
    title: string;
    /** Heading level, 1–6. */
    level: number;
    /** 1-based line of the heading. */
    line: number;
    /** 1-based last line of the section, children included. */
    endLine: number;
  }[];
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/**
 * Converts a spec to its stable JSON shape ({@link SpecJson}): the same input always gives
 * the same keys in the same order, so the output can be diffed and snapshotted.
 *
 * @example
 * ```ts
 * const json = JSON.stringify(toSpecJson(parseSpec(text, { file })), null, 2);
 * ```
 */
export function toSpecJson(spec: Spec): SpecJson {
  return {
    schemaVersion: SPEC_JSON_SCHEMA_VERSION,
    file: orNull(spec.file),
    title: orNull(spec.title),
    titleLine: orNull(spec.titleLine),
    branch: orNull(spec.branch),
    status: orNull(spec.status),
    created: orNull(spec.created),
    input: orNull(spec.input),
    fields: spec.fields.map((f) => ({ label: f.label, value: f.value, line: f.line })),
    frontMatter: spec.frontMatter ? spec.frontMatter.data : null,
    stories: spec.stories.map((s) => ({
      id: s.id,
      number: s.number,
      title: s.title,
      priority: orNull(s.priority),
      priorityRank: s.priorityRank,
      legacy: s.legacy,
      description: s.description,
      why: orNull(s.why),
      independentTest: orNull(s.independentTest),
      scenarios: s.scenarios.map((c) => ({
        given: orNull(c.given),
        when: orNull(c.when),
        // biome-ignore lint/suspicious/noThenProperty: Given/When/Then is the model's vocabulary; a string `then` is never called, so nothing is a thenable
        then: orNull(c.then),
        text: c.text,
        line: c.line,
      })),
      line: s.line,
      endLine: s.endLine,
    })),
    requirements: spec.requirements.map((r) => ({ id: r.id, text: r.text, line: r.line })),
    successCriteria: spec.successCriteria.map((r) => ({ id: r.id, text: r.text, line: r.line })),
    entities: spec.entities.map((e) => ({
      name: e.name,
      description: e.description,
      line: e.line,
    })),
    edgeCases: spec.edgeCases.map((e) => ({ text: e.text, line: e.line })),
    assumptions: spec.assumptions.map((a) => ({ text: a.text, line: a.line })),
    clarificationSessions: spec.clarificationSessions.map((s) => ({
      date: orNull(s.date),
      title: orNull(s.title),
      line: s.line,
      entries: s.entries.map((e) => ({
        question: e.question,
        answer: orNull(e.answer),
        line: e.line,
      })),
    })),
    clarifications: spec.clarifications.map((c) => ({
      text: c.text,
      line: c.line,
      column: c.column,
    })),
    sections: flattenSections(spec.sections).map((s) => ({
      path: s.path,
      title: s.title,
      level: s.level,
      line: s.line,
      endLine: s.endLine,
    })),
  };
}
