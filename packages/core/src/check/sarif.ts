import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { errorCatalog } from '../errors/catalog.js';
import { type Finding, sortFindings } from './finding.js';

/**
 * The `$schema` every log from {@link toSarif} declares.
 *
 * @example
 * ```ts
 * toSarif([], { version: '1.0.0' }).$schema === SARIF_SCHEMA_URI; // true
 * ```
 */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * A SARIF result or rule level. Findings are errors or warnings today; `note` is accepted
 * so that a future informational severity maps without a change here.
 *
 * @example
 * ```ts
 * const level: SarifLevel = 'warning';
 * ```
 */
export type SarifLevel = 'error' | 'warning' | 'note';

/**
 * Where an artifact is: a URI reference, relative to `uriBaseId` when that is set.
 *
 * @example
 * ```ts
 * const location: SarifArtifactLocation = { uri: 'specs/001-login/spec.md', uriBaseId: '%SRCROOT%' };
 * ```
 */
export interface SarifArtifactLocation {
  /** The file, percent-encoded: relative to `uriBaseId` when set, else an absolute `file:` URI. */
  uri: string;
  /** `%SRCROOT%` for a relative file name: the root in the run's `originalUriBaseIds`. */
  uriBaseId?: string;
}

/**
 * A rule (SARIF `reportingDescriptor`): one per code that occurs in the findings.
 *
 * @example
 * ```ts
 * const rule: SarifRule = toSarif(findings, { version: '1.0.0' }).runs[0].tool.driver.rules[0];
 * rule.id; // 'SPECFORGE_CHECK_FILL_LEFT'
 * ```
 */
export interface SarifRule {
  /** The finding code, e.g. `SPECFORGE_CHECK_FILL_LEFT`. */
  id: string;
  /** What the rule reports. */
  shortDescription: {
    /** The code's words as a title: `SPECFORGE_CHECK_ID_DUPLICATE` → `Id duplicate`. */
    text: string;
  };
  /** What to do about a result of this rule. */
  help: {
    /** The catalog's hint for the code. */
    text: string;
  };
  /** How results of this rule are reported unless a result says otherwise. */
  defaultConfiguration: {
    /** `error` for a problem code, `warning` for a warning code. */
    level: SarifLevel;
  };
}

/**
 * One finding as a SARIF result. `ruleIndex` points into `tool.driver.rules`.
 *
 * @example
 * ```ts
 * const result: SarifResult = toSarif(findings, { version: '1.0.0' }).runs[0].results[0];
 * result.locations[0].physicalLocation.region.startLine; // the finding's line
 * ```
 */
export interface SarifResult {
  /** The finding's code, the `id` of its rule. */
  ruleId: string;
  /** The index of the rule in `tool.driver.rules`. */
  ruleIndex: number;
  /** The finding's severity. */
  level: SarifLevel;
  /** What is wrong. */
  message: {
    /** The finding's message. */
    text: string;
  };
  /** The one place the finding points at. */
  locations: [
    {
      /** A position in a file. */
      physicalLocation: {
        /** The file. */
        artifactLocation: SarifArtifactLocation;
        /** The position in the file. */
        region: {
          /** 1-based line. */
          startLine: number;
          /** 1-based column, in Unicode code points (see `columnKind`). */
          startColumn: number;
        };
      };
    },
  ];
}

/**
 * The single run of a specforge SARIF log.
 *
 * @example
 * ```ts
 * const run: SarifRun = toSarif(findings, { version: '1.0.0' }).runs[0];
 * run.columnKind; // 'unicodeCodePoints'
 * ```
 */
export interface SarifRun {
  /** The tool that produced the results. */
  tool: {
    /** specforge itself, with one rule per code that occurs in the results. */
    driver: {
      /** Always `specforge`. */
      name: 'specforge';
      /** The specforge version that ran the checks. */
      version: string;
      /** Where to read about the tool, when given. */
      informationUri?: string;
      /** One rule per code found, sorted by code so a rule keeps its index. */
      rules: SarifRule[];
    };
  };
  /** The root that relative artifact URIs resolve against, when a root was given. */
  originalUriBaseIds?: {
    /** The project root. */
    '%SRCROOT%': {
      /** The root as a `file:` URI ending in `/`. */
      uri: string;
    };
  };
  /** Columns count Unicode code points, as {@link Finding} columns do. */
  columnKind: 'unicodeCodePoints';
  /** One result per finding, in the order of {@link sortFindings}. */
  results: SarifResult[];
}

/**
 * A SARIF 2.1.0 log, as far as {@link toSarif} fills it in.
 *
 * @example
 * ```ts
 * const log: SarifLog = toSarif(findings, { version: '1.0.0' });
 * JSON.stringify(log, null, 2); // the file to upload to code scanning
 * ```
 */
