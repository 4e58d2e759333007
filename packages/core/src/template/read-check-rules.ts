import {
  type At,
  describeValue,
  type Fail,
  isPlainObject,
  sectionPathProblem,
} from './meta-values.js';
import type { TraceRule, TraceSubject } from './types.js';

/** The rules a template declares for `specforge check`, besides its required sections. */
export interface CheckRules {
  /** The template's `placeholders`: text that must not be left in a document made from it. */
  placeholders: string[];
  /** The template's `idPatterns`: the regular expression for each kind of id, by prefix. */
  idPatterns: Record<string, string>;
  /** The template's `traces`: what of the spec a document must reference. */
  traces: TraceRule[];
}

/** Every {@link TraceSubject}, in the order the docs list them. */
export const traceSubjects: readonly TraceSubject[] = ['requirements', 'criteria', 'stories'];

/** Longer placeholders are prose, not placeholders; the bound also keeps matching cheap. */
const maxPlaceholderLength = 200;
/** An id prefix: the letters an id starts with, e.g. `FR` for `FR-001`, `T` for `T001`. */
const idPrefixPattern = /^[A-Z][A-Za-z]{0,15}$/;

/**
 * Compiles an `idPatterns` value into the regular expression that must match a whole id.
 *
 * @example
 * ```ts
 * compileIdPattern('T\\d{3}[a-z]?').test('T012a'); // true
 * ```
 */
export function compileIdPattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}

/** Reads `placeholders`, `idPatterns` and `traces` from the front matter, strictly. */
export function readCheckRules(data: Record<string, unknown>, at: At, fail: Fail): CheckRules {
  return {
    placeholders: readPlaceholders(data, at, fail),
    idPatterns: readIdPatterns(data, at, fail),
    traces: readTraces(data, at, fail),
  };
}

function readPlaceholders(data: Record<string, unknown>, at: At, fail: Fail): string[] {
  if (!Object.hasOwn(data, 'placeholders')) return [];
  const value = data.placeholders;
  if (!Array.isArray(value)) {
    throw fail(
      `"placeholders" must be a list of texts the author replaces, such as "Task 1" or "[FEATURE NAME]", not ${describeValue(value)}.`,
      at(['placeholders']),
    );
  }
  const seen = new Set<string>();
  return value.map((text, index) => {
    const where = at(['placeholders', index]);
    if (typeof text !== 'string' || text.trim() === '') {
      throw fail(
        `each entry of "placeholders" must be a non-empty text, not ${describeValue(text)}.`,
        where,
      );
    }
    if (/[\r\n]/.test(text))
      throw fail('a placeholder is matched within one line; it may not hold a line break.', where);
    if (text.length > maxPlaceholderLength) {
      throw fail(`a placeholder is at most ${maxPlaceholderLength} characters long.`, where);
    }
    if (seen.has(text))
      throw fail(`the placeholder ${JSON.stringify(text)} is listed twice.`, where);
    seen.add(text);
    return text;
  });
}

function readIdPatterns(data: Record<string, unknown>, at: At, fail: Fail): Record<string, string> {
  if (!Object.hasOwn(data, 'idPatterns')) return {};
  const value = data.idPatterns;
  if (!isPlainObject(value)) {
    throw fail(
      `"idPatterns" must map id prefixes to the pattern of a whole id, e.g. "FR: 'FR-\\d{3}'", not ${describeValue(value)}.`,
      at(['idPatterns']),
    );
  }
  const patterns: Record<string, string> = {};
  // Sorted, so that the hashed metadata does not depend on the order the keys were written in.
  for (const prefix of Object.keys(value).sort()) {
    const pattern = value[prefix];
    if (!idPrefixPattern.test(prefix)) {
      throw fail(
        `the id prefix "${prefix}" must be the letters an id starts with: an upper-case letter, then letters, e.g. FR or T.`,
        at(['idPatterns', prefix], 'key'),
      );
    }
    const where = at(['idPatterns', prefix]);
    if (typeof pattern !== 'string' || pattern === '') {
      throw fail(
        `the pattern of "${prefix}" ids must be a regular expression (a string), not ${describeValue(pattern)}.`,
        where,
      );
    }
    if (!pattern.startsWith(prefix)) {
      throw fail(
        `the pattern of "${prefix}" ids must start with "${prefix}" as written, so that it only judges those ids.`,
        where,
      );
    }
    const risky = unboundedRepetitionProblem(pattern);
    if (risky) throw fail(`the pattern of "${prefix}" ids ${risky}`, where);
    try {
      compileIdPattern(pattern);
    } catch (cause) {
      throw fail(
        `the pattern of "${prefix}" ids is not a valid regular expression: ${(cause as Error).message}.`,
        where,
      );
    }
    patterns[prefix] = pattern;
  }
  return patterns;
}

/**
 * Patterns come from packs other teams wrote, and JavaScript has no regex time limit: a group
 * repeated without bound (`(a+)+`) or a back-reference can take exponential time. Ids are short
 * and regular, so neither is needed.
 */
function unboundedRepetitionProblem(pattern: string): string | undefined {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9k]/.test(next)) return 'may not use back-references (\\1, \\k<name>).';
      i++;
    } else if (c === ')' && /^(?:[*+]|\{\d*,)/.test(pattern.slice(i + 1))) {
      return 'may not repeat a group without bound (as in (a+)+); repeat single characters or classes, or give the group a fixed count such as {2}.';
    }
  }
  return undefined;
}

function readTraces(data: Record<string, unknown>, at: At, fail: Fail): TraceRule[] {
  if (!Object.hasOwn(data, 'traces')) return [];
  const value = data.traces;
  if (!Array.isArray(value)) {
    throw fail(
      `"traces" must be a list of rules such as { from: requirements, in: implementation-phases }, not ${describeValue(value)}.`,
      at(['traces']),
    );
  }
  const seen = new Set<string>();
  return value.map((rule, index) => {
    if (!isPlainObject(rule)) {
      throw fail(
        `each entry of "traces" must be a mapping such as { from: stories, in: implementation-phases }, not ${describeValue(rule)}.`,
        at(['traces', index]),
      );
    }
    for (const key of Object.keys(rule)) {
      if (key !== 'from' && key !== 'in') {
        throw fail(
          `a trace rule has an unknown key "${key}"; the keys are from and in.`,
          at(['traces', index, key], 'key'),
        );
      }
    }
    const from = rule.from;
    if (typeof from !== 'string' || !(traceSubjects as readonly string[]).includes(from)) {
      throw fail(
        `"from" of a trace rule must be one of ${traceSubjects.join(', ')}, not ${describeValue(from)}.`,
        at(['traces', index, 'from']),
      );
    }
    const trace: TraceRule = { from: from as TraceSubject };
    if (rule.in !== undefined) {
      const where = at(['traces', index, 'in']);
      if (typeof rule.in !== 'string') {
        throw fail(
          `"in" of a trace rule must be a heading path, not ${describeValue(rule.in)}.`,
          where,
        );
      }
      const problem = sectionPathProblem(rule.in);
      if (problem) throw fail(`"in" of a trace rule: ${JSON.stringify(rule.in)} ${problem}`, where);
      trace.in = rule.in;
    }
    const key = `${trace.from} ${trace.in ?? ''}`;
    if (seen.has(key))
      throw fail(
        `the trace rule from ${trace.from}${trace.in ? ` in ${trace.in}` : ''} is listed twice.`,
        at(['traces', index]),
      );
    seen.add(key);
    return trace;
  });
}
