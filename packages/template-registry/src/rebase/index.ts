// Rebasing a plan edited by hand onto a new render of it: `specforge plan --rebase` (docs/provenance.md).
export {
  createGitFileHistory,
  type FileHistory,
  type FileRevisions,
  type GitFileHistoryOptions,
  INDEX_REVISION,
} from './file-history.js';
export {
  DEFAULT_HISTORY_LIMIT,
  type FindPlanBaseOptions,
  findPlanBase,
  type PlanBase,
  type PlanBaseSource,
} from './find-plan-base.js';
export {
  applyRebase,
  diffRebaseChange,
  type PlanRebaseOptions,
  planRebase,
  type RebaseChange,
  type RebaseStatus,
} from './plan-rebase.js';
export {
  REBASE_LABELS,
  type RebasePlanInput,
  type RebaseResult,
  rebasePlan,
} from './rebase-plan.js';
