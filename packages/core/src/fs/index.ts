export { displayPath } from './display-path.js';
export type { FileSystem, PathKind } from './file-system.js';
export {
  commitFileChanges,
  type FileChange,
  type FileTransactionOptions,
  recoverFileTransactions,
  type TransactionFaults,
} from './file-transaction.js';
export { assertDocumentSize, MAX_DOCUMENT_BYTES } from './input-limits.js';
export { makeFolders } from './make-folders.js';
export { MemoryFileSystem } from './memory-file-system.js';
export { nodeFileSystem } from './node-file-system.js';
