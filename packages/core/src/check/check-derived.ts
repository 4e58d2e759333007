import { isSpecforgeError } from '../errors/specforge-error.js';
import { readProvenance } from '../plan/provenance.js';
import type { Spec } from '../spec/model.js';
import { parseSpec } from '../spec/parse-spec.js';
import { parseTasks } from '../tasks/parse-tasks.js';
import type { TemplateSource } from '../template/types.js';
import { decodeUtf8 } from '../text/decode-utf8.js';
import { findFillSlotsIn } from './fill-slots.js';
import { createFinding, type Finding, sortFindings } from './finding.js';
import { checkIds } from './ids.js';
import { findPlaceholders } from './placeholders.js';
import { proseBlocksOfSpec } from './prose.js';
import { findMissingSections, templateName } from './required-sections.js';
import { checkStaleness } from './staleness.js';
import { checkTraces } from './traces.js';

/** Options for {@link checkPlan} and {@link checkTasks}. */
export interface CheckDocumentOptions {
  /** The document's path as findings should name it. */
  file: string;
  /**
   * The template whose rules apply: the one the provenance names, as the project resolves it
   * now, or for a document without provenance the one the project makes such documents with.
   * Without it only the template-independent checks run, and a document with provenance gets a
   * `SPECFORGE_CHECK_TEMPLATE_UNKNOWN` warning.
   */
  template?: TemplateSource;
  /**
   * The current bytes of the spec the document belongs to (the one its provenance names, else
   * the `spec.md` beside it). Without them staleness and traces are not checked, and a
   * document with provenance gets a `SPECFORGE_CHECK_SPEC_MISSING` warning.
   */
  specBytes?: Uint8Array;
  /** The spec already parsed from `specBytes`, to save parsing it again. */
  spec?: Spec;
  /** The spec's path as messages should name it; defaults to the provenance `spec` field. */
  specFile?: string;
}

/**
 * The checks every document derived from a spec gets; `tasks` adds the task ids. Pure.
 */
export function checkDerived(
  text: string,
  options: CheckDocumentOptions,
  document: 'plan' | 'task list',
): Finding[] {
  const { file, template } = options;
  const { content, provenance } = readProvenance(text);
  const parsed = parseSpec(content, { file });
  const blocks = proseBlocksOfSpec(parsed);
  const findings: Finding[] = findFillSlotsIn(blocks).map((slot) =>
    createFinding(
      'SPECFORGE_CHECK_FILL_LEFT',
      { slot: slot.text },
      { file, line: slot.line, column: slot.column },
    ),
  );
  if (template) {
    findings.push(...findMissingSections(parsed.sections, template, file));
    for (const hit of findPlaceholders(blocks, template.meta.placeholders)) {
      findings.push(
        createFinding(
          'SPECFORGE_CHECK_PLACEHOLDER_LEFT',
          { text: hit.text, template: templateName(template) },
          { file, line: hit.line, column: hit.column },
        ),
      );
    }
  }
  if (document === 'task list') {
    const tasks = parseTasks(content, parsed.bodyLine);
    findings.push(...checkIds(tasks, template, file));
  }
  const specFile = options.specFile ?? provenance?.spec ?? 'spec.md';
  if (provenance) {
    findings.push(
      ...checkStaleness({
        text,
        provenance,
        file,
        document,
        template,
        specBytes: options.specBytes,
        specFile,
      }),
    );
  }
  const spec = options.spec ?? readSpec(options.specBytes, specFile);
  if (template && spec && template.meta.traces.length > 0) {
    findings.push(
      ...checkTraces(
        { blocks, sections: parsed.sections, file, spec, specFile },
        template.meta.traces,
      ),
    );
  }
  return sortFindings(findings);
}

// A spec that cannot be read is reported when the spec itself is checked; here it only means
// that there is nothing to trace against.
function readSpec(bytes: Uint8Array | undefined, file: string): Spec | undefined {
  if (!bytes) return undefined;
  try {
    return parseSpec(decodeUtf8(bytes).text, { file });
  } catch (error) {
    if (isSpecforgeError(error)) return undefined;
    throw error;
  }
}
