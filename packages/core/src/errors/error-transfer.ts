import { errorCatalog } from './catalog.js';
import { brandSpecforgeError, type SourceLocation, SpecforgeError } from './specforge-error.js';

/**
 * A {@link SpecforgeError} as plain data, which crosses a thread (structured clone) or a
 * process (JSON) boundary; {@link reviveSpecforgeError} turns it back into the error.
 */
export interface SpecforgeErrorData {
  /** The catalog code, e.g. `SPECFORGE_SPEC_NOT_FOUND`. */
  code: SpecforgeError['code'];
  /** The message as the error had it. */
  message: string;
  /** What to do, as the error had it. */
  hint: string;
  /** Where the problem sits, when the error said. */
  location: SourceLocation | undefined;
}

/** The fields of `error` that {@link reviveSpecforgeError} needs. */
export function specforgeErrorData(error: SpecforgeError): SpecforgeErrorData {
  return { code: error.code, message: error.message, hint: error.hint, location: error.location };
}

/**
 * The {@link SpecforgeError} that `data` describes: same code, message, hint and location, and
 * the kind the catalog gives the code. The message is taken as it is, not made again: the
 * arguments that made it stayed on the other side.
 *
 * @throws TypeError when `data.code` is not in the catalog (the data did not come from
 *   {@link specforgeErrorData} of this version).
 */
export function reviveSpecforgeError(data: SpecforgeErrorData): SpecforgeError {
  if (!Object.hasOwn(errorCatalog, data.code)) {
    throw new TypeError(`not a specforge error code: ${String(data.code)}`);
  }
  // Made without the constructor, which would format the message from arguments again.
  const error = Object.create(SpecforgeError.prototype) as SpecforgeError;
  Object.defineProperties(error, {
    message: { value: data.message, writable: true, configurable: true },
    name: { value: 'SpecforgeError', enumerable: true },
    code: { value: data.code, enumerable: true },
    hint: { value: data.hint, enumerable: true },
    location: { value: data.location, enumerable: true },
    kind: { value: errorCatalog[data.code].kind, enumerable: true },
  });
  brandSpecforgeError(error);
  Error.captureStackTrace(error, reviveSpecforgeError);
  return error;
}
