import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { makeProject } from './temp-project.js';

const exampleSpec = readFileSync(new URL('../../../examples/acme-shop/specs/042-checkout/spec.md', import.meta.url), 'utf8');

describe('specforge spec inspect', () => {
  it('prints the documented JSON shape for the example spec', async () => {
    const project = await makeProject({ 'spec.md': exampleSpec });
    const result = runCli(['spec', 'inspect', 'spec.md', '--json'], { cwd: project.dir });
    expect(result.status).toBe(0);
    const model = JSON.parse(result.stdout);
    expect(model).toMatchObject({ schemaVersion: 1, title: 'Guest Checkout with Saved Carts', branch: '042-guest-checkout' });
    expect(model.stories.map((s: { id: string; number: number; priority: string }) => [s.id, s.number, s.priority])).toEqual([
      ['US1', 1, 'P1'],
      ['US2', 2, 'P2'],
      ['US3', 3, 'P3'],
      ['US4', 4, 'P3'],
    ]);
    expect(model.stories[0].scenarios[0]).toEqual({
      given: 'a shopper with items in the cart and no account',
      when: 'they choose "Continue as guest"',
      then: 'they see a single checkout page asking for email, shipping address and payment.',
      text: '**Given** a shopper with items in the cart and no account, **When** they choose "Continue as guest", **Then** they see a single checkout page asking for email, shipping address and payment.',
      line: 23,
    });
    expect(model.requirements.map((r: { id: string }) => r.id)).toEqual(
      Array.from({ length: 11 }, (_, i) => `FR-${String(i + 1).padStart(3, '0')}`),
    );
    expect(model.successCriteria[4]).toEqual({
      id: 'SC-005',
      text: 'No increase in chargebacks per 1,000 orders compared with registered checkout.',
      line: 127,
    });
    expect(model.entities.map((e: { name: string }) => e.name)).toEqual(['Guest Customer', 'Saved Cart', 'Claim Token', 'Order']);
    expect(model.clarifications).toEqual([
      {
        text: 'retention period for guests who never claim an account - 30 days, 1 year, or the legal minimum for invoices?',
        line: 109,
        column: 58,
      },
      { text: 'are stored-card and invoice payments allowed for guests?', line: 110, column: 96 },
    ]);
    expect(model.sections.slice(0, 2)).toEqual([
      expect.objectContaining({ path: 'user-scenarios-testing', line: 8 }),
      expect.objectContaining({ path: 'user-scenarios-testing/user-story-1-check-out-without-an-account', line: 10 }),
    ]);
  });

  it('prints a readable summary without --json', async () => {
    const project = await makeProject({ 'spec.md': exampleSpec });
    const result = runCli(['spec', 'inspect', 'spec.md'], { cwd: project.dir });
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n').slice(0, 10)).toEqual([
      'Guest Checkout with Saved Carts',
      '  branch: 042-guest-checkout',
      '  status: Draft',
      '  created: 2026-10-12',
      '',
      'User stories (4)',
      '  US1 [P1] Check out without an account  (line 10, 3 scenarios)',
      '  US2 [P2] Receive a confirmation that can claim an account  (line 29, 3 scenarios)',
      '  US3 [P3] Keep the cart across devices  (line 48, 2 scenarios)',
      '  US4 [P3] Look up a guest order  (line 66, 3 scenarios)',
    ]);
  });

  it('reads a free-form Markdown spec as sections only', async () => {
    const project = await makeProject({ 'notes.md': 'Intro\n\nSetext Title\n============\n\n## Goals\n\n```\n# not a heading\n```\n' });
    const result = runCli(['spec', 'inspect', 'notes.md', '--json'], { cwd: project.dir });
    const model = JSON.parse(result.stdout);
    expect(model.stories).toEqual([]);
    expect(model.sections.map((s: { path: string; line: number }) => [s.path, s.line])).toEqual([['goals', 6]]);
  });

  it('exits 2 with a coded error and line for invalid front matter', async () => {
    const project = await makeProject({ 'spec.md': '---\na: [1\n---\n# T\n' });
    const result = runCli(['spec', 'inspect', 'spec.md'], { cwd: project.dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error SPECFORGE_FRONT_MATTER_INVALID: .*\n {2}at spec\.md:\d+:\d+\n/);
  });
});
