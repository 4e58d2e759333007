import {
  buildTemplateInputs,
  type Project,
  type RenderEnvironment,
  SpecforgeError,
  type TemplateSource,
} from '@specforge/core';
import type { ExampleSpec } from './example-spec.js';
import type { DisplayFile } from './site-blame.js';
import type { SiteExample } from './types.js';

/** Options for {@link renderExamplePlan}. */
export interface RenderExamplePlanOptions {
  environment: RenderEnvironment;
  project: Project;
  example: ExampleSpec;
  /** The date templates see as `today`. */
  now: Date;
  /** How the error's file is shown. */
  displayFile: DisplayFile;
}

/**
 * Renders `template` over the example spec with specforge's own render environment, exactly as
 * `specforge plan` would (without provenance). A template that fails to render (a syntax error,
 * a required input the project does not set) gives the error's message and location instead of a
 * plan.
 */
export function renderExamplePlan(
  template: TemplateSource,
  options: RenderExamplePlanOptions,
): SiteExample {
  try {
    const inputs = buildTemplateInputs({
      specText: options.example.text,
      spec: options.example.spec,
      project: options.project,
      template,
      now: options.now,
    });
    return { ok: true, markdown: options.environment.render(template, inputs) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const location = error instanceof SpecforgeError ? error.location : undefined;
    if (!location) return { ok: false, message };
    const where = [
      options.displayFile(location.file, template.pack.name),
      location.line,
      location.column,
    ]
      .filter((part) => part !== undefined)
      .join(':');
    return { ok: false, message: `${message} (${where})` };
  }
}
