import type { TraceRule } from '@specforge/core';
import { type AgentFormat, agentInvocation } from './agent-formats.js';
import type {
  WorkflowRole,
  WorkflowTemplate,
  WorkflowTemplateChange,
  WorkflowTemplates,
} from './workflow-templates.js';

/** The commands exported to every agent, in workflow order. */
export const WORKFLOW_COMMANDS = ['plan', 'tasks', 'check'] as const;

/** A command exported to every agent: `plan`, `tasks` or `check`. */
export type WorkflowCommandName = (typeof WORKFLOW_COMMANDS)[number];

/** One workflow command as an agent reads it, before it is shaped into the agent's file. */
export interface WorkflowCommand {
  /** The command, as its file is named after it. */
  name: WorkflowCommandName;
  /** One line: what the command does, for the agent's command list. */
  description: string;
  /** The instructions, Markdown, with the agent's argument token where the user's input goes. */
  body: string;
}

/**
 * Writes the workflow commands (`plan`, `tasks`, `check`) for one agent: what each asks the agent
 * to do with the `specforge` CLI, and what the project's templates require (refs, packs, required
 * sections, placeholders, id patterns, traces and the team's changes), with the agent's argument
 * token and command names. The same templates always give the same text.
 *
 * @example
 * ```ts
 * const templates = await readWorkflowTemplates(registry);
 * const [plan] = writeWorkflowCommands(templates, findAgentFormat('claude'));
 * plan.body.includes('$ARGUMENTS'); // true
 * ```
 */
export function writeWorkflowCommands(
  templates: WorkflowTemplates,
  format: AgentFormat,
): WorkflowCommand[] {
  return WORKFLOW_COMMANDS.map((name) => ({
    name,
    description: describeCommand(name, templates),
    body: `${writers[name](templates, format)}\n`,
  }));
}

function describeCommand(name: WorkflowCommandName, templates: WorkflowTemplates): string {
  switch (name) {
    case 'plan':
      return `Plan a feature: turn its spec into ${templates.plan.output} with the team's plan template (${templates.plan.ref}), write the plan's content and check it with specforge.`;
    case 'tasks':
      return `Break a planned feature into tasks: generate ${templates.tasks.output} with the team's task list template (${templates.tasks.ref}), write the tasks and check them with specforge.`;
    default:
      return `Check specs, plans and task lists against the team's templates (${templates.spec.ref}, ${templates.plan.ref}, ${templates.tasks.ref}) with specforge check, and fix what it finds.`;
  }
}

type Writer = (templates: WorkflowTemplates, format: AgentFormat) => string;

