import { didYouMean, parseTemplateFile, SpecforgeError, templateMetaKeys } from '@specforge/core';
import { isMap, isNode, isPair, isScalar, LineCounter, type Pair, parseDocument } from 'yaml';
import { parseTemplateRef } from '../template-ref.js';
import { overlayInvalid } from './_errors.js';
import { readSimpleOverlayKeys, type SimpleOverlayKeys } from './_simple-front-matter.js';
import { type OverlayMeta, type OverlayStrategy, overlayStrategies } from './overlay-types.js';

/** The front matter of an overlay, read and validated. */
export interface OverlayFrontMatter {
  extends: string;
  strategy: OverlayStrategy;
  /** 1-based line of the `strategy` value (of `extends` when there is none), for errors about it. */
  strategyLine: number;
  meta: OverlayMeta;
  /** The text after the closing `---` line. */
  body: string;
  bodyLine: number;
}

/** Keys only an overlay has; the others are template metadata it overrides. */
const overlayKeys = ['extends', 'strategy'] as const;
const metaKeys = templateMetaKeys;
const allKeys: readonly string[] = [...overlayKeys, ...metaKeys];

/**
 * Splits an overlay (already BOM-free, `\n` line breaks) into its front matter and body, and
 * validates the front matter: `extends` (a template ref) is required, `strategy` is one of
 * Spec Kit's whole-file strategies, and any template metadata key is validated exactly as in a
 * template file.
 */
export function readOverlayFrontMatter(text: string, file: string): OverlayFrontMatter {
  return readFrontMatter(text, file, readSimpleOverlayKeys);
}

/**
 * {@link readOverlayFrontMatter} with every front matter read by the YAML parser: what the
 * fast path for simple front matter must always agree with.
 * @internal
 */
export function readOverlayFrontMatterWithYaml(text: string, file: string): OverlayFrontMatter {
  return readFrontMatter(text, file, () => undefined);
}

function readFrontMatter(
  text: string,
  file: string,
  readSimple: (yamlLines: readonly string[]) => SimpleOverlayKeys | undefined,
): OverlayFrontMatter {
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') {
    throw overlayInvalid(
      file,
      1,
      'the file has no front matter. An overlay starts with a "---" line, then "extends: <pack>/<template>" (the template it changes), then a closing "---" line.',
    );
  }
  const closing = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---');
  if (closing === -1) {
    throw overlayInvalid(
      file,
      1,
      'the front matter that opens on line 1 is never closed; end it with a "---" line.',
    );
  }
  const yamlLines = lines.slice(1, closing);
  const simple = readSimple(yamlLines);
  if (simple !== undefined) {
    return {
      extends: simple.extends,
      strategy: simple.strategy,
      strategyLine: simple.strategyLine,
      meta: {},
      body: lines.slice(closing + 1).join('\n'),
      bodyLine: closing + 2,
    };
  }
  const yamlText = yamlLines.join('\n');
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
  });
  // The YAML starts on line 2 of the file.
  const lineOf = (offset: number | undefined) =>
    offset === undefined ? 1 : lineCounter.linePos(offset).line + 1;
  const columnOf = (offset: number | undefined) =>
    offset === undefined ? undefined : lineCounter.linePos(offset).col;
  const fail = (reason: string, offset?: number, hint?: string) =>
    overlayInvalid(file, lineOf(offset), reason, hint, columnOf(offset));

  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem)
    throw fail(`the front matter is not valid YAML: ${problem.message}.`, problem.pos[0]);
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    throw fail(
      'the front matter is empty; an overlay names the template it changes, e.g. "extends: speckit/plan".',
    );
  }
  // One key per line, as `isOverlayText` (which tells overlays from templates) expects.
  if (!isMap(root) || root.flow) {
    throw fail(
      'the front matter must be a mapping written one key per line, starting with "extends: <pack>/<template>".',
      isNode(root) ? root.range?.[0] : undefined,
    );
  }

  const pairs = new Map<string, Pair>();
  for (const pair of root.items) {
    const keyNode = pair.key;
    const offset = isNode(keyNode) ? keyNode.range?.[0] : undefined;
    const key = isScalar(keyNode) ? keyNode.value : undefined;
    if (typeof key !== 'string') {
      throw fail(
        `the front matter has a key that is not a plain name; keys are ${allKeys.join(', ')}.`,
        offset,
      );
    }
    if (!allKeys.includes(key)) {
      const guess = didYouMean(key, allKeys);
      throw fail(
        guess
          ? `the front matter has an unknown key "${key}". Did you mean "${guess}"?`
          : `the front matter has an unknown key "${key}"; an overlay's keys are ${allKeys.join(', ')}.`,
        offset,
      );
    }
    pairs.set(key, pair);
  }

  const extendsPair = pairs.get('extends');
  if (extendsPair === undefined) {
    throw fail(
      'the front matter has no "extends"; an overlay names the template it changes, e.g. "extends: speckit/plan".',
    );
  }
  const extendsRef = readRef(extendsPair, fail);

  let strategy: OverlayStrategy = 'sections';
  let strategyLine = lineOf(valueOffset(extendsPair));
  const strategyPair = pairs.get('strategy');
  if (strategyPair !== undefined) {
    const value = isScalar(strategyPair.value) ? strategyPair.value.value : undefined;
    const offset = valueOffset(strategyPair);
    strategyLine = lineOf(offset);
    if (typeof value !== 'string' || !(overlayStrategies as readonly string[]).includes(value)) {
      const guess = typeof value === 'string' ? didYouMean(value, overlayStrategies) : undefined;
      throw fail(
        `"strategy" is ${JSON.stringify(isScalar(strategyPair.value) ? strategyPair.value.value : null)}; it must be one of ${overlayStrategies.join(', ')} (or left out, for section directives).${guess ? ` Did you mean "${guess}"?` : ''}`,
        offset,
      );
    }
    strategy = value as OverlayStrategy;
  }

  const meta = readMeta(yamlLines, pairs, lineCounter, file);
  return {
    extends: extendsRef,
    strategy,
    strategyLine,
    meta,
    body: lines.slice(closing + 1).join('\n'),
    bodyLine: closing + 2,
  };
}

