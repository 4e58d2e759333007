import { Command } from 'commander';
import { makeAgentsCommand } from './commands/agents.js';
import { makeCheckCommand } from './commands/check.js';
import { makeDocsCommand } from './commands/docs.js';
import { makeExportCommand } from './commands/export.js';
import { makeInitCommand } from './commands/init.js';
import { makePlanCommand } from './commands/plan.js';
import { makeSpecCommand } from './commands/spec.js';
import { makeStatusCommand } from './commands/status.js';
import { makeTemplateCommand } from './commands/template.js';
import { cliVersion } from './output/cli-version.js';

/**
 * Builds the commander program. Commands hold only their flags; each action imports its
 * implementation on demand so that `--help` and `--version` load nothing else.
 */
export function createProgram(): Command {
  return (
    new Command('specforge')
      .description('Turn feature specs into implementation plans with templates your team owns.')
      .version(cliVersion(), '-v, --version', 'print the version')
      .helpOption('-h, --help', 'print help')
      .addHelpText(
        'after',
        '\nExit codes: 0 ok, 1 problems found, 2 bad usage or input, 3 merge conflicts, 70 internal error.',
      )
      .showSuggestionAfterError()
      // Options after a subcommand belong to it: `template import speckit --version 0.0.30`.
      .enablePositionalOptions()
      .addCommand(makeInitCommand())
      .addCommand(makePlanCommand())
      .addCommand(makeStatusCommand())
      .addCommand(makeCheckCommand())
      .addCommand(makeSpecCommand())
      .addCommand(makeTemplateCommand())
      .addCommand(makeDocsCommand())
      .addCommand(makeAgentsCommand())
      .addCommand(makeExportCommand())
  );
}
