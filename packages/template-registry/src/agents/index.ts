export {
  AGENT_FORMATS,
  AGENT_NAMES,
  type AgentFormat,
  type AgentName,
  type AgentShape,
  agentCommandName,
  agentCommandPath,
  agentInvocation,
  findAgentFormat,
} from './agent-formats.js';
export {
  AGENTS_MANIFEST_PATH,
  AGENTS_MANIFEST_VERSION,
  type AgentsManifest,
  emptyAgentsManifest,
  formatAgentsManifest,
  hashAgentFile,
  parseAgentsManifest,
} from './agents-manifest.js';
export { type ApplyAgentsExportOptions, applyAgentsExport } from './apply-agents-export.js';
export {
  type AgentFileAction,
  type AgentFileChange,
  type AgentsExportPlan,
  type PlanAgentFilesOptions,
  type PlanAgentsExportOptions,
  planAgentFiles,
  planAgentsExport,
} from './plan-agents-export.js';
export { type AgentFile, renderAgentFile, renderAgentFiles } from './render-agent-file.js';
export { formatTomlMultilineString } from './toml-string.js';
export {
  WORKFLOW_COMMANDS,
  type WorkflowCommand,
  type WorkflowCommandName,
  writeWorkflowCommands,
} from './workflow-commands.js';
export {
  DEFAULT_WORKFLOW_TEMPLATES,
  readWorkflowTemplates,
  type WorkflowRole,
  type WorkflowSection,
  type WorkflowTemplate,
  type WorkflowTemplateChange,
  type WorkflowTemplates,
} from './workflow-templates.js';
