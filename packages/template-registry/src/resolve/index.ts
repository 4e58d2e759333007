export { composePackTemplates } from './compose-pack.js';
export {
  findResolvedPack,
  findResolvedTemplate,
  listResolvedRefs,
} from './find-resolved-template.js';
export {
  type OpenProjectRegistryOptions,
  openProjectRegistry,
  type ProjectRegistry,
  readProjectLock,
  writeProjectLock,
} from './open-project-registry.js';
export {
  describeChange,
  type Registry,
  type ResolveRegistryOptions,
  resolveRegistry,
} from './resolve-registry.js';
export type {
  ResolvedPack,
  ResolvedTemplate,
  SectionOrigin,
  TemplateLayer,
} from './resolved-pack.js';
