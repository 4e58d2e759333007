export { didYouMean } from './did-you-mean.js';
export {
  type ParseTemplateFileOptions,
  parseTemplateFile,
  standardTemplateInputNames,
  templateIdPattern,
  templateKinds,
} from './parse-template-file.js';
export type { TemplateInput, TemplateKind, TemplateMeta, TemplateSource } from './types.js';
