import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { derivePackName, parsePackManifest } from './pack-manifest.js';
import { failure } from './test-utils/temp-tree.js';

const file = 'packs/web/package.json';

describe('parsePackManifest', () => {
  it('reads the pack name, version and templates when the manifest is complete', () => {
    const text = JSON.stringify(
      {
        name: '@acme/templates-web',
        version: '2.1.0-beta.1',
        specforge: {
          name: 'web',
          templates: { plan: 'plan.md', 'security-review': './review/security.md' },
        },
      },
      null,
      2,
    );
    expect(parsePackManifest(text, { file })).toEqual({
      name: 'web',
      version: '2.1.0-beta.1',
      packageName: '@acme/templates-web',
      templates: [
        { id: 'plan', path: 'plan.md', location: { file, line: 7, column: 7 } },
        {
          id: 'security-review',
          path: 'review/security.md',
          location: { file, line: 8, column: 7 },
        },
      ],
    });
  });

  it('derives the pack name from the package name when specforge.name is absent', () => {
    const text =
      '{"name":"@specforge/templates-speckit","version":"1.0.0","specforge":{"templates":{}}}';
    expect(parsePackManifest(text, { file })).toMatchObject({ name: 'speckit', templates: [] });
  });

  it('accepts a manifest with a byte-order mark', () => {
    const text = '\uFEFF{"name":"web","version":"1.0.0","specforge":{"templates":{}}}';
    expect(parsePackManifest(text, { file }).name).toBe('web');
  });

  it('accepts a pack without a package name when specforge.name is set', () => {
    const text = '{"version":"0.1.0","specforge":{"name":"local","templates":{"plan":"plan.md"}}}';
    expect(parsePackManifest(text, { file })).toMatchObject({
      name: 'local',
      packageName: undefined,
    });
  });
});

