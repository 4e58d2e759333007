export type { FileSystem, PathKind } from './file-system.js';
export { MemoryFileSystem } from './memory-file-system.js';
export { nodeFileSystem } from './node-file-system.js';
