export {
  type ApplyPresetExportOptions,
  applySpeckitPresetExport,
  checkPresetExportTarget,
  type PresetExportAction,
  type PresetExportTarget,
} from './apply-speckit-preset-export.js';
export {
  DEFAULT_SPECKIT_REQUIREMENT,
  type PlanSpeckitPresetExportOptions,
  type PresetExportFile,
  type PresetExportTemplate,
  planSpeckitPresetExport,
  type SpeckitPresetExportPlan,
  speckitNamePattern,
} from './plan-speckit-preset-export.js';
export {
  type ExportedBodyForm,
  formatSpeckitExportRecord,
  parseSpeckitExportRecord,
  SPECKIT_EXPORT_RECORD,
  SPECKIT_EXPORT_RECORD_FORMAT,
  type SpeckitExportRecord,
  type SpeckitExportRecordEntry,
} from './speckit-export-record.js';
export { renderForSpeckit, SPECIFICATION_PLACEHOLDER } from './render-for-speckit.js';
