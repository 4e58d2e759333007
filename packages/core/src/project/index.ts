export { addPackToConfig } from './add-pack-to-config.js';
export { CONFIG_FILE_NAMES, type FindProjectOptions, findProject } from './find-project.js';
export { parseProjectConfig } from './load-config.js';
export type { Project, ProjectConfig } from './project.js';
export {
  acquireProjectWriteLock,
  type ProjectWriteLock,
  type ProjectWriteLockOptions,
  withProjectWriteLock,
} from './write-lock.js';
