export {
  classifySpecPath,
  DEFAULT_SPEC_PATTERN,
  type FindSpecsOptions,
  findSpecs,
  type SpecPathKind,
} from './find-specs.js';
export {
  DEFAULT_PLAN_TEMPLATE,
  type OpenSpecWorkspaceOptions,
  openSpecWorkspace,
  type SpecWorkspace,
  type WorkspaceProject,
  type WorkspaceSpec,
} from './open-spec-workspace.js';
export { countPlanResult, emptyPlanSummary, type PlanSummary } from './plan-summary.js';
export {
  DEFAULT_WORKSPACE_CONCURRENCY,
  type FailedSpec,
  type PlannedSpec,
  type PlanWorkspaceOptions,
  planWorkspace,
  type WorkspacePlanResult,
} from './plan-workspace.js';
export { createProjectLocator, type ProjectLocator } from './project-locator.js';
export {
  type GeneratedFileState,
  type GeneratedFileStatus,
  type JudgeGeneratedFileOptions,
  judgeGeneratedFile,
  type ReadWorkspaceStatusOptions,
  readWorkspaceStatus,
  type SpecStatus,
  type StaleReason,
  TASKS_FILE_NAME,
} from './spec-status.js';
