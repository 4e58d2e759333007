import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  checkPlan,
  checkSpec,
  checkTasks,
  decodeUtf8,
  type Finding,
  findProject,
  isSpecforgeError,
  nodeFileSystem,
  type Project,
  parseSpec,
  readProvenance,
  sortFindings,
  type TemplateSource,
} from '@specforge/core';
import { findResolvedTemplate, type ResolvedPack } from '../resolve/index.js';
import { findDocuments } from './find-documents.js';

/** What a checked document is, which decides the checks it gets. */
export type DocumentRole = 'spec' | 'plan' | 'tasks';

/** Options for {@link checkDocuments}. */
export interface CheckDocumentsOptions {
  /** Files, folders (searched for spec.md, plan.md, tasks.md) or globs. */
  paths: readonly string[];
  /** Directory paths are resolved against. */
  cwd: string;
  /**
   * The resolved packs of the project at `root`, called once per project: e.g.
   * `async (root) => (await openProjectRegistry({ cwd: root, cacheDir })).packs`. The caller
   * decides whether a changed lock is saved or, with `frozen`, refused.
   */
  packsFor: (root: string) => Promise<readonly ResolvedPack[]>;
  /** How findings name a file (absolute path in, display path out); defaults to the absolute path. */
  display?: (path: string) => string;
}

/** What {@link checkDocuments} found. */
export interface CheckReport {
  /** Every finding, sorted by file, line and column. */
  findings: Finding[];
  /** The documents checked, as `display` names them. */
  files: string[];
}

/**
 * Checks specs, plans and task lists against the rules of the templates that govern them:
 * - a document with provenance is governed by the template that generated it (as the project
 *   resolves it now), and its kind decides the checks (`spec`, `tasks`, anything else as a plan);
 * - a document without provenance is told by its name (`plan.md`, `tasks.md`, else a spec) and
 *   governed by the project's `plan.template`, `tasks.template` or `spec.template` (by default
 *   `speckit/plan`, `speckit/tasks`, `speckit/spec`);
 * - a plan or task list is traced against the spec its provenance names, else the `spec.md`
 *   beside it.
 *
 * A document that cannot be read (invalid front matter) is a finding about it, not a failure of
 * the whole run. A path that names nothing, or a config naming a template that does not exist,
 * throws (bad input).
 *
 * @example
 * ```ts
 * const packsFor = async (root: string) => (await openProjectRegistry({ cwd: root, cacheDir })).packs;
 * const { findings } = await checkDocuments({ paths: ['specs'], cwd: process.cwd(), packsFor });
 * const failed = findings.some((finding) => finding.severity === 'error');
 * ```
 */
export async function checkDocuments(options: CheckDocumentsOptions): Promise<CheckReport> {
  const display = options.display ?? ((path: string) => path);
  const files = await findDocuments(options.paths.length ? options.paths : ['.'], options.cwd);
  const projects = new Map<string, Promise<Project>>();
  const packs = new Map<string, Promise<readonly ResolvedPack[]>>();
  const { packsFor } = options;
  const context: Context = {
    display,
    projectOf: (dir) => {
      let project = projects.get(dir);
      if (!project) {
        project = findProject({ cwd: dir, fs: nodeFileSystem });
        projects.set(dir, project);
      }
      return project;
    },
    packsOf: (root) => {
      let found = packs.get(root);
      if (!found) {
        found = packsFor(root);
        packs.set(root, found);
      }
      return found;
    },
  };
  const findings: Finding[] = [];
  for (const file of files) findings.push(...(await checkOneOrReport(file, context)));
  return { findings: sortFindings(findings), files: files.map(display) };
}

interface Context {
  display: (path: string) => string;
  projectOf: (dir: string) => Promise<Project>;
  packsOf: (root: string) => Promise<readonly ResolvedPack[]>;
}

async function checkOneOrReport(path: string, context: Context): Promise<Finding[]> {
  try {
    return await checkOne(path, context);
  } catch (error) {
    if (!isSpecforgeError(error) || error.code !== 'SPECFORGE_FRONT_MATTER_INVALID') throw error;
    return [
      {
        code: error.code,
        severity: 'error',
        message: error.message,
        file: context.display(path),
        line: error.location?.line ?? 1,
        column: error.location?.column ?? 1,
        hint: error.hint,
      },
    ];
  }
}

async function checkOne(path: string, context: Context): Promise<Finding[]> {
  const file = context.display(path);
  const text = decodeUtf8(await readFile(path)).text;
  const { provenance } = readProvenance(text);
  const project = await context.projectOf(dirname(path));
  const packs = await context.packsOf(project.root);

  let template: TemplateSource | undefined;
  let role: DocumentRole;
  if (provenance) {
    // `pack@version#id`: the project's current version of the pack is the one to compare with.
    const match = /^(.+)@[^@#]*#(.+)$/.exec(provenance.template);
    try {
      if (match) template = findResolvedTemplate(packs, `${match[1]}/${match[2]}`).template;
    } catch (error) {
      // An unknown template is a finding (SPECFORGE_CHECK_TEMPLATE_UNKNOWN), not a failure.
      if (!isSpecforgeError(error)) throw error;
    }
    role =
      template?.meta.kind === 'spec' ? 'spec' : template?.meta.kind === 'tasks' ? 'tasks' : 'plan';
  } else {
    role = roleByName(path);
    const ref = project.config[role].template ?? `speckit/${role}`;
    template = findResolvedTemplate(packs, ref).template;
  }

  if (role === 'spec') return checkSpec(parseSpec(text, { file }), { file, template });
  const specPath = provenance
    ? resolve(project.root, provenance.spec)
    : join(dirname(path), 'spec.md');
  const specBytes = await readFile(specPath).catch(() => undefined);
  const options = { file, template, specBytes, specFile: context.display(specPath) };
  return role === 'tasks' ? checkTasks(text, options) : checkPlan(text, options);
}

function roleByName(path: string): DocumentRole {
  const name = basename(path);
  return name === 'plan.md' ? 'plan' : name === 'tasks.md' ? 'tasks' : 'spec';
}
