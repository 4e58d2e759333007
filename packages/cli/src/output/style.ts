import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];

/** Colour only on a terminal, never with `NO_COLOR` or a dumb terminal. */
export function colorEnabled(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
}

/** Returns a styler for `stream` that does nothing when colour is off. */
export function stylerFor(stream: NodeJS.WriteStream): (style: Style, text: string) => string {
  return colorEnabled(stream) ? (style, text) => styleText(style, text) : (_style, text) => text;
}
