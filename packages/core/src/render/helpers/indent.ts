import { expectArguments, expectInteger, expectText } from './_define.js';
import type { HelperCall } from './types.js';

const usage = '{{indent text 4}} or {{#indent 4}}…{{/indent}}';

/** The widest indentation accepted; more is a mistake, not a layout. */
const maxIndent = 100;

/**
 * `indent text n` or `{{#indent n}}…{{/indent}}`: prefixes every non-empty line with `n` spaces.
 * Empty lines (including the `\r` left of an empty CRLF line) stay empty, so no trailing
 * whitespace is added; line endings are kept as they are.
 */
export function indent(call: HelperCall): string {
  let text: string;
  let width: unknown;
  if (call.block) {
    expectArguments('indent', call, usage, 1);
    width = call.args[0];
    text = call.block.render(call.context);
  } else {
    expectArguments('indent', call, usage, 2);
    text = expectText('indent', 'the first argument', call.args[0], usage);
    width = call.args[1];
  }
  const prefix = ' '.repeat(expectInteger('indent', 'the width', width, usage, 0, maxIndent));
  return text
    .split('\n')
    .map((line) => (line === '' || line === '\r' ? line : prefix + line))
    .join('\n');
}