type Fail = (reason: string, offset?: number, hint?: string) => SpecforgeError;

function valueOffset(pair: Pair): number | undefined {
  if (isNode(pair.value) && !(isScalar(pair.value) && pair.value.value === null)) {
    return pair.value.range?.[0];
  }
  return isNode(pair.key) ? pair.key.range?.[0] : undefined;
}

function readRef(pair: Pair, fail: Fail): string {
  const value = isScalar(pair.value) ? pair.value.value : undefined;
  const offset = valueOffset(pair);
  const example = 'e.g. "extends: speckit/plan"';
  if (typeof value !== 'string' || value.trim() === '') {
    throw fail(
      `"extends" must name the template this overlay changes as <pack>/<template>, ${example}.`,
      offset,
    );
  }
  try {
    parseTemplateRef(value);
  } catch (cause) {
    // The ref parser's hint knows the common mistake (an npm package name instead of a pack name).
    const hint = cause instanceof SpecforgeError ? cause.hint : undefined;
    throw fail(
      `"extends" is ${JSON.stringify(value)}, which is not a template ref; name the template this overlay changes as <pack>/<template>, ${example}.`,
      offset,
      hint,
    );
  }
  return value;
}

/**
 * Validates the template metadata keys with the template parser itself, so an overlay accepts
 * exactly what a template does, with the same messages. The overlay-only keys are commented
 * out line for line (keeping every other key on its line, so positions stay right) and a
 * placeholder `id`/`kind` is added when the overlay does not override them.
 */
function readMeta(
  yamlLines: readonly string[],
  pairs: ReadonlyMap<string, Pair>,
  lineCounter: LineCounter,
  file: string,
): OverlayMeta {
  const present = metaKeys.filter((key) => pairs.has(key));
  if (present.length === 0) return {};
  const lines = [...yamlLines];
  for (const key of overlayKeys) {
    const pair = pairs.get(key);
    if (!pair || !isPair(pair) || !isNode(pair.key)) continue;
    const start = pair.key.range?.[0] ?? 0;
    const end = isNode(pair.value) ? (pair.value.range?.[2] ?? start + 1) : start + 1;
    const first = lineCounter.linePos(start).line;
    const last = lineCounter.linePos(Math.max(start, end - 1)).line;
    for (let line = first; line <= last; line++) lines[line - 1] = `#${lines[line - 1] ?? ''}`;
  }
  if (!pairs.has('id')) lines.push('id: overlay');
  if (!pairs.has('kind')) lines.push('kind: other');
  const template = parseTemplateFile(`---\n${lines.join('\n')}\n---\n`, {
    file,
    pack: { name: 'overlay', version: '0.0.0' },
  });
  const meta: OverlayMeta = {};
  for (const key of present) Object.assign(meta, { [key]: template.meta[key] });
  return meta;
}
