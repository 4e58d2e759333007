import { isSeq, parseDocument, YAMLSeq } from 'yaml';
import { SpecforgeError } from '../errors/specforge-error.js';

/**
 * The text of a specforge config with `source` added to its `packs` list, keeping every comment
 * and the layout of the rest; `text` undefined starts a new config. A source already listed
 * leaves the text unchanged.
 *
 * @example
 * ```ts
 * addPackToConfig('name: Shop\n', './packs/acme'); // 'name: Shop\npacks:\n  - ./packs/acme\n'
 * ```
 */
export function addPackToConfig(
  text: string | undefined,
  source: string,
  file = 'specforge.config.yaml',
): string {
  const doc = parseDocument(text ?? '', { prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new SpecforgeError(
      'SPECFORGE_CONFIG_INVALID',
      { reason: doc.errors[0]!.message.split('\n')[0]! },
      { location: { file } },
    );
  }
  if (doc.contents === null) doc.contents = doc.createNode({}) as never;
  const packs = doc.get('packs', true);
  if (packs === undefined || packs === null) {
    const seq = new YAMLSeq();
    seq.items.push(doc.createNode(source));
    doc.set('packs', seq);
  } else if (isSeq(packs)) {
    if (packs.items.some((item) => String((item as { value?: unknown }).value ?? item) === source))
      return text ?? '';
    packs.items.push(doc.createNode(source));
  } else {
    throw new SpecforgeError(
      'SPECFORGE_CONFIG_INVALID',
      { reason: '"packs" must be a list of pack sources' },
      { location: { file } },
    );
  }
  return doc.toString({ lineWidth: 0 });
}
