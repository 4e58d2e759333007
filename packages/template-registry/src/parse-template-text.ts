import {
  type ParseTemplateFileOptions,
  parseTemplateFile,
  type TemplateSource,
} from '@specforge/core';

/** What a template text parses to, whatever its file and pack: kept, never handed out. */
interface ParsedText {
  meta: TemplateSource['meta'];
  body: string;
  bodyLine: number;
}

// Bounded like the section-tree cache: a process that reads more texts than this starts over.
const maxTexts = 2_000;
const parsedTexts = new Map<string, ParsedText>();

/**
 * `parseTemplateFile` of `@specforge/core`, remembered by text. A process often loads the same
 * packs more than once (an upgrade finds the fork, resolves the registry, then writes the lock;
 * the docs site resolves every version of a pack), and parsing the YAML front matter is most of
 * the cost of loading a pack. The metadata, body and body line depend on the text alone; the
 * file and pack are only copied into the result (and into errors, which are never remembered).
 * Each call returns its own metadata, so a caller that changes it changes no other result.
 *
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_TEMPLATE_META_INVALID`, as `parseTemplateFile`.
 */
export function parseTemplateText(text: string, options: ParseTemplateFileOptions): TemplateSource {
  const known = parsedTexts.get(text);
  if (known === undefined) {
    const template = parseTemplateFile(text, options);
    if (parsedTexts.size >= maxTexts) parsedTexts.clear();
    parsedTexts.set(text, {
      meta: structuredClone(template.meta),
      body: template.body,
      bodyLine: template.bodyLine,
    });
    return template;
  }
  // The key order of parseTemplateFile's result.
  return {
    meta: structuredClone(known.meta),
    body: known.body,
    file: options.file,
    bodyLine: known.bodyLine,
    pack: { name: options.pack.name, version: options.pack.version },
  };
}
