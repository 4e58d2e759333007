import { describe, expect, it } from 'vitest';
import { createHeadingSlugger, githubSlug } from './heading-slugger.js';

describe('githubSlug', () => {
  it.each([
    ['Whole-file strategies', 'whole-file-strategies'],
    ['speckit/plan-draft', 'speckitplan-draft'],
    ['numberFrom list start "field" extra', 'numberfrom-list-start-field-extra'],
    ['User Scenarios & Testing', 'user-scenarios--testing'],
    ['Keeping hand edits: --rebase', 'keeping-hand-edits---rebase'],
    ['Café über_alles 2', 'café-über_alles-2'],
    ['<script>alert(1)</script>', 'scriptalert1script'],
  ])('slugs %j as GitHub does', (text, slug) => {
    expect(githubSlug(text)).toBe(slug);
  });
});

describe('createHeadingSlugger', () => {
  it('numbers repeated headings and skips reserved ids', () => {
    const slugger = createHeadingSlugger(['main']);
    expect(['Setup', 'Setup', 'Main', 'Setup 1', '!!!', '???'].map(slugger.slug)).toEqual([
      'setup',
      'setup-1',
      'main-1',
      'setup-1-1',
      'section',
      'section-1',
    ]);
  });
});
