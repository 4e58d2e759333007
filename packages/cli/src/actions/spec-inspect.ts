import {
  nodeFileSystem,
  parseSpec,
  readSpecFile,
  type SpecJson,
  toSpecJson,
} from '@specforge/core';
import type { SpecInspectFlags } from '../commands/spec.js';
import { printJson, printWarnings } from '../output/report.js';
import { runAction } from '../output/run-action.js';
import { stylerFor } from '../output/style.js';

/** The action of `specforge spec inspect`. */
export async function runSpecInspect(file: string, flags: SpecInspectFlags): Promise<void> {
  await runAction(flags, async () => {
    const cwd = process.cwd();
    const specFile = await readSpecFile(file, { fs: nodeFileSystem, cwd, root: cwd });
    printWarnings(specFile.warnings);
    const json = toSpecJson(parseSpec(specFile.text, { file }));
    if (flags.json) printJson(json);
    else process.stdout.write(formatSpec(json));
    return 0;
  });
}

/** A readable summary of a spec model for the terminal. */
function formatSpec(spec: SpecJson): string {
  const style = stylerFor(process.stdout);
  const out: string[] = [];
  const heading = (text: string, count: number) =>
    out.push('', style('bold', `${text} (${count})`));
  out.push(style('bold', spec.title ?? '(untitled)'));
  for (const [label, value] of [
    ['branch', spec.branch],
    ['status', spec.status],
    ['created', spec.created],
  ] as const) {
    if (value) out.push(`  ${label}: ${value}`);
  }

  heading('User stories', spec.stories.length);
  for (const story of spec.stories) {
    const priority = story.priority ? ` [${story.priority}]` : '';
    out.push(
      `  ${story.id}${priority} ${story.title}  (line ${story.line}, ${story.scenarios.length} scenarios)`,
    );
  }
  heading('Functional requirements', spec.requirements.length);
  for (const req of spec.requirements) out.push(`  ${req.id}: ${req.text}`);
  heading('Success criteria', spec.successCriteria.length);
  for (const sc of spec.successCriteria) out.push(`  ${sc.id}: ${sc.text}`);
  heading('Key entities', spec.entities.length);
  for (const entity of spec.entities) out.push(`  ${entity.name}: ${entity.description}`);
  heading('Needs clarification', spec.clarifications.length);
  for (const marker of spec.clarifications)
    out.push(`  ${marker.line}:${marker.column} ${marker.text}`);
  heading('Sections', spec.sections.length);
  for (const section of spec.sections) {
    out.push(
      `  ${'  '.repeat(Math.max(0, section.level - 2))}${section.path}  (line ${section.line})`,
    );
  }
  return `${out.join('\n')}\n`;
}
