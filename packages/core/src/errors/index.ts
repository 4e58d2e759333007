export { type ErrorCode, errorCatalog } from './catalog.js';
export {
  formatLocation,
  isSpecforgeError,
  type SourceLocation,
  SpecforgeError,
  type SpecforgeErrorOptions,
} from './specforge-error.js';
