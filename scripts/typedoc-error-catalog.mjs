// A typedoc plugin for the API reference (typedoc.json): documents each entry of @specforge/core's
// errorCatalog from the catalog itself. The catalog is `as const` data, so typedoc expands every
// entry and its kind, message and hint into properties that `notDocumented` requires a comment
// on; a comment per entry would only repeat the entry. Each entry gets its kind and hint instead,
// and the three fields one shared sentence each.
import { Comment, Converter, ReflectionKind } from 'typedoc';
import ts from 'typescript';

const catalogFile = /[\\/]core[\\/]src[\\/]errors[\\/]catalog\.ts$/;

const exitCodes = {
  usage: 'a `usage` error: the CLI exits with 2',
  problem: 'a `problem`: the CLI exits with 1',
  conflict: 'a `conflict`: the CLI exits with 3',
  warning: 'a `warning`: reported, never fails a command',
};

const fields = {
  kind: 'How the CLI treats the error: `usage` exits with 2, `problem` with 1, `conflict` with 3; a `warning` never fails a command.',
  message:
    'Builds the message (what happened and why) from the arguments the error is raised with.',
  hint: 'What to do about it.',
};

/** The text of a string property of an object literal, e.g. an entry's `hint`. */
function stringProperty(object, name) {
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property) || property.name.getText() !== name) continue;
    const value = property.initializer;
    if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) return value.text;
  }
  return undefined;
}

/** Markdown special characters outside code spans escaped: hints say `<pack>/<template>`. */
function escapeMarkdown(text) {
  return text
    .split(/(`[^`]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/[\\*_<>[\]]/g, '\\$&')))
    .join('');
}

function describe(declaration) {
  if (!ts.isPropertyAssignment(declaration)) return undefined;
  const name = declaration.name.getText();
  if (ts.isObjectLiteralExpression(declaration.initializer)) {
    const kind = stringProperty(declaration.initializer, 'kind');
    const hint = stringProperty(declaration.initializer, 'hint');
    if (!kind || !hint || !(kind in exitCodes)) return undefined;
    return `\`${name}\` is ${exitCodes[kind]}. ${escapeMarkdown(hint)}`;
  }
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
    if (!reflection.kindOf(ReflectionKind.Property) || reflection.hasComment()) return;
    const declaration = context.getSymbolFromReflection(reflection)?.valueDeclaration;
    if (!declaration || !catalogFile.test(declaration.getSourceFile().fileName)) return;
    const text = describe(declaration);
    if (text) reflection.comment = new Comment([{ kind: 'text', text }]);
  });
}
