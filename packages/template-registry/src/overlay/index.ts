// Overlays: section-level layering of templates, with section blame (docs/overlays.md).
export { type ApplyOverlayResult, applyOverlay } from './apply-overlay.js';
export {
  type ComposeBase,
  type ComposedTemplate,
  type ComposeLayer,
  composeLayers,
  continueComposition,
  listSectionBlame,
  type SectionBlameEntry,
} from './compose-layers.js';
export { applyOverlayMeta } from './overlay-meta.js';
export {
  type AppendPrependOperation,
  type InsertOperation,
  type Overlay,
  type OverlayContent,
  type OverlayContentSection,
  type OverlayMeta,
  type OverlayOperation,
  type OverlayOperationBase,
  type OverlayOperationName,
  type OverlayStrategy,
  overlayOperationNames,
  overlayStrategies,
  type RemoveOperation,
  type RenameOperation,
  type ReplaceOperation,
} from './overlay-types.js';
export { type ParseOverlayOptions, parseOverlay } from './parse-overlay.js';
export {
  renderTemplateDocument,
  type SplitTemplateOptions,
  splitTemplate,
} from './split-template.js';
export type {
  BlameChange,
  BlameOp,
  LayerRef,
  PathChange,
  SectionBlame,
  SectionNode,
  SkippedOperation,
  TemplateDocument,
} from './types.js';
