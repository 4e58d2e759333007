import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { isSpecforgeError } from '../errors/index.js';
import { buildTemplateInputs } from '../plan/template-inputs.js';
import type { Project } from '../project/project.js';
import { createRenderEnvironment } from '../render/index.js';
import type { Spec } from '../spec/model.js';
import { parseSpec } from '../spec/parse-spec.js';
import { fuzzParameters } from '../test-utils/fuzz.js';
import { anySpecText, lineBreak, specFragment } from '../test-utils/spec-text.js';
import { parseTemplateFile } from './parse-template-file.js';
import type { TemplateSource } from './types.js';

// Arbitrary spec text through every template of the built-in pack, as `specforge plan` renders
// it (the spec's text as SPECIFICATION, its model as `spec`). The templates that quote the spec
// must hold it verbatim in one code block that nothing in the spec can close; every template
// must keep its own headings whatever the spec says.

const packDir = new URL('../../../../templates/speckit/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', packDir), 'utf8')) as {
  version: string;
  specforge: { templates: Record<string, string> };
};
const templates: TemplateSource[] = Object.values(manifest.specforge.templates).map((file) =>
  parseTemplateFile(readFileSync(new URL(file, packDir), 'utf8'), {
    file: `templates/speckit/${file}`,
    pack: { name: 'speckit', version: manifest.version },
  }),
);
/** The templates that quote the whole spec in a code block. */
const quoting = templates.filter((template) => template.body.includes('{{fence SPECIFICATION}}'));

const environment = createRenderEnvironment();
const md = new MarkdownIt();
const project: Project = {
  name: 'shop',
  root: '/repo',
  configFile: undefined,
  config: { vars: {}, plan: {}, spec: {}, tasks: {}, packs: [] },
};
const now = new Date('2026-02-03T10:00:00Z');

/** The spec model, or undefined when the front matter is invalid (the one coded error). */
function parseOrFrontMatterError(text: string): Spec | undefined {
  try {
    return parseSpec(text, { file: 'specs/001-x/spec.md' });
  } catch (error) {
    if (isSpecforgeError(error, 'SPECFORGE_FRONT_MATTER_INVALID')) return undefined;
    throw error;
  }
}

function renderSpec(template: TemplateSource, text: string, spec: Spec): string {
  return environment.render(
    template,
    buildTemplateInputs({ specText: text, spec, project, template, now }),
  );
}

/** A fence token's content for `text`, as markdown-it reports it (line breaks and NUL normalised). */
function fenceContent(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
  return normalized.endsWith('\n') ? normalized : `${normalized}\n`;
}

function longestRun(text: string, char: '`' | '~'): number {
  let longest = 0;
  for (const run of text.match(char === '`' ? /`+/g : /~+/g) ?? []) {
    longest = Math.max(longest, run.length);
  }
  return longest;
}

/** The headings markdown-it finds, as `level text`, in order. */
function headings(tokens: ReturnType<MarkdownIt['parse']>): string[] {
  return tokens.flatMap((token, i) =>
    token.type === 'heading_open' ? [`${token.tag} ${tokens[i + 1]?.content ?? ''}`] : [],
  );
}

/**
 * The ATX heading lines of `output` that markdown-it does not read as headings, except lines
 * the spec itself has: those are the spec's text, which markdown-it may read as something else
 * in the spec too (e.g. a table header when a `|---|` row follows).
 */
function lostHeadingLines(output: string, specText: string): string[] {
  const tokens = md.parse(output, {});
  const found = new Set(tokens.flatMap((t) => (t.type === 'heading_open' ? [t.map![0]] : [])));
  const inFence = tokens.flatMap((t) => (t.type === 'fence' || t.type === 'code_block' ? [t] : []));
  const specLines = new Set(specText.split(/\r\n?|\n/).map((line) => line.trim()));
  return output.split(/\r\n?|\n/).flatMap((line, i) => {
    if (!/^#{1,6}(?: |$)/.test(line) || found.has(i) || specLines.has(line.trim())) return [];
    // Headings quoted inside a code block the template meant to write are not lost.
    if (inFence.some((t) => i >= t.map![0] && i < t.map![1])) return [];
    return [`${i + 1}: ${line}`];
  });
}

// Spec text whose blocks all close before the text ends: fences and comments come whole, so an
// extractor can never hand a template half of one. (A list item holding an unclosed fence is a
// known way to break the drafts; see the issue note on draft templates.)
const closedFragment = fc.oneof(
  { weight: 6, arbitrary: specFragment.filter((f) => !/^(?:```|~~~|<!--|-->)$/.test(f)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '```\n# not a heading\n```',
      '~~~text\ncode | pipe\n~~~',
      '<!-- a comment -->',
      '- a list item with `code` and a | pipe',
      '- **FR-002**: System MUST keep | pipes and <b>tags</b> and {{braces}}',
      '### User Story 3 - `Ticks` and | pipes (Priority: P2)',
      '**Feature Branch**: `042-x` | more',
    ),
  },
);
const closedSpecText = fc
  .array(fc.tuple(closedFragment, lineBreak), { maxLength: 40 })
  .map((parts) => parts.map(([text, br]) => text + br).join(''));

