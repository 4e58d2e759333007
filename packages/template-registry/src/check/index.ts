export {
  type CheckDocumentsOptions,
  type CheckReport,
  checkDocuments,
  type DocumentRole,
} from './check-documents.js';
export { CHECKED_DOCUMENT_PATTERN, findDocuments } from './find-documents.js';
