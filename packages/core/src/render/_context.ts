import { SpecforgeError } from '../errors/index.js';
import type { TemplateSource } from '../template/types.js';

/** True when `inputs` has its own `name` with a value other than `undefined` (`null` counts). */
function isProvided(inputs: Readonly<Record<string, unknown>>, name: string): boolean {
  return Object.hasOwn(inputs, name) && inputs[name] !== undefined;
}

/**
 * Checks the template's required inputs and builds the object the template renders with.
 *
 * Declared optional inputs the caller left out become present-but-`undefined` keys: strict
 * lookups fail only for absent keys, so `{{#if optional}}` takes the `{{else}}` branch instead
 * of failing. The caller's object is copied, never changed.
 */
export function buildRenderContext(
  template: TemplateSource,
  inputs: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const declared = Object.entries(template.meta.inputs);
  for (const [name, input] of declared) {
    if (input.required && !isProvided(inputs, name)) {
      throw new SpecforgeError(
        'SPECFORGE_TEMPLATE_INPUT_MISSING',
        { input: name },
        {
          location: { file: template.file },
          hint: `${template.file} declares "${name}" as a required input: provide it, or declare it with required: false.`,
        },
      );
    }
  }
  // Spread and fromEntries define keys (no setter runs), so an input named __proto__ stays data.
  return { ...Object.fromEntries(declared.map(([name]) => [name, undefined])), ...inputs };
}
