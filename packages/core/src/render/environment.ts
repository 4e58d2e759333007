import type { SpecforgeError } from '../errors/index.js';
import type { TemplateSource } from '../template/types.js';
import { type AstNode, listPartialCalls } from './_ast.js';
import {
  type CompiledEntry,
  compiledEntryKey,
  decodeCompiledEntry,
  encodeCompiledEntry,
} from './_compiled-entry.js';
import { buildRenderContext } from './_context.js';
import { type CompiledOrigin, PartialFailure } from './_failures.js';
import {
  createIsolatedHandlebars,
  type HandlebarsEnv,
  type HandlebarsRuntimeInternals,
  type HbTemplateDelegate,
  loadHandlebarsCompiler,
  runtimeInternalsOf,
} from './_handlebars.js';
import type { BodyOrigin } from './_location.js';
import { toRenderError } from './_render-error.js';
import { strictLookupCompiler, strictLookupRevision } from './_strict-lookup.js';
import { toSyntaxError } from './_syntax-error.js';
import type { TemplateCompileCache } from './compile-cache.js';
import { adaptHelper } from './helpers/_define.js';
import { builtinHelpers, handlebarsHelperNames } from './helpers/index.js';
import type { HelperImplementation } from './helpers/types.js';

/** A partial given with its file, so that errors inside it point into that file. */
export interface PartialSource {
  /** The partial's Handlebars source. */
  body: string;
  /** Path of the file the partial comes from, for error locations. */
  file: string;
  /** 1-based line of `file` on which `body` starts; 1 when omitted. */
  bodyLine?: number;
}

/**
 * A helper supplied by the program embedding specforge. It runs with the program's
 * privileges, so it must come from trusted code — never from a template pack.
 */
export type TrustedHelper = HelperImplementation;

/** Options of {@link createRenderEnvironment}. */
export interface RenderEnvironmentOptions {
  /**
   * Partials by name, usable as `{{> name}}`: the Handlebars source, or a {@link PartialSource}
   * to have errors located in the partial's file. Compiled when the environment is created.
   */
  partials?: Readonly<Record<string, string | PartialSource>>;
  /**
   * Extra helpers by name. **For trusted code only**: a helper is a function that runs with
   * the program's privileges, so never register helpers that come from a template pack.
   * Names must not clash with the built-in helpers.
   */
  helpers?: Readonly<Record<string, TrustedHelper>>;
  /**
   * Keeps what this environment compiles for later processes (see
   * {@link createTemplateCompileCache}): a template found there renders without loading the
   * Handlebars compiler. Entries are keyed by the template text, the Handlebars version, the
   * helpers and specforge's compile options, and checked when read; one that does not check out
   * is compiled again and replaced. Rendering is the same with or without a cache.
   */
  compileCache?: TemplateCompileCache;
}

/** A template compiled by a {@link RenderEnvironment}, ready to render repeatedly. */
export interface CompiledTemplate {
  /** The template this was compiled from. */
  readonly template: TemplateSource;
  /** Renders the template with `inputs`; see {@link RenderEnvironment.render}. */
  render(inputs: Readonly<Record<string, unknown>>): string;
}

/**
 * An isolated Handlebars instance with specforge's helpers and the given partials, and a cache
 * of the templates it compiled. Create one per set of partials and reuse it for every render.
 */
export interface RenderEnvironment {
  /**
   * Compiles a template, or returns the cached compilation of the same file and body.
   *
   * @throws {@link SpecforgeError} `SPECFORGE_TEMPLATE_SYNTAX`, located in the template file.
   */
  compile(template: TemplateSource): CompiledTemplate;
  /**
   * Renders a template with `inputs` to Markdown. Values are inserted as they are: no HTML
   * escaping, no re-evaluation of `{{ }}` inside them.
   *
   * @throws {@link SpecforgeError} `SPECFORGE_TEMPLATE_SYNTAX`; `SPECFORGE_TEMPLATE_INPUT_MISSING`
   * when a required input is not provided or the template uses a name that is not there;
   * `SPECFORGE_TEMPLATE_RENDER_FAILED` when a helper is called wrongly or a partial is missing.
   */
  render(template: TemplateSource, inputs: Readonly<Record<string, unknown>>): string;
  /** Names of the helpers templates can call in this environment, sorted. */
  readonly helperNames: readonly string[];
}

