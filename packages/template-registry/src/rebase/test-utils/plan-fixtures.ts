import { parseTemplateFile, type TemplateSource } from '@specforge/core';
import { type FileHistory, INDEX_REVISION } from '../file-history.js';

/** The body of a small plan template: a few sections to edit, then the spec verbatim. */
export const PLAN_BODY = [
  '# Plan ({{template.pack}} {{template.version}})',
  '',
  '## Summary',
  '',
  'Summarize the feature.',
  '',
  '## Technical Context',
  '',
  '- Language: to decide',
  '- Storage: to decide',
  '',
  '## Risks',
  '',
  'None known yet.',
  '',
  '## Specification',
  '',
  '{{SPECIFICATION}}',
].join('\n');

/** A spec in Spec Kit's structure. */
export const SPEC_V1 = [
  '# Feature Specification: Checkout',
  '',
  '## Requirements',
  '',
  '- **FR-001**: Shoppers pay by card.',
  '- **FR-002**: Shoppers get a receipt.',
  '',
].join('\n');

/** {@link SPEC_V1} with FR-002 changed and FR-003 added. */
export const SPEC_V2 = SPEC_V1.replace('get a receipt.', 'get a receipt by email.').concat(
  '- **FR-003**: Shoppers can pay later.\n',
);

/** A plan template of pack `team` (a template file parsed as the registry parses one). */
export function planTemplate(body = PLAN_BODY, version = '1.0.0'): TemplateSource {
  return parseTemplateFile(`---\nid: plan\nkind: plan\n---\n${body}`, {
    file: `team-${version}/plan.md`,
    pack: { name: 'team', version },
  });
}

/**
 * A {@link FileHistory} in memory: per absolute path, its versions newest first (revisions are
 * named `<n>` from the newest); `'unavailable'` stands for a path outside any repository.
 */
export function memoryHistory(
  files: Record<string, readonly string[] | 'unavailable'>,
): FileHistory & {
  reads: string[];
} {
  const reads: string[] = [];
  return {
    reads,
    async revisions(file, limit) {
      const versions = files[file];
      if (versions === 'unavailable')
        return { available: false, reason: 'not in a git repository' };
      return {
        available: true,
        revisions: (versions ?? []).map((_, i) => `c${i}`).slice(0, limit),
      };
    },
    async read(file, revision) {
      reads.push(`${file}@${revision}`);
      const versions = files[file];
      if (versions === 'unavailable' || revision === INDEX_REVISION) return undefined;
      const text = versions?.[Number(revision.slice(1))];
      return text === undefined ? undefined : new TextEncoder().encode(text);
    },
  };
}
