import type { TemplateInput, TemplateSource } from '../../template/types.js';
import { createRenderEnvironment, type RenderEnvironment } from '../environment.js';

/** A template for tests: `templates/test.md` whose body starts on line 7 unless told otherwise. */
export function makeTemplate(
  body: string,
  options: { inputs?: Record<string, TemplateInput>; file?: string; bodyLine?: number } = {},
): TemplateSource {
  return {
    meta: {
      id: 'test',
      kind: 'plan',
      description: 'A template for tests.',
      inputs: options.inputs ?? {},
      output: 'plan.md',
      requiredSections: [],
      placeholders: [],
      idPatterns: {},
      traces: [],
    },
    body,
    file: options.file ?? 'templates/test.md',
    bodyLine: options.bodyLine ?? 7,
    pack: { name: 'test', version: '1.0.0' },
  };
}

let shared: RenderEnvironment | undefined;

/** Renders `body` with `inputs` in one environment shared by the tests of a file. */
export function render(body: string, inputs: Record<string, unknown> = {}): string {
  shared ??= createRenderEnvironment();
  return shared.render(makeTemplate(body), inputs);
}

/** Renders `body` and returns the error it throws, for asserting on code, message and location. */
export function renderError(body: string, inputs: Record<string, unknown> = {}): unknown {
  try {
    render(body, inputs);
  } catch (error) {
    return error;
  }
  throw new Error(`Expected ${JSON.stringify(body)} to fail, but it rendered.`);
}

/** The fields of a SpecforgeError that tests compare. */
export function summarize(error: unknown): unknown {
  const { code, message, location } = error as {
    code?: string;
    message?: string;
    location?: unknown;
  };
  return { code, message, location };
}
