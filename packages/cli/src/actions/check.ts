import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  checkPlan,
  checkSpec,
  decodeUtf8,
  type Finding,
  findProject,
  isSpecforgeError,
  nodeFileSystem,
  parseSpec,
  readProvenance,
  SpecforgeError,
  sortFindings,
  type TemplateSource,
} from '@specforge/core';
import { findResolvedTemplate, type ProjectRegistry } from '@specforge/template-registry';
import type { CheckFlags } from '../commands/check.js';
import { displayPath } from '../output/display-path.js';
import { openRegistry } from '../output/open-registry.js';
import { ExitCode, printJson } from '../output/report.js';
import { runAction } from '../output/run-action.js';

/** The file names a folder is searched for. */
const CHECKED_NAMES = new Set(['spec.md', 'plan.md']);

/** The action of `specforge check`. */
export async function runCheck(paths: string[], flags: CheckFlags): Promise<void> {
  await runAction(flags, async () => {
    const cwd = process.cwd();
    const files = await collectFiles(paths.length ? paths : ['.'], cwd);
    const registries = new Map<string, Promise<ProjectRegistry>>();
    const findings: Finding[] = [];
    for (const file of files) findings.push(...(await checkFileOrReport(file, cwd, flags, registries)));
    const sorted = sortFindings(findings);
    const errors = sorted.filter((f) => f.severity === 'error').length;
    const warnings = sorted.length - errors;
    if (flags.json) {
      printJson({ findings: sorted, files: files.length, errors, warnings });
    } else {
      const lines = sorted.map(
        (f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message}`,
      );
      lines.push(
        `${count(errors, 'error')}, ${count(warnings, 'warning')} in ${count(files.length, 'file')}`,
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return errors > 0 ? ExitCode.problems : ExitCode.ok;
  });
}

// A file that cannot be read as a spec or plan (invalid front matter, say) is a finding about
// that file: one broken document does not stop a whole-folder check.
async function checkFileOrReport(
  path: string,
  cwd: string,
  flags: CheckFlags,
  registries: Map<string, Promise<ProjectRegistry>>,
): Promise<Finding[]> {
  try {
    return await checkFile(path, cwd, flags, registries);
  } catch (error) {
    if (!isSpecforgeError(error) || error.code !== 'SPECFORGE_FRONT_MATTER_INVALID') throw error;
    const location = error.location;
    return [
      {
        code: error.code,
        severity: 'error',
        message: error.message,
        file: displayPath(path, cwd),
        line: location?.line ?? 1,
        column: location?.column ?? 1,
        hint: error.hint,
      },
    ];
  }
}

async function checkFile(
  path: string,
  cwd: string,
  flags: CheckFlags,
  registries: Map<string, Promise<ProjectRegistry>>,
): Promise<Finding[]> {
  const file = displayPath(path, cwd);
  const text = decodeUtf8(await readFile(path)).text;
  const { provenance } = readProvenance(text);
  if (basename(path) !== 'plan.md' && !provenance)
    return checkSpec(parseSpec(text, { file }), file);
  if (!provenance) return checkPlan(text, { file });

  // A plan: its template and spec come from its provenance, in the plan's own project.
  const project = await findProject({ cwd: dirname(path), fs: nodeFileSystem });
  let registry = registries.get(project.root);
  if (!registry) {
    registry = openRegistry(project.root, flags, false);
    registries.set(project.root, registry);
  }
  const { packs } = await registry;
  // `pack@version#id`: the project's current version of the pack is the one to compare with.
  const match = /^(.+)@[^@#]*#(.+)$/.exec(provenance.template);
  let template: TemplateSource | undefined;
  try {
    if (match) template = findResolvedTemplate(packs, `${match[1]}/${match[2]}`).template;
  } catch (error) {
    // An unknown template is reported as a finding (SPECFORGE_CHECK_TEMPLATE_UNKNOWN), not a failure.
    if (!isSpecforgeError(error)) throw error;
  }
  const specPath = resolve(project.root, provenance.spec);
  const specBytes = await readFile(specPath).catch(() => undefined);
  return checkPlan(text, { file, template, specBytes, specFile: displayPath(specPath, cwd) });
}

/** Every file named by `paths`; a folder gives its spec.md and plan.md files, sorted. */
async function collectFiles(paths: string[], cwd: string): Promise<string[]> {
  const files = new Set<string>();
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info)
      throw new SpecforgeError(
        'SPECFORGE_CHECK_PATH_NOT_FOUND',
        { path },
        { location: { file: path } },
      );
    if (info.isDirectory()) for (const file of await walk(absolute)) files.add(file);
    else files.add(absolute);
  }
  return [...files];
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      out.push(...(await walk(path)));
    } else if (entry.isFile() && CHECKED_NAMES.has(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
