import { createRequire } from 'node:module';
import HandlebarsRuntime from 'handlebars/runtime.js';

// handlebars/runtime.d.ts declares no exports, but the module is the runtime half of
// `handlebars`: the same object without the parser and the compilers.
type HandlebarsModule = typeof import('handlebars');
const runtime = HandlebarsRuntime as unknown as HandlebarsModule;

/**
 * An isolated Handlebars environment, as returned by the runtime's `Handlebars.create()`: it
 * renders compiled templates; compiling needs {@link loadHandlebarsCompiler}.
 */
export type HandlebarsEnv = ReturnType<HandlebarsModule['create']>;

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
  /** Generates the template's code: the source of an object literal (a template spec). */
  compile(environment: unknown, options: object): string;
}

/** The constructor of {@link JavaScriptCompilerInstance}. */
export type JavaScriptCompilerClass = new () => JavaScriptCompilerInstance;

/**
 * The parts of Handlebars that compile templates, which its type declarations leave out. They
 * are the pieces `Handlebars.compile` itself uses; we call them directly so that compiling is
 * eager (Handlebars' own `compile` defers parsing to the first render) and so that the
 * JavaScriptCompiler can be subclassed without changing it for other users of Handlebars.
 */
export interface HandlebarsCompiler {
  parse(input: string): unknown;
  Compiler: new () => { compile(ast: unknown, options: object): unknown };
  JavaScriptCompiler: JavaScriptCompilerClass;
  /** The shared jison parser; after a failed parse its lexer still holds the failing position. */
  Parser?: { lexer?: { yylloc?: { first_line?: unknown; first_column?: unknown } } };
}

/** The runtime half of Handlebars' internals: what renders a compiled template. */
export interface HandlebarsRuntimeInternals {
  /** Turns a template spec (the evaluated output of the JavaScriptCompiler) into a function. */
  template(spec: unknown): HbTemplateDelegate;
  VERSION: string;
  COMPILER_REVISION: number;
}

/** Creates a Handlebars instance of its own: helpers and partials registered on it stay on it. */
export function createIsolatedHandlebars(): HandlebarsEnv {
  return runtime.create();
}

/** Returns the runtime internals of `hb`, failing loudly if this Handlebars version lacks one. */
export function runtimeInternalsOf(hb: HandlebarsEnv): HandlebarsRuntimeInternals {
  const internals = hb as unknown as HandlebarsRuntimeInternals;
  if (typeof internals.template !== 'function' || typeof internals.COMPILER_REVISION !== 'number') {
    // A bug (an incompatible Handlebars), not bad input: no catalog code applies.
    throw new Error(
      `The installed Handlebars ${hb.VERSION} lacks template or COMPILER_REVISION; specforge needs handlebars 4.7.`,
    );
  }
  return internals;
}

let compiler: HandlebarsCompiler | undefined;

/**
 * The Handlebars compiler (the parser and the code generators), loaded on the first call: a
 * template whose compiled form is in a compile cache renders with the runtime alone.
 *
 * It is the same Handlebars as the runtime (`handlebars` requires `handlebars/runtime`), so
 * what it compiles runs on the runtime's instances. Loaded with `require` because compiling is
 * synchronous: Node runs the `createRequire` branch; a bundler sees the `require('handlebars')`
 * call, bundles it and evaluates it on the first call only.
 *
 * @throws Error when this Handlebars version lacks one of the pieces (a bug, not bad input).
 */
export function loadHandlebarsCompiler(): HandlebarsCompiler {
  if (compiler) return compiler;
  const loaded = (
    typeof require === 'function'
      ? require('handlebars')
      : createRequire(import.meta.url)('handlebars')
  ) as HandlebarsCompiler & { VERSION?: string };
  if (
    typeof loaded.parse !== 'function' ||
    typeof loaded.Compiler !== 'function' ||
    typeof loaded.JavaScriptCompiler !== 'function'
  ) {
    throw new Error(
      `The installed Handlebars ${loaded.VERSION} lacks parse, Compiler or JavaScriptCompiler; specforge needs handlebars 4.7.`,
    );
  }
  compiler = loaded;
  return compiler;
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
