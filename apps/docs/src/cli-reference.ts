import type { Argument, Command, Option } from 'commander';
import { markdownCode, markdownProse, markdownTable, markdownText } from './markdown-text.js';

/** A command of the program as the reference shows it, with its full name and its subcommands. */
export interface ReferenceCommand {
  /** `specforge template fork` */
  path: string;
  command: Command;
  /** 0 for the program, 1 for its commands, 2 for theirs … */
  depth: number;
  subcommands: ReferenceCommand[];
}

/**
 * Every command of `program` that `--help` shows (hidden ones left out, commander's implicit
 * `help` command too), depth first, each with its full name.
 *
 * @example
 * ```ts
 * listCommands(createProgram()).map((c) => c.path); // ['specforge', 'specforge init', …]
 * ```
 */
export function listCommands(program: Command): ReferenceCommand[] {
  const walk = (command: Command, path: string, depth: number): ReferenceCommand => ({
    path,
    command,
    depth,
    subcommands: visibleSubcommands(command).map((sub) =>
      walk(sub, `${path} ${sub.name()}`, depth + 1),
    ),
  });
  const flatten = (entry: ReferenceCommand): ReferenceCommand[] => [
    entry,
    ...entry.subcommands.flatMap(flatten),
  ];
  return flatten(walk(program, program.name(), 0));
}

/** The options `--help` lists for `command`: its own, without hidden ones, and the help option. */
export function visibleOptions(command: Command): Option[] {
  return command.createHelp().visibleOptions(command);
}

function visibleSubcommands(command: Command): Command[] {
  // commander adds an implicit `help [command]` that is not one of the program's commands.
  return command
    .createHelp()
    .visibleCommands(command)
    .filter((sub) => command.commands.includes(sub));
}

/**
 * The CLI reference as Markdown, generated from the commander program itself: every command
 * and subcommand with its usage, description, arguments and options (flags, description,
 * default, choices), so the reference cannot drift from the program. The program is only
 * walked, never run.
 *
 * @example
 * ```ts
 * import { createProgram } from '@specforge/cli';
 *
 * const markdown = renderCliReference(createProgram());
 * ```
 */
export function renderCliReference(program: Command): string {
  const commands = listCommands(program);
  const version = program.version();
  const parts = [
    '# CLI reference',
    '',
    `Every command of ${markdownCode(program.name())}${version ? ` ${markdownText(version, true)}` : ''}, with its arguments and options, generated from the command's own definition: what ${markdownCode(`${program.name()} <command> --help`)} prints, in one page. [The ${program.name()} command](cli.md) explains what each command does and prints, and [Error codes](error-codes.md) lists every error it can report and its exit code.`,
  ];
  for (const entry of commands) parts.push('', renderCommand(entry));
  return `${parts.join('\n')}\n`;
}

function renderCommand(entry: ReferenceCommand): string {
  const { command, depth } = entry;
  // The program and its commands are sections of the page; subcommands sit under their command.
  const lines = [
    `${'#'.repeat(Math.max(2, depth + 1))} ${entry.path}`,
    '',
    '```text',
    fullUsage(entry),
    '```',
  ];
  const description = command.description();
  if (description) lines.push('', ...description.split('\n').map((line) => markdownProse(line)));
  if (command.aliases().length > 0)
    lines.push(
      '',
      `Also: ${command
        .aliases()
        .map((alias) => markdownCode(alias))
        .join(', ')}.`,
    );

  const args = command.registeredArguments;
  if (args.length > 0) {
    lines.push(
      '',
      '**Arguments**',
      '',
      markdownTable(
        ['Argument', 'Description', 'Default', 'Choices'],
        args.map((arg) => [
          markdownCode(argumentTerm(arg)),
          markdownProse(arg.description ?? ''),
          arg.defaultValue === undefined
            ? ''
            : markdownCode(arg.defaultValueDescription ?? JSON.stringify(arg.defaultValue)),
          choicesOf(arg.argChoices),
        ]),
      ),
    );
  }

  const options = visibleOptions(command);
  if (options.length > 0) {
    lines.push(
      '',
      '**Options**',
      '',
      markdownTable(
        ['Option', 'Description', 'Default', 'Choices'],
        options.map((option) => [
          markdownCode(option.flags),
          markdownProse(
            [
              option.description,
              option.mandatory ? '(required)' : '',
              option.envVar ? `(env: ${option.envVar})` : '',
            ]
              .filter(Boolean)
              .join(' '),
          ),
          defaultOf(option),
          choicesOf(option.argChoices),
        ]),
      ),
    );
  }

  if (entry.subcommands.length > 0) {
    lines.push(
      '',
      '**Commands**',
      '',
      markdownTable(
        ['Command', 'Summary'],
        entry.subcommands.map((sub) => [
          `[${markdownText(sub.path)}](#${sub.path.replace(/ /g, '-')})`,
          markdownProse(summaryOf(sub.command)),
        ]),
      ),
    );
  }
  return lines.join('\n');
}

/** The usage line with the full command path: `specforge template fork [options] <ref>`. */
function fullUsage(entry: ReferenceCommand): string {
  const parent = entry.path.slice(0, entry.path.length - entry.command.name().length).trim();
  const usage = `${entry.command.name()} ${entry.command.usage()}`.trim();
  return parent ? `${parent} ${usage}` : usage;
}

function argumentTerm(arg: Argument): string {
  const name = `${arg.name()}${arg.variadic ? '...' : ''}`;
  return arg.required ? `<${name}>` : `[${name}]`;
}

// As commander's help decides: a default shows for options that take a value, and for boolean
// flags whose default is a boolean.
function defaultOf(option: Option): string {
  if (option.defaultValue === undefined) return '';
  const shown =
    option.required ||
    option.optional ||
    (option.isBoolean() && typeof option.defaultValue === 'boolean');
  return shown
    ? markdownCode(option.defaultValueDescription || JSON.stringify(option.defaultValue))
    : '';
}

function choicesOf(choices: readonly string[] | undefined): string {
  return choices ? choices.map((choice) => markdownCode(choice)).join(', ') : '';
}

function summaryOf(command: Command): string {
  return command.summary() || command.description().split('\n')[0] || '';
}
