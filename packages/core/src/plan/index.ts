export {
  applyPlanChange,
  diffPlanChange,
  type PlanChange,
  type PlanSpecOptions,
  type PlanStatus,
  planSpec,
} from './plan-spec.js';
export {
  attachProvenance,
  hashGeneratedText,
  type Provenance,
  type ProvenanceRead,
  readProvenance,
} from './provenance.js';
export {
  type ReadSpecFileOptions,
  readSpecFile,
  type SpecFile,
  toProjectPath,
} from './read-spec-file.js';
export {
  buildTemplateInputs,
  hashTemplate,
  identifyTemplate,
  parseTemplateProvenanceId,
  type TemplateIdentity,
  type TemplateInputsOptions,
  templateProvenanceId,
} from './template-inputs.js';
export { writeGeneratedFile } from './write-generated-file.js';
