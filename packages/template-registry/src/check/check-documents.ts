import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  assertDocumentSize,
  checkPlan,
  checkSpec,
  checkTasks,
  decodeUtf8,
  type Finding,
  isSpecforgeError,
  MAX_DOCUMENT_BYTES,
  nodeFileSystem,
  parseSpec,
  parseTemplateProvenanceId,
  readProvenance,
  type Spec,
  sortFindings,
  type TemplateSource,
} from '@specforge/core';
import { findResolvedTemplate, type ResolvedPack } from '../resolve/index.js';
import { mapOrdered } from '../workspace/_map-ordered.js';
import { createProjectLocator, type ProjectLocator } from '../workspace/project-locator.js';
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
  const packs = new Map<string, Promise<readonly ResolvedPack[]>>();
  const context: Context = {
    display,
    projectOf: createProjectLocator(),
    packsOf: (root) => {
      let found = packs.get(root);
      if (!found) {
        found = options.packsFor(root);
        packs.set(root, found);
      }
      return found;
    },
    specOf: createSpecCache(),
  };
  const findings: Finding[] = [];
  // A window of files in flight keeps the disk busy; results still come in file order.
  for await (const found of mapOrdered(files, CONCURRENCY, (file) =>
    checkOneOrReport(file, context),
  )) {
    findings.push(...found);
  }
  return { findings: sortFindings(findings), files: files.map(display) };
}

const CONCURRENCY = 16;

interface Context {
  display: (path: string) => string;
  projectOf: ProjectLocator;
  packsOf: (root: string) => Promise<readonly ResolvedPack[]>;
  specOf: (path: string) => Promise<SpecRead>;
}

/** A spec file as read once for the spec's own check and its plan's and task list's traces. */
interface SpecRead {
  bytes: Uint8Array | undefined;
  text: string;
  /** The parse, or the error that stopped it (invalid front matter). */
  parsed: { spec: Spec } | { error: unknown };
}

/**
 * Reads and parses each spec once for the documents that need it. Documents come sorted, so a
 * spec and its plan and task list are close together: a few recent entries are enough, and
 * memory stays flat however many specs there are.
 */
function createSpecCache(size = 64): (path: string) => Promise<SpecRead> {
  const cache = new Map<string, Promise<SpecRead>>();
  return (path) => {
    let read = cache.get(path);
    if (read) {
      cache.delete(path);
    } else {
      read = readSpecOnce(path);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    }
    cache.set(path, read);
    return read;
  };
}

async function readSpecOnce(path: string): Promise<SpecRead> {
  // Core's reader stops past the size bound on a device: /dev/zero read whole never ends.
  const bytes = await nodeFileSystem.readFile(path).catch(() => undefined);
  if (!bytes) return { bytes, text: '', parsed: { error: undefined } };
  try {
    assertDocumentSize(bytes.length, path);
  } catch (error) {
    return { bytes: undefined, text: '', parsed: { error } };
  }
  const text = decodeUtf8(bytes).text;
  try {
    return { bytes, text, parsed: { spec: parseSpec(text, { file: path }) } };
  } catch (error) {
    return { bytes, text, parsed: { error } };
  }
}

async function checkOneOrReport(path: string, context: Context): Promise<Finding[]> {
  try {
    return await checkOne(path, context);
  } catch (error) {
    // A document that cannot be read as one is a finding of its own; the others are still checked.
    if (!isSpecforgeError(error)) throw error;
    const { code } = error;
    if (code !== 'SPECFORGE_FRONT_MATTER_INVALID' && code !== 'SPECFORGE_FILE_TOO_LARGE')
      throw error;
    return [
      {
        code,
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
  const project = await context.projectOf(dirname(path));
  const packs = await context.packsOf(project.root);
  // Read as a spec first: most documents are specs, and a plan's spec is read the same way.
  const own = roleByName(path) === 'spec' ? await context.specOf(path) : undefined;
  if (
    own &&
    'error' in own.parsed &&
    isSpecforgeError(own.parsed.error, 'SPECFORGE_FILE_TOO_LARGE')
  ) {
    // Raised again under the name the user sees; a device (size 0) was cut at the bound.
    assertDocumentSize(Math.max((await stat(path)).size, MAX_DOCUMENT_BYTES + 1), file);
  }
  const text = own ? own.text : decodeUtf8(await readSized(path, file)).text;
  const { provenance } = readProvenance(text);

  let template: TemplateSource | undefined;
  let role: DocumentRole;
  if (provenance) {
    // `pack@version#id`: the project's current version of the pack is the one to compare with.
    const parsed = parseTemplateProvenanceId(provenance.template);
    try {
      if (parsed)
        template = findResolvedTemplate(packs, `${parsed.pack}/${parsed.template}`).template;
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

  if (role === 'spec') {
    // The finding names the file as the user sees it, so a front-matter error is re-raised with it.
    const parsed = own && 'spec' in own.parsed ? own.parsed.spec : parseSpec(text, { file });
    return checkSpec(parsed, { file, template });
  }
  const specPath = provenance
    ? resolve(project.root, provenance.spec)
    : join(dirname(path), 'spec.md');
  const specRead = await context.specOf(specPath);
  const options = {
    file,
    template,
    specBytes: specRead.bytes,
    spec: 'spec' in specRead.parsed ? specRead.parsed.spec : undefined,
    specFile: context.display(specPath),
  };
  return role === 'tasks' ? checkTasks(text, options) : checkPlan(text, options);
}

function roleByName(path: string): DocumentRole {
  const name = basename(path);
  return name === 'plan.md' ? 'plan' : name === 'tasks.md' ? 'tasks' : 'spec';
}

async function readSized(path: string, file: string): Promise<Uint8Array> {
  const bytes = await nodeFileSystem.readFile(path);
  assertDocumentSize(bytes.length, file);
  return bytes;
}
