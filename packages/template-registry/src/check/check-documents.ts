import { dirname } from 'node:path';
import { type Finding, type Project, reviveSpecforgeError, sortFindings } from '@specforge/core';
import type { ResolvedPack } from '../resolve/index.js';
import { startThreadPool, type ThreadPool } from '../threads/thread-pool.js';
import { windowFor } from '../threads/window-for.js';
import { mapOrdered } from '../workspace/_map-ordered.js';
import { createProjectLocator } from '../workspace/project-locator.js';
import {
  type CheckPack,
  checkOneDocument,
  checkPackOf,
  createSpecCache,
} from './check-one-document.js';
import { createCheckJobRunner } from './check-thread.js';
import {
  type CheckThreadContext,
  type CheckThreadJob,
  type CheckThreadResult,
  type CheckThreadSettings,
  displayFor,
} from './check-thread-protocol.js';
import { findDocuments } from './find-documents.js';

export type { DocumentRole } from './check-one-document.js';

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
  /**
   * How findings name a file: a function (absolute path in, display path out), `relative` (as
   * `displayPath` names it against `cwd`), or by default the absolute path.
   */
  display?: ((path: string) => string) | 'relative';
  /**
   * Check on this many worker threads besides this one, which checks too (e.g.
   * {@link recommendedThreads}), or on as many as a function of the number of documents found
   * says; 0 or none: in this thread only. Threads need
   * `display` to be `relative` or left out.
   */
  threads?: number | ((documents: number) => number);
  /** The script threads run: by default this package's `threads/thread.js` (see planWorkspace). */
  threadScript?: string | URL;
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
  const { cwd } = options;
  const naming: CheckThreadSettings = {
    cwd,
    display: options.display === 'relative' ? 'relative' : 'absolute',
  };
  const display = typeof options.display === 'function' ? options.display : displayFor(naming);
  if (options.threads && typeof options.display === 'function') {
    throw new TypeError("checkDocuments: threads name files themselves; pass display: 'relative'.");
  }
  const files = await findDocuments(options.paths.length ? options.paths : ['.'], cwd);
  const count =
    typeof options.threads === 'function' ? options.threads(files.length) : (options.threads ?? 0);
  const projectOf = createProjectLocator();
  const packs = new Map<string, Promise<readonly ResolvedPack[]>>();
  const packsOf = (root: string) => {
    let found = packs.get(root);
    if (!found) {
      found = options.packsFor(root);
      packs.set(root, found);
    }
    return found;
  };
  const context = { display, specOf: createSpecCache() };
  const pool =
    count > 0
      ? startThreadPool<
          'check',
          CheckThreadSettings,
          CheckThreadContext,
          CheckThreadJob,
          CheckThreadResult
        >({
          count,
          script: options.threadScript ?? new URL('../threads/thread.js', import.meta.url),
          data: {
            specforgeThread: 'check',
            settings: naming,
          },
          local: createCheckJobRunner(context),
        })
      : undefined;
  const checkOne = async (path: string): Promise<Finding[]> => {
    const project = await projectOf(dirname(path));
    const projectPacks = await packsOf(project.root);
    if (!pool) return checkOneDocument(path, project, projectPacks, context);
    return inThread(pool, path, project, projectPacks);
  };
  const findings: Finding[] = [];
  try {
    // A window of files in flight keeps the disk busy; results still come in file order.
    for await (const found of mapOrdered(files, windowFor(CONCURRENCY, count), checkOne)) {
      findings.push(...found);
    }
  } finally {
    await pool?.close();
  }
  return { findings: sortFindings(findings), files: files.map(display) };
}

const CONCURRENCY = 16;

/** Checks a document on a thread: the project's packs go to each thread once. */
async function inThread(
  pool: ThreadPool<CheckThreadContext, CheckThreadJob, CheckThreadResult>,
  path: string,
  project: Project,
  packs: readonly CheckPack[],
): Promise<Finding[]> {
  const result = await pool.run({
    job: { path },
    context: project,
    describe: () => ({ project, packs: packs.map(checkPackOf) }),
    // A spec and its plan and task list share a folder and a parse of the spec.
    affinity: dirname(path),
  });
  if ('error' in result) throw reviveSpecforgeError(result.error);
  return result.findings;
}