/** A compiled body: the template function and what error mapping needs. */
interface CompiledBody extends CompiledOrigin {
  delegate: HbTemplateDelegate;
}

// Builtin names a trusted helper may not take: replacing them would change every template.
const reservedHelperNames = new Set([
  ...Object.keys(builtinHelpers),
  ...handlebarsHelperNames,
  'log',
  'helperMissing',
  'blockHelperMissing',
]);

// A name Handlebars can call as `{{name …}}` without brackets.
const helperNamePattern = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Creates a render environment: its own Handlebars instance (never the global one) with
 * specforge's helpers, strict lookups, no HTML escaping, and the given partials.
 *
 * @throws {@link SpecforgeError} `SPECFORGE_TEMPLATE_SYNTAX` when a partial does not parse.
 * @throws TypeError when a trusted helper's name is invalid or taken.
 *
 * @example
 * ```ts
 * const environment = createRenderEnvironment({ partials: { footer: '— {{project.name}}' } });
 * const plan = environment.render(template, {
 *   SPECIFICATION: specText,
 *   spec,
 *   project: { name: 'acme-shop', root: '.', config: {} },
 *   template: { id: 'plan', pack: 'speckit', version: '1.0.0', ref: 'speckit/plan' },
 *   today: '2025-01-31',
 * });
 * ```
 */
export function createRenderEnvironment(options: RenderEnvironmentOptions = {}): RenderEnvironment {
  const hb = createIsolatedHandlebars();
  const internals = runtimeInternalsOf(hb);
  // `{{log}}` writes to the console; a library must not, and templates have nothing to log.
  hb.unregisterHelper('log');

  const helpers: Record<string, HelperImplementation> = { ...builtinHelpers };
  for (const [name, helper] of Object.entries(options.helpers ?? {})) {
    if (!helperNamePattern.test(name) || reservedHelperNames.has(name)) {
      throw new TypeError(
        `A trusted helper cannot be named ${JSON.stringify(name)}: the name is invalid or taken.`,
      );
    }
    if (typeof helper !== 'function') throw new TypeError(`The helper ${name} is not a function.`);
    helpers[name] = helper;
  }
  for (const [name, helper] of Object.entries(helpers)) {
    hb.registerHelper(name, adaptHelper(name, helper));
  }
  const helperNames = Object.freeze([...Object.keys(helpers), ...handlebarsHelperNames].sort());

  // Only these names can be called with arguments: a misspelt helper fails at compile time.
  const knownHelpers: Record<string, boolean> = {
    log: false,
    helperMissing: false,
    blockHelperMissing: false,
  };
  for (const name of helperNames) knownHelpers[name] = true;

  const cache = options.compileCache;
  const codegen = cache ? strictLookupRevision() : '';
  const compileBody = (origin: BodyOrigin): CompiledBody => {
    const key = cache
      ? compiledEntryKey({
          handlebars: internals.VERSION,
          compilerRevision: internals.COMPILER_REVISION,
          codegen,
          options: compileOptions(knownHelpers),
          body: origin.body,
        })
      : '';
    const saved = cache?.read(key);
    const entry = saved === undefined ? undefined : decodeCompiledEntry(saved, key);
    const cached = entry && cachedTemplate(internals, entry.code);
    if (entry && cached) {
      return { ...bodyOrigin(origin), partialCalls: entry.partialCalls, delegate: cached };
    }
    const compiled = compileHandlebars(origin, knownHelpers, helperNames);
    const delegate = internals.template(evaluateSpec(compiled.code));
    cache?.write(key, encodeCompiledEntry(key, compiled));
    return { ...bodyOrigin(origin), partialCalls: compiled.partialCalls, delegate };
  };

  for (const [name, source] of Object.entries(options.partials ?? {})) {
    registerPartial(hb, name, source, compileBody);
  }

  const compiledBodies = new Map<string, CompiledBody>();
  const compile = (template: TemplateSource): CompiledTemplate => {
    const key = `${template.file}\0${template.body}`;
    let compiled = compiledBodies.get(key);
    if (!compiled) {
      compiled = compileBody(template);
      compiledBodies.set(key, compiled);
    }
    const body = compiled;
    return {
      template,
      render: (inputs) => renderCompiled(body, template, inputs),
    };
  };

  return {
    compile,
    render: (template, inputs) => compile(template).render(inputs),
    helperNames,
  };
}