describe('rendering spec text through the built-in templates', () => {
  it('finds the templates, and the plan among those that quote the spec', () => {
    expect(templates.map((t) => t.meta.id).sort()).toEqual(
      ['checklist', 'plan', 'plan-draft', 'spec', 'tasks', 'tasks-draft'].sort(),
    );
    expect(quoting.map((t) => t.meta.id)).toContain('plan');
  });

  it.each(quoting.map((t) => [t.meta.id, t] as const))(
    'quotes any spec verbatim in exactly one code block that the spec cannot close (%s)',
    (_id, template) => {
      const reference = md.parse(renderSpec(template, 'x\n', parseSpec('x\n')), {});
      const referenceFences = reference.filter((t) => t.type === 'fence').length;
      fc.assert(
        fc.property(anySpecText, (text) => {
          const spec = parseOrFrontMatterError(text);
          if (!spec) return;
          const output = renderSpec(template, text, spec);
          expect(output.includes(text)).toBe(true);
          const tokens = md.parse(output, {});
          const fences = tokens.filter((t) => t.type === 'fence');
          const quoted = fences.filter((t) => t.content === fenceContent(text));
          // One fence holds the spec, and the template's other blocks are all still there.
          expect(quoted).toHaveLength(1);
          expect(fences).toHaveLength(referenceFences);
          const fence = quoted[0]!;
          expect(fence.markup).toMatch(/^`{3,}$/);
          expect(fence.markup.length).toBeGreaterThan(longestRun(text, '`'));
          expect(headings(tokens)).toEqual(headings(reference));
        }),
        fuzzParameters(200),
      );
    },
  );

  it.each(templates.map((t) => [t.meta.id, t] as const))(
    'renders any spec the same way twice, throwing nothing (%s)',
    (_id, template) => {
      fc.assert(
        fc.property(anySpecText, (text) => {
          const spec = parseOrFrontMatterError(text);
          if (!spec) return;
          expect(renderSpec(template, text, spec)).toBe(renderSpec(template, text, spec));
        }),
        fuzzParameters(60),
      );
    },
  );

  it.each(templates.map((t) => [t.meta.id, t] as const))(
    'keeps every heading it writes a heading when the spec’s blocks are closed (%s)',
    (_id, template) => {
      fc.assert(
        fc.property(closedSpecText, (text) => {
          const spec = parseOrFrontMatterError(text);
          if (!spec) return;
          expect(lostHeadingLines(renderSpec(template, text, spec), text)).toEqual([]);
        }),
        fuzzParameters(60),
      );
    },
  );

  it('gives the coded front-matter error, not a render, when the front matter is invalid YAML', () => {
    const text = '---\ntitle: [unclosed\n---\n# Spec\n';
    expect(() => parseSpec(text)).toThrow(
      expect.objectContaining({ code: 'SPECFORGE_FRONT_MATTER_INVALID' }),
    );
  });
});
