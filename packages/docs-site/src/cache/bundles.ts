import { type BuildCache, type CacheKind, hashParts } from './build-cache.js';

/**
 * Many small items of the build cache (example plans, pages) kept as one entry, a bundle: a first
 * line of JSON with each item's key and length, then their bytes. Each item keeps its own key (a
 * `sha256` over everything it is made from), so a build takes from the last build's bundle the
 * items whose key is the same and renders the others; the bundle's own key is a `sha256` of its
 * items' keys, so the same items make the same bundle. One file of a few megabytes is written and
 * read many times faster than hundreds of small ones.
 */
export type Bundle = ReadonlyMap<string, Buffer>;

/** The key of the bundle of the items `keys`, in any order. */
export function bundleKey(kind: CacheKind, keys: Iterable<string>): string {
  return hashParts(['bundle', kind, ...[...keys].sort()]);
}

/**
 * The items of the bundle stored under `key`, or `undefined` when there is none, or it does not
 * check out (see {@link BuildCache.read}) or have the shape {@link writeBundle} writes.
 */
export function readBundle(
  cache: BuildCache,
  kind: CacheKind,
  key: string | undefined,
): Bundle | undefined {
  const entry = key === undefined ? undefined : cache.read(kind, key);
  if (!entry) return undefined;
  const { content } = entry;
  const newline = content.indexOf(10);
  if (newline < 0) return undefined;
  let index: unknown;
  try {
    index = JSON.parse(content.subarray(0, newline).toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(index)) return undefined;
  const items = new Map<string, Buffer>();
  let offset = newline + 1;
  for (const item of index) {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || !Number.isSafeInteger(item[1]))
      return undefined;
    const [itemKey, length] = item as [string, number];
    if (length < 0 || offset + length > content.length) return undefined;
    items.set(itemKey, content.subarray(offset, offset + length));
    offset += length;
  }
  return offset === content.length ? items : undefined;
}

/** Stores `items` as one bundle (see {@link Bundle}) and returns its key. */
export function writeBundle(
  cache: BuildCache,
  kind: CacheKind,
  items: ReadonlyMap<string, string | Uint8Array>,
): string {
  const keys = [...items.keys()].sort();
  const bodies = keys.map((key) => {
    const body = items.get(key)!;
    return typeof body === 'string' ? Buffer.from(body) : body;
  });
  const index = keys.map((key, at) => [key, bodies[at]!.byteLength]);
  const key = bundleKey(kind, keys);
  cache.write(kind, key, Buffer.concat([Buffer.from(`${JSON.stringify(index)}\n`), ...bodies]));
  return key;
}
