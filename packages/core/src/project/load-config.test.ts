import { describe, expect, it } from 'vitest';
import { isSpecforgeError } from '../errors/specforge-error.js';
import { parseProjectConfig } from './load-config.js';

function failure(text: string) {
  try {
    parseProjectConfig(text, 'specforge.config.yaml');
  } catch (error) {
    if (isSpecforgeError(error, 'SPECFORGE_CONFIG_INVALID'))
      return { message: error.message, location: error.location };
    throw error;
  }
  throw new Error('expected a config error');
}

describe('parseProjectConfig', () => {
  it('reads name, vars and the default plan template', () => {
    const text =
      'name: Acme\nvars:\n  owner: team-a\n  tiers: [1, 2]\nplan:\n  template: acme/plan\nspec:\n  template: acme/spec\npacks:\n  - ./packs/acme\n';
    expect(parseProjectConfig(text, 'c.yaml')).toEqual({
      name: 'Acme',
      vars: { owner: 'team-a', tiers: [1, 2] },
      plan: { template: 'acme/plan' },
      spec: { template: 'acme/spec' },
      tasks: {},
      packs: ['./packs/acme'],
    });
  });

  it('accepts an empty file and JSON', () => {
    expect(parseProjectConfig('', 'c.yaml')).toEqual({
      vars: {},
      plan: {},
      spec: {},
      tasks: {},
      packs: [],
    });
    expect(parseProjectConfig('{"name": "J"}', 'c.json')).toEqual({
      name: 'J',
      vars: {},
      plan: {},
      spec: {},
      tasks: {},
      packs: [],
    });
  });

  it('names the line of an unknown key', () => {
    expect(failure('name: A\nplna:\n  template: x\n')).toEqual({
      message:
        'The specforge config is invalid: unknown key "plna" (known: name, vars, plan, spec, tasks, packs)',
      location: { file: 'specforge.config.yaml', line: 2, column: 1 },
    });
  });

  it('checks the template keys of spec and tasks like plan', () => {
    expect(failure('tasks:\n  templat: x\n')).toMatchObject({
      message:
        'The specforge config is invalid: unknown key "tasks.templat" (known: tasks.template)',
    });
    expect(failure('spec:\n  template: 3\n')).toMatchObject({
      message:
        'The specforge config is invalid: "spec.template" must be a template reference such as speckit/spec',
    });
  });

  it('rejects wrong types with the line of the key', () => {
    expect(failure('vars: [1, 2]\n')).toMatchObject({ location: { line: 1, column: 1 } });
    expect(failure('\nname: 42\n')).toMatchObject({
      message: expect.stringContaining('"name" must be'),
      location: { line: 2 },
    });
    expect(failure('plan:\n  template: 3\n').message).toContain('plan.template');
    expect(failure('packs: ./packs/acme\n').message).toContain('"packs" must be a list');
  });

  it('rejects invalid YAML, duplicate keys and a non-mapping top level with a position', () => {
    expect(failure('name: [unclosed\n').location).toMatchObject({
      file: 'specforge.config.yaml',
      line: expect.any(Number),
    });
    expect(failure('name: a\nname: b\n').location).toMatchObject({ line: 2 });
    expect(failure('- a\n- b\n').message).toContain('mapping');
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const lines = ['vars:', '  a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const name = String.fromCharCode(97 + i);
      lines.push(
        `  ${name}: &${name} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    }
    expect(failure(lines.join('\n')).message).toContain('Excessive alias count');
  });
});