describe('parsePackManifest errors', () => {
  const valid = {
    name: '@acme/templates-web',
    version: '1.0.0',
    specforge: { templates: { plan: 'plan.md' } },
  };
  const withSpecforge = (specforge: unknown) => JSON.stringify({ ...valid, specforge }, null, 2);

  it.each([
    ['an array', '[]', 'package.json must hold a JSON object.', file],
    [
      'a missing version',
      '{"name":"web","specforge":{"templates":{}}}',
      'package.json has no "version"; the package version is the pack version, e.g. "version": "1.0.0".',
      file,
    ],
    [
      'a version that is not semver',
      '{\n  "name": "web",\n  "version": "1.0",\n  "specforge": {"templates": {}}\n}',
      '"version" is "1.0", which is not a semver version such as 1.0.0.',
      `${file}:3:14`,
    ],
    [
      'a numeric package name',
      '{"name": 7, "version": "1.0.0", "specforge": {"templates": {}}}',
      '"name" must be a string, not number 7.',
      `${file}:1:10`,
    ],
    [
      'a missing specforge key',
      '{"name":"web","version":"1.0.0"}',
      'package.json has no "specforge" key, so the folder is not a template pack. Add "specforge": { "templates": { "<id>": "<file>.md" } }.',
      file,
    ],
    [
      'a specforge key that is a string',
      withSpecforge('plan.md'),
      '"specforge" must be an object, not string "plan.md".',
      `${file}:4:16`,
    ],
    [
      'a misspelt specforge key',
      withSpecforge({ template: { plan: 'plan.md' } }),
      '"specforge" has an unknown key "template". Did you mean "templates"?',
      `${file}:5:5`,
    ],
    [
      'an unknown specforge key',
      withSpecforge({ overrides: 'speckit', templates: {} }),
      '"specforge" has an unknown key "overrides"; the known keys are name, templates, extends, copiedFrom.',
      `${file}:5:5`,
    ],
    [
      'a pack name with a slash',
      withSpecforge({ name: 'acme/web', templates: {} }),
      '"specforge.name" is "acme/web"; a pack name uses lower-case letters and digits, with "-", "_" or "." inside, e.g. speckit.',
      `${file}:5:13`,
    ],
    [
      'no name at all',
      '{"version":"1.0.0","specforge":{"templates":{}}}',
      'package.json names neither the package ("name") nor the pack ("specforge.name"); set "specforge.name", e.g. "web".',
      `${file}:1:20`,
    ],
    [
      'a package name no pack name can come from',
      '{"name":"@acme/Web_Templates","version":"1.0.0","specforge":{"templates":{}}}',
      'no pack name can be derived from the package name "@acme/Web_Templates"; set "specforge.name", e.g. "web".',
      `${file}:1:49`,
    ],
    [
      'missing templates',
      withSpecforge({ name: 'web' }),
      '"specforge" has no "templates"; map each template id to its file, e.g. "templates": { "plan": "plan.md" }.',
      `${file}:4:3`,
    ],
    [
      'templates given as a list',
      withSpecforge({ templates: ['plan.md'] }),
      '"specforge.templates" must map template ids to files, e.g. { "plan": "plan.md" }, not an array.',
      `${file}:5:5`,
    ],
    [
      'a template id in upper case',
      withSpecforge({ templates: { Plan: 'plan.md' } }),
      'the template id "Plan" is not valid; a template id uses lower-case letters and digits, with "-", "_" or "." inside, e.g. plan.',
      `${file}:6:7`,
    ],
    [
      'a template mapped to a number',
      withSpecforge({ templates: { plan: 1 } }),
      'the template "plan" must map to a file path such as "plan.md", not number 1.',
      `${file}:6:15`,
    ],
    [
      'a template path that leaves the pack',
      withSpecforge({ templates: { plan: '../shared/plan.md' } }),
      'the template "plan" maps to "../shared/plan.md": the path leaves the pack folder; template files must live inside it.',
      `${file}:6:15`,
    ],
    [
      'a template path that leaves the pack after normalization',
      withSpecforge({ templates: { plan: 'sub/../../plan.md' } }),
      'the template "plan" maps to "sub/../../plan.md": the path leaves the pack folder; template files must live inside it.',
      `${file}:6:15`,
    ],
    [
      'an absolute template path',
      withSpecforge({ templates: { plan: '/etc/plan.md' } }),
      'the template "plan" maps to "/etc/plan.md": the path must be relative to the pack folder, not absolute.',
      `${file}:6:15`,
    ],
    [
      'a Windows drive path',
      withSpecforge({ templates: { plan: 'C:/plans/plan.md' } }),
      'the template "plan" maps to "C:/plans/plan.md": the path must be relative to the pack folder, not absolute.',
      `${file}:6:15`,
    ],
    [
      'a path with backslashes',
      withSpecforge({ templates: { plan: 'sub\\plan.md' } }),
      'the template "plan" maps to "sub\\plan.md": write the path with "/", not "\\".',
      `${file}:6:15`,
    ],
    [
      'a path to the pack folder itself',
      withSpecforge({ templates: { plan: './' } }),
      'the template "plan" maps to "./": the path names a folder, not a file.',
      `${file}:6:15`,
    ],
    [
      'an empty extends',
      withSpecforge({ templates: {}, extends: ' ' }),
      '"specforge.extends" must name the base pack with a range, e.g. "@specforge/templates-speckit@^1.0.0", not string " ".',
      `${file}:6:16`,
    ],
    [
      'a template id declared twice',
      '{\n  "name": "x",\n  "version": "1.0.0",\n  "specforge": {\n    "templates": {\n      "plan": "a.md",\n      "plan": "b.md"\n    }\n  }\n}\n',
      'the template id "plan" appears twice; JSON keeps only the last one.',
      `${file}:7:7`,
    ],
    [
      'any other key declared twice',
      '{ "name": "x", "version": "1.0.0", "version": "2.0.0", "specforge": { "templates": {} } }',
      'the key "version" appears twice; JSON keeps only the last one.',
      `${file}:1:36`,
    ],
  ])('reports %s', async (_case, text, reason, at) => {
    expect(await failure(() => parsePackManifest(text, { file }))).toMatchObject({
      code: 'SPECFORGE_PACK_MANIFEST_INVALID',
      message: `The pack manifest is invalid: ${reason}`,
      at,
    });
  });
});

