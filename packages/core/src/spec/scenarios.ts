import { joinSoftBreaks } from './block-text.js';

/** The three parts of a Given/When/Then scenario; all `undefined` when the text has another shape. */
export interface ScenarioParts {
  given: string | undefined;
  when: string | undefined;
  then: string | undefined;
}

type Keyword = 'given' | 'when' | 'then';

// Bold keywords as Spec Kit templates and their translations write them (`**Given**`,
// `**Gegeben**`, `**前提条件**`, `**Cho rằng**`…). `And` is not listed: it stays in the part
// it extends.
const boldKeywords = new Map<string, Keyword>();
const add = (keyword: Keyword, ...words: string[]) => {
  for (const w of words) boldKeywords.set(w.normalize('NFC').toLowerCase(), keyword);
};
add(
  'given',
  'given',
  'dado',
  'dada',
  'dado que',
  'dados',
  'gegeben',
  'gegeben sei',
  'angenommen',
  'étant donné',
  'etant donne',
  'etant donné',
  'soit',
  'dato',
  '前提条件',
  '前提',
  '给定',
  '給定',
  '假设',
  '假設',
  '假定',
  'cho rằng',
  'cho trước',
  'giả sử',
  '주어진',
  '전제',
  'дано',
  'допустим',
  'если',
);
add(
  'when',
  'when',
  'cuando',
  'wenn',
  'quand',
  'lorsque',
  'quando',
  '操作',
  '当',
  '當',
  '如果',
  'khi',
  '만약',
  '언제',
  'когда',
);
add(
  'then',
  'then',
  'entonces',
  'dann',
  'alors',
  'então',
  'entao',
  'allora',
  '期待結果',
  '期待',
  '結果',
  '则',
  '則',
  '那么',
  '那麼',
  'thì',
  '그러면',
  '결과',
  'тогда',
  'то',
);

// `**Given**`, `**Given:**`, `**Given**:` — the keyword span absorbs a colon after it.
const boldSpan = /\*\*([^*\n]{1,30}?)\*\*[ \t]*[:：]?/gu;

// Plain keywords, for items written without bold. Only Latin-script words, whole words only
// (JavaScript's \b is ASCII-only, hence the look-arounds).
const edge = String.raw`(?<![\p{L}\p{N}])`;
const end = String.raw`(?![\p{L}\p{N}])`;
const emphasis = String.raw`(?:\*\*|__|\*|_)?`;
const plainGiven = new RegExp(
  String.raw`^\s*${emphasis}(?:given|dado que|dado|dada|gegeben sei|gegeben|angenommen|étant donné|etant donne)${end}${emphasis}\s*[:：]?`,
  'iu',
);
const plainWhen = new RegExp(
  `${edge}${emphasis}${edge}(?:when|cuando|wenn|quand|lorsque|quando)${end}${emphasis}\\s*[:：]?`,
  'iu',
);
const plainThen = new RegExp(
  `${edge}${emphasis}${edge}(?:then|entonces|dann|alors|então|entao)${end}${emphasis}\\s*[:：]?`,
  'iu',
);

/**
 * Splits `Given …, When …, Then …` into its parts. Bold keywords are tried first (they are
 * unambiguous, in any of the known languages); then plain English-and-neighbours keywords
 * when the text starts with one. `Then` is required, with `Given` or `When` before it; a
 * missing `When` (`Given …, Then …`) leaves `when` undefined. Text after `Then` (e.g.
 * `, And …`) stays in `then`.
 */
export function parseScenario(text: string): ScenarioParts {
  return splitOnBold(text) ?? splitOnPlain(text) ?? noParts();
}

function noParts(): ScenarioParts {
  // biome-ignore lint/suspicious/noThenProperty: Given/When/Then is the model's vocabulary; a string `then` is never called, so nothing is a thenable
  return { given: undefined, when: undefined, then: undefined };
}

interface Span {
  start: number;
  end: number;
}

function splitOnBold(text: string): ScenarioParts | undefined {
  const spans: (Span & { keyword: Keyword })[] = [];
  for (const m of text.matchAll(boldSpan)) {
    const word = m[1]!
      .trim()
      .replace(/[:：]$/u, '')
      .trim()
      .normalize('NFC')
      .toLowerCase();
    const keyword = boldKeywords.get(word);
    if (keyword !== undefined) spans.push({ keyword, start: m.index, end: m.index + m[0].length });
  }
  const given = spans.find((s) => s.keyword === 'given');
  const when = spans.find((s) => s.keyword === 'when' && s.start >= (given?.end ?? 0));
  const before = when ?? given;
  if (!before) return undefined;
  const then = spans.find((s) => s.keyword === 'then' && s.start >= before.end);
  if (!then) return undefined;
  return parts(text, given, when, then);
}

function splitOnPlain(text: string): ScenarioParts | undefined {
  const g = plainGiven.exec(text);
  const given = g ? { start: g.index, end: g.index + g[0].length } : undefined;
  const afterGiven = given?.end ?? 0;
  const w = plainWhen.exec(text.slice(afterGiven));
  // Without a Given, the text must start with When.
  const when =
    w && (given || text.slice(0, afterGiven + w.index).trim() === '')
      ? { start: afterGiven + w.index, end: afterGiven + w.index + w[0].length }
      : undefined;
  const before = when ?? given;
  if (!before) return undefined;
  const afterWhen = before.end;
  const t = plainThen.exec(text.slice(afterWhen));
  if (!t) return undefined;
  const then = { start: afterWhen + t.index, end: afterWhen + t.index + t[0].length };
  return parts(text, given, when, then);
}

function parts(
  text: string,
  given: Span | undefined,
  when: Span | undefined,
  then: Span,
): ScenarioParts {
  return {
    given: given && clean(text.slice(given.end, (when ?? then).start)),
    when: when && clean(text.slice(when.end, then.start)),
    // biome-ignore lint/suspicious/noThenProperty: Given/When/Then is the model's vocabulary; a string `then` is never called, so nothing is a thenable
    then: clean(text.slice(then.end)),
  };
}

// Separators between parts (`, When`, `，当`, `; Then`) belong to neither part.
const separator = /[\s:：,;，、；]/u;

function clean(part: string): string {
  const text = joinSoftBreaks(part);
  // Trimmed by hand: a `[…]+$` regex is quadratic on long runs of separators.
  let start = 0;
  let end = text.length;
  while (start < end && separator.test(text[start]!)) start++;
  while (
    end > start &&
    separator.test(text[end - 1]!) &&
    text[end - 1] !== ':' &&
    text[end - 1] !== '：'
  )
    end--;
  return text.slice(start, end);
}
