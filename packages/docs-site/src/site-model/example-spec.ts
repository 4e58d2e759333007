import { nodeFileSystem, type Project, parseSpec, readSpecFile, type Spec } from '@specforge/core';
import { findSpecs } from '@specforge/template-registry';
import { BUILTIN_EXAMPLE_SPEC, BUILTIN_EXAMPLE_SPEC_FILE } from './builtin-example-spec.js';
import type { ExampleSpecInfo } from './types.js';

/** The spec example plans are rendered from: its text, its parsed model, and where it comes from. */
export interface ExampleSpec extends ExampleSpecInfo {
  /** The spec's text, as the `SPECIFICATION` input of example plans. */
  text: string;
  /** The parsed spec, as the `spec` input of example plans. */
  spec: Spec;
}

/**
 * The project's first `specs/**\/spec.md` (in code-unit order of the path), or the site's own
 * small example spec when the project has none or the first one cannot be read.
 */
export async function loadExampleSpec(project: Project): Promise<ExampleSpec> {
  const first = (await findSpecs({ cwd: project.root }).catch(() => []))[0];
  if (first) {
    try {
      const file = await readSpecFile(first, {
        fs: nodeFileSystem,
        cwd: project.root,
        root: project.root,
      });
      return {
        file: file.projectPath,
        builtIn: false,
        text: file.text,
        spec: parseSpec(file.text, { file: file.projectPath }),
      };
    } catch {
      // An unreadable spec must not stop the site: the built-in example stands in.
    }
  }
  return builtinExampleSpec();
}

/** The site's own example spec, parsed. */
export function builtinExampleSpec(): ExampleSpec {
  return {
    file: BUILTIN_EXAMPLE_SPEC_FILE,
    builtIn: true,
    text: BUILTIN_EXAMPLE_SPEC,
    spec: parseSpec(BUILTIN_EXAMPLE_SPEC, { file: BUILTIN_EXAMPLE_SPEC_FILE }),
  };
}
