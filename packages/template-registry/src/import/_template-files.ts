import type { Diagnostic } from '@specforge/core';
import { stringify } from 'yaml';
import type { MappedTemplate } from './_template-names.js';
import { type SourceFile, splitUpstreamFrontMatter } from './_upstream-text.js';
import { countHandlebarsOpenings, escapeHandlebars } from './escape-handlebars.js';

/** A template or overlay file made from a Spec Kit file. */
export interface BuiltFile {
  content: string;
  /** How many `{{` were escaped. */
  escaped: number;
  warnings: Diagnostic[];
}

/**
 * Makes a full specforge template from a Spec Kit template's text (BOM-free, LF): specforge
 * front matter (`id`, `kind`, `description`, `output`, `inputs: {}`), then the Spec Kit text
 * with `{{` escaped. A Spec Kit front matter is taken off and its `description` put in front of
 * ours, so the file has one `---` block.
 */
export function buildTemplateFile(
  text: string,
  mapped: MappedTemplate,
  description: string,
  source: SourceFile,
): BuiltFile {
  const split = splitUpstreamFrontMatter(text, source);
  const meta = {
    id: mapped.id,
    kind: mapped.kind,
    description: joinDescriptions(split.description, description),
    output: mapped.output,
    inputs: {},
  };
  return {
    content: withFrontMatter(meta, escapeHandlebars(split.body)),
    escaped: countHandlebarsOpenings(split.body),
    warnings: split.warnings,
  };
}

/**
 * Makes a whole-file overlay from a Spec Kit preset template: front matter with `extends`, the
 * preset's `strategy` and a `description`, then the preset file's text with `{{` escaped. For
 * `replace`, a Spec Kit front matter is taken off as in {@link buildTemplateFile}; for the
 * other strategies Spec Kit composes the file's text as it stands, front matter included, so it
 * stays.
 */
export function buildOverlayFile(
  text: string,
  overlay: {
    extendsRef: string;
    strategy: 'replace' | 'prepend' | 'append' | 'wrap';
    description: string;
  },
  source: SourceFile,
): BuiltFile {
  const split =
    overlay.strategy === 'replace'
      ? splitUpstreamFrontMatter(text, source)
      : { description: undefined, body: text, warnings: [] };
  const meta = {
    extends: overlay.extendsRef,
    strategy: overlay.strategy,
    description: joinDescriptions(split.description, overlay.description),
  };
  return {
    content: withFrontMatter(meta, escapeHandlebars(split.body)),
    escaped: countHandlebarsOpenings(split.body),
    warnings: split.warnings,
  };
}

/** `Upstream description. Ours` — or ours alone. */
export function joinDescriptions(upstream: string | undefined, ours: string): string {
  const first = upstream?.trim();
  if (!first) return ours;
  return `${/[.!?]$/.test(first) ? first : `${first}.`} ${ours}`;
}

function withFrontMatter(meta: Record<string, unknown>, body: string): string {
  // No line folding: one key per line reads best and keeps `isOverlayText`'s line scan exact.
  return `---\n${stringify(meta, { lineWidth: 0 })}---\n${body}`;
}
