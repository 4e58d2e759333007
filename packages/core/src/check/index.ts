export { checkPlan, type CheckPlanOptions } from './check-plan.js';
export { checkSpec, WELL_FORMED_ID } from './check-spec.js';
export { type FillSlot, findFillSlots } from './fill-slots.js';
export { type CheckCode, createFinding, type Finding, sortFindings } from './finding.js';
