export { didYouMean } from './did-you-mean.js';
export {
  type ParseTemplateFileOptions,
  parseTemplateFile,
  standardTemplateInputNames,
  templateIdPattern,
  templateMetaKeys,
  templateKinds,
} from './parse-template-file.js';
export { type CheckRules, compileIdPattern, traceSubjects } from './read-check-rules.js';
export type {
  TemplateInput,
  TemplateKind,
  TemplateMeta,
  TemplateSource,
  TraceRule,
  TraceSubject,
} from './types.js';
