import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSpec } from './parse-spec.js';
import { toSpecJson } from './to-json.js';

// Each folder holds an input `spec.md` and the reviewed expected model `spec.json`.
const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const cases = readdirSync(fixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('parseSpec golden cases', () => {
  it.each(cases)('yields the reviewed model when parsing %s', async (name) => {
    const text = readFileSync(join(fixtures, name, 'spec.md'), 'utf8');
    const json = toSpecJson(parseSpec(text, { file: 'spec.md' }));
    await expect(`${JSON.stringify(json, null, 2)}\n`).toMatchFileSnapshot(
      join(fixtures, name, 'spec.json'),
    );
  });
});
