import type { TemplateSource } from '@specforge/core';
import {
  DEFAULT_PLAN_TEMPLATE,
  findResolvedTemplate,
  isTemplateFileRef,
  loadTemplateFile,
  type ProjectRegistry,
} from '@specforge/template-registry';

/**
 * The template `specforge plan` renders with: --template, else the config's plan.template, else
 * the default. A template file named on the command line is found from the current folder; one
 * named in the config from the project root, as in a whole-repo run.
 */
export async function resolvePlanTemplate(
  registry: ProjectRegistry,
  ref: string | undefined,
  cwd: string,
): Promise<TemplateSource> {
  const chosen = ref ?? registry.project.config.plan.template ?? DEFAULT_PLAN_TEMPLATE;
  if (!isTemplateFileRef(chosen)) return findResolvedTemplate(registry.packs, chosen).template;
  return loadTemplateFile(chosen, { cwd: ref === undefined ? registry.project.root : cwd });
}
