import { SpecforgeError } from '../errors/index.js';
import { type CompiledOrigin, HelperFailure, PartialFailure } from './_failures.js';
import { asHandlebarsError, integerOrUndefined } from './_handlebars.js';
import { locateInFile, sliceBody } from './_location.js';

// Handlebars' strict lookup: `"name" not defined in <parent> - line:column`.
const notDefined = /^"([\s\S]*)" not defined in /;
const partialNotFound = /^The partial ([\s\S]+) could not be found$/;
// Path segments as written: `[literal]` or a run of name characters (`@root` included).
const pathSegment = /\[([^\]]*)\]|([^./\s[\]]+)/g;

/**
 * The path as written up to and including the segment that was missing (`spec.titel` for
 * `{{spec.titel.text}}`: Handlebars reports only `titel`), and the part before that segment.
 */
function missingPath(
  written: string | undefined,
  segment: string,
): { path: string; parent: string } {
  if (written === undefined) return { path: segment, parent: '' };
  for (const match of written.matchAll(pathSegment)) {
    const name = match[1] ?? match[2]?.replace(/^@/, '');
    if (name === segment) {
      return {
        path: written.slice(0, match.index + match[0].length),
        parent: written.slice(0, match.index).replace(/[./]$/, ''),
      };
    }
  }
  return { path: written, parent: '' };
}

/**
 * Turns an error thrown while rendering into a {@link SpecforgeError} located in the file of the
 * body it happened in: a missing input becomes `SPECFORGE_TEMPLATE_INPUT_MISSING`, anything else
 * `SPECFORGE_TEMPLATE_RENDER_FAILED`.
 */
export function toRenderError(error: unknown, origin: CompiledOrigin): SpecforgeError {
  if (error instanceof SpecforgeError) return error;
  if (error instanceof PartialFailure) return toRenderError(error.error, error.origin);
  if (error instanceof HelperFailure) {
    const start = error.loc?.start;
    return new SpecforgeError(
      'SPECFORGE_TEMPLATE_RENDER_FAILED',
      { reason: error.reason },
      {
        location: locateInFile(origin, start?.line, start?.column),
        hint: `See the ${error.helper} helper in docs/rendering.md.`,
        cause: error.cause,
      },
    );
  }

  const hbError = asHandlebarsError(error);
  const message = hbError?.message ?? String(error);
  const line = integerOrUndefined(hbError?.lineNumber);
  const column = integerOrUndefined(hbError?.column);
  const endLine = integerOrUndefined(hbError?.endLineNumber);
  const endColumn = integerOrUndefined(hbError?.endColumn);
  const location = locateInFile(origin, line, column);

  const missing = notDefined.exec(message);
  if (missing && line !== undefined && column !== undefined) {
    const segment = missing[1] ?? '';
    const written =
      endLine !== undefined && endColumn !== undefined
        ? sliceBody(origin.body, { line, column }, { line: endLine, column: endColumn })
        : undefined;
    const { path, parent } = missingPath(written, segment);
    return new SpecforgeError(
      'SPECFORGE_TEMPLATE_INPUT_MISSING',
      { input: path },
      { location, hint: missingHint(parent, segment), cause: error },
    );
  }

  const partial = partialNotFound.exec(message);
  if (partial) {
    const name = partial[1] ?? '';
    const call = origin.partialCalls.get(name);
    return new SpecforgeError(
      'SPECFORGE_TEMPLATE_RENDER_FAILED',
      { reason: `there is no partial "${name}".` },
      {
        location: locateInFile(origin, call?.line, call?.column),
        hint: 'Check the partial name; partials come from the template pack, or from {{#*inline "name"}} in the template.',
        cause: error,
      },
    );
  }

  const reason = message.replace(/ - \d+:\d+$/, '');
  return new SpecforgeError(
    'SPECFORGE_TEMPLATE_RENDER_FAILED',
    { reason },
    { location, cause: error },
  );
}

function missingHint(parent: string, segment: string): string {
  if (parent === 'this' || parent === '.') {
    return `The current item has no field "${segment}". Check the name, and that the list holds objects rather than texts.`;
  }
  if (parent !== '' && !/^(?:\.\.(?:\/\.\.)*|@root)$/.test(parent)) {
    return `"${parent}" has no field "${segment}". Check the name (fields of the spec model that can be empty are always present); read a field that may be absent with {{lookup ${parent} "${segment}"}}.`;
  }
  return `Provide "${segment}" and declare it in the template's inputs, or fix the name. Inside {{#each}} and {{#with}} names refer to the current item: write ../${segment} or @root.${segment} for a top-level input.`;
}
