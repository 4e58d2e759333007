import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createRenderEnvironment,
  type RenderEnvironment,
  type TemplateSource,
} from '@specforge/core';
import { writeTempTree } from '../../test-utils/temp-tree.js';
import type { ImportPlan } from '../import-types.js';

/**
 * Spec Kit's releases beside the repository (`../shared/corpus/spec-kit`, see
 * shared/corpus/README.md); never copied into it. Tests that need them skip when it is absent.
 */
export const corpusDir = resolve(
  fileURLToPath(new URL('../../../../../', import.meta.url)),
  '../shared/corpus/spec-kit',
);

/** Whether the Spec Kit corpus is there. */
export const corpusPresent = existsSync(corpusDir);

/** Writes a plan's files into a new temp folder (removed by `removeTempTrees`), optionally below `sub`. */
export async function writePlan(plan: ImportPlan, sub = ''): Promise<string> {
  const root = await writeTempTree(
    Object.fromEntries(plan.files.map((file) => [join(sub, file.path), file.content])),
  );
  return join(root, sub);
}

/** The inputs every template gets, with fixed values. */
export const standardInputs: Readonly<Record<string, unknown>> = {
  SPECIFICATION: '# Feature Specification: Login\n',
  spec: { title: 'Login' },
  project: { name: 'acme', root: '.', config: {} },
  template: { id: 'x', pack: 'x', version: '1.0.0', ref: 'x/x' },
  today: '2026-01-01',
};

let environment: RenderEnvironment | undefined;

/** Renders a template with {@link standardInputs} in one shared environment. */
export function renderTemplate(template: TemplateSource): string {
  environment ??= createRenderEnvironment();
  return environment.render(template, standardInputs);
}

/** The text after a leading `---` … `---` block, as Spec Kit's readers take it off. */
export function withoutFrontMatter(text: string): string {
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') return text;
  const closing = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---');
  return closing === -1 ? text : lines.slice(closing + 1).join('\n');
}

/** A file of a plan by path, or an error naming the files there are. */
export function planFile(plan: ImportPlan, path: string): string {
  const file = plan.files.find((item) => item.path === path);
  if (!file)
    throw new Error(
      `The plan has no ${path}; it has ${plan.files.map((item) => item.path).join(', ')}.`,
    );
  return file.content;
}

/** Warnings reduced to code and message, with `root` written `<root>`. */
export function warningsOf(plan: ImportPlan, root?: string): string[] {
  return plan.warnings.map((warning) => {
    const text = `${warning.code}: ${warning.message}`;
    return root ? text.split(root).join('<root>') : text;
  });
}
