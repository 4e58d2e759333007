import { SpecforgeError } from '../errors/index.js';
import { asHandlebarsError, type HandlebarsCompiler, integerOrUndefined } from './_handlebars.js';
import { type BodyOrigin, locateInFile } from './_location.js';

/** Plain words for the parser's token names, for the first line of the reason. */
const tokenWords: Record<string, string> = {
  EOF: 'unexpected end of the template (is a {{#block}} missing its {{/block}}, or a {{ its }}?)',
  INVALID: 'unexpected character inside {{ }} (is a }} missing?)',
  CLOSE: 'unexpected }}',
  CLOSE_UNESCAPED: 'unexpected }}}',
  INVERSE: 'unexpected {{else}} outside a block',
  OPEN_ENDBLOCK: 'unexpected {{/…}} that closes no block',
};

/**
 * Turns an error thrown while parsing or compiling a Handlebars body into
 * `SPECFORGE_TEMPLATE_SYNTAX`, located in the body's file, with the parser's reason in at
 * most two lines (the excerpt and the `----^` caret Handlebars draws are dropped: the location
 * says where).
 */
export function toSyntaxError(
  error: unknown,
  origin: BodyOrigin,
  compiler: HandlebarsCompiler,
  helperNames: readonly string[],
): SpecforgeError {
  const hbError = asHandlebarsError(error);
  const message = hbError?.message ?? String(error);
  const line = integerOrUndefined(hbError?.lineNumber);

  // Exceptions raised on a known AST node carry its position and end with " - line:column".
  if (line !== undefined) {
    let reason = message.replace(/ - \d+:\d+$/, '');
    const unknownHelper = /^You specified knownHelpersOnly, but used the unknown helper (.+)$/.exec(
      reason,
    );
    if (unknownHelper) {
      reason = `"${unknownHelper[1]}" is not a helper. The helpers are: ${helperNames.join(', ')}.`;
    }
    const location = locateInFile(origin, line, integerOrUndefined(hbError?.column));
    return new SpecforgeError('SPECFORGE_TEMPLATE_SYNTAX', { reason }, { location, cause: error });
  }

  // jison's errors: "Parse error on line N:\n<excerpt>\n----^\nExpecting …, got 'X'".
  const parse = /^Parse error on line (\d+):/.exec(message);
  if (parse) {
    const parseLine = Number(parse[1]);
    const expecting = message.split('\n').find((text) => text.startsWith('Expecting ')) ?? '';
    const got = /got '([^']*)'$/.exec(expecting)?.[1] ?? '';
    const summary = tokenWords[got] ?? `unexpected ${got || 'text'}`;
    const reason = expecting ? `${summary}\n${expecting}` : summary;
    // The parser's message has only the line; its lexer still holds the failing token's position.
    const yylloc = compiler.Parser?.lexer?.yylloc;
    const column =
      integerOrUndefined(yylloc?.first_line) === parseLine
        ? integerOrUndefined(yylloc?.first_column)
        : undefined;
    const location = locateInFile(origin, parseLine, column);
    return new SpecforgeError('SPECFORGE_TEMPLATE_SYNTAX', { reason }, { location, cause: error });
  }

  const lexical = /^Lexical error on line (\d+)\./.exec(message);
  if (lexical) {
    const location = locateInFile(origin, Number(lexical[1]));
    const reason = 'unrecognized text (is a {{!-- comment --}} not closed?)';
    return new SpecforgeError('SPECFORGE_TEMPLATE_SYNTAX', { reason }, { location, cause: error });
  }

  const reason = message.split('\n')[0] ?? message;
  return new SpecforgeError(
    'SPECFORGE_TEMPLATE_SYNTAX',
    { reason },
    { location: { file: origin.file }, cause: error },
  );
}
