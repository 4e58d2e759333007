export {
  type ApplyImportPlanOptions,
  applyImportPlan,
  checkImportTarget,
  type ImportTarget,
} from './apply-import-plan.js';
export { escapeHandlebars, unescapeHandlebars } from './escape-handlebars.js';
export type {
  ImportBase,
  ImportFile,
  ImportPlan,
  ImportTemplate,
  PlanSpeckitImportInput,
  SpeckitInputKind,
} from './import-types.js';
export { planSpeckitImport } from './plan-speckit-import.js';
