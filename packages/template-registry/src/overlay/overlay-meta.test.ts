import type { TemplateMeta } from '@specforge/core';
import { describe, expect, it } from 'vitest';
import { applyOverlayMeta } from './overlay-meta.js';
import { parseOverlay } from './parse-overlay.js';

const meta: TemplateMeta = {
  id: 'plan',
  kind: 'plan',
  description: 'The plan.',
  inputs: { audience: { required: false, description: 'Who reads it.' } },
  output: 'plan.md',
  requiredSections: ['context', 'technical-approach/architecture', 'deployment'],
  placeholders: ['Task 1'],
  idPatterns: {},
  traces: [
    { from: 'stories', in: 'technical-approach/architecture' },
    { from: 'requirements', in: 'deployment' },
  ],
};
const overlay = (front: string) =>
  parseOverlay(`---\nextends: speckit/plan\n${front}---\n`, { file: 'o.md' });

describe('applyOverlayMeta', () => {
  it('moves trace rules with their sections and drops those of removed sections', () => {
    const moved = applyOverlayMeta(meta, overlay(''), [
      { from: 'technical-approach/architecture', to: 'design' },
      { from: 'deployment', to: undefined },
    ]);
    expect(moved.traces).toEqual([{ from: 'stories', in: 'design' }]);
    expect(moved.placeholders).toEqual(['Task 1']);
  });

  it('replaces the check rules an overlay sets', () => {
    const replaced = applyOverlayMeta(
      meta,
      overlay('placeholders: [TBD]\nidPatterns:\n  T: T\\d{3}\ntraces: []\n'),
      [],
    );
    expect(replaced).toMatchObject({
      placeholders: ['TBD'],
      idPatterns: { T: 'T\\d{3}' },
      traces: [],
    });
  });

  it('keeps the base metadata when the overlay overrides nothing and moves nothing', () => {
    expect(applyOverlayMeta(meta, overlay(''), [])).toEqual(meta);
  });

  it('follows renamed and removed sections when the overlay does not set requiredSections', () => {
    const result = applyOverlayMeta(meta, overlay(''), [
      { from: 'technical-approach', to: 'approach' },
      { from: 'technical-approach/architecture', to: 'approach/architecture' },
      { from: 'deployment', to: undefined },
    ]);
    expect(result.requiredSections).toEqual(['context', 'approach/architecture']);
  });

  it('replaces requiredSections and merges inputs when the overlay sets them', () => {
    const result = applyOverlayMeta(
      meta,
      overlay(
        'requiredSections: [context, security-review]\ninputs:\n  team: { required: true }\n  audience: { description: Readers. }\noutput: docs/plan.md\n',
      ),
      [{ from: 'deployment', to: undefined }],
    );
    expect(result).toEqual({
      ...meta,
      inputs: {
        audience: { required: false, description: 'Readers.' },
        team: { required: true, description: '' },
      },
      output: 'docs/plan.md',
      requiredSections: ['context', 'security-review'],
      traces: [{ from: 'stories', in: 'technical-approach/architecture' }],
    });
  });
});
