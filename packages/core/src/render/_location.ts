import type { SourceLocation } from '../errors/index.js';
import type { HbPosition } from './_handlebars.js';

/** Where a Handlebars body sits in its file: a template or a partial. */
export interface BodyOrigin {
  /** Path of the file, for error locations. */
  file: string;
  /** 1-based line of the file on which the body starts. */
  bodyLine: number;
  /** The Handlebars source itself. */
  body: string;
}

// Handlebars' lexer (jison) counts `\r\n`, `\r` and `\n` each as one line break.
const lineBreak = /\r\n?|\n/;

/**
 * Turns a Handlebars position inside a body (1-based line, 0-based column) into a file location
 * (1-based line and column), leaving out what is unknown.
 */
export function locateInFile(
  origin: BodyOrigin,
  line: number | undefined,
  column?: number | undefined,
): SourceLocation {
  if (line === undefined || line < 1) return { file: origin.file };
  const location: SourceLocation = { file: origin.file, line: origin.bodyLine - 1 + line };
  if (column !== undefined && column >= 0) location.column = column + 1;
  return location;
}

/** The body text between two Handlebars positions, or `undefined` when they are out of range. */
export function sliceBody(body: string, start: HbPosition, end: HbPosition): string | undefined {
  const lines = body.split(lineBreak);
  if (start.line !== end.line) {
    // Paths never span lines; anything else is not worth reconstructing.
    return undefined;
  }
  const text = lines[start.line - 1];
  if (text === undefined || end.column > text.length || start.column >= end.column)
    return undefined;
  return text.slice(start.column, end.column);
}
