export { type ErrorCode, errorCatalog } from './catalog.js';
export { createWarning, type Diagnostic } from './diagnostic.js';
export {
  formatLocation,
  isSpecforgeError,
  type SourceLocation,
  SpecforgeError,
  type SpecforgeErrorOptions,
} from './specforge-error.js';
