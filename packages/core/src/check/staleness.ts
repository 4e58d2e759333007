import type { Provenance } from '../plan/provenance.js';
import { hashTemplate } from '../plan/template-inputs.js';
import type { TemplateSource } from '../template/types.js';
import { sha256Hex } from '../text/hash.js';
import { createFinding, type Finding } from './finding.js';

/** What {@link checkStaleness} compares the provenance with. */
export interface StalenessInput {
  /** The whole document text, provenance block included (findings point into it). */
  text: string;
  provenance: Provenance;
  file: string;
  /** What the document is, for messages: `plan`, `task list`. */
  document: string;
  /** The template the provenance names, as the project resolves it now. */
  template: TemplateSource | undefined;
  /** The current bytes of the spec the provenance names. */
  specBytes: Uint8Array | undefined;
  /** The spec's path as messages name it. */
  specFile: string;
}

/**
 * Compares a generated document's provenance with the current template and spec: a hash that
 * differs → `SPECFORGE_CHECK_PLAN_STALE`; a template or spec that cannot be found →
 * `SPECFORGE_CHECK_TEMPLATE_UNKNOWN` / `SPECFORGE_CHECK_SPEC_MISSING`. Each finding points at
 * the provenance field it is about.
 */
export function checkStaleness(input: StalenessInput): Finding[] {
  const { text, provenance, file, document, template } = input;
  const start = text.lastIndexOf('<!-- specforge:provenance');
  const fieldLine = (key: string): number => {
    const at = text.indexOf(`\n${key}:`, start);
    return at < 0 ? 1 : text.slice(0, at + 1).split(/\r\n?|\n/).length;
  };
  const findings: Finding[] = [];
  if (!template) {
    const at = { file, line: fieldLine('template'), column: 1 };
    findings.push(
      createFinding('SPECFORGE_CHECK_TEMPLATE_UNKNOWN', { template: provenance.template }, at),
    );
  } else if (hashTemplate(template) !== provenance.templateSha256) {
    const at = { file, line: fieldLine('template-sha256'), column: 1 };
    findings.push(
      createFinding(
        'SPECFORGE_CHECK_PLAN_STALE',
        { what: 'template', source: provenance.template, document },
        at,
      ),
    );
  }
  if (!input.specBytes) {
    const at = { file, line: fieldLine('spec'), column: 1 };
    findings.push(createFinding('SPECFORGE_CHECK_SPEC_MISSING', { spec: input.specFile }, at));
  } else if (sha256Hex(input.specBytes) !== provenance.specSha256) {
    const at = { file, line: fieldLine('spec-sha256'), column: 1 };
    findings.push(
      createFinding(
        'SPECFORGE_CHECK_PLAN_STALE',
        { what: 'spec', source: input.specFile, document },
        at,
      ),
    );
  }
  return findings;
}
