import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatLock, parseLock } from '../lock/lock.js';
import { failure, manifest, removeTempTrees, writeTempTree } from '../test-utils/temp-tree.js';
import { findResolvedTemplate } from './find-resolved-template.js';
import { resolveRegistry } from './resolve-registry.js';

afterEach(removeTempTrees);

/** speckit ← org (changes the stack) ← team (adds a section, appends a risk). */
const threeLayers = {
  'packs/org/package.json': manifest({
    name: '@acme/org-templates',
    version: '2.0.0',
    specforge: {
      name: 'org',
      extends: '@specforge/templates-speckit@^1.0.0',
      templates: { plan: 'plan.md' },
    },
  }),
  'packs/org/plan.md': [
    '---',
    'extends: speckit/plan',
    '---',
    '<!-- specforge: replace technical-approach/technology-stack -->',
    '### Technology Stack',
    '',
    '- Languages: Go 1.23',
    '',
  ].join('\n'),
  'packs/team/package.json': manifest({
    name: '@acme/team-templates',
    version: '0.3.0',
    specforge: { name: 'team', extends: 'path:../org@^2.0.0', templates: { plan: 'plan.md' } },
  }),
  'packs/team/plan.md': [
    '---',
    'extends: org/plan',
    '---',
    '<!-- specforge: insert after testing-strategy -->',
    '## Security Review',
    '',
    '- Threat model',
    '',
    '<!-- specforge: append risk-assessment -->',
    '| Vendor lock-in | Medium | Thin adapters |',
    '',
  ].join('\n'),
};

