export { type ErrorCode, errorCatalog } from './catalog.js';
export { createWarning, type Diagnostic } from './diagnostic.js';
export {
  reviveSpecforgeError,
  type SpecforgeErrorData,
  specforgeErrorData,
} from './error-transfer.js';
export {
  formatLocation,
  isSpecforgeError,
  type SourceLocation,
  SpecforgeError,
  type SpecforgeErrorOptions,
} from './specforge-error.js';
