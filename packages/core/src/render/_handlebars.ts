import Handlebars from 'handlebars';

/** An isolated Handlebars environment, as returned by `Handlebars.create()`. */
export type HandlebarsEnv = ReturnType<typeof Handlebars.create>;

/** A Handlebars source position: 1-based line, 0-based column (Handlebars' own convention). */
export interface HbPosition {
  line: number;
  column: number;
}

/** A Handlebars source range, as found on AST nodes, exceptions and `options.loc`. */
export interface HbLocation {
  start: HbPosition;
  end?: HbPosition;
}

/** The options object Handlebars passes as the last argument of every helper call. */
export interface HbHelperOptions {
  name?: string;
  fn?: (context: unknown) => string;
  inverse?: (context: unknown) => string;
  hash?: Record<string, unknown>;
  loc?: HbLocation;
}

/** The fields of a Handlebars `Exception` we read; plain parser errors have none of the numbers. */
export interface HbErrorShape {
  message: string;
  lineNumber?: unknown;
  column?: unknown;
  endLineNumber?: unknown;
  endColumn?: unknown;
}

/** A compiled Handlebars template function. */
export type HbTemplateDelegate = (context: unknown, options?: object) => string;

/** An instance of Handlebars' JavaScriptCompiler, reduced to the members our subclass uses. */
export interface JavaScriptCompilerInstance {
  compiler: unknown;
  source: { currentLocation?: HbLocation | undefined };
  popStack(): unknown;
  push(expression: unknown): unknown;
  aliasable(name: string): unknown;
  quotedString(value: string): unknown;
  resolvePath(
    type: string,
    parts: readonly string[],
    startPartIndex: number,
    falsy?: boolean,
    strict?: boolean,
  ): void;
  compile(environment: unknown, options: object, context: undefined, asObject: true): unknown;
}

/** The constructor of {@link JavaScriptCompilerInstance}. */
export type JavaScriptCompilerClass = new () => JavaScriptCompilerInstance;

/**
 * The parts of a Handlebars instance that its type declarations leave out. They are the same
 * pieces `Handlebars.compile` itself uses; we call them directly so that compiling is eager
 * (Handlebars' own `compile` defers parsing to the first render) and so that the
 * JavaScriptCompiler can be replaced on one instance only.
 */
export interface HandlebarsInternals {
  Compiler: new () => { compile(ast: unknown, options: object): unknown };
  JavaScriptCompiler: JavaScriptCompilerClass;
  /** The shared jison parser; after a failed parse its lexer still holds the failing position. */
  Parser?: { lexer?: { yylloc?: { first_line?: unknown; first_column?: unknown } } };
  template(spec: unknown): HbTemplateDelegate;
}

/** Creates a Handlebars instance of its own: helpers and partials registered on it stay on it. */
export function createIsolatedHandlebars(): HandlebarsEnv {
  return Handlebars.create();
}

/** Returns the internals of `hb`, failing loudly if this Handlebars version lacks one of them. */
export function internalsOf(hb: HandlebarsEnv): HandlebarsInternals {
  const internals = hb as unknown as HandlebarsInternals;
  if (
    typeof internals.Compiler !== 'function' ||
    typeof internals.JavaScriptCompiler !== 'function' ||
    typeof internals.template !== 'function'
  ) {
    // A bug (an incompatible Handlebars), not bad input: no catalog code applies.
    throw new Error(
      `The installed Handlebars ${hb.VERSION} lacks Compiler, JavaScriptCompiler or template; specforge needs handlebars 4.7.`,
    );
  }
  return internals;
}

/** Reads a Handlebars error's fields without trusting its shape. */
export function asHandlebarsError(error: unknown): HbErrorShape | undefined {
  if (error instanceof Error) return error as HbErrorShape;
  return undefined;
}

/** The integer value of `value`, or `undefined` when it is not one. */
export function integerOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}