describe('resolveRegistry', () => {
  it('composes a template through a three-layer chain with section blame', async () => {
    const root = await writeTempTree(threeLayers);
    const registry = await resolveRegistry({
      projectRoot: root,
      packs: ['./packs/team'],
      cacheDir: join(root, '.cache'),
    });
    expect(registry.packs.map((p) => [p.name, p.version, p.base])).toEqual([
      ['speckit', '1.0.0', undefined],
      ['org', '2.0.0', 'speckit'],
      ['team', '0.3.0', 'org'],
    ]);
    const plan = findResolvedTemplate(registry.packs, 'team/plan');
    expect(plan.layers.map((l) => `${l.pack}@${l.version}:${l.kind}`)).toEqual([
      'speckit@1.0.0:template',
      'org@2.0.0:overlay',
      'team@0.3.0:overlay',
    ]);
    expect(plan.template.pack).toEqual({ name: 'team', version: '0.3.0' });
    expect(plan.template.body).toContain('- Languages: Go 1.23\n');
    expect(plan.template.body).toContain('| Vendor lock-in | Medium | Thin adapters |');
    const origin = (path: string) => plan.blame.find((s) => s.path === path);
    expect(origin('technical-approach/technology-stack')).toMatchObject({
      pack: 'org',
      file: join(root, 'packs/org/plan.md'),
      line: 5,
    });
    expect(origin('security-review')).toMatchObject({
      pack: 'team',
      file: join(root, 'packs/team/plan.md'),
      line: 5,
    });
    expect(origin('risk-assessment')).toMatchObject({
      pack: 'speckit',
      changes: [
        {
          op: 'append',
          pack: 'team',
          version: '0.3.0',
          file: join(root, 'packs/team/plan.md'),
          line: 9,
        },
      ],
    });
    // The org layer alone, without the team's changes, is still there to use.
    expect(findResolvedTemplate(registry.packs, 'org/plan').template.body).not.toContain(
      'Security Review',
    );
    // Templates the chain does not touch are inherited under every pack's name.
    expect(findResolvedTemplate(registry.packs, 'team/tasks').layers).toHaveLength(1);
  });

  it('writes a lock of every pack and reports nothing when it is unchanged', async () => {
    const root = await writeTempTree(threeLayers);
    const options = { projectRoot: root, packs: ['./packs/team'], cacheDir: join(root, '.cache') };
    const first = await resolveRegistry(options);
    expect(Object.keys(first.lock.packs).sort()).toEqual(['org', 'speckit', 'team']);
    expect(first.lock.packs.team).toMatchObject({
      source: 'path:packs/team',
      version: '0.3.0',
      extends: 'org',
    });
    const lock = parseLock(formatLock(first.lock), 'specforge.lock');
    const second = await resolveRegistry({ ...options, lock, frozen: true });
    expect(second.lockChanges).toEqual([]);
  });

  it('needs no lock when frozen for a project that uses only the built-in packs, but does with packs of its own', async () => {
    const root = await writeTempTree(threeLayers);
    const builtinOnly = await resolveRegistry({
      projectRoot: root,
      packs: [],
      cacheDir: join(root, '.cache'),
      frozen: true,
    });
    expect(builtinOnly.packs.map((pack) => pack.name)).toEqual(['speckit']);
    expect(
      await failure(() =>
        resolveRegistry({
          projectRoot: root,
          packs: ['./packs/team'],
          cacheDir: join(root, '.cache'),
          frozen: true,
        }),
      ),
    ).toMatchObject({ code: 'SPECFORGE_LOCK_MISMATCH' });
  });

  it('refuses a stale lock when frozen', async () => {
    const root = await writeTempTree(threeLayers);
    const options = { projectRoot: root, packs: ['./packs/team'], cacheDir: join(root, '.cache') };
    const { lock } = await resolveRegistry(options);
    lock.packs.org = { ...lock.packs.org!, version: '1.9.0' };
    expect(await failure(() => resolveRegistry({ ...options, lock, frozen: true }))).toMatchObject({
      code: 'SPECFORGE_LOCK_MISMATCH',
      message: 'The packs no longer match specforge.lock (--frozen): org: version 1.9.0 → 2.0.0.',
    });
  });

  it('names the cycle when packs extend each other', async () => {
    const root = await writeTempTree({
      'a/package.json': manifest({
        name: 'a',
        version: '1.0.0',
        specforge: { name: 'a', extends: 'path:../b', templates: {} },
      }),
      'b/package.json': manifest({
        name: 'b',
        version: '1.0.0',
        specforge: { name: 'b', extends: 'path:../a', templates: {} },
      }),
    });
    expect(
      await failure(() =>
        resolveRegistry({ projectRoot: root, packs: ['./a'], cacheDir: join(root, '.c') }),
      ),
    ).toMatchObject({
      code: 'SPECFORGE_PACK_CYCLE',
      message: 'Template packs extend each other in a cycle: a → b → a.',
    });
  });

  it('refuses two different packs with one name', async () => {
    const root = await writeTempTree({
      'x/package.json': manifest({
        name: 'x',
        version: '1.0.0',
        specforge: { name: 'team', templates: {} },
      }),
      'y/package.json': manifest({
        name: 'y',
        version: '1.0.0',
        specforge: { name: 'team', templates: {} },
      }),
    });
    expect(
      await failure(() =>
        resolveRegistry({ projectRoot: root, packs: ['./x', './y'], cacheDir: join(root, '.c') }),
      ),
    ).toMatchObject({
      code: 'SPECFORGE_PACK_NAME_CONFLICT',
    });
  });

  it('lets a project pack take the name of a built-in pack', async () => {
    const root = await writeTempTree({
      'x/package.json': manifest({
        name: 'x',
        version: '0.0.30',
        specforge: { name: 'speckit', templates: {} },
      }),
    });
    const registry = await resolveRegistry({
      projectRoot: root,
      packs: ['./x'],
      cacheDir: join(root, '.c'),
    });
    expect(registry.packs.map((pack) => [pack.name, pack.version])).toEqual([
      ['speckit', '0.0.30'],
    ]);
  });

  it('refuses an overlay that extends a template outside its chain', async () => {
    const root = await writeTempTree({
      ...threeLayers,
      'packs/team/plan.md':
        '---\nextends: nowhere/plan\n---\n<!-- specforge: remove deployment -->\n',
    });
    expect(
      await failure(() =>
        resolveRegistry({ projectRoot: root, packs: ['./packs/team'], cacheDir: join(root, '.c') }),
      ),
    ).toMatchObject({
      code: 'SPECFORGE_OVERLAY_BASE_NOT_FOUND',
    });
  });
});

