import type { Spec } from './model.js';
import { flattenSections } from './section-lookup.js';

/** The version of the {@link SpecJson} shape; bumped only on a breaking change. */
export const SPEC_JSON_SCHEMA_VERSION = 1;

/** A user story in {@link SpecJson}. */
export interface SpecJsonStory {
  id: string;
  number: number;
  title: string;
  priority: string | null;
  priorityRank: number;
  legacy: boolean;
  description: string;
  why: string | null;
  independentTest: string | null;
  scenarios: {
    given: string | null;
    when: string | null;
    then: string | null;
    text: string;
    line: number;
  }[];
  line: number;
  endLine: number;
}

/**
 * The stable JSON form of a {@link Spec}, for `--json` output and tools. Keys always appear, in
 * this order; a missing value is `null`, a missing list `[]`. Sections are a flat list in
 * document order. See docs/spec-model.md.
 */
export interface SpecJson {
  schemaVersion: typeof SPEC_JSON_SCHEMA_VERSION;
  file: string | null;
  title: string | null;
  titleLine: number | null;
  branch: string | null;
  status: string | null;
  created: string | null;
  input: string | null;
  fields: { label: string; value: string; line: number }[];
  frontMatter: Record<string, unknown> | null;
  stories: SpecJsonStory[];
  requirements: { id: string; text: string; line: number }[];
  successCriteria: { id: string; text: string; line: number }[];
  entities: { name: string; description: string; line: number }[];
  edgeCases: { text: string; line: number }[];
  assumptions: { text: string; line: number }[];
  clarificationSessions: {
    date: string | null;
    title: string | null;
    line: number;
    entries: { question: string; answer: string | null; line: number }[];
  }[];
  clarifications: { text: string; line: number; column: number }[];
  sections: { path: string; title: string; level: number; line: number; endLine: number }[];
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
