import { describe, expect, it } from 'vitest';
import { addPackToConfig } from './add-pack-to-config.js';

describe('addPackToConfig', () => {
  it('starts a config when there is none', () => {
    expect(addPackToConfig(undefined, './packs/acme')).toBe('packs:\n  - ./packs/acme\n');
  });

  it('adds a packs list and keeps comments and other keys', () => {
    const text = '# Our settings\nname: Shop # the shop\nvars:\n  owner: a\n';
    expect(addPackToConfig(text, './packs/acme')).toBe(
      '# Our settings\nname: Shop # the shop\nvars:\n  owner: a\npacks:\n  - ./packs/acme\n',
    );
  });

  it('appends to an existing list and leaves a listed source alone', () => {
    const text = 'packs:\n  - ./packs/org # the org pack\n';
    expect(addPackToConfig(text, './packs/acme')).toBe(
      'packs:\n  - ./packs/org # the org pack\n  - ./packs/acme\n',
    );
    expect(addPackToConfig(text, './packs/org')).toBe(text);
  });

  it('refuses a packs key that is not a list', () => {
    expect(() => addPackToConfig('packs: ./x\n', './packs/acme')).toThrow('"packs" must be a list');
  });
});
