import {
  createRenderEnvironment,
  identifyTemplate,
  parseSpec,
  type RenderEnvironment,
  type Spec,
  SpecforgeError,
  type TemplateSource,
} from '@specforge/core';

/** What a Spec Kit template shows where specforge would put the spec text. */
export const SPECIFICATION_PLACEHOLDER = '[FEATURE SPECIFICATION]';

let environment: RenderEnvironment | undefined;
let emptySpec: Spec | undefined;

/**
 * A template as Spec Kit would hold it: rendered for an empty spec, so that every place the
 * spec would fill keeps the template's own placeholder (`[FEATURE NAME]`, `[DATE]`), the spec
 * text becomes {@link SPECIFICATION_PLACEHOLDER}, the project name `[PROJECT NAME]` and each
 * declared input `[NAME]`. That is the shape of Spec Kit's templates, which a person or an
 * agent fills in.
 *
 * @returns The text, or `undefined` when the template cannot render without a spec (a helper
 *   that needs a value the empty spec does not have).
 */
export function renderForSpeckit(template: TemplateSource): string | undefined {
  environment ??= createRenderEnvironment();
  emptySpec ??= parseSpec('');
  const declared = Object.fromEntries(
    Object.keys(template.meta.inputs).map((name) => [name, `[${placeholderName(name)}]`]),
  );
  try {
    return environment.render(template, {
      ...declared,
      SPECIFICATION: SPECIFICATION_PLACEHOLDER,
      spec: emptySpec,
      project: { name: '[PROJECT NAME]', root: '.', config: {} },
      template: identifyTemplate(template),
      today: '[DATE]',
    });
  } catch (error) {
    if (error instanceof SpecforgeError) return undefined;
    throw error;
  }
}

/** `releaseTrain` → `RELEASE TRAIN`, `owner_team` → `OWNER TEAM`. */
function placeholderName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toUpperCase();
}
