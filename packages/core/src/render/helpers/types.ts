/** The content of a block helper call (`{{#name …}}content{{else}}inverse{{/name}}`). */
export interface HelperBlock {
  /** Renders the block's content with `context` as `this`. */
  render(context: unknown): string;
  /** Renders the `{{else}}` part, or returns `''` when there is none. */
  renderInverse(context: unknown): string;
}

/**
 * One call of a helper, as specforge hands it to a helper implementation: the arguments
 * without Handlebars' options object, the named arguments, and the block when called as one.
 */
export interface HelperCall {
  /** Positional arguments, in order. */
  readonly args: readonly unknown[];
  /** Named (`key=value`) arguments. */
  readonly hash: Readonly<Record<string, unknown>>;
  /** Present when the helper is called as a block: `{{#name …}}…{{/name}}`. */
  readonly block: HelperBlock | undefined;
  /** The current context (`this`) at the call. */
  readonly context: unknown;
}

/**
 * A helper implementation: returns what the expression renders (a string) or, for helpers
 * meant as arguments of other helpers, a boolean or number. Throwing an `Error` fails the
 * render with `SPECFORGE_TEMPLATE_RENDER_FAILED` at the helper call's position.
 */
export type HelperImplementation = (call: HelperCall) => unknown;
