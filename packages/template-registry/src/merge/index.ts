// Three-way merge of copy-forked templates: section by section, then line by line (docs/merging.md).
export { mergeTemplate } from './merge-template.js';
export type {
  MergeConflict,
  MergeConflictKind,
  MergeLabels,
  MergeResult,
  MergeTemplateInput,
} from './types.js';