const writers: Record<WorkflowCommandName, Writer> = {
  plan: (templates, format) => {
    const plan = templates.plan;
    return lines(
      header(templates, format),
      '',
      ...input(
        format,
        'The input names the spec to plan (its `spec.md`, or the folder that holds it) and may add instructions: follow them. If it names no spec, run `specforge status --json` and take the spec whose plan is `missing`; if there are several, ask the user which one.',
      ),
      '',
      "## The team's plan template",
      '',
      ...describeTemplate(plan),
      '',
      '## Steps',
      '',
      `1. Generate the plan: \`specforge plan <spec>\`. It writes ${code(plan.output)} beside the spec and prints \`wrote <file>\`, or \`up to date: <file>\` when that file was generated from this spec and template already.`,
      ...refusals('specforge plan <spec>'),
      `2. Read the spec, then write the plan's content from it, section by section: ${fillWork(plan)}. What the template already states is the team's standard: keep it, and write the plan in its terms.`,
      '3. Do not invent what the spec leaves open: write the question as `[NEEDS CLARIFICATION: …]` where the answer belongs, and tell the user.',
      `4. Check the plan: \`specforge check <plan> --format json\`. ${fixErrors}`,
      `5. Tell the user where the plan is, what you assumed and what is still open. Next: ${code(agentInvocation(format, 'tasks'))} breaks the plan into tasks.`,
      '',
      ...rules,
    );
  },

  tasks: (templates, format) => {
    const tasks = templates.tasks;
    const generate = `specforge plan <spec> --template ${tasks.ref}`;
    return lines(
      header(templates, format),
      '',
      ...input(
        format,
        'The input names the spec whose task list to write (its `spec.md`, or the folder that holds it) and may add instructions: follow them. If it names no spec, run `specforge status --json` and take the spec whose tasks are `missing` and whose plan is not; if there are several, ask the user which one.',
      ),
      '',
      "## The team's task list template",
      '',
      ...describeTemplate(tasks),
      '',
      '## Steps',
      '',
      `1. Tasks build on the plan: if \`specforge status <spec> --json\` reports the plan \`missing\`, run ${code(agentInvocation(format, 'plan'))} first. Read the spec and the plan.`,
      `2. Generate the task list: ${code(generate)}. It writes ${code(tasks.output)} beside the spec and prints \`wrote <file>\`, or \`up to date: <file>\` when that file was generated from this spec and template already.`,
      ...refusals(generate),
      `3. Write the tasks from the plan and the spec, in the format the file describes: ${fillWork(tasks)}.${coverage(tasks)}`,
      `4. Check the task list: \`specforge check <tasks file> --format json\`. ${fixErrors}`,
      `5. Tell the user where the task list is and what is still open. Once the work is done, ${code(agentInvocation(format, 'check'))} checks the spec, plan and task list together.`,
      '',
      ...rules,
    );
  },

  check: (templates, format) =>
    lines(
      header(templates, format),
      '',
      ...input(
        format,
        'The input may name the files or folders to check (a folder is searched for `spec.md`, `plan.md` and `tasks.md`) and add instructions: follow them. If it names none, check the whole project.',
      ),
      '',
      "## What the team's templates require",
      '',
      '`specforge check` holds a plan or task list that specforge generated to the template that generated it (its provenance block names it), and every other `spec.md`, `plan.md` and `tasks.md` to the project template of its kind:',
      '',
      ...(['spec', 'plan', 'tasks'] as const).flatMap((role) => [
        `### ${roleTitles[role]}`,
        '',
        ...describeTemplate(templates[role]),
        '',
      ]),
      'Besides these rules it reports `<!-- fill: … -->` slots left, duplicate and malformed ids, references to ids the spec does not define, open `[NEEDS CLARIFICATION: …]` markers (warnings), and documents whose spec or template changed since they were generated (`SPECFORGE_CHECK_PLAN_STALE`, a warning).',
      '',
      '## Steps',
      '',
      '1. Run `specforge check [paths…] --format json`. It prints `{ findings: [{ code, severity, message, file, line, column, hint }], files, errors, warnings }` and exits 0 when no finding is an error, 1 when one is, and 2 on bad input (a path that names nothing, a config that names a template the project does not have).',
      '2. Fix every finding whose `severity` is `error` where it points, as its `message` and `hint` say: in the spec, the plan or the task list. Never silence one by deleting a required section, a requirement or a user story.',
      `3. Warnings: \`SPECFORGE_CHECK_PLAN_STALE\` means the spec or template changed since the document was generated: regenerate it (\`specforge plan <spec>\`, with \`--template ${templates.tasks.ref}\` for the task list, and \`--rebase\` when it was edited) and redo its content where the change calls for it. \`SPECFORGE_CHECK_CLARIFICATION_OPEN\` is a question for the user: ask it, do not answer it yourself.`,
      '4. Run the check again until it reports no errors.',
      `5. Tell the user what you fixed, file by file, and which warnings are left. ${code(agentInvocation(format, 'plan'))} and ${code(agentInvocation(format, 'tasks'))} make missing plans and task lists.`,
      '',
      ...rules,
    ),
};

const roleTitles: Record<WorkflowRole, string> = {
  spec: 'Specs',
  plan: 'Plans',
  tasks: 'Task lists',
};

const fixErrors =
  'Fix every finding whose `severity` is `error` at its `file`, `line` and `column`, as its `message` and `hint` say, and check again until none is left.';

const rules = [
  '## Rules',
  '',
  "- Use the `specforge` CLI for what it does (generating and checking) rather than writing those files from scratch. If `specforge` is not on the PATH, run it through the repository's package manager: `pnpm exec specforge …` or `npx --no-install specforge …`.",
  '- Never pass `--force` unless the user asks for it: it replaces their edits.',
  '- Leave the `<!-- specforge:provenance … -->` block at the end of a generated file as it is: specforge reads it to tell generated text from edits.',
];

function header(templates: WorkflowTemplates, format: AgentFormat): string {
  return `<!-- Exported by \`specforge agents export --agent ${format.name}\` from the templates of ${commentText(templates.project)}. Export again after the templates change; a copy of this file that you edit is kept, and no longer updated, unless the export runs with --force. -->`;
}

function input(format: AgentFormat, guidance: string): string[] {
  return ['## Input', '', '```text', format.argumentToken, '```', '', guidance];
}

function refusals(command: string): string[] {
  return [
    `   - Exit 1 with \`SPECFORGE_PLAN_EDITED\`: the file was edited since it was generated; work on it as it is. If \`specforge status <spec> --json\` gives it a \`stale\` reason (the spec or the template changed since), bring the edits onto a fresh render with \`${command} --rebase\` (exit 3 leaves \`<<<<<<<\` … \`>>>>>>>\` blocks to resolve).`,
    '   - Exit 1 with `SPECFORGE_OUTPUT_EXISTS`: a file that specforge did not write is in the way; ask the user before passing `--force`.',
    '   - Exit 2: bad input; the message and its hint say what to fix.',
  ];
}

