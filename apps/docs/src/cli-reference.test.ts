import { createProgram } from '@specforge/cli';
import { Argument, Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { renderCliReference } from './cli-reference.js';

/** The section of `markdown` under the heading `path`, up to the next heading. */
function sectionOf(markdown: string, path: string): string {
  const match = new RegExp(`^#{2,6} ${path}\\n([\\s\\S]*?)(?=^#{1,6} |(?![\\s\\S]))`, 'm').exec(
    markdown,
  );
  if (!match) throw new Error(`no section for ${path}`);
  return match[1]!;
}

/** The first cells of the rows of the table after `**title**` in a section, unquoted. */
function firstColumn(section: string, title: string): string[] {
  const table = section.split(`**${title}**`)[1]?.split('\n\n')[1] ?? '';
  return table
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((row) => /^\| `([^`]+)` \|/.exec(row)?.[1] ?? row);
}

// The test walks the program on its own: every command `--help` shows, with its full name.
function walk(command: Command, path: string): [string, Command][] {
  const shown = command.createHelp().visibleCommands(command);
  return [
    [path, command],
    ...command.commands
      .filter((sub) => shown.includes(sub))
      .flatMap((sub) => walk(sub, `${path} ${sub.name()}`)),
  ];
}

describe('renderCliReference', () => {
  const program = createProgram();
  const markdown = renderCliReference(program);
  const commands = walk(program, 'specforge');

  it('has a section for every command and subcommand of the real program', () => {
    expect(commands.length).toBeGreaterThan(15);
    const headings = [...markdown.matchAll(/^#{2,6} (specforge.*)$/gm)].map((match) => match[1]);
    expect(headings).toEqual(commands.map(([path]) => path));
  });

  it.each(createProgramCommands())(
    'lists every option and argument of %s, with its defaults and choices',
    (path) => {
      const command = commands.find(([name]) => name === path)![1];
      const section = sectionOf(markdown, path);
      expect(section).toContain(
        `\`\`\`text\n${path} ${command.usage()}\n\`\`\``.replace(/ +\n/, '\n'),
      );
      const options = command.options.filter((option) => !option.hidden);
      expect(firstColumn(section, 'Options')).toEqual([
        ...options.map((option) => option.flags),
        '-h, --help',
      ]);
      for (const option of options) {
        const row = section.split('\n').find((line) => line.startsWith(`| \`${option.flags}\``))!;
        for (const choice of option.argChoices ?? []) expect(row).toContain(`\`${choice}\``);
        if (typeof option.defaultValue === 'string' && !option.isBoolean())
          expect(row).toContain(`\`${JSON.stringify(option.defaultValue)}\``);
      }
      const args = command.registeredArguments.map(
        (arg) =>
          `${arg.required ? '<' : '['}${arg.name()}${arg.variadic ? '...' : ''}${arg.required ? '>' : ']'}`,
      );
      if (args.length > 0) expect(firstColumn(section, 'Arguments')).toEqual(args);
      else expect(section).not.toContain('**Arguments**');
    },
  );

  it('renders a program as usage, description, arguments, options and subcommands, escaping their text', () => {
    const tool = new Command('tool')
      .version('1.2.3')
      .description('Does | things <safely>\n- not a list')
      .addCommand(
        new Command('run')
          .summary('run it')
          .description('Run `tool run` on *files*.')
          .addArgument(new Argument('<mode>', 'how').choices(['fast', 'slow']))
          .argument('[files...]', 'the files', ['a.md'])
          .addOption(
            new Option('-f, --format <format>', 'output format')
              .choices(['text', 'json'])
              .default('text'),
          )
          .option('--no-color', 'plain output')
          .addOption(new Option('--secret').hideHelp())
          .addOption(
            new Option('--token <token>', 'the token').env('TOOL_TOKEN').makeOptionMandatory(),
          ),
      );
    expect(renderCliReference(tool)).toMatchInlineSnapshot(`
      "# CLI reference

      Every command of \`tool\` 1.2.3, with its arguments and options, generated from the command's own definition: what \`tool <command> --help\` prints, in one page. [The tool command](cli.md) explains what each command does and prints, and [Error codes](error-codes.md) lists every error it can report and its exit code.

      ## tool

      \`\`\`text
      tool [options] [command]
      \`\`\`

      Does \\| things \\<safely\\>
      \\- not a list

      **Options**

      | Option | Description | Default | Choices |
      | --- | --- | --- | --- |
      | \`-V, --version\` | output the version number |   |   |
      | \`-h, --help\` | display help for command |   |   |

      **Commands**

      | Command | Summary |
      | --- | --- |
      | [tool run](#tool-run) | run it |

      ## tool run

      \`\`\`text
      tool run [options] <mode> [files...]
      \`\`\`

      Run \`tool run\` on \\*files\\*.

      **Arguments**

      | Argument | Description | Default | Choices |
      | --- | --- | --- | --- |
      | \`<mode>\` | how |   | \`fast\`, \`slow\` |
      | \`[files...]\` | the files | \`["a.md"]\` |   |

      **Options**

      | Option | Description | Default | Choices |
      | --- | --- | --- | --- |
      | \`-f, --format <format>\` | output format | \`"text"\` | \`text\`, \`json\` |
      | \`--no-color\` | plain output |   |   |
      | \`--token <token>\` | the token (required) (env: TOOL\\_TOKEN) |   |   |
      | \`-h, --help\` | display help for command |   |   |
      "
    `);
  });
});

function createProgramCommands(): string[] {
  return walk(createProgram(), 'specforge').map(([path]) => path);
}
