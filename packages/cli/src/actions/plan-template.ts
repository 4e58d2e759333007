import type { TemplateSource } from '@specforge/core';
import {
  DEFAULT_PLAN_TEMPLATE,
  findResolvedTemplate,
  isTemplateFileRef,
  loadTemplateFile,
  type ProjectRegistry,
} from '@specforge/template-registry';

/** The template `specforge plan` renders with: --template, else the config's plan.template, else the default. */
export async function resolvePlanTemplate(
  registry: ProjectRegistry,
  ref: string | undefined,
  cwd: string,
): Promise<TemplateSource> {
  const chosen = ref ?? registry.project.config.plan.template ?? DEFAULT_PLAN_TEMPLATE;
  return isTemplateFileRef(chosen)
    ? loadTemplateFile(chosen, { cwd })
    : findResolvedTemplate(registry.packs, chosen).template;
}
