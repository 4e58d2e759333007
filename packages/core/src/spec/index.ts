// The spec model's public surface: parseSpec turns a Spec Kit spec.md (or any Markdown) into a
// Spec; toSpecJson gives its stable JSON form (docs/spec-model.md). Everything else in this
// folder is internal.
export type {
  AcceptanceScenario,
  ClarificationEntry,
  ClarificationMarker,
  ClarificationSession,
  FrontMatter,
  KeyEntity,
  ListEntry,
  MetadataField,
  ParseSpecOptions,
  Requirement,
  Section,
  Spec,
  UserStory,
} from './model.js';
export { parseSections } from './parse-sections.js';
export { parseSpec } from './parse-spec.js';
export { findSection, flattenSections } from './section-lookup.js';
export {
  SPEC_JSON_SCHEMA_VERSION,
  type SpecJson,
  type SpecJsonStory,
  toSpecJson,
} from './to-json.js';
