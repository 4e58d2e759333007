import { sha256Hex } from '../text/hash.js';
import type { HbPosition } from './_handlebars.js';

/** A compiled template as a compile cache keeps it. */
export interface CompiledEntry {
  /** The template spec Handlebars' JavaScriptCompiler generated: an object literal's source. */
  code: string;
  /** Where the body calls each partial (see `listPartialCalls`). */
  partialCalls: ReadonlyMap<string, HbPosition>;
}

// The shape of an entry; a new shape gets a new number, which is part of every key.
const ENTRY_FORMAT = 1;

/** Everything the code Handlebars generates for a body depends on. */
export interface CompileInputs {
  /** The Handlebars version (`Handlebars.VERSION`). */
  handlebars: string;
  /** The revision of the template specs it generates (`Handlebars.COMPILER_REVISION`). */
  compilerRevision: number;
  /** What identifies specforge's own code generation (see `strictLookupRevision`). */
  codegen: string;
  /** The compile options, the known helpers included. */
  options: object;
  /** The template body. */
  body: string;
}

/** The key of a body's compiled form: a SHA-256 of everything the generated code depends on. */
export function compiledEntryKey(inputs: CompileInputs): string {
  const { body, ...rest } = inputs;
  return sha256Hex(`${JSON.stringify({ entry: ENTRY_FORMAT, ...rest })}\n${body}`);
}

/** The text a compile cache stores for `entry` under `key`. */
export function encodeCompiledEntry(key: string, entry: CompiledEntry): string {
  const partialCalls = [...entry.partialCalls].map(([name, at]) => [name, at.line, at.column]);
  return JSON.stringify({
    format: ENTRY_FORMAT,
    key,
    code: entry.code,
    partialCalls,
    sha256: checksum(entry.code, partialCalls),
  });
}

/**
 * The entry `text` holds, or `undefined` when it is not one written by
 * {@link encodeCompiledEntry} under `key`: unreadable JSON, another key or format, a field of
 * the wrong type, or content that does not match its checksum (a truncated or damaged file).
 */
export function decodeCompiledEntry(text: string, key: string): CompiledEntry | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { format, key: savedKey, code, partialCalls, sha256 } = data as Record<string, unknown>;
  if (format !== ENTRY_FORMAT || savedKey !== key || typeof code !== 'string') return undefined;
  if (!Array.isArray(partialCalls) || !partialCalls.every(isPartialCall)) return undefined;
  if (sha256 !== checksum(code, partialCalls)) return undefined;
  return {
    code,
    partialCalls: new Map(partialCalls.map(([name, line, column]) => [name, { line, column }])),
  };
}

function isPartialCall(value: unknown): value is [string, number, number] {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === 'string' &&
    Number.isInteger(value[1]) &&
    Number.isInteger(value[2])
  );
}

function checksum(code: string, partialCalls: readonly unknown[]): string {
  return sha256Hex(`${JSON.stringify(partialCalls)}\n${code}`);
}
