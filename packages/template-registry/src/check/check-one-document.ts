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
  type Project,
  parseSpec,
  parseTemplateProvenanceId,
  readProvenance,
  type Spec,
  type TemplateSource,
} from '@specforge/core';
import { findResolvedTemplate, type ResolvedPack } from '../resolve/index.js';

/** What a checked document is, which decides the checks it gets. */
export type DocumentRole = 'spec' | 'plan' | 'tasks';

/**
 * What a check needs of a resolved pack: its name and its effective templates. A
 * {@link ResolvedPack} is one; a check thread gets just this much.
 */
export interface CheckPack {
  name: string;
  templates: ReadonlyMap<string, { template: TemplateSource }>;
}

/** The part of a pack a check thread is sent. */
export function checkPackOf(pack: CheckPack): CheckPack {
  const templates = new Map<string, { template: TemplateSource }>();
  for (const [id, { template }] of pack.templates) templates.set(id, { template });
  return { name: pack.name, templates };
}

/** What checking a document needs besides the document. */
export interface CheckDocumentContext {
  display: (path: string) => string;
  /** Reads (and parses) a spec once for its own check and its plan's and task list's traces. */
  specOf: (path: string) => Promise<SpecRead>;
}

/** A spec file as read once for the spec's own check and its plan's and task list's traces. */
export interface SpecRead {
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
export function createSpecCache(size = 64): (path: string) => Promise<SpecRead> {
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

/**
 * The findings of one document of `project`, whose packs are `packs`. A document that cannot be
 * read as one (invalid front matter, too large) is a finding of its own; any other coded error
 * (a config naming a template that does not exist) is thrown.
 */
export async function checkOneDocument(
  path: string,
  project: Project,
  packs: readonly CheckPack[],
  context: CheckDocumentContext,
): Promise<Finding[]> {
  try {
    return await checkOne(path, project, packs, context);
  } catch (error) {
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

// The lookup of findResolvedTemplate, which reads only names and templates of the packs.
const findTemplate = (packs: readonly CheckPack[], ref: string): TemplateSource =>
  findResolvedTemplate(packs as readonly ResolvedPack[], ref).template;

async function checkOne(
  path: string,
  project: Project,
  packs: readonly CheckPack[],
  context: CheckDocumentContext,
): Promise<Finding[]> {
  const file = context.display(path);
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
      if (parsed) template = findTemplate(packs, `${parsed.pack}/${parsed.template}`);
    } catch (error) {
      // An unknown template is a finding (SPECFORGE_CHECK_TEMPLATE_UNKNOWN), not a failure.
      if (!isSpecforgeError(error)) throw error;
    }
    role =
      template?.meta.kind === 'spec' ? 'spec' : template?.meta.kind === 'tasks' ? 'tasks' : 'plan';
  } else {
    role = roleByName(path);
    const ref = project.config[role].template ?? `speckit/${role}`;
    template = findTemplate(packs, ref);
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