describe('parsePackManifest JSON errors', () => {
  it('points at the position JSON.parse reports when the text is not JSON', async () => {
    // The wording of JSON.parse errors differs between Node versions; the position does not.
    const result = await failure(() => parsePackManifest('{\n  "name": "web",\n}', { file }));
    expect(result.code).toBe('SPECFORGE_PACK_MANIFEST_INVALID');
    expect(result.message).toMatch(
      /^The pack manifest is invalid: package\.json is not valid JSON \(.+\)\.$/,
    );
    expect(result.at).toBe(`${file}:3:1`);
  });
});

describe('derivePackName', () => {
  it.each([
    ['@specforge/templates-speckit', 'speckit'],
    ['@acme/specforge-templates-web', 'web'],
    ['acme-plans', 'acme-plans'],
    ['templates-', undefined],
    ['@acme/Plans', undefined],
  ])('derives %j → %j', (packageName, expected) => {
    expect(derivePackName(packageName)).toBe(expected);
  });
});

describe('parsePackManifest duplicate keys', () => {
  // What the manifest reader did before it scanned the JSON itself: read it as YAML (JSON is
  // YAML) and walk the maps. It stays here as the oracle the scan must agree with.
  function duplicateByYaml(text: string): string | undefined {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, lineCounter });
    if (doc.errors.length > 0) return undefined;
    const visit = (node: unknown, path: string[]): string | undefined => {
      if (isSeq(node)) {
        for (const item of node.items) {
          const found = visit(item, path);
          if (found) return found;
        }
      }
      if (!isMap(node)) return undefined;
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        if (seen.has(key)) {
          const { line, col } = lineCounter.linePos(
            isNode(pair.key) ? (pair.key.range?.[0] ?? 0) : 0,
          );
          const what =
            path.join('.') === 'specforge.templates'
              ? `the template id "${key}"`
              : `the key "${[...path, key].join('.')}"`;
          return `${what} appears twice; JSON keeps only the last one. at ${line}:${col}`;
        }
        seen.add(key);
        const found = visit(pair.value, [...path, key]);
        if (found) return found;
      }
      return undefined;
    };
    return visit(doc.contents, []);
  }

  function duplicateByManifest(text: string): string | undefined {
    try {
      parsePackManifest(text, { file: 'package.json' });
    } catch (error) {
      const { message, location } = error as {
        message: string;
        location?: { line?: number; column?: number };
      };
      const reason = /appears twice; JSON keeps only the last one\.$/.test(message)
        ? message.replace('The pack manifest is invalid: ', '')
        : undefined;
      return reason && `${reason} at ${location?.line}:${location?.column}`;
    }
    return undefined;
  }

  // JSON text with keys drawn from a small set, so that objects often repeat one (`\\u0061` is
  // `a` escaped), and every kind of JSON value, spacing and escape.
  const key = fc.constantFrom('a', 'b', 'version', 'name', '\\u0061', 'é', '\\"', '__proto__', '');
  const space = fc.constantFrom('', ' ', '\n  ', '\t', '\r\n');
  const json: fc.Memo<string> = fc.memo((depth) =>
    depth <= 1
      ? fc.oneof(fc.constantFrom('1', '-0.5e3', 'true', 'false', 'null', '"x"', '"a\\"b"', '"]}"'))
      : fc.oneof(
          fc.constantFrom('1', 'null', '"s,}"'),
          fc
            .array(fc.tuple(space, key, space, json(depth - 1)), { maxLength: 4 })
            .map(
              (pairs) => `{${pairs.map(([s, k, t, v]) => `${s}"${k}"${t}:${t}${v}`).join(',')}}`,
            ),
          fc
            .array(fc.tuple(space, json(depth - 1)), { maxLength: 3 })
            .map((items) => `[${items.map(([s, v]) => `${s}${v}`).join(',')}]`),
        ),
  );

  it('reports the first key given twice where a YAML reading of the JSON finds it', () => {
    let found = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(key, json(4)), { maxLength: 5 }), space, (pairs, s) => {
        const text = `{${s}"version": "1.0.0", "specforge": {"templates": {}}${pairs
          .map(([k, v]) => `,${s}"${k}": ${v}`)
          .join('')}}`;
        JSON.parse(text);
        const expected = duplicateByYaml(text);
        if (expected) found++;
        expect(duplicateByManifest(text)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    // The texts exercise the check: many of them do repeat a key.
    expect(found).toBeGreaterThan(500);
  });
});
