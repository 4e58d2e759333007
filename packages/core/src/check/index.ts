export type { CheckDocumentOptions } from './check-derived.js';
export { checkPlan } from './check-plan.js';
export { type CheckSpecOptions, checkSpec } from './check-spec.js';
export { checkTasks } from './check-tasks.js';
export { type FillSlot, findFillSlots } from './fill-slots.js';
export { type CheckCode, createFinding, type Finding, sortFindings } from './finding.js';
export {
  SARIF_SCHEMA_URI,
  type SarifArtifactLocation,
  type SarifLevel,
  type SarifLog,
  type SarifResult,
  type SarifRule,
  type SarifRun,
  type ToSarifOptions,
  toSarif,
} from './sarif.js';
