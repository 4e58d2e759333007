import type { Section, Spec } from '../spec/model.js';
import { findSection } from '../spec/section-lookup.js';
import type { TraceRule } from '../template/types.js';
import { createFinding, type Finding } from './finding.js';
import { type ProseBlock, positionIn } from './prose.js';

/** What {@link checkTraces} compares: a document's prose and sections against its spec. */
export interface TraceInput {
  /** The document's prose blocks (code blocks left out). */
  blocks: readonly ProseBlock[];
  /** The document's section tree. */
  sections: readonly Section[];
  /** The document's path as findings name it. */
  file: string;
  /** The spec the document belongs to. */
  spec: Spec;
  /** The spec's path as messages name it. */
  specFile: string;
}

interface Reference {
  id: string;
  line: number;
  column: number;
}

/**
 * Applies the template's trace rules. For each rule, within its section (the whole document
 * when the rule names none; no findings when the section is absent, which the required-section
 * check reports):
 * - every item of the spec the rule names that is never mentioned by id → `SPECFORGE_CHECK_UNTRACED`,
 *   at the section's heading;
 * - every mention of an id of that kind the spec does not define → `SPECFORGE_CHECK_REFERENCE_UNKNOWN`,
 *   at the mention (a task's `[US9]` when the spec has no story 9).
 *
 * Requirements and criteria are mentioned by id (`FR-001`); stories by `US1` (also inside
 * `[US1]`) or "User Story 1". HTML comments are not mentions: a fill slot's "trace FR-001" is
 * still unwritten.
 */
export function checkTraces(input: TraceInput, rules: readonly TraceRule[]): Finding[] {
  const findings = new Map<string, Finding>();
  for (const rule of rules) {
    const section = rule.in === undefined ? undefined : findSection(input.sections, rule.in);
    if (rule.in !== undefined && section === undefined) continue;
    const inRange = (block: ProseBlock) =>
      section === undefined || (block.line >= section.line && block.endLine <= section.endLine);
    const defined = definedItems(input.spec, rule.from);
    const references = findReferences(input.blocks.filter(inRange), rule.from, defined);
    const scope = section ? `in the section ${section.path}` : 'anywhere in the document';
    const mentioned = new Set(references.map((reference) => reference.id));
    for (const item of defined) {
      if (mentioned.has(item.id)) continue;
      const at = { file: input.file, line: section?.line ?? 1, column: 1 };
      const finding = createFinding(
        'SPECFORGE_CHECK_UNTRACED',
        { id: item.id, spec: input.specFile, line: item.line, scope },
        at,
      );
      findings.set(`${finding.code} ${item.id} ${at.line}`, finding);
    }
    const known = new Set(defined.map((item) => item.id));
    for (const reference of references) {
      if (known.has(reference.id)) continue;
      const at = { file: input.file, line: reference.line, column: reference.column };
      const finding = createFinding(
        'SPECFORGE_CHECK_REFERENCE_UNKNOWN',
        { id: reference.id, spec: input.specFile },
        at,
      );
      findings.set(`${finding.code} ${at.line}:${at.column}`, finding);
    }
  }
  return [...findings.values()];
}

function definedItems(spec: Spec, from: TraceRule['from']): { id: string; line: number }[] {
  if (from === 'stories') return spec.stories;
  return from === 'requirements' ? spec.requirements : spec.successCriteria;
}

const defaultPrefixes = { requirements: ['FR'], criteria: ['SC'] } as const;

function findReferences(
  blocks: readonly ProseBlock[],
  from: TraceRule['from'],
  defined: readonly { id: string }[],
): Reference[] {
  const pattern = referencePattern(from, defined);
  const references: Reference[] = [];
  for (const block of blocks) {
    if (block.kind === 'html') continue;
    // Comments blanked to the same length, so offsets still match the block's text.
    const text = block.raw.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
    for (const m of text.matchAll(pattern)) {
      // "User Story 3" names the story US3.
      const id = m[1] !== undefined ? `US${m[1]}` : m[0];
      references.push({ id, ...positionIn(block, m.index) });
    }
  }
  return references;
}

function referencePattern(from: TraceRule['from'], defined: readonly { id: string }[]): RegExp {
  const edge = '(?<![\\p{L}\\p{N}_-])';
  const end = '(?![\\p{L}\\p{N}_])';
  if (from === 'stories')
    return new RegExp(`${edge}(?:US\\d+[a-z]?|[Uu]ser [Ss]tory (\\d+[a-z]?))${end}`, 'gu');
  // The prefixes the spec uses (FR, or a translated one such as RF), else the Spec Kit default.
  const used = new Set(defined.map((item) => /^[A-Za-z]+/.exec(item.id)?.[0]).filter(Boolean));
  const prefixes = used.size > 0 ? [...used] : [...defaultPrefixes[from]];
  return new RegExp(`${edge}(?:${prefixes.join('|')})-\\d+[a-z]?${end}`, 'gu');
}
