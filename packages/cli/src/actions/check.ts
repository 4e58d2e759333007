import { type Finding, toSarif } from '@specforge/core';
import { checkDocuments } from '@specforge/template-registry';
import type { CheckFlags } from '../commands/check.js';
import { cliVersion } from '../output/cli-version.js';
import { threadsFor } from '../output/jobs.js';
import { openRegistry } from '../output/open-registry.js';
import { ExitCode, printJson } from '../output/report.js';
import { runAction } from '../output/run-action.js';
import { bundledThreadScript } from '../output/thread-script.js';

/** The action of `specforge check`. */
export async function runCheck(paths: string[], flags: CheckFlags): Promise<void> {
  await runAction(flags, async () => {
    const cwd = process.cwd();
    threadsFor(flags.jobs, 0); // a --jobs that is not a number fails before any work
    const { findings, files } = await checkDocuments({
      paths,
      cwd,
      packsFor: async (root) => (await openRegistry(root, flags, false)).packs,
      display: 'relative',
      threads: (documents) => threadsFor(flags.jobs, documents),
      threadScript: bundledThreadScript(),
    });
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.length - errors;
    const format = flags.json ? 'json' : (flags.format ?? 'text');
    if (format === 'json') {
      printJson({ findings, files: files.length, errors, warnings });
    } else if (format === 'sarif') {
      printJson(toSarif(findings, { version: cliVersion(), root: cwd }));
    } else {
      process.stdout.write(formatText(findings, files.length, errors, warnings));
    }
    const failing = flags.strict ? findings.length : errors;
    return failing > 0 ? ExitCode.problems : ExitCode.ok;
  });
}

function formatText(
  findings: readonly Finding[],
  files: number,
  errors: number,
  warnings: number,
): string {
  const lines = findings.map(
    (f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}`,
  );
  lines.push(`${count(errors, 'error')}, ${count(warnings, 'warning')} in ${count(files, 'file')}`);
  return `${lines.join('\n')}\n`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
