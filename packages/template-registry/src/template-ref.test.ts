import { parseTemplateFile, type TemplateSource } from '@specforge/core';
import { describe, expect, it } from 'vitest';
import type { Pack } from './load-pack.js';
import {
  findTemplate,
  formatTemplateRef,
  listTemplateRefs,
  parseTemplateRef,
} from './template-ref.js';
import { failure } from './test-utils/temp-tree.js';

/** A pack built in memory: template ids → kinds. */
function pack(name: string, version: string, ids: string[]): Pack {
  const templates = new Map<string, TemplateSource>(
    ids.map((id) => [
      id,
      parseTemplateFile(`---\nid: ${id}\nkind: other\n---\n${name}@${version}\n`, {
        file: `${name}/${id}.md`,
        pack: { name, version },
      }),
    ]),
  );
  return {
    name,
    version,
    packageName: undefined,
    dir: name,
    manifestFile: `${name}/package.json`,
    templates,
    overlays: new Map(),
    extends: undefined,
    extendsLocation: undefined,
    copiedFrom: undefined,
  };
}

describe('parseTemplateRef', () => {
  it.each([
    ['speckit/plan', { pack: 'speckit', template: 'plan' }],
    ['acme-web/security-review', { pack: 'acme-web', template: 'security-review' }],
    ['team.v2/plan_short', { pack: 'team.v2', template: 'plan_short' }],
  ])('parses %j', (ref, expected) => {
    expect(parseTemplateRef(ref)).toEqual(expected);
    expect(formatTemplateRef(expected)).toBe(ref);
  });

  it.each([
    ['', 'Name a template as <pack>/<template>, e.g. speckit/plan.'],
    ['speckit', 'Name a template as <pack>/<template>, e.g. speckit/plan.'],
    ['plan', 'Name a template as <pack>/<template>, e.g. speckit/plan.'],
    ['speckit/', 'Name a template as <pack>/<template>, e.g. speckit/plan.'],
    ['/plan', 'Name a template as <pack>/<template>, e.g. speckit/plan.'],
    ['speckit/plan/extra', 'Name a template as <pack>/<template>, e.g. speckit/plan.'],
    ['SpecKit/Plan', 'Name a template as <pack>/<template>, e.g. speckit/plan.'],
    [' speckit/plan', 'Name a template as <pack>/<template>, e.g. speckit/plan.'],
    ['speckit\\plan', 'Name a template as <pack>/<template>, e.g. speckit/plan.'],
    [
      '@specforge/templates-speckit/plan',
      'Name the pack by its short name (the "specforge.name" in its package.json), not by its npm package name, e.g. speckit/plan.',
    ],
  ])('rejects %j', async (ref, hint) => {
    expect(await failure(() => parseTemplateRef(ref))).toEqual({
      code: 'SPECFORGE_TEMPLATE_REF_INVALID',
      message: `${JSON.stringify(ref)} is not a template reference.`,
      hint,
      at: undefined,
    });
  });
});

describe('findTemplate', () => {
  const packs = [
    pack('speckit', '1.0.0', ['spec', 'plan', 'tasks']),
    pack('acme', '2.0.0', ['plan', 'review']),
  ];

  it('returns the template a reference names', () => {
    const template = findTemplate(packs, 'acme/plan');
    expect(template.pack).toEqual({ name: 'acme', version: '2.0.0' });
    expect(template.body).toBe('acme@2.0.0\n');
  });

  it('takes the first pack when two packs have the same name', () => {
    const override = pack('speckit', '9.0.0', ['plan']);
    expect(findTemplate([override, ...packs], 'speckit/plan').pack.version).toBe('9.0.0');
    expect(() => findTemplate([override, ...packs], 'speckit/spec')).toThrow(
      'There is no template speckit/spec.',
    );
  });

  it('lists every available template, sorted, when the template is unknown', async () => {
    expect(await failure(() => findTemplate(packs, 'speckit/review'))).toEqual({
      code: 'SPECFORGE_TEMPLATE_NOT_FOUND',
      message:
        'There is no template speckit/review. Available: acme/plan, acme/review, speckit/plan, speckit/spec, speckit/tasks.',
      hint: 'Did you mean acme/review?',
      at: undefined,
    });
  });

  it('suggests the closest reference when the pack is unknown', async () => {
    expect(await failure(() => findTemplate(packs, 'speckt/plan'))).toMatchObject({
      code: 'SPECFORGE_TEMPLATE_NOT_FOUND',
      hint: 'Did you mean speckit/plan?',
    });
  });

  it('keeps the usage hint when nothing is close', async () => {
    expect(await failure(() => findTemplate(packs, 'other/thing'))).toMatchObject({
      code: 'SPECFORGE_TEMPLATE_NOT_FOUND',
      hint: 'Name a template as <pack>/<template>, e.g. speckit/plan.',
    });
  });

  it('reports a malformed reference before looking', async () => {
    expect((await failure(() => findTemplate(packs, 'plan'))).code).toBe(
      'SPECFORGE_TEMPLATE_REF_INVALID',
    );
  });

  it('reports no available templates when there are no packs', async () => {
    expect((await failure(() => findTemplate([], 'speckit/plan'))).message).toBe(
      'There is no template speckit/plan.',
    );
  });
});

describe('listTemplateRefs', () => {
  it('lists the references of every pack, hiding packs whose name comes earlier', () => {
    const packs = [
      pack('b', '1.0.0', ['z', 'a']),
      pack('a', '1.0.0', ['m']),
      pack('b', '2.0.0', ['hidden']),
    ];
    expect(listTemplateRefs(packs)).toEqual(['a/m', 'b/a', 'b/z']);
  });
});