describe('resolveRegistry with packs to reuse', () => {
  it('takes a reusable pack and its base chain as they are, and composes the rest', async () => {
    const root = await writeTempTree(threeLayers);
    const cacheDir = join(root, '.cache');
    const first = await resolveRegistry({ projectRoot: root, packs: ['./packs/team'], cacheDir });
    const again = await resolveRegistry({
      projectRoot: root,
      packs: ['./packs/team'],
      cacheDir,
      reuse: first.packs,
    });
    // The very same objects: nothing was read or composed again.
    expect(again.packs.map((pack) => pack.name)).toEqual(['speckit', 'org', 'team']);
    for (const pack of again.packs)
      expect(pack).toBe(first.packs.find((p) => p.name === pack.name));
    expect(again.lock).toEqual(first.lock);
  });

  it('reuses the base chain but composes a pack whose folder is not among the reusable ones', async () => {
    const root = await writeTempTree(threeLayers);
    const cacheDir = join(root, '.cache');
    const first = await resolveRegistry({ projectRoot: root, packs: ['./packs/team'], cacheDir });
    const withoutTeam = first.packs.filter((pack) => pack.name !== 'team');
    const again = await resolveRegistry({
      projectRoot: root,
      packs: ['./packs/team'],
      cacheDir,
      reuse: withoutTeam,
    });
    expect(again.packs.find((p) => p.name === 'org')).toBe(
      first.packs.find((p) => p.name === 'org'),
    );
    const team = again.packs.find((p) => p.name === 'team');
    expect(team).not.toBe(first.packs.find((p) => p.name === 'team'));
    expect(findResolvedTemplate(again.packs, 'team/plan').template.body).toBe(
      findResolvedTemplate(first.packs, 'team/plan').template.body,
    );
  });

  it('does not reuse a pack whose base chain is incomplete or overridden', async () => {
    const root = await writeTempTree(threeLayers);
    const cacheDir = join(root, '.cache');
    const first = await resolveRegistry({ projectRoot: root, packs: ['./packs/team'], cacheDir });
    // Without org, team's chain is broken: team is composed afresh on the org read from disk.
    const withoutOrg = first.packs.filter((pack) => pack.name !== 'org');
    const again = await resolveRegistry({
      projectRoot: root,
      packs: ['./packs/team'],
      cacheDir,
      reuse: withoutOrg,
    });
    expect(again.packs.find((p) => p.name === 'team')).not.toBe(
      first.packs.find((p) => p.name === 'team'),
    );
    expect(again.packs.find((p) => p.name === 'speckit')).toBe(
      first.packs.find((p) => p.name === 'speckit'),
    );
    // org's extends overridden: org and every pack built on it are composed again.
    const { realpath } = await import('node:fs/promises');
    const orgDir = await realpath(join(root, 'packs/org'));
    const overridden = await resolveRegistry({
      projectRoot: root,
      packs: ['./packs/team'],
      cacheDir,
      reuse: first.packs,
      extendsOverrides: new Map([[orgDir, '@specforge/templates-speckit@^1.0.0']]),
    });
    expect(overridden.packs.find((p) => p.name === 'org')).not.toBe(
      first.packs.find((p) => p.name === 'org'),
    );
    expect(overridden.packs.find((p) => p.name === 'team')).not.toBe(
      first.packs.find((p) => p.name === 'team'),
    );
  });
});
