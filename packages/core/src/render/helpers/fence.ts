import { expectArguments, expectNotBlock, expectText, HelperUsageError } from './_define.js';
import type { HelperCall } from './types.js';

const usage = '{{fence text}} or {{fence text "ts"}}';

/**
 * Wraps `text` in a backtick code fence that no backtick run inside it can close: the fence is
 * one backtick longer than the longest run in the text, and at least three. The text is kept
 * byte for byte; a line break is added before the closing fence only when the text does not
 * already end with one, so the code block's content is exactly the text.
 */
export function fenceText(text: string, lang = ''): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${text}${text.endsWith('\n') ? '' : '\n'}${fence}`;
}

/** `fence text [lang]`: see {@link fenceText}. */
export function fence(call: HelperCall): string {
  expectArguments('fence', call, usage, 1, 2);
  expectNotBlock('fence', call, usage);
  const text = expectText('fence', 'the first argument', call.args[0], usage);
  const lang = call.args.length > 1 ? expectText('fence', 'the language', call.args[1], usage) : '';
  // CommonMark: a backtick fence's info string may not contain backticks, and it is one line.
  if (/[`\r\n]/.test(lang)) {
    throw new HelperUsageError(
      `fence: the language must be one line without backticks, got ${JSON.stringify(lang)}. Usage: ${usage}`,
    );
  }
  return fenceText(text, lang);
}
