import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCatalog } from '../errors/catalog.js';
import { type CheckCode, createFinding, type Finding } from './finding.js';
import { SARIF_SCHEMA_URI, type SarifLog, toSarif } from './sarif.js';

// The OASIS schema, vendored unchanged (see __fixtures__/README.md): a hand-written gold
// master would only repeat what toSarif believes a log looks like.
const schema = JSON.parse(
  readFileSync(new URL('./__fixtures__/sarif-schema-2.1.0.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv({ allErrors: true });
// ajv-formats is CommonJS; under nodenext its default import is the whole module object.
addFormats.default(ajv);
const validate = ajv.compile(schema);

function expectValid(log: unknown): void {
  const valid = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

const root = '/work/my repo';
const options = { version: '1.4.0', root };

const fillLeft = (file: string, line: number, column = 1) =>
  createFinding('SPECFORGE_CHECK_FILL_LEFT', { slot: 'risks' }, { file, line, column });
const clarification = (file: string, line: number, column = 1) =>
  createFinding(
    'SPECFORGE_CHECK_CLARIFICATION_OPEN',
    { text: 'which IdP?' },
    { file, line, column },
  );
const frontMatter: Finding = {
  code: 'SPECFORGE_FRONT_MATTER_INVALID',
  severity: 'error',
  message: errorCatalog.SPECFORGE_FRONT_MATTER_INVALID.message({ reason: 'bad indentation' }),
  file: 'specs/002-cart/spec.md',
  line: 2,
  column: 3,
  hint: errorCatalog.SPECFORGE_FRONT_MATTER_INVALID.hint,
};

function uris(log: SarifLog): string[] {
  return log.runs[0].results.map(
    (result) => result.locations[0].physicalLocation.artifactLocation.uri,
  );
}

describe('the vendored SARIF schema', () => {
  it('is the draft-07 schema of SARIF 2.1.0', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toBe('Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema');
  });

  it('rejects broken logs, so a passing validation means something', () => {
    const log = toSarif([fillLeft('plan.md', 3)], options);
    const fatal = structuredClone(log) as unknown as { runs: { results: { level: string }[] }[] };
    fatal.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(fatal)).toBe(false);
    const { version: _, ...versionless } = log;
    expect(validate(versionless)).toBe(false);
    const badUri = structuredClone(log);
    badUri.runs[0].results[0]!.locations[0].physicalLocation.artifactLocation.uri = 'my plan.md';
    expect(validate(badUri)).toBe(false);
  });
});

describe('toSarif', () => {
  it('turns no findings into a valid log with no results and no rules', () => {
    const log = toSarif([], { version: '1.4.0' });
    expectValid(log);
    expect(log).toEqual({
      $schema: SARIF_SCHEMA_URI,
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'specforge', version: '1.4.0', rules: [] } },
          columnKind: 'unicodeCodePoints',
          results: [],
        },
      ],
    });
  });

  it('sorts mixed errors and warnings across files, one rule per code', () => {
    const findings = [
      fillLeft('specs/002-cart/plan.md', 9),
      clarification('specs/001-login/spec.md', 12, 4),
      frontMatter,
      fillLeft('specs/001-login/plan.md', 30),
      clarification('specs/001-login/spec.md', 3),
      fillLeft('specs/001-login/plan.md', 7, 2),
    ];
    const log = toSarif(findings, { ...options, informationUri: 'https://example.com/specforge' });
    expectValid(log);
    const run = log.runs[0];
    expect(run.tool.driver.informationUri).toBe('https://example.com/specforge');
    expect(run.tool.driver.rules).toEqual([
      {
        id: 'SPECFORGE_CHECK_CLARIFICATION_OPEN',
        shortDescription: { text: 'Clarification open' },
        help: { text: errorCatalog.SPECFORGE_CHECK_CLARIFICATION_OPEN.hint },
        defaultConfiguration: { level: 'warning' },
      },
      {
        id: 'SPECFORGE_CHECK_FILL_LEFT',
        shortDescription: { text: 'Fill left' },
        help: { text: errorCatalog.SPECFORGE_CHECK_FILL_LEFT.hint },
        defaultConfiguration: { level: 'error' },
      },
      {
        id: 'SPECFORGE_FRONT_MATTER_INVALID',
        shortDescription: { text: 'Front matter invalid' },
        help: { text: errorCatalog.SPECFORGE_FRONT_MATTER_INVALID.hint },
        defaultConfiguration: { level: 'error' },
      },
    ]);
    expect(
      run.results.map((result) => {
        const { artifactLocation, region } = result.locations[0].physicalLocation;
        return [artifactLocation.uri, region.startLine, region.startColumn, result.level];
      }),
    ).toEqual([
      ['specs/001-login/plan.md', 7, 2, 'error'],
      ['specs/001-login/plan.md', 30, 1, 'error'],
      ['specs/001-login/spec.md', 3, 1, 'warning'],
      ['specs/001-login/spec.md', 12, 4, 'warning'],
      ['specs/002-cart/plan.md', 9, 1, 'error'],
      ['specs/002-cart/spec.md', 2, 3, 'error'],
    ]);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(result.locations[0].physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
    }
    expect(run.results[2]?.message.text).toBe(
      'An open question is still marked: [NEEDS CLARIFICATION: which IdP?].',
    );
  });

  it('gives every code of a check a rule level from its catalog kind', () => {
    const checkCodes = Object.keys(errorCatalog).filter((code) =>
      code.startsWith('SPECFORGE_CHECK_'),
    ) as CheckCode[];
    const findings = checkCodes.map(
      (code, i): Finding => ({
        code,
        severity: errorCatalog[code].kind === 'warning' ? 'warning' : 'error',
        message: code,
        file: 'spec.md',
        line: i + 1,
        column: 1,
        hint: errorCatalog[code].hint,
      }),
    );
    const log = toSarif(findings, options);
    expectValid(log);
    for (const rule of log.runs[0].tool.driver.rules) {
      const kind = errorCatalog[rule.id as CheckCode].kind;
      expect(rule.defaultConfiguration.level).toBe(kind === 'warning' ? 'warning' : 'error');
      expect(rule.shortDescription.text).toMatch(/^[A-Z][a-z]*( [a-z]+)*$/);
    }
  });

  it('writes file names as relative URI references with / and percent-encoding', () => {
    const files = [
      'specs/my spec #1/naïve 100%.md',
      '../shared/spec.md',
      'specs\\windows\\plan.md',
      'a:b?.md',
      '日本/仕様.md',
    ];
    const log = toSarif(
      files.map((file) => fillLeft(file, 1)),
      options,
    );
    expectValid(log);
    expect(uris(log)).toEqual([
      '../shared/spec.md',
      'a%3Ab%3F.md',
      'specs/my%20spec%20%231/na%C3%AFve%20100%25.md',
      'specs/windows/plan.md',
      '%E6%97%A5%E6%9C%AC/%E4%BB%95%E6%A7%98.md',
    ]);
    for (const uri of uris(log)) expect(uri).not.toContain('\\');
    // A viewer resolving against %SRCROOT% lands on the file the finding names.
    const base = log.runs[0].originalUriBaseIds?.['%SRCROOT%'].uri;
    expect(base).toBe('file:///work/my%20repo/');
    expect(fileURLToPath(new URL(uris(log)[2]!, base))).toBe(
      resolve(root, 'specs/my spec #1/naïve 100%.md'),
    );
    expect(fileURLToPath(new URL(uris(log)[0]!, base))).toBe('/work/shared/spec.md');
  });

  it('turns an absolute file name into a file URI with no base', () => {
    const log = toSarif([fillLeft('/tmp/other #2/spec.md', 1), fillLeft('C:\\x y\\spec.md', 1)], {
      version: '1.4.0',
    });
    expectValid(log);
    expect(
      log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation),
    ).toEqual([{ uri: 'file:///tmp/other%20%232/spec.md' }, { uri: 'file:///C:/x%20y/spec.md' }]);
  });

  it('writes a lone surrogate in a file name as U+FFFD instead of throwing', () => {
    const log = toSarif([fillLeft('bad\uD800name.md', 1)], options);
    expectValid(log);
    expect(uris(log)).toEqual(['bad%EF%BF%BDname.md']);
  });

  it('ends the %SRCROOT% URI with a slash and refuses a relative root', () => {
    expect(toSarif([], { version: '1', root: '/work/repo/' }).runs[0].originalUriBaseIds).toEqual({
      '%SRCROOT%': { uri: 'file:///work/repo/' },
    });
    expect(toSarif([], { version: '1', root: '/' }).runs[0].originalUriBaseIds).toEqual({
      '%SRCROOT%': { uri: 'file:///' },
    });
    expect(() => toSarif([], { version: '1', root: 'repo' })).toThrow(/absolute/);
  });

  it('passes a note level through', () => {
    const note = { ...fillLeft('spec.md', 1), severity: 'note' as Finding['severity'] };
    const log = toSarif([note], options);
    expectValid(log);
    expect(log.runs[0].results[0]?.level).toBe('note');
  });

  it('is deterministic: the same findings give byte-identical JSON', () => {
    const findings = [
      clarification('b.md', 2),
      fillLeft('a.md', 5),
      frontMatter,
      clarification('a.md', 1),
    ];
    const first = JSON.stringify(toSarif(findings, options));
    expect(JSON.stringify(toSarif(structuredClone(findings), options))).toBe(first);
    // Findings at distinct positions may come in any order: sorting fixes results and rules.
    expect(JSON.stringify(toSarif([...findings].reverse(), options))).toBe(first);
    expect(first).not.toMatch(/guid|time/i);
  });

  it('keeps its results valid, complete and resolvable for arbitrary findings', () => {
    const codes = [
      ...Object.keys(errorCatalog).filter((code) => code.startsWith('SPECFORGE_CHECK_')),
      'SPECFORGE_FRONT_MATTER_INVALID',
    ] as Finding['code'][];
    const char = fc.oneof(
      fc.constantFrom(...'abcXYZ019-_.~'),
      fc.constantFrom(' ', '#', '%', '?', ':', '@', '[', ']', "'", '+', '&', '=', ';', ','),
      fc.constantFrom('é', 'ß', '中', '😀', '\u0301'),
    );
    const segment = fc
      .string({ unit: char, minLength: 1, maxLength: 8 })
      .filter((s) => s !== '.' && s !== '..');
    const file = fc
      .tuple(
        fc.array(fc.constantFrom('..', '.'), { maxLength: 2 }),
        fc.array(segment, { minLength: 1, maxLength: 4 }),
      )
      .map(([up, names]) => [...up, ...names].join('/'))
      // `a:/b` reads as a Windows drive path, which is absolute by design (tested above).
      .filter((path) => !/^[A-Za-z]:/.test(path));
    const finding = fc.record({
      code: fc.constantFrom(...codes),
      severity: fc.constantFrom<Finding['severity']>('error', 'warning'),
      message: fc.string({ unit: 'binary' }),
      file,
      line: fc.integer({ min: 1, max: 1_000_000 }),
      column: fc.integer({ min: 1, max: 1_000_000 }),
      hint: fc.string(),
    });
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 20 }), (findings) => {
        const log = toSarif(findings, options);
        expectValid(log);
        const { rules } = log.runs[0].tool.driver;
        const { results } = log.runs[0];
        expect(results).toHaveLength(findings.length);
        expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
        const base = log.runs[0].originalUriBaseIds?.['%SRCROOT%'].uri;
        for (const result of results) {
          expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
          const { uri } = result.locations[0].physicalLocation.artifactLocation;
          expect(uri).not.toContain('\\');
          expect(uri).not.toMatch(/^[a-z][a-z0-9+.-]*:|^\//i);
        }
        const resolved = results.map((result) =>
          fileURLToPath(new URL(result.locations[0].physicalLocation.artifactLocation.uri, base)),
        );
        expect(resolved.sort()).toEqual(findings.map((f) => resolve(root, f.file)).sort());
      }),
    );
  });
});
