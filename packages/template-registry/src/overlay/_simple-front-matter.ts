import { parseTemplateRef } from '../template-ref.js';
import { type OverlayStrategy, overlayStrategies } from './overlay-types.js';

/** The overlay keys of a front matter read without the YAML parser. */
export interface SimpleOverlayKeys {
  extends: string;
  strategy: OverlayStrategy;
  /** 1-based file line of the `strategy` value (of `extends` when there is none). */
  strategyLine: number;
}

// `extends` or `strategy`, a colon, spaces, and a value of the characters a template ref or a
// strategy name is made of. No YAML reads such a line as anything but that key and a plain
// string: none of them can start a comment, a quote, a tag, an anchor, a flow collection or a
// block scalar, and a value with a `/` cannot be a number, a boolean or null.
const simpleLine = /^(extends|strategy): +([a-z0-9._/-]+)$/;

/**
 * Reads the front matter lines of an overlay (between the `---` markers) when they are only
 * `extends: <pack>/<template>` and, at most once, `strategy: <name>`, one a line: what nearly
 * every overlay has. Parsing that with the YAML parser costs far more than the rest of the
 * overlay. Returns `undefined` for anything else, valid or not, which the YAML parser then
 * reads and reports exactly: this gives only results the YAML reading gives too.
 *
 * @param yamlLines - The lines between the markers; the first is line 2 of the file.
 */
export function readSimpleOverlayKeys(yamlLines: readonly string[]): SimpleOverlayKeys | undefined {
  let extendsRef: string | undefined;
  let strategy: OverlayStrategy | undefined;
  let extendsLine = 0;
  let strategyLine = 0;
  for (const [index, line] of yamlLines.entries()) {
    const match = simpleLine.exec(line);
    if (match === null) return undefined;
    const [, key, value] = match as unknown as [string, 'extends' | 'strategy', string];
    if (key === 'extends') {
      if (extendsRef !== undefined || !isTemplateRef(value)) return undefined;
      extendsRef = value;
      extendsLine = index + 2;
    } else {
      if (strategy !== undefined || !isStrategy(value)) return undefined;
      strategy = value;
      strategyLine = index + 2;
    }
  }
  if (extendsRef === undefined) return undefined;
  return strategy === undefined
    ? { extends: extendsRef, strategy: 'sections', strategyLine: extendsLine }
    : { extends: extendsRef, strategy, strategyLine };
}

function isTemplateRef(value: string): boolean {
  try {
    parseTemplateRef(value);
    return true;
  } catch {
    return false;
  }
}

function isStrategy(value: string): value is Exclude<OverlayStrategy, 'sections'> {
  return (overlayStrategies as readonly string[]).includes(value);
}