function renderCompiled(
  compiled: CompiledBody,
  template: TemplateSource,
  inputs: Readonly<Record<string, unknown>>,
): string {
  const context = buildRenderContext(template, inputs);
  // The cached compilation may come from a template object with another bodyLine; errors must
  // point into the file as this template describes it.
  const origin: CompiledOrigin = {
    file: template.file,
    bodyLine: template.bodyLine,
    body: template.body,
    partialCalls: compiled.partialCalls,
  };
  try {
    return compiled.delegate(context, runtimeOptions());
  } catch (error) {
    throw toRenderError(error, origin);
  }
}

/**
 * Runtime options of every render. Prototype access stays denied (the Handlebars default);
 * stating `false` explicitly is what stops Handlebars from printing a warning to the console on
 * each denied access — its logger is shared by every Handlebars instance in the process, so
 * silencing it there would change other users of Handlebars.
 */
function runtimeOptions(): Record<string, unknown> {
  return { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };
}

/**
 * Parses and compiles a body eagerly, to the source of its template spec (what
 * `Handlebars.precompile` returns). (`Handlebars.compile` parses on first render, which would
 * report syntax errors as render errors; these are the same steps it takes.)
 */
function compileHandlebars(
  origin: BodyOrigin,
  knownHelpers: Record<string, boolean>,
  helperNames: readonly string[],
): CompiledEntry {
  const compiler = loadHandlebarsCompiler();
  try {
    const ast = compiler.parse(origin.body) as AstNode;
    const options = compileOptions(knownHelpers);
    const environment = new compiler.Compiler().compile(ast, options);
    const JavaScriptCompiler = strictLookupCompiler(compiler.JavaScriptCompiler);
    const code = new JavaScriptCompiler().compile(environment, options);
    return { code, partialCalls: listPartialCalls(ast) };
  } catch (error) {
    throw toSyntaxError(error, origin, compiler, helperNames);
  }
}

/** The options of every compilation; Handlebars' compilers write into them, so each gets its own. */
function compileOptions(knownHelpers: Record<string, boolean>) {
  return {
    data: true,
    noEscape: true,
    strict: true,
    knownHelpersOnly: true,
    knownHelpers: { ...knownHelpers },
  };
}

/**
 * Evaluates the source of a template spec, as Handlebars evaluates its precompiled templates.
 * The source is Handlebars' own output: its JavaScriptCompiler writes template text only into
 * string literals.
 */
function evaluateSpec(code: string): unknown {
  return new Function(`return (${code});`)();
}

/**
 * The template function of a cached spec's source, or `undefined` when the source does not
 * evaluate to a spec of the running Handlebars (the entry is then compiled again).
 */
function cachedTemplate(
  internals: HandlebarsRuntimeInternals,
  code: string,
): HbTemplateDelegate | undefined {
  try {
    const spec = evaluateSpec(code);
    if (typeof spec !== 'object' || spec === null) return undefined;
    const { main, compiler } = spec as { main?: unknown; compiler?: unknown };
    if (typeof main !== 'function' || !Array.isArray(compiler)) return undefined;
    if (compiler[0] !== internals.COMPILER_REVISION) return undefined;
    return internals.template(spec);
  } catch {
    return undefined;
  }
}

function bodyOrigin({ file, bodyLine, body }: BodyOrigin): BodyOrigin {
  return { file, bodyLine, body };
}

function registerPartial(
  hb: HandlebarsEnv,
  name: string,
  source: string | PartialSource,
  compileBody: (origin: BodyOrigin) => CompiledBody,
): void {
  if (name === '') throw new TypeError('A partial name cannot be empty.');
  const origin: BodyOrigin =
    typeof source === 'string'
      ? { file: `partial "${name}"`, bodyLine: 1, body: source }
      : { file: source.file, bodyLine: source.bodyLine ?? 1, body: source.body };
  const compiled = compileBody(origin);
  // Positions inside a partial are relative to its body; wrap what it throws so that the error
  // is located in the partial's file. (The content of a {{#> partial}}…{{/partial}} block is
  // rendered from inside the partial too, so its errors are attributed to the partial.)
  const partial = (context: unknown, runtime?: object): string => {
    try {
      return compiled.delegate(context, runtime);
    } catch (error) {
      throw error instanceof PartialFailure ? error : new PartialFailure(name, compiled, error);
    }
  };
  hb.registerPartial(name, partial);
}