function fillWork(template: WorkflowTemplate): string {
  const work = [
    ...(template.fillSlots ? ['fill every `<!-- fill: … -->` slot (and delete the comment)'] : []),
    ...(template.placeholders.length > 0 ? ['replace every placeholder listed above'] : []),
    ...(template.requiredSections.length > 0 ? ["keep every required section's heading"] : []),
  ];
  return work.length > 0 ? joinWords(work) : 'keep the structure the template gives';
}

function coverage(template: WorkflowTemplate): string {
  const ids = template.idPatterns.map(([prefix]) => code(prefix)).join(', ');
  const parts = [
    ...(ids ? [`give each item an id of the form above (${ids})`] : []),
    ...(template.traces.length > 0 ? ['reference every spec item the traces above name'] : []),
  ];
  return parts.length > 0 ? ` ${capitalize(joinWords(parts))}.` : '';
}

/** What the commands tell about one template: all of it read from the resolved template. */
function describeTemplate(template: WorkflowTemplate): string[] {
  const origin =
    template.layers.length > 1
      ? `${template.pack} (layers: ${template.layers.join(' → ')})`
      : template.pack;
  const chosen = template.configured
    ? `named by \`${template.role}.template\` in the project's config`
    : `specforge's default, as the project's config names no \`${template.role}.template\``;
  const description = quote(template.description);
  const out = [
    `${code(template.ref)} from ${origin}, ${chosen}:`,
    '',
    ...(description.length > 0 ? [...description, ''] : []),
    // A spec is the input, not an output beside one.
    ...(template.role === 'spec' ? [] : [`- Output: ${code(template.output)}, beside the spec.`]),
  ];
  if (template.requiredSections.length > 0) {
    out.push(
      '- Required sections, by heading path (`specforge check` reports each one missing):',
      ...template.requiredSections.map(
        (section) =>
          `  - ${code(section.path)}${section.title ? `: ${inline(section.title)}` : ''}`,
      ),
    );
  }
  if (template.placeholders.length > 0) {
    out.push(
      `- Placeholders to replace (\`specforge check\` reports each one left): ${template.placeholders.map(code).join(', ')}.`,
    );
  }
  if (template.idPatterns.length > 0) {
    out.push(
      `- Id formats (the whole id must match): ${template.idPatterns.map(([prefix, pattern]) => `${code(prefix)} ids ${code(pattern)}`).join('; ')}.`,
    );
  }
  for (const trace of template.traces) out.push(`- Traces: ${describeTrace(trace)}.`);
  if (template.fillSlots)
    out.push(
      '- It leaves `<!-- fill: … -->` slots where the spec cannot say what goes there; `specforge check` reports each one left.',
    );
  if (template.changes.length > 0) {
    out.push(
      `- The team's changes to ${template.base ? code(template.base) : 'its base'} (they are the team's decisions: follow them):`,
      ...template.changes.map((change) => `  - ${describeChange(change)}`),
    );
  }
  return out;
}

function describeTrace(trace: TraceRule): string {
  const subjects = {
    requirements: 'every functional requirement of the spec (`FR-001`, …)',
    criteria: 'every success criterion of the spec (`SC-001`, …)',
    stories: 'every user story of the spec (`US1`, …)',
  };
  const where = trace.in ? `in the section ${code(trace.in)}` : 'somewhere in the document';
  return `${subjects[trace.from]} must be referenced by its id ${where}`;
}

function describeChange(change: WorkflowTemplateChange): string {
  const titles = change.titles.map(inline).join(', ');
  const target = code(change.target);
  switch (change.op) {
    case 'replace':
      return `${change.layer} replaces ${target}${titles ? ` with ${titles}` : ''}`;
    case 'insert':
      return `${change.layer} inserts ${titles || 'sections'} ${change.position ?? 'after'} ${target}`;
    case 'append':
      return `${change.layer} adds to the end of ${target}`;
    case 'prepend':
      return `${change.layer} adds to the start of ${target}`;
    case 'remove':
      return `${change.layer} removes ${target}: leave that section out`;
    case 'rename':
      return `${change.layer} renames ${target}${titles ? ` to ${titles}` : ''}`;
    default:
      return `${change.layer} ${strategyWords[change.target] ?? `changes the whole template (${change.target})`}`;
  }
}

const strategyWords: Record<string, string> = {
  replace: 'replaces the whole template',
  prepend: 'adds text before the whole template',
  append: 'adds text after the whole template',
  wrap: 'wraps the whole template in its own text',
};

/** `text` as an inline code span, whatever backticks it holds. */
function code(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Text from a template on one line. */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function quote(text: string): string[] {
  const body = text.trim();
  return body ? body.split('\n').map((line) => (line.trim() ? `> ${line}` : '>')) : [];
}

/** Text for inside an HTML comment: `--` would end it early in some readers. */
function commentText(text: string): string {
  return inline(text).replace(/-{2,}/g, (dashes) => dashes.split('').join(' '));
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lines(...parts: string[]): string {
  return parts.join('\n');
}