export interface SarifLog {
  /** The SARIF 2.1.0 JSON schema, {@link SARIF_SCHEMA_URI}. */
  $schema: typeof SARIF_SCHEMA_URI;
  /** The SARIF version. */
  version: '2.1.0';
  /** Exactly one run: the findings of one `specforge check`. */
  runs: [SarifRun];
}

/**
 * How {@link toSarif} describes the tool and where the files are.
 *
 * @example
 * ```ts
 * const options: ToSarifOptions = { version: '1.4.0', root: process.cwd() };
 * ```
 */
export interface ToSarifOptions {
  /** The specforge version, `tool.driver.version`. */
  version: string;
  /** An absolute URI with more about the tool, `tool.driver.informationUri`. */
  informationUri?: string;
  /**
   * The absolute directory the findings' file names are relative to (the CLI's current
   * directory). Given, it becomes `%SRCROOT%` so that viewers can resolve the files.
   */
  root?: string;
}

/**
 * Turns check findings into a SARIF 2.1.0 log for code-scanning tools: one rule per code
 * found, one result per finding, in the order {@link sortFindings} gives. The same findings
 * and options always give the same log (no timestamps or GUIDs), so the JSON can be diffed.
 *
 * @example
 * ```ts
 * const findings = checkSpec(text, { file: 'specs/001-login/spec.md' });
 * const log = toSarif(findings, { version: '1.4.0', root: process.cwd() });
 * writeFileSync('specforge.sarif', `${JSON.stringify(log, null, 2)}\n`);
 * ```
 */
export function toSarif(findings: readonly Finding[], options: ToSarifOptions): SarifLog {
  const sorted = sortFindings(findings);
  // Rules in code order, not first-seen order, so a rule keeps its index when findings move.
  const codes = [...new Set(sorted.map((finding) => finding.code))].sort();
  const rules = codes.map((code): SarifRule => {
    const entry = errorCatalog[code];
    return {
      id: code,
      shortDescription: { text: describeCode(code) },
      help: { text: entry.hint },
      defaultConfiguration: { level: entry.kind === 'warning' ? 'warning' : 'error' },
    };
  });
  const results = sorted.map(
    (finding): SarifResult => ({
      ruleId: finding.code,
      ruleIndex: codes.indexOf(finding.code),
      level: finding.severity satisfies SarifLevel,
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocationOf(finding.file),
            region: { startLine: finding.line, startColumn: finding.column },
          },
        },
      ],
    }),
  );
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'specforge',
            version: options.version,
            ...(options.informationUri === undefined
              ? {}
              : { informationUri: options.informationUri }),
            rules,
          },
        },
        ...(options.root === undefined
          ? {}
          : { originalUriBaseIds: { '%SRCROOT%': { uri: directoryUri(options.root) } } }),
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
}

/** `SPECFORGE_CHECK_ID_DUPLICATE` → `Id duplicate`: the code's words, as a one-line title. */
function describeCode(code: string): string {
  const words = code
    .replace(/^SPECFORGE_(CHECK_)?/, '')
    .toLowerCase()
    .replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The file name as a URI reference. Both separators count (the CLI shows Windows paths with
 * `\`), and each segment is percent-encoded whole, so `#`, `?`, `%`, `:` and non-ASCII stay
 * part of the name instead of starting a fragment, query, escape or scheme. Relative names
 * (`../` included) stay relative to `%SRCROOT%`; an absolute one becomes a `file:` URI.
 */
function artifactLocationOf(file: string): SarifArtifactLocation {
  const segments = file.split(/[\\/]/);
  const first = segments[0] ?? '';
  if (/^[A-Za-z]:$/.test(first) && segments.length > 1) {
    return { uri: `file:///${first}/${encodeSegments(segments.slice(1))}` };
  }
  if (first === '' && segments.length > 1) {
    return { uri: `file://${encodeSegments(segments)}` };
  }
  return { uri: encodeSegments(segments), uriBaseId: '%SRCROOT%' };
}

function encodeSegments(segments: readonly string[]): string {
  // encodeURIComponent throws on a lone surrogate (possible in Windows file names).
  return segments
    .map((segment) => encodeURIComponent(segment.replace(/\p{Cs}/gu, '\uFFFD')))
    .join('/');
}

/** SARIF resolves relative URIs against a base that must end in `/` to be a directory. */
function directoryUri(root: string): string {
  // A relative root would make the log depend on the current directory of the caller.
  if (!isAbsolute(root)) throw new TypeError(`toSarif: root must be absolute, got ${root}`);
  const href = pathToFileURL(root).href;
  return href.endsWith('/') ? href : `${href}/`;
}
